# Records the git commit in a generated header at build time, so that every output file
# names the code that wrote it. Outside a git checkout the commit is "unknown".
set(ITTSIM_GENERATED_DIR ${PROJECT_BINARY_DIR}/generated)
add_custom_target(ittsim_git_version
  COMMAND ${CMAKE_COMMAND}
    -DSOURCE_DIR=${PROJECT_SOURCE_DIR}
    -DOUTPUT=${ITTSIM_GENERATED_DIR}/ittsim/build_info.hpp
    -DVERSION=${PROJECT_VERSION}
    -P ${PROJECT_SOURCE_DIR}/cmake/WriteBuildInfo.cmake
  BYPRODUCTS ${ITTSIM_GENERATED_DIR}/ittsim/build_info.hpp
  COMMENT "Recording git commit"
  VERBATIM)
