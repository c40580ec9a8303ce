#pragma once
// A thin C++ layer over the HDF5 C API: owned handles that close themselves, and every
// failing call turned into an OutputError that says what was being done and what HDF5
// reported. This header does not include hdf5.h; hdf5_file.cpp is the only file that does.
// HDF5 is not thread-safe in Debian's serial build: use these objects from one thread.

#include "sim/core/errors.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace ittsim::h5 {

// An HDF5 identifier that is closed, with the right H5*close, when its owner goes away.
class Handle {
 public:
  Handle() noexcept = default;
  explicit Handle(std::int64_t id) noexcept : id_(id) {}
  Handle(Handle&& other) noexcept : id_(other.id_) { other.id_ = -1; }
  Handle& operator=(Handle&& other) noexcept;
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle();

  std::int64_t id() const noexcept { return id_; }
  bool valid() const noexcept { return id_ >= 0; }
  void close();  // throws OutputError if HDF5 reports a failure

 private:
  std::int64_t id_ = -1;
};

enum class ElementType { int64, float64, other };

// What an int64 array holds where nothing was written: no count or year can take this value.
inline constexpr std::int64_t missing_int64 = INT64_MIN;

// Attribute reading and writing, shared by files' root groups, groups and datasets.
class Object {
 public:
  void write_attribute(const std::string& name, const std::string& value);
  void write_attribute(const std::string& name, std::int64_t value);
  void write_attribute(const std::string& name, double value);
  bool has_attribute(const std::string& name) const;
  std::string read_string_attribute(const std::string& name) const;
  std::int64_t read_int_attribute(const std::string& name) const;
  double read_double_attribute(const std::string& name) const;
  std::vector<std::string> attribute_names() const;
  // Copies every attribute of source (strings, integers and doubles) onto this object.
  void copy_attributes_from(const Object& source);

  std::int64_t id() const noexcept { return handle_.id(); }
  const std::string& path() const noexcept { return path_; }
  // Closes the object now, reporting a failure (such as a dataset's cached chunks that cannot
  // be written), which closing on destruction cannot.
  void close();

 protected:
  Object(Handle handle, std::string path) : handle_(std::move(handle)), path_(std::move(path)) {}
  // Reads every attribute of source as copy_attributes_from does, writing each onto destination
  // where there is one.
  static void copy_attributes(const Object& source, Object* destination);
  Handle handle_;
  std::string path_;  // for messages: "file.h5:/replicate_0000/yearly"
};

// A series that grows by appending rows: extendible, chunked and compressed. A dataset of
// width 0 is one-dimensional; one of width k has k columns, and values come k per row.
class Dataset : public Object {
 public:
  void append(std::span<const std::int64_t> values);
  void append(std::span<const double> values);
  std::size_t size() const;  // rows
  std::size_t width() const;  // 0 for a one-dimensional dataset
  ElementType element_type() const;
  // Every element, in row-major order, whatever the rank; int64 data converted to double.
  std::vector<double> read_doubles() const;
  std::vector<std::int64_t> read_int64s() const;
  std::vector<std::size_t> dims() const;  // the shape, any rank
  std::size_t element_count() const;

  // Writes the block at leading index `at` of a fixed-shape dataset: e.g. at = {p, r} of a
  // dataset of shape {P, R, years} writes years values. values must fill the block exactly.
  void write_block(std::span<const std::size_t> at, std::span<const std::int64_t> values);
  void write_block(std::span<const std::size_t> at, std::span<const double> values);

 private:
  friend class Group;
  using Object::Object;
  void append_raw(const void* values, std::size_t count, ElementType type);
  void write_block_raw(std::span<const std::size_t> at, const void* values, std::size_t count, ElementType type);
};

class Group : public Object {
 public:
  Group create_group(const std::string& name);
  Group open_group(const std::string& name) const;
  bool has_child(const std::string& name) const;
  bool has_group(const std::string& name) const;  // a child that is a group, not a dataset
  std::vector<std::string> child_names() const;  // in name order
  Dataset create_series(const std::string& name, ElementType type, std::size_t chunk, std::size_t width = 0);
  Dataset open_dataset(const std::string& name) const;
  // A dataset of fixed shape, chunked as given and compressed (deflate level 0 ... 9), whose
  // unwritten elements read as missing: NaN for float64, missing_int64 for int64.
  Dataset create_array(const std::string& name, ElementType type, const std::vector<std::size_t>& shape,
                       const std::vector<std::size_t>& chunk, int deflate_level = 4);
  // A one-dimensional dataset of variable-length UTF-8 strings.
  void write_strings(const std::string& name, const std::vector<std::string>& values);
  std::vector<std::string> read_strings(const std::string& name) const;
  // Reads every dataset under this group, to check that the file reads back as written.
  void read_every_dataset() const;
  // Copies source's child `name` (a group with everything under it, or a dataset, with their
  // attributes and storage settings) into this group under the same name; the files may differ.
  void copy_child_from(const Group& source, const std::string& name);
  // Reads this group's attributes and everything under it as copy_child_from reads what it
  // copies (attributes by type, chunks as stored), writing nothing: a command that will copy
  // from an input does this inside read_input, so that the copy meets no damage unrehearsed.
  void read_as_copied() const;

 private:
  friend class File;
  using Object::Object;
  // Copies source's child `name` under destination, or, with no destination, only reads it.
  static void copy_object(const Group& source, const std::string& name, Group* destination, const std::string& what);
};

class File {
 public:
  static File create(const std::filesystem::path& path);  // truncates an existing file
  // Fails if path exists: a file that another process may be writing is never truncated.
  static File create_new(const std::filesystem::path& path);
  static File open_read_only(const std::filesystem::path& path);
  static File open_read_write(const std::filesystem::path& path);

  Group& root() noexcept { return root_; }
  const Group& root() const noexcept { return root_; }
  // Closes the root group and the file, reporting any failure (a destructor cannot).
  void close();

 private:
  File(Handle file, Group root) : file_(std::move(file)), root_(std::move(root)) {}
  static File create(const std::filesystem::path& path, bool exclusive);
  static File open(const std::filesystem::path& path, bool writable);
  Handle file_;
  Group root_;
};

// Runs read in a child process, where HDF5 1.10's crashes, endless loops and unbounded
// allocations on some damaged files harm nothing, and throws OutputError if it did any of
// those (or overran its time or memory). read's own errors are left to the caller's read.
void rehearse_read(const std::filesystem::path& path, const std::function<void()>& read);

// Runs read, which reads the file at path, a command's input: first in a child process
// (rehearse_read), so that a damaged file that would crash or hang HDF5 is refused instead;
// then here. HDF5's failures to read it (OutputError) are then bad input, InputError, naming
// the file as what (e.g. "an ittsim output file") it is not. All of a command's reading of
// its input happens inside read, so the child opens exactly what the command will; read
// only reads (what it changes in the child is lost).
template <typename Read>
auto read_input(const std::filesystem::path& path, const std::string& what, Read&& read) {
  try {
    rehearse_read(path, [&] { static_cast<void>(read()); });
    return read();
  } catch (const OutputError& error) {
    throw InputError(path.string() + ": not a readable " + what + ": " + error.what());
  }
}

}  // namespace ittsim::h5
