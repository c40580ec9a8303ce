# One INTERFACE target carries the project's warning flags; targets opt in by linking it.
add_library(ittsim_warnings INTERFACE)
add_library(ittsim::warnings ALIAS ittsim_warnings)
target_compile_options(ittsim_warnings INTERFACE
  $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
    -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual>
  $<$<AND:$<BOOL:${ITTSIM_WARNINGS_AS_ERRORS}>,$<CXX_COMPILER_ID:GNU,Clang>>:-Werror>)
