#include "sim/io/file_lock.hpp"

#include "sim/core/errors.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace ittsim {

std::optional<FileLock> FileLock::try_acquire(const std::filesystem::path& path) {
  while (true) {
    const int descriptor = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (descriptor < 0) throw OutputError(fmt::format("cannot create {}: {}", path.string(), std::strerror(errno)));
    if (::flock(descriptor, LOCK_EX | LOCK_NB) != 0) {
      const int error = errno;
      ::close(descriptor);
      if (error == EWOULDBLOCK) return std::nullopt;
      if (error == ENOLCK || error == ENOSYS || error == EOPNOTSUPP) return FileLock(path, -1);
      throw OutputError(fmt::format("cannot lock {}: {}", path.string(), std::strerror(error)));
    }
    struct stat held {};
    struct stat named {};
    if (::fstat(descriptor, &held) == 0 && ::stat(path.c_str(), &named) == 0 && held.st_dev == named.st_dev &&
        held.st_ino == named.st_ino) {
      return FileLock(path, descriptor);
    }
    ::close(descriptor);  // its holder removed it as it let go
  }
}

FileLock::~FileLock() {
  if (!path_.empty()) ::unlink(path_.c_str());
  if (descriptor_ >= 0) ::close(descriptor_);
}

}  // namespace ittsim
