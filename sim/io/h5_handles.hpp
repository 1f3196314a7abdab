// Owning wrappers for HDF5 identifiers and the error plumbing shared by the writer and the
// reader, so that every id is closed on every path (including exceptions) and every failed
// call becomes a std::runtime_error carrying HDF5's own explanation. Only sim/io uses it.
#pragma once

#include <hdf5.h>

#include <string>
#include <string_view>
#include <vector>

namespace renkei::h5 {

using Closer = herr_t (*)(hid_t);

// One HDF5 identifier and the function that releases it.
class Handle {
 public:
  Handle() = default;
  // Takes ownership of `id`; a negative id (a failed call) throws, naming `what`.
  Handle(hid_t id, Closer closer, std::string_view what);
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&& other) noexcept : id_(other.id_), closer_(other.closer_) {
    other.id_ = H5I_INVALID_HID;
  }
  Handle& operator=(Handle&& other) noexcept;
  ~Handle() { reset(); }

  hid_t get() const noexcept { return id_; }
  bool valid() const noexcept { return id_ >= 0; }
  // Releases quietly (destructors cannot report failures).
  void reset() noexcept;
  // Releases and throws if HDF5 reports a failure: needed where closing completes the
  // work, as H5Fclose does when it writes the last metadata.
  void close(std::string_view what);

 private:
  hid_t id_ = H5I_INVALID_HID;
  Closer closer_ = nullptr;
};

inline Handle file_handle(hid_t id, std::string_view what) { return {id, H5Fclose, what}; }
inline Handle dataset_handle(hid_t id, std::string_view what) { return {id, H5Dclose, what}; }
inline Handle space_handle(hid_t id, std::string_view what) { return {id, H5Sclose, what}; }
inline Handle type_handle(hid_t id, std::string_view what) { return {id, H5Tclose, what}; }
inline Handle plist_handle(hid_t id, std::string_view what) { return {id, H5Pclose, what}; }
inline Handle attr_handle(hid_t id, std::string_view what) { return {id, H5Aclose, what}; }

// Turns off HDF5's automatic error printing for the lifetime of the guard: failures are
// reported through exceptions instead of stack dumps on stderr. Guards must nest.
class QuietErrors {
 public:
  QuietErrors();
  QuietErrors(const QuietErrors&) = delete;
  QuietErrors& operator=(const QuietErrors&) = delete;
  ~QuietErrors();

 private:
  H5E_auto2_t func_ = nullptr;
  void* data_ = nullptr;
};

// Creates (replacing) the HDF5 file at `path` the way netCDF-4 needs it: link and attribute
// creation order tracked and indexed. Object times are not recorded, so that identical
// studies give identical bytes. `what` names the file in the error.
Handle create_netcdf_file(const std::string& path, std::string_view what);
// A dataset creation list with the same conventions (attribute order tracked, no times).
Handle netcdf_dataset_plist(std::string_view what);

// The most specific message on the current HDF5 error stack ("" if the stack is empty).
std::string last_error();
// Throws std::runtime_error("<what>: <HDF5 message>").
[[noreturn]] void fail(std::string_view what);
inline void check(herr_t status, std::string_view what) {
  if (status < 0) fail(what);
}

// A variable-length UTF-8 string type: what netCDF-4 calls NC_STRING.
Handle vlen_utf8_type();

// Scalar text attribute on `obj`, as netCDF's NC_CHAR (fixed-length, nul-terminated).
void write_string_attribute(hid_t obj, const std::string& name, const std::string& value);
// Numeric attribute of `count` values (scalar if 1) stored as `file_type` (netCDF wants
// _FillValue of the variable's own type) from values of `mem_type`.
void write_numeric_attribute(hid_t obj, const std::string& name, hid_t file_type, hid_t mem_type,
                             const void* values, hsize_t count = 1);

// The longest fixed-length string attribute read (the longest renkei writes, a scenario's
// resolved text, is a few kilobytes).
inline constexpr std::size_t kMaxStringAttributeBytes = std::size_t{64} << 20;

// Reads a string attribute, fixed-length or variable-length, scalar or of one element.
std::string read_string_attribute(hid_t obj, const std::string& name);

// The attribute carrying the SHA-256 digest of a variable-length string variable's values.
// HDF5 allows no checksum filter on such variables (their bytes live in the file's global
// heap), so without it a damaged name or message would be read as another one.
inline constexpr const char* kStringsDigestAttribute = "renkei_sha256";
// The digest of strings in row-major order: each one's length (8 bytes, little-endian), then
// its bytes, so that ["ab", ""] and ["a", "b"] differ.
std::string strings_digest(const std::vector<std::string>& values);
// Every value of a variable-length string dataset, row-major (the writer's read-back).
std::vector<std::string> read_vlen_strings(hid_t dset, std::string_view what);
// Sets the digest attribute of `dset` to strings_digest(values).
void write_strings_digest(hid_t dset, const std::vector<std::string>& values);

// The largest chunk a checksummed variable gets: HDF5 caps a chunk at 4 GiB, and a chunk
// larger than the 1 MiB chunk cache is re-read and re-verified on every partial write.
inline constexpr hsize_t kMaxChecksumChunkBytes = hsize_t{4} << 20;

// Chunk extents for a fixed-size variable of extents `dims` and `element` bytes, stored
// chunked only so that it can carry the Fletcher32 filter: `dims` itself, with the first
// `whole_from` axes cut to 1 (one chunk per scenario, as the writer fills them), then the
// longest extent halved until a chunk holds at most kMaxChecksumChunkBytes. Empty when an
// extent is 0 (HDF5 chunks need every extent > 0; an empty variable has nothing to check).
std::vector<hsize_t> checksum_chunk(std::vector<hsize_t> dims, std::size_t element,
                                    std::size_t whole_from = 0);

}  // namespace renkei::h5
