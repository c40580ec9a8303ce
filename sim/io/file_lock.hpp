#pragma once
// A process's exclusive hold on a lock file (flock), used where a folder or a part of one
// belongs to one process at a time: a run's checkpoint folder, a sweep's point.

#include <filesystem>
#include <optional>
#include <utility>

namespace ittsim {

class FileLock {
 public:
  // Takes the lock at path, creating the file; nullopt while another process holds it. On a
  // file system without locks (ENOLCK, ENOSYS, EOPNOTSUPP) the hold is empty and excludes
  // nobody. Throws OutputError if the file cannot be created.
  static std::optional<FileLock> try_acquire(const std::filesystem::path& path);

  FileLock(FileLock&& other) noexcept
      : path_(std::exchange(other.path_, {})), descriptor_(std::exchange(other.descriptor_, -1)) {}
  FileLock& operator=(FileLock&&) = delete;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  // Removes the file, then lets go: a process that opened it meanwhile finds, once it holds
  // the lock, that the name no longer leads to its file, and tries again.
  ~FileLock();

 private:
  FileLock(std::filesystem::path path, int descriptor) : path_(std::move(path)), descriptor_(descriptor) {}
  std::filesystem::path path_;
  int descriptor_ = -1;
};

}  // namespace ittsim
