#include "io/h5_handles.hpp"
#include "input/sha256.hpp"
#include "io/h5_library.hpp"

#include <algorithm>
#include <cstdint>
#include <stdexcept>

namespace renkei::h5 {

Handle::Handle(hid_t id, Closer closer, std::string_view what) : id_(id), closer_(closer) {
  if (id < 0) {
    id_ = H5I_INVALID_HID;
    fail(what);
  }
}

Handle& Handle::operator=(Handle&& other) noexcept {
  if (this != &other) {
    reset();
    id_ = other.id_;
    closer_ = other.closer_;
    other.id_ = H5I_INVALID_HID;
  }
  return *this;
}

void Handle::reset() noexcept {
  if (id_ >= 0 && closer_ != nullptr) closer_(id_);
  id_ = H5I_INVALID_HID;
}

void Handle::close(std::string_view what) {
  if (id_ < 0) return;
  const hid_t id = id_;
  id_ = H5I_INVALID_HID;
  check(closer_(id), what);
}

namespace {
constexpr unsigned kCreationOrder = H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED;
}  // namespace

Handle create_netcdf_file(const std::string& path, std::string_view what) {
  const Handle fcpl = plist_handle(H5Pcreate(H5P_FILE_CREATE), "file creation list");
  check(H5Pset_link_creation_order(fcpl.get(), kCreationOrder), "link creation order");
  check(H5Pset_attr_creation_order(fcpl.get(), kCreationOrder), "attribute creation order");
  check(H5Pset_obj_track_times(fcpl.get(), false), "object times");
  return file_handle(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, fcpl.get(), H5P_DEFAULT), what);
}

Handle netcdf_dataset_plist(std::string_view what) {
  Handle dcpl = plist_handle(H5Pcreate(H5P_DATASET_CREATE), what);
  check(H5Pset_attr_creation_order(dcpl.get(), kCreationOrder), what);
  check(H5Pset_obj_track_times(dcpl.get(), false), what);
  return dcpl;
}

QuietErrors::QuietErrors() {
  H5Eget_auto2(H5E_DEFAULT, &func_, &data_);
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

QuietErrors::~QuietErrors() { H5Eset_auto2(H5E_DEFAULT, func_, data_); }

namespace {

// Walking upward starts at the most specific entry, which says what actually went wrong
// ("file signature not found"); the API entry only repeats the call that failed.
herr_t first_description(unsigned n, const H5E_error2_t* err, void* out) {
  auto* msg = static_cast<std::string*>(out);
  if (n == 0 && err != nullptr && err->desc != nullptr) *msg = err->desc;
  return 0;
}

}  // namespace

std::string last_error() {
  std::string msg;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, first_description, &msg);
  // A failed write() is described over several lines (time, descriptor, buffer address...);
  // the system's own words ("No space left on device") are what the user can act on.
  const std::string_view marker = "error message = '";
  if (const auto at = msg.find(marker); at != std::string::npos) {
    const auto from = at + marker.size();
    const auto to = msg.find('\'', from);
    if (to != std::string::npos) return "file write failed: " + msg.substr(from, to - from);
  }
  return msg;
}

void fail(std::string_view what) {
  std::string msg(what);
  const std::string detail = last_error();
  if (!detail.empty()) msg += ": " + detail;
  H5Eclear2(H5E_DEFAULT);
  throw std::runtime_error(msg);
}

Handle vlen_utf8_type() {
  Handle t = type_handle(H5Tcopy(H5T_C_S1), "copy string type");
  check(H5Tset_size(t.get(), H5T_VARIABLE), "make string type variable-length");
  check(H5Tset_cset(t.get(), H5T_CSET_UTF8), "set UTF-8 character set");
  return t;
}

namespace {

bool is_ascii(const std::string& s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

}  // namespace

// Written as netCDF-C 4.9 writes an NC_CHAR attribute (nc_put_att_text): a scalar
// fixed-length string of exactly the text's bytes, H5T_STR_NULLTERM padding, ASCII; the
// empty text becomes one nul byte, since HDF5 has no string type of size 0. NC_CHAR is the
// classic data model's text type, which every netCDF tool reads; with NC_STRING
// (variable-length) `units`, ncdump -t and ncks --cal print times as raw day offsets.
// Non-ASCII text keeps its UTF-8 bytes and says so in the character set.
void write_string_attribute(hid_t obj, const std::string& name, const std::string& value) {
  const std::string what = "attribute '" + name + "'";
  const Handle type = type_handle(H5Tcopy(H5T_C_S1), what);
  check(H5Tset_size(type.get(), std::max<std::size_t>(value.size(), 1)), "size of " + what);
  check(H5Tset_strpad(type.get(), H5T_STR_NULLTERM), "padding of " + what);
  check(H5Tset_cset(type.get(), is_ascii(value) ? H5T_CSET_ASCII : H5T_CSET_UTF8),
        "character set of " + what);
  const Handle space = space_handle(H5Screate(H5S_SCALAR), what);
  const Handle attr =
      attr_handle(H5Acreate2(obj, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
                  "create " + what);
  const std::string bytes = value.empty() ? std::string(1, '\0') : value;
  check(H5Awrite(attr.get(), type.get(), bytes.data()), "write " + what);
}

void write_numeric_attribute(hid_t obj, const std::string& name, hid_t file_type, hid_t mem_type,
                             const void* values, hsize_t count) {
  const std::string what = "attribute '" + name + "'";
  const Handle space =
      space_handle(count == 1 ? H5Screate(H5S_SCALAR) : H5Screate_simple(1, &count, nullptr), what);
  const Handle attr =
      attr_handle(H5Acreate2(obj, name.c_str(), file_type, space.get(), H5P_DEFAULT, H5P_DEFAULT),
                  "create " + what);
  check(H5Awrite(attr.get(), mem_type, values), "write " + what);
}

std::string read_string_attribute(hid_t obj, const std::string& name) {
  const std::string what = "attribute '" + name + "'";
  const Handle attr = attr_handle(H5Aopen(obj, name.c_str(), H5P_DEFAULT), "open " + what);
  const Handle ftype = type_handle(H5Aget_type(attr.get()), what);
  if (H5Tget_class(ftype.get()) != H5T_STRING) throw std::runtime_error(what + " is not a string");
  const Handle space = space_handle(H5Aget_space(attr.get()), what);
  if (H5Sget_simple_extent_npoints(space.get()) != 1)
    throw std::runtime_error(what + " holds more than one string");
  if (H5Tis_variable_str(ftype.get()) > 0) {
    const Handle mtype = vlen_utf8_type();
    char* p = nullptr;
    check(H5Aread(attr.get(), mtype.get(), &p), "read " + what);
    std::string value = p != nullptr ? p : "";
    H5free_memory(p);
    return value;
  }
  const std::size_t size = H5Tget_size(ftype.get());
  // A damaged header can declare any size: refused before it is allocated.
  if (size == 0 || size > kMaxStringAttributeBytes)
    throw std::runtime_error(what + " declares " + std::to_string(size) +
                             " bytes; the file is damaged");
  const Handle mtype = type_handle(H5Tcopy(ftype.get()), what);
  std::string value(size, '\0');
  check(H5Aread(attr.get(), mtype.get(), value.data()), "read " + what);
  value.resize(value.find_last_not_of('\0') + 1);  // npos + 1 == 0 when all padding
  return value;
}

std::string strings_digest(const std::vector<std::string>& values) {
  std::string bytes;
  for (const std::string& v : values) {
    std::uint64_t n = v.size();
    for (int k = 0; k < 8; ++k, n >>= 8) bytes.push_back(static_cast<char>(n & 0xFFu));
    bytes += v;
  }
  return sha256_hex(bytes);
}

std::vector<std::string> read_vlen_strings(hid_t dset, std::string_view what) {
  const Handle space = space_handle(H5Dget_space(dset), what);
  const hssize_t n = H5Sget_simple_extent_npoints(space.get());
  if (n < 0) fail(what);
  std::vector<std::string> out;
  if (n == 0) return out;
  const Handle mtype = vlen_utf8_type();
  std::vector<char*> raw(static_cast<std::size_t>(n), nullptr);
  check(H5Dread(dset, mtype.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, raw.data()), what);
  out.reserve(raw.size());
  for (const char* p : raw) out.emplace_back(p != nullptr ? p : "");
  H5Dvlen_reclaim(mtype.get(), space.get(), H5P_DEFAULT, raw.data());
  return out;
}

void write_strings_digest(hid_t dset, const std::vector<std::string>& values) {
  write_string_attribute(dset, kStringsDigestAttribute, strings_digest(values));
}

std::vector<hsize_t> checksum_chunk(std::vector<hsize_t> dims, std::size_t element,
                                    std::size_t whole_from) {
  if (dims.empty() || std::find(dims.begin(), dims.end(), hsize_t{0}) != dims.end()) return {};
  for (std::size_t i = 0; i < whole_from && i < dims.size(); ++i) dims[i] = 1;
  auto bytes = [&] {
    hsize_t n = element;
    for (const hsize_t c : dims) n *= c;
    return n;
  };
  while (bytes() > kMaxChecksumChunkBytes) {
    auto longest = std::max_element(dims.begin(), dims.end());
    if (*longest <= 1) break;
    *longest = (*longest + 1) / 2;
  }
  return dims;
}

}  // namespace renkei::h5

namespace renkei {

void keep_hdf5_out_of_exit() noexcept { H5dont_atexit(); }

}  // namespace renkei
