#include "sim/io/hdf5_file.hpp"

#include "sim/core/errors.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <hdf5.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <array>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstddef>
#include <cstring>
#include <thread>
#include <limits>
#include <optional>
#include <string_view>
#include <system_error>
#include <vector>

// Present only in sanitizer builds: a fuzzer's handler for a sanitizer's report, which a
// child reading a damaged file must not run (it would save the input as a finding).
extern "C" void __sanitizer_set_death_callback(void (*callback)()) __attribute__((weak));

namespace ittsim::h5 {
namespace {

// Collects the descriptions on HDF5's error stack, outermost first.
herr_t collect_error(unsigned, const H5E_error2_t* error, void* data) {
  static_cast<std::vector<std::string>*>(data)->emplace_back(error->desc != nullptr ? error->desc : "unknown error");
  return 0;
}

// One line: what failed at the top of HDF5's stack and, where the system said why (a full
// disk, a missing folder), its reason; the rest of the stack is HDF5's internals.
std::string error_stack() {
  std::vector<std::string> descriptions;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, collect_error, &descriptions);
  H5Eclear2(H5E_DEFAULT);
  if (descriptions.empty()) return "no detail from HDF5";
  std::string text = descriptions.front();
  for (const auto& description : descriptions) {
    const auto start = description.find("error message = '");
    if (start == std::string::npos) continue;
    const auto from = start + std::string_view("error message = '").size();
    text += fmt::format(" ({})", description.substr(from, description.find('\'', from) - from));
    break;
  }
  return text;
}

template <typename Id>
Id check(Id result, const std::string& what) {
  if (result < 0) throw OutputError(fmt::format("HDF5 error while {}: {}", what, error_stack()));
  return result;
}

// Once, before any other HDF5 call. Messages come from our exceptions, not from HDF5
// printing its stack to stderr. And HDF5's exit handler is switched off: it closes the files
// still open at exit, and a file whose close failed (a full disk) is left half-closed, which
// HDF5 1.10 crashes on closing again. Every file here is closed explicitly, or abandoned as
// a .part file that is then deleted, so the handler has nothing to do.
void initialise_library() {
  static const bool initialised = [] {
    H5dont_atexit();
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    return true;
  }();
  (void)initialised;
}

hid_t native_type(ElementType type) {
  return type == ElementType::int64 ? H5T_NATIVE_INT64 : H5T_NATIVE_DOUBLE;
}

Handle string_type() {
  Handle type(check(H5Tcopy(H5T_C_S1), "making a string type"));
  check(H5Tset_size(type.id(), H5T_VARIABLE), "making a string type");
  check(H5Tset_cset(type.id(), H5T_CSET_UTF8), "making a string type");
  return type;
}

// Property lists without modification times, so that identical runs give identical files.
Handle untimed_creation_list(hid_t list_class) {
  Handle list(check(H5Pcreate(list_class), "creating a property list"));
  check(H5Pset_obj_track_times(list.id(), false), "disabling object times");
  return list;
}

Handle open_attribute(const Object& object, const std::string& name) {
  return Handle(check(H5Aopen(object.id(), name.c_str(), H5P_DEFAULT),
                      fmt::format("opening attribute '{}' of {}", name, object.path())));
}

// An attribute read into one value must hold one: HDF5 writes as many as it holds.
Handle open_single_attribute(const Object& object, const std::string& name) {
  Handle attribute = open_attribute(object, name);
  const std::string what = fmt::format("reading attribute '{}' of {}", name, object.path());
  const Handle space(check(H5Aget_space(attribute.id()), what));
  if (check(H5Sget_simple_extent_npoints(space.id()), what) != 1) throw OutputError(what + ": expected a single value");
  return attribute;
}

void write_scalar_attribute(const Object& object, const std::string& name, hid_t type, const void* value) {
  const std::string what = fmt::format("writing attribute '{}' of {}", name, object.path());
  if (H5Aexists(object.id(), name.c_str()) > 0) check(H5Adelete(object.id(), name.c_str()), what);
  Handle space(check(H5Screate(H5S_SCALAR), what));
  Handle attribute(check(H5Acreate2(object.id(), name.c_str(), type, space.id(), H5P_DEFAULT, H5P_DEFAULT), what));
  check(H5Awrite(attribute.id(), type, value), what);
  attribute.close();
}

// The bytes reading a dataset of `points` elements of `element_size` bytes would take, refused
// when the file cannot hold them: deflate compresses at most about 1,032 to 1, so a dataset
// claiming far more than its stored bytes (a damaged dataspace) would otherwise have memory
// allocated for it before HDF5 found the data missing.
std::size_t plausible_bytes(hid_t dataset, std::size_t points, std::size_t element_size, const std::string& what) {
  constexpr std::uint64_t most_per_stored_byte = 1100;
  constexpr std::uint64_t slack = std::uint64_t{1} << 20;  // small and compact datasets
  const std::uint64_t stored = H5Dget_storage_size(dataset);
  if (element_size != 0 && points > (std::numeric_limits<std::uint64_t>::max() / most_per_stored_byte) / element_size) {
    throw OutputError(fmt::format("{}: the dataset claims {} elements: damaged", what, points));
  }
  const std::uint64_t bytes = std::uint64_t{points} * element_size;
  if (bytes > stored * most_per_stored_byte + slack) {
    throw OutputError(fmt::format("{}: the dataset claims {} bytes but stores {}: damaged", what, bytes, stored));
  }
  return static_cast<std::size_t>(bytes);
}

// A dataset's values as stored, in one buffer: for copying or checking them whatever their
// type. Variable-length values (strings) are HDF5's allocations, released with the buffer.
class StoredValues {
 public:
  StoredValues(hid_t dataset, const std::string& what)
      : type_(check(H5Dget_type(dataset), what)), space_(check(H5Dget_space(dataset), what)) {
    const auto points = static_cast<std::size_t>(check(H5Sget_simple_extent_npoints(space_.id()), what));
    bytes_.resize(plausible_bytes(dataset, points, H5Tget_size(type_.id()), what));
    if (bytes_.empty()) return;
    check(H5Dread(dataset, type_.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, bytes_.data()), what);
    variable_ = H5Tis_variable_str(type_.id()) > 0 || H5Tdetect_class(type_.id(), H5T_VLEN) > 0;
  }
  StoredValues(const StoredValues&) = delete;
  StoredValues& operator=(const StoredValues&) = delete;
  ~StoredValues() {
    if (variable_) H5Dvlen_reclaim(type_.id(), space_.id(), H5P_DEFAULT, bytes_.data());
  }

  hid_t type() const { return type_.id(); }
  hid_t space() const { return space_.id(); }
  bool empty() const { return bytes_.empty(); }
  const void* data() const { return bytes_.data(); }

 private:
  Handle type_;
  Handle space_;
  std::vector<std::byte> bytes_;
  bool variable_ = false;
};

// HDF5 1.10 reads a global heap collection (where variable-length strings live) in a loop
// that never ends when an object of index 0 (the collection's free space) has size 0: a
// damaged file then hangs any read of its strings. Every collection in the file ("GCOL",
// version 1, as the file format specification lays it out with 8-byte lengths) is walked
// here as HDF5 would walk it, and such a file is refused before HDF5 sees it. Returns the
// offset of the first collection that would hang, or -1.
std::int64_t looping_global_heap(const std::filesystem::path& path) {
  const int descriptor = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (descriptor < 0) return -1;  // HDF5's own open reports why
  const auto length = static_cast<std::size_t>(std::max<off_t>(lseek(descriptor, 0, SEEK_END), 0));
  void* mapped = length > 0 ? mmap(nullptr, length, PROT_READ, MAP_PRIVATE, descriptor, 0) : MAP_FAILED;
  ::close(descriptor);
  if (mapped == MAP_FAILED) return -1;
  const auto* bytes = static_cast<const unsigned char*>(mapped);
  const auto read_le = [&](std::size_t at, std::size_t width) {
    std::uint64_t value = 0;
    for (std::size_t k = width; k-- > 0;) value = (value << 8U) | bytes[at + k];
    return value;
  };
  constexpr std::size_t header = 16;         // signature, version, reserved, collection size
  constexpr std::size_t object_header = 16;  // index, references, reserved, object size
  std::int64_t looping = -1;
  for (const auto* found = static_cast<const unsigned char*>(memmem(bytes, length, "GCOL", 4)); found != nullptr && looping < 0;
       found = static_cast<const unsigned char*>(memmem(found + 1, length - static_cast<std::size_t>(found + 1 - bytes), "GCOL", 4))) {
    const auto start = static_cast<std::size_t>(found - bytes);
    if (start + header > length || bytes[start + 4] != 1) continue;
    const std::uint64_t size = read_le(start + 8, 8);
    const std::size_t end = start + static_cast<std::size_t>(std::min<std::uint64_t>(size, length - start));
    for (std::size_t object = start + header; object + object_header <= end;) {
      const auto index = read_le(object, 2);
      const auto object_size = read_le(object + 8, 8);
      if (index == 0 && object_size == 0) {
        looping = static_cast<std::int64_t>(start);
        break;
      }
      const std::uint64_t step = index > 0 ? object_header + (object_size + 7) / 8 * 8 : object_size;
      if (step > end - object) break;  // past the collection: HDF5 stops too
      object += static_cast<std::size_t>(step);
    }
  }
  munmap(mapped, length);
  return looping;
}

}  // namespace

Handle& Handle::operator=(Handle&& other) noexcept {
  if (this != &other) {
    try {
      close();
    } catch (const OutputError&) {
      // A failed close while replacing a handle has nowhere to go; the file is abandoned anyway.
    }
    id_ = other.id_;
    other.id_ = -1;
  }
  return *this;
}

Handle::~Handle() {
  try {
    close();
  } catch (const OutputError&) {
    // Destructors run while unwinding from another error, which is the one worth reporting.
  }
}

void Handle::close() {
  if (id_ < 0) return;
  const hid_t id = id_;
  id_ = -1;
  herr_t status = 0;
  switch (H5Iget_type(id)) {
    case H5I_FILE: status = H5Fclose(id); break;
    case H5I_GROUP: status = H5Gclose(id); break;
    case H5I_DATASET: status = H5Dclose(id); break;
    case H5I_ATTR: status = H5Aclose(id); break;
    case H5I_DATATYPE: status = H5Tclose(id); break;
    case H5I_DATASPACE: status = H5Sclose(id); break;
    case H5I_GENPROP_LST: status = H5Pclose(id); break;
    default: status = H5Idec_ref(id); break;
  }
  check(status, "closing an HDF5 object");
}

void Object::close() {
  try {
    handle_.close();
  } catch (const OutputError& error) {
    throw OutputError(fmt::format("{}, closing {}", error.what(), path_));
  }
}

void Object::write_attribute(const std::string& name, const std::string& value) {
  const Handle type = string_type();
  const char* text = value.c_str();
  write_scalar_attribute(*this, name, type.id(), &text);
}

void Object::write_attribute(const std::string& name, std::int64_t value) {
  write_scalar_attribute(*this, name, H5T_NATIVE_INT64, &value);
}

void Object::write_attribute(const std::string& name, double value) {
  write_scalar_attribute(*this, name, H5T_NATIVE_DOUBLE, &value);
}

bool Object::has_attribute(const std::string& name) const {
  return check(H5Aexists(id(), name.c_str()), fmt::format("looking for attribute '{}' of {}", name, path_)) > 0;
}

std::string Object::read_string_attribute(const std::string& name) const {
  const std::string what = fmt::format("reading string attribute '{}' of {}", name, path_);
  Handle attribute = open_single_attribute(*this, name);
  Handle stored_type(check(H5Aget_type(attribute.id()), what));
  if (H5Tget_class(stored_type.id()) != H5T_STRING) throw OutputError(what + ": it is not a string");
  if (H5Tis_variable_str(stored_type.id()) > 0) {
    const Handle type = string_type();
    char* text = nullptr;
    check(H5Aread(attribute.id(), type.id(), &text), what);
    std::string value = text != nullptr ? text : "";
    H5free_memory(text);
    return value;
  }
  const std::size_t size = H5Tget_size(stored_type.id());
  std::string value(size, '\0');
  check(H5Aread(attribute.id(), stored_type.id(), value.data()), what);
  return value.substr(0, value.find('\0'));
}

std::int64_t Object::read_int_attribute(const std::string& name) const {
  Handle attribute = open_single_attribute(*this, name);
  std::int64_t value = 0;
  check(H5Aread(attribute.id(), H5T_NATIVE_INT64, &value), fmt::format("reading attribute '{}' of {}", name, path_));
  return value;
}

double Object::read_double_attribute(const std::string& name) const {
  Handle attribute = open_single_attribute(*this, name);
  double value = 0;
  check(H5Aread(attribute.id(), H5T_NATIVE_DOUBLE, &value), fmt::format("reading attribute '{}' of {}", name, path_));
  return value;
}

std::vector<std::string> Object::attribute_names() const {
  std::vector<std::string> names;
  H5O_info_t info;
  check(H5Oget_info2(id(), &info, H5O_INFO_NUM_ATTRS), fmt::format("listing attributes of {}", path_));
  for (hsize_t index = 0; index < info.num_attrs; ++index) {
    const ssize_t length = check(H5Aget_name_by_idx(id(), ".", H5_INDEX_NAME, H5_ITER_INC, index, nullptr, 0, H5P_DEFAULT),
                                 fmt::format("listing attributes of {}", path_));
    std::string name(static_cast<std::size_t>(length) + 1, '\0');
    check(H5Aget_name_by_idx(id(), ".", H5_INDEX_NAME, H5_ITER_INC, index, name.data(), name.size(), H5P_DEFAULT),
          fmt::format("listing attributes of {}", path_));
    name.resize(static_cast<std::size_t>(length));
    names.push_back(name);
  }
  return names;
}

void Object::copy_attributes_from(const Object& source) { copy_attributes(source, this); }

void Object::copy_attributes(const Object& source, Object* destination) {
  for (const auto& name : source.attribute_names()) {
    const std::string what = fmt::format("copying attribute '{}' of {}", name, source.path());
    Handle attribute = open_attribute(source, name);
    Handle type(check(H5Aget_type(attribute.id()), what));
    switch (H5Tget_class(type.id())) {
      case H5T_STRING: {
        const auto value = source.read_string_attribute(name);
        if (destination != nullptr) destination->write_attribute(name, value);
        break;
      }
      case H5T_INTEGER: {
        const auto value = source.read_int_attribute(name);
        if (destination != nullptr) destination->write_attribute(name, value);
        break;
      }
      case H5T_FLOAT: {
        const auto value = source.read_double_attribute(name);
        if (destination != nullptr) destination->write_attribute(name, value);
        break;
      }
      default: throw OutputError(what + ": not a string or a number");
    }
  }
}

void Dataset::append_raw(const void* values, std::size_t count, ElementType type) {
  if (count == 0) return;
  const std::string what = fmt::format("appending {} values to {}", count, path_);
  if (element_type() != type) throw OutputError(what + ": element type differs from the dataset's");
  const std::size_t columns = width();
  if (columns > 0 && count % columns != 0) throw OutputError(fmt::format("{}: not a whole number of rows of {}", what, columns));
  const int rank = columns > 0 ? 2 : 1;
  const hsize_t rows = columns > 0 ? count / columns : count;
  const std::array<hsize_t, 2> new_size{size() + rows, columns};
  const std::array<hsize_t, 2> start{size(), 0};
  const std::array<hsize_t, 2> length{rows, columns};
  check(H5Dset_extent(id(), new_size.data()), what);
  Handle file_space(check(H5Dget_space(id()), what));
  check(H5Sselect_hyperslab(file_space.id(), H5S_SELECT_SET, start.data(), nullptr, length.data(), nullptr), what);
  Handle memory_space(check(H5Screate_simple(rank, length.data(), nullptr), what));
  check(H5Dwrite(id(), native_type(type), memory_space.id(), file_space.id(), H5P_DEFAULT, values), what);
}

void Dataset::append(std::span<const std::int64_t> values) { append_raw(values.data(), values.size(), ElementType::int64); }

void Dataset::append(std::span<const double> values) { append_raw(values.data(), values.size(), ElementType::float64); }

// dims() reads a shape of any rank: a fixed-size array would let a file of higher rank
// (damaged or crafted) overwrite the stack from inside HDF5.
std::size_t Dataset::size() const {
  const auto shape = dims();
  if (shape.empty() || shape.size() > 2) {
    throw OutputError(fmt::format("{}: {} dimensions, expected one or two", path_, shape.size()));
  }
  return shape[0];
}

std::size_t Dataset::width() const {
  const auto shape = dims();
  if (shape.empty() || shape.size() > 2) {
    throw OutputError(fmt::format("{}: {} dimensions, expected one or two", path_, shape.size()));
  }
  return shape.size() == 2 ? shape[1] : 0;
}

ElementType Dataset::element_type() const {
  Handle type(check(H5Dget_type(id()), fmt::format("reading the type of {}", path_)));
  const H5T_class_t type_class = H5Tget_class(type.id());
  if (type_class == H5T_INTEGER && H5Tget_size(type.id()) == 8) return ElementType::int64;
  if (type_class == H5T_FLOAT && H5Tget_size(type.id()) == 8) return ElementType::float64;
  return ElementType::other;
}

std::size_t Dataset::element_count() const {
  std::size_t count = 1;
  for (const auto extent : dims()) {
    // A damaged shape whose product overflows counts as too many to read, never as few.
    if (__builtin_mul_overflow(count, extent, &count)) return std::numeric_limits<std::size_t>::max();
  }
  return count;
}

std::vector<double> Dataset::read_doubles() const {
  std::vector<double> values(plausible_bytes(id(), element_count(), sizeof(double), fmt::format("reading {}", path_)) /
                             sizeof(double));
  if (!values.empty())
    check(H5Dread(id(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), fmt::format("reading {}", path_));
  return values;
}

std::vector<std::size_t> Dataset::dims() const {
  const std::string what = fmt::format("reading the shape of {}", path_);
  Handle space(check(H5Dget_space(id()), what));
  const int rank = check(H5Sget_simple_extent_ndims(space.id()), what);
  std::vector<hsize_t> extent(static_cast<std::size_t>(rank));
  check(H5Sget_simple_extent_dims(space.id(), extent.data(), nullptr), what);
  return {extent.begin(), extent.end()};
}

void Dataset::write_block_raw(std::span<const std::size_t> at, const void* values, std::size_t count, ElementType type) {
  const std::string what = fmt::format("writing {} values to {}", count, path_);
  if (element_type() != type) throw OutputError(what + ": element type differs from the dataset's");
  const auto shape = dims();
  if (at.size() > shape.size()) throw OutputError(what + ": more indices than dimensions");
  std::vector<hsize_t> start(shape.size(), 0);
  std::vector<hsize_t> length(shape.begin(), shape.end());
  std::size_t block = 1;
  for (std::size_t k = 0; k < shape.size(); ++k) {
    if (k < at.size()) {
      if (at[k] >= shape[k]) throw OutputError(fmt::format("{}: index {} out of {} in dimension {}", what, at[k], shape[k], k));
      start[k] = at[k];
      length[k] = 1;
    } else {
      block *= shape[k];
    }
  }
  if (block != count) throw OutputError(fmt::format("{}: the block holds {} values", what, block));
  if (count == 0) return;
  Handle file_space(check(H5Dget_space(id()), what));
  check(H5Sselect_hyperslab(file_space.id(), H5S_SELECT_SET, start.data(), nullptr, length.data(), nullptr), what);
  const hsize_t flat = count;
  Handle memory_space(check(H5Screate_simple(1, &flat, nullptr), what));
  check(H5Dwrite(id(), native_type(type), memory_space.id(), file_space.id(), H5P_DEFAULT, values), what);
}

void Dataset::write_block(std::span<const std::size_t> at, std::span<const std::int64_t> values) {
  write_block_raw(at, values.data(), values.size(), ElementType::int64);
}

void Dataset::write_block(std::span<const std::size_t> at, std::span<const double> values) {
  write_block_raw(at, values.data(), values.size(), ElementType::float64);
}

std::vector<std::int64_t> Dataset::read_int64s() const {
  std::vector<std::int64_t> values(
      plausible_bytes(id(), element_count(), sizeof(std::int64_t), fmt::format("reading {}", path_)) / sizeof(std::int64_t));
  if (!values.empty())
    check(H5Dread(id(), H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), fmt::format("reading {}", path_));
  return values;
}

Group Group::create_group(const std::string& name) {
  const std::string child = path_ + (path_.ends_with('/') ? "" : "/") + name;
  const Handle properties = untimed_creation_list(H5P_GROUP_CREATE);
  return Group(Handle(check(H5Gcreate2(id(), name.c_str(), H5P_DEFAULT, properties.id(), H5P_DEFAULT),
                            fmt::format("creating group {}", child))),
               child);
}

Group Group::open_group(const std::string& name) const {
  const std::string child = path_ + (path_.ends_with('/') ? "" : "/") + name;
  if (!has_child(name)) throw OutputError(fmt::format("{} not found", child));
  return Group(Handle(check(H5Gopen2(id(), name.c_str(), H5P_DEFAULT), fmt::format("opening group {}", child))), child);
}

bool Group::has_child(const std::string& name) const {
  return check(H5Lexists(id(), name.c_str(), H5P_DEFAULT), fmt::format("looking for {} in {}", name, path_)) > 0;
}

std::vector<std::string> Group::child_names() const {
  std::vector<std::string> names;
  const auto add = [](hid_t, const char* name, const H5L_info_t*, void* data) -> herr_t {
    static_cast<std::vector<std::string>*>(data)->emplace_back(name);
    return 0;
  };
  check(H5Literate(id(), H5_INDEX_NAME, H5_ITER_INC, nullptr, add, &names), fmt::format("listing {}", path_));
  return names;
}

Dataset Group::create_series(const std::string& name, ElementType type, std::size_t chunk, std::size_t width) {
  const std::string child = path_ + (path_.ends_with('/') ? "" : "/") + name;
  const std::string what = fmt::format("creating dataset {}", child);
  const int rank = width > 0 ? 2 : 1;
  const std::array<hsize_t, 2> initial{0, width};
  const std::array<hsize_t, 2> maximum{H5S_UNLIMITED, width};
  Handle space(check(H5Screate_simple(rank, initial.data(), maximum.data()), what));
  Handle properties = untimed_creation_list(H5P_DATASET_CREATE);
  const std::array<hsize_t, 2> chunk_size{chunk, width};
  check(H5Pset_chunk(properties.id(), rank, chunk_size.data()), what);
  check(H5Pset_shuffle(properties.id()), what);
  check(H5Pset_deflate(properties.id(), 4), what);
  return Dataset(Handle(check(H5Dcreate2(id(), name.c_str(), native_type(type), space.id(), H5P_DEFAULT,
                                         properties.id(), H5P_DEFAULT),
                              what)),
                 child);
}

Dataset Group::create_array(const std::string& name, ElementType type, const std::vector<std::size_t>& shape,
                            const std::vector<std::size_t>& chunk, int deflate_level) {
  const std::string child = path_ + (path_.ends_with('/') ? "" : "/") + name;
  const std::string what = fmt::format("creating dataset {}", child);
  if (chunk.size() != shape.size()) throw OutputError(what + ": chunk and shape differ in rank");
  const std::vector<hsize_t> extent(shape.begin(), shape.end());
  Handle space(check(H5Screate_simple(static_cast<int>(extent.size()), extent.data(), nullptr), what));
  Handle properties = untimed_creation_list(H5P_DATASET_CREATE);
  const bool empty = std::find(shape.begin(), shape.end(), std::size_t{0}) != shape.end();
  if (!empty) {
    std::vector<hsize_t> chunk_size(chunk.size());
    for (std::size_t k = 0; k < chunk.size(); ++k) chunk_size[k] = std::clamp<hsize_t>(chunk[k], 1, extent[k]);
    check(H5Pset_chunk(properties.id(), static_cast<int>(chunk_size.size()), chunk_size.data()), what);
    if (deflate_level > 0) {
      check(H5Pset_shuffle(properties.id()), what);
      check(H5Pset_deflate(properties.id(), static_cast<unsigned>(deflate_level)), what);
    }
  }
  const double missing_double = std::numeric_limits<double>::quiet_NaN();
  const void* fill = type == ElementType::int64 ? static_cast<const void*>(&missing_int64) : &missing_double;
  check(H5Pset_fill_value(properties.id(), native_type(type), fill), what);
  check(H5Pset_fill_time(properties.id(), H5D_FILL_TIME_ALLOC), what);
  return Dataset(Handle(check(H5Dcreate2(id(), name.c_str(), native_type(type), space.id(), H5P_DEFAULT,
                                         properties.id(), H5P_DEFAULT),
                              what)),
                 child);
}

void Group::write_strings(const std::string& name, const std::vector<std::string>& values) {
  const std::string child = path_ + (path_.ends_with('/') ? "" : "/") + name;
  const std::string what = fmt::format("writing dataset {}", child);
  const Handle type = string_type();
  const hsize_t count = values.size();
  Handle space(check(H5Screate_simple(1, &count, nullptr), what));
  const Handle properties = untimed_creation_list(H5P_DATASET_CREATE);
  Handle dataset(check(H5Dcreate2(id(), name.c_str(), type.id(), space.id(), H5P_DEFAULT, properties.id(), H5P_DEFAULT),
                       what));
  std::vector<const char*> pointers;
  for (const auto& value : values) pointers.push_back(value.c_str());
  if (!pointers.empty()) check(H5Dwrite(dataset.id(), type.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()), what);
  dataset.close();
}

std::vector<std::string> Group::read_strings(const std::string& name) const {
  const Dataset dataset = open_dataset(name);
  const std::string what = fmt::format("reading {}", dataset.path());
  if (dataset.dims().size() != 1) throw OutputError(what + ": expected a one-dimensional dataset of strings");
  const Handle stored_type(check(H5Dget_type(dataset.id()), what));
  if (H5Tget_class(stored_type.id()) != H5T_STRING || H5Tis_variable_str(stored_type.id()) <= 0) {
    throw OutputError(what + ": expected variable-length strings");
  }
  const Handle type = string_type();
  std::vector<char*> pointers(plausible_bytes(dataset.id(), dataset.size(), sizeof(char*), what) / sizeof(char*), nullptr);
  if (!pointers.empty()) check(H5Dread(dataset.id(), type.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()), what);
  std::vector<std::string> values;
  for (char* pointer : pointers) {
    values.emplace_back(pointer != nullptr ? pointer : "");
    H5free_memory(pointer);
  }
  return values;
}

bool Group::has_group(const std::string& name) const {
  const std::string what = fmt::format("looking for {} in {}", name, path_);
  if (!has_child(name)) return false;
  H5O_info_t info;
  check(H5Oget_info_by_name2(id(), name.c_str(), &info, H5O_INFO_BASIC, H5P_DEFAULT), what);
  return info.type == H5O_TYPE_GROUP;
}

void Group::read_every_dataset() const {
  for (const auto& name : child_names()) {
    if (has_group(name)) {
      open_group(name).read_every_dataset();
    } else {
      const StoredValues values(open_dataset(name).id(), fmt::format("reading {}/{}", path_, name));
    }
  }
}

// Not H5Ocopy: when a write fails inside it (a full disk), HDF5 1.10 frees memory twice or
// crashes. Copying group by group and dataset by dataset turns such a failure into an error.
void Group::copy_child_from(const Group& source, const std::string& name) {
  const std::string what = fmt::format("copying {}/{} to {}", source.path(), name, path_);
  if (!source.has_child(name)) throw OutputError(what + ": not found");
  // Chunks still in the source's cache are written out first: the copy reads the file's chunks.
  check(H5Fflush(source.id(), H5F_SCOPE_LOCAL), what);
  copy_object(source, name, this, what);
}

void Group::read_as_copied() const {
  const std::string what = fmt::format("reading {} as a copy would", path_);
  copy_attributes(*this, nullptr);
  for (const auto& child : child_names()) copy_object(*this, child, nullptr, what);
}

void Group::copy_object(const Group& source, const std::string& name, Group* destination, const std::string& what) {
  if (source.has_group(name)) {
    const Group from = source.open_group(name);
    std::optional<Group> to;
    if (destination != nullptr) to = destination->create_group(name);
    copy_attributes(from, to ? &*to : nullptr);
    for (const auto& child : from.child_names()) copy_object(from, child, to ? &*to : nullptr, what);
    if (to) to->close();
    return;
  }
  const Dataset from = source.open_dataset(name);
  // The source's type, shape (an extendible one stays extendible) and creation settings.
  const Handle type(check(H5Dget_type(from.id()), what));
  const Handle space(check(H5Dget_space(from.id()), what));
  const Handle properties(check(H5Dget_create_plist(from.id()), what));
  std::optional<Dataset> to;
  if (destination != nullptr) {
    const std::string child = destination->path_ + (destination->path_.ends_with('/') ? "" : "/") + name;
    to = Dataset(Handle(check(H5Dcreate2(destination->id(), name.c_str(), type.id(), space.id(), H5P_DEFAULT,
                                         properties.id(), H5P_DEFAULT),
                              what)),
                 child);
  }
  if (H5Pget_layout(properties.id()) == H5D_CHUNKED) {
    // Chunk by chunk, as stored (compressed): nothing is decompressed or compressed again.
    hsize_t chunks = 0;
    check(H5Dget_num_chunks(from.id(), space.id(), &chunks), what);
    std::vector<hsize_t> offset(static_cast<std::size_t>(check(H5Sget_simple_extent_ndims(space.id()), what)));
    std::vector<std::byte> bytes;
    for (hsize_t chunk = 0; chunk < chunks; ++chunk) {
      unsigned filters = 0;
      haddr_t address = 0;
      hsize_t size = 0;
      check(H5Dget_chunk_info(from.id(), space.id(), chunk, offset.data(), &filters, &address, &size), what);
      bytes.resize(size);
      std::uint32_t read_filters = 0;
      check(H5Dread_chunk(from.id(), H5P_DEFAULT, offset.data(), &read_filters, bytes.data()), what);
      if (to) check(H5Dwrite_chunk(to->id(), H5P_DEFAULT, read_filters, offset.data(), bytes.size(), bytes.data()), what);
    }
  } else {
    const StoredValues values(from.id(), what);
    if (to && !values.empty()) check(H5Dwrite(to->id(), values.type(), H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), what);
  }
  copy_attributes(from, to ? &*to : nullptr);
  if (to) to->close();
}

Dataset Group::open_dataset(const std::string& name) const {
  const std::string child = path_ + (path_.ends_with('/') ? "" : "/") + name;
  if (!has_child(name)) throw OutputError(fmt::format("{} not found", child));
  return Dataset(Handle(check(H5Dopen2(id(), name.c_str(), H5P_DEFAULT), fmt::format("opening dataset {}", child))),
                 child);
}

File File::create(const std::filesystem::path& path, bool exclusive) {
  initialise_library();  // before H5F_ACC_*, whose macros initialise HDF5 themselves
  const std::string what = fmt::format("creating {}", path.string());
  const Handle creation = untimed_creation_list(H5P_FILE_CREATE);
  const unsigned flags = exclusive ? H5F_ACC_EXCL : H5F_ACC_TRUNC;
  Handle file(check(H5Fcreate(path.c_str(), flags, creation.id(), H5P_DEFAULT), what));
  Handle root(check(H5Gopen2(file.id(), "/", H5P_DEFAULT), what));
  return File(std::move(file), Group(std::move(root), path.string() + ":/"));
}

File File::create(const std::filesystem::path& path) { return create(path, false); }

File File::create_new(const std::filesystem::path& path) { return create(path, true); }

File File::open(const std::filesystem::path& path, bool writable) {
  initialise_library();
  const std::string what = fmt::format("opening {}{}", path.string(), writable ? " for writing" : "");
  // Not a FIFO, which would block opening, nor a device or a folder.
  std::error_code error;
  if (!std::filesystem::is_regular_file(std::filesystem::status(path, error))) {
    throw OutputError(fmt::format("{} is not a regular file", path.string()));
  }
  if (H5Fis_hdf5(path.c_str()) <= 0) throw OutputError(fmt::format("{} is not an HDF5 file", path.string()));
  if (const auto at = looping_global_heap(path); at >= 0) {
    throw OutputError(fmt::format("{}: damaged HDF5 file: the global heap at byte {} has an empty free-space entry", path.string(), at));
  }
  Handle file(check(H5Fopen(path.c_str(), writable ? H5F_ACC_RDWR : H5F_ACC_RDONLY, H5P_DEFAULT), what));
  Handle root(check(H5Gopen2(file.id(), "/", H5P_DEFAULT), what));
  return File(std::move(file), Group(std::move(root), path.string() + ":/"));
}

File File::open_read_only(const std::filesystem::path& path) { return open(path, false); }

namespace {

// Resident memory of a process, from its /proc/PID/statm; nullopt where that cannot be read.
std::optional<std::uint64_t> resident_bytes(const char* statm) {
  std::FILE* file = std::fopen(statm, "r");
  if (file == nullptr) return std::nullopt;
  unsigned long long total_pages = 0;
  unsigned long long resident_pages = 0;
  const int fields = std::fscanf(file, "%llu %llu", &total_pages, &resident_pages);
  std::fclose(file);
  if (fields != 2) return std::nullopt;
  return std::uint64_t{resident_pages} * static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
}

// A child process that is killed and reaped if the parent leaves its scope without reaping it.
class ChildProcess {
 public:
  explicit ChildProcess(pid_t pid) noexcept : pid_(pid) {}
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  ~ChildProcess() {
    if (reaped_) return;
    kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
  // The child's status if it has ended (reaping it), nullopt while it runs.
  std::optional<int> poll() {
    int status = 0;
    pid_t done = 0;
    do {
      done = waitpid(pid_, &status, WNOHANG);
    } while (done < 0 && errno == EINTR);
    if (done == 0) return std::nullopt;
    reaped_ = true;
    return done == pid_ ? status : 0;  // -1: not ours to wait for (SIGCHLD ignored), so no status
  }

 private:
  pid_t pid_;
  bool reaped_ = false;
};

}  // namespace

void rehearse_read(const std::filesystem::path& path, const std::function<void()>& read) {
  initialise_library();
  // The child is given a minute and a second per megabyte, and 1 GiB of memory or 64 times
  // the file's size. HDF5 1.10 sizes the buffer for a variable-length string by the length
  // stored with it, unchecked, so a damaged length has it take gigabytes; a real file's
  // largest dataset, read whole, stays well within that (the outputs and checkpoints
  // compress 3 to 4 to 1 overall, and no dataset of theirs more than about 50 to 1).
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  const auto limit = std::chrono::seconds(60) + std::chrono::seconds(error ? 0 : size >> 20U);
  const std::uint64_t memory_limit = std::max<std::uint64_t>(std::uint64_t{1} << 30U, error ? 0 : 64 * std::uint64_t{size});
  // The child starts with the parent's pages resident; what it adds is HDF5's. Without /proc
  // (not Linux) its memory is not watched.
  const auto resident_at_fork = resident_bytes("/proc/self/statm");
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    if (__sanitizer_set_death_callback != nullptr) __sanitizer_set_death_callback(nullptr);
    for (const int signal : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) std::signal(signal, SIG_DFL);
    try {
      read();
    } catch (...) {
      // The parent's read meets the same error and reports it.
    }
    _exit(0);
  }
  // Where no child could be started, the file is read without the rehearsal.
  if (pid < 0) return;
  ChildProcess child(pid);
  const std::string child_statm = fmt::format("/proc/{}/statm", pid);
  const auto deadline = std::chrono::steady_clock::now() + limit;
  // Most inputs are read in milliseconds: the wait starts short and lengthens to 5 ms.
  auto pause = std::chrono::microseconds(50);
  std::optional<int> status;
  while (!(status = child.poll())) {
    if (std::chrono::steady_clock::now() >= deadline) {
      throw OutputError(fmt::format("{}: damaged HDF5 file: the HDF5 library did not finish reading it in {} s",
                                    path.string(), limit.count()));
    }
    const auto resident = resident_bytes(child_statm.c_str());
    if (resident_at_fork && resident && *resident > *resident_at_fork + memory_limit) {
      throw OutputError(fmt::format("{}: damaged HDF5 file: the HDF5 library took more than {} MiB reading it",
                                    path.string(), memory_limit >> 20U));
    }
    std::this_thread::sleep_for(pause);
    pause = std::min<std::chrono::microseconds>(2 * pause, std::chrono::milliseconds(5));
  }
  if (WIFSIGNALED(*status) || WEXITSTATUS(*status) != 0) {
    throw OutputError(fmt::format("{}: damaged HDF5 file: the HDF5 library failed reading it ({})", path.string(),
                                  WIFSIGNALED(*status) ? strsignal(WTERMSIG(*status)) : "a sanitizer's report"));
  }
}

File File::open_read_write(const std::filesystem::path& path) { return open(path, true); }

void File::close() {
  const std::string path = root_.path().substr(0, root_.path().size() - 2);  // without ":/"
  root_ = Group(Handle(), root_.path());
  // With an object of the file still open, H5Fclose only defers the close: the file is
  // written later, when that object closes, and a failure then (a full disk) goes unreported.
  const auto open_objects = H5Fget_obj_count(file_.id(), H5F_OBJ_ALL | H5F_OBJ_LOCAL);
  if (open_objects > 1) {
    throw OutputError(fmt::format("closing {}: {} of its groups or datasets are still open", path, open_objects - 1));
  }
  try {
    file_.close();
  } catch (const OutputError& error) {
    throw OutputError(fmt::format("{}, writing {}", error.what(), path));
  }
}

}  // namespace ittsim::h5
