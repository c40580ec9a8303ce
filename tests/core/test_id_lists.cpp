// The checks of id lists are assertions, active in debug builds only: this file turns them on
// whatever the build, so that a missing id is seen to stop the program in every build.
#undef NDEBUG

#include "sim/core/id_lists.hpp"

#include <catch2/catch.hpp>

#include <csignal>
#include <cstdio>
#include <cstdint>
#include <sys/wait.h>
#include <unistd.h>

using namespace ittsim;

namespace {

// Runs body in a child process, quiet and without Catch's signal handlers: how it ended, as
// waitpid reports it.
template <typename Body>
int status_of_child(Body body) {
  const pid_t pid = fork();
  if (pid == 0) {
    std::signal(SIGABRT, SIG_DFL);
    std::signal(SIGSEGV, SIG_DFL);
    (void)std::freopen("/dev/null", "w", stderr);
    body();
    _exit(0);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return status;
}

}  // namespace

TEST_CASE("an id in its list is found and erased once", "[core]") {
  std::vector<std::uint16_t> list{4, 7, 9, 7};
  CHECK(position_of(list, std::uint16_t{9}) - list.begin() == 2);
  erase_present(list, std::uint16_t{7});
  CHECK(list == std::vector<std::uint16_t>{4, 9, 7});
}

TEST_CASE("an id missing from its list stops a debug build", "[core]") {
  // In the child, without the check, erase(end()) would run on: it must abort instead.
  const int erased = status_of_child([] {
    std::vector<std::uint16_t> list{4, 7};
    erase_present(list, std::uint16_t{5});
  });
  CHECK(WIFSIGNALED(erased));
  CHECK((WIFSIGNALED(erased) && WTERMSIG(erased) == SIGABRT));
  const int found = status_of_child([] {
    std::vector<std::uint16_t> list;
    (void)position_of(list, std::uint16_t{5});
  });
  CHECK((WIFSIGNALED(found) && WTERMSIG(found) == SIGABRT));
}
