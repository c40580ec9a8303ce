# One INTERFACE target carries the project's warning flags (and, with ITTSIM_SANITIZE or
# ITTSIM_TSAN, the sanitizers); targets opt in by linking it.
add_library(ittsim_warnings INTERFACE)
add_library(ittsim::warnings ALIAS ittsim_warnings)
target_compile_options(ittsim_warnings INTERFACE
  $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
    -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual>
  $<$<AND:$<BOOL:${ITTSIM_WARNINGS_AS_ERRORS}>,$<CXX_COMPILER_ID:GNU,Clang>>:-Werror>)

if(ITTSIM_SANITIZE)
  # GCC's flow analysis under the sanitizers reports uninitialised values inside the
  # standard library's std::regex (used by Catch2) that are not there.
  # Undefined behaviour aborts rather than printing and going on, so that a test fails on it.
  target_compile_options(ittsim_warnings INTERFACE -fsanitize=address,undefined -fno-sanitize-recover=all
    -fno-omit-frame-pointer $<$<CXX_COMPILER_ID:GNU>:-Wno-maybe-uninitialized>)
  target_link_options(ittsim_warnings INTERFACE -fsanitize=address,undefined -fno-sanitize-recover=all)
endif()
if(ITTSIM_TSAN)
  if(ITTSIM_SANITIZE)
    message(FATAL_ERROR "ITTSIM_TSAN and ITTSIM_SANITIZE cannot be combined: use two build folders")
  endif()
  target_compile_options(ittsim_warnings INTERFACE -fsanitize=thread -fno-omit-frame-pointer
    $<$<CXX_COMPILER_ID:GNU>:-Wno-maybe-uninitialized>)
  target_link_options(ittsim_warnings INTERFACE -fsanitize=thread)
endif()
