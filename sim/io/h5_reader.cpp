#include "io/h5_reader.hpp"

#include "input/input_error.hpp"
#include "input/input_file.hpp"
#include "io/h5_handles.hpp"
#include "io/h5_layout.hpp"
#include "io/sweep_writer.hpp"

#include <hdf5.h>
#include <hdf5_hl.h>

#include <filesystem>
#include <stdexcept>

namespace renkei {

using h5::Handle;

namespace {

// What an HDF5 call that fails on an opened results file means: the file is damaged (its
// metadata, not the library, is what fails). Bad input, exit 2, like every other refusal.
[[noreturn]] void damaged_file(std::string_view what) {
  const std::string detail = h5::last_error();
  H5Eclear2(H5E_DEFAULT);
  throw FileError(std::string(what) + ": the file is damaged (" +
                  (detail.empty() ? "HDF5 call failed" : detail) +
                  "); rerun the command that wrote it");
}

void check(herr_t status, std::string_view what) {
  if (status < 0) damaged_file(what);
}

Handle owned(hid_t id, h5::Closer closer, std::string_view what) {
  if (id < 0) damaged_file(what);
  return {id, closer, what};
}
Handle type_handle(hid_t id, std::string_view what) { return owned(id, H5Tclose, what); }
Handle space_handle(hid_t id, std::string_view what) { return owned(id, H5Sclose, what); }
Handle plist_handle(hid_t id, std::string_view what) { return owned(id, H5Pclose, what); }

}  // namespace

std::size_t NumericVariable::offset(const std::vector<std::size_t>& index) const {
  if (index.size() != shape.size())
    throw std::out_of_range("variable '" + name + "' has " + std::to_string(shape.size()) +
                            " dimensions, not " + std::to_string(index.size()));
  std::size_t off = 0;
  for (std::size_t i = 0; i < index.size(); ++i) {
    if (index[i] >= shape[i])
      throw std::out_of_range("variable '" + name + "': index " + std::to_string(index[i]) +
                              " beyond dimension '" + dims[i] + "' of length " +
                              std::to_string(shape[i]));
    off = off * shape[i] + index[i];
  }
  return off;
}

struct H5Reader::Impl {
  std::string path;
  Handle file;
  Handle root;
  ResultKind kind = ResultKind::study;

  [[noreturn]] void damaged(const std::string& name, const std::string& doing) const {
    const std::string detail = h5::last_error();
    H5Eclear2(H5E_DEFAULT);
    throw FileError("'" + path + "': cannot " + doing + " variable '" + name +
                    "': the file is damaged (" + detail + "); rerun the command that wrote it");
  }

  std::string where(const std::string& name) const { return "'" + path + "': " + name; }

  Handle open_dataset(const std::string& name) const {
    if (H5Lexists(root.get(), name.c_str(), H5P_DEFAULT) <= 0)
      throw FileError(where("no variable '" + name + "'"));
    const hid_t id = H5Dopen2(root.get(), name.c_str(), H5P_DEFAULT);
    if (id < 0) damaged(name, "open");
    return h5::dataset_handle(id, where("open variable '" + name + "'"));
  }

  // The extent, checked against the limits before anything is allocated for it.
  std::vector<std::size_t> shape_of(hid_t dset, const std::string& name) const {
    const hid_t sid = H5Dget_space(dset);
    if (sid < 0) damaged(name, "read the dimensions of");
    const Handle space = space_handle(sid, where(name));
    const int rank = H5Sget_simple_extent_ndims(space.get());
    if (rank < 0) damaged(name, "read the dimensions of");
    if (rank > kMaxRank)
      throw FileError(where("variable '" + name + "' has " + std::to_string(rank) +
                            " dimensions; renkei variables have at most " +
                            std::to_string(kMaxRank) +
                            ": the file is damaged or not renkei output"));
    std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
    if (H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr) < 0)
      damaged(name, "read the dimensions of");
    std::size_t n = 1;
    for (const hsize_t d : dims) {
      if (d != 0 && n > kMaxReadValues / d)
        throw FileError(
            where("variable '" + name + "' declares more than " + std::to_string(kMaxReadValues) +
                  " values, more than renkei reads: the file is damaged or not renkei output"));
      n *= static_cast<std::size_t>(d);
    }
    return {dims.begin(), dims.end()};
  }

  // Refuses a variable that declares more data than the file can hold for it, before its
  // buffer is allocated: a crafted header (huge extents over unwritten chunks) must not make
  // the reader allocate gigabytes of fill values. renkei writes every value of what it reads
  // (allocated early, or chunks written), so uncompressed data occupies at least its size;
  // deflate expands at most about 1032 times. Small variables (64 KiB) are always read.
  void check_storage(hid_t dset, const std::string& name, std::size_t values,
                     std::size_t element) const {
    constexpr std::size_t kAlwaysRead = std::size_t{64} << 10;
    constexpr std::size_t kMaxExpansion = 1100;
    if (element == 0 || values == 0) return;
    constexpr std::size_t kMaxBytes = kMaxReadValues * sizeof(double);
    if (values > kMaxBytes / element)
      throw FileError(
          where("variable '" + name + "' declares more than " + std::to_string(kMaxBytes) +
                " bytes, more than renkei reads: the file is damaged or not renkei output"));
    const std::size_t declared = values * element;
    if (declared <= kAlwaysRead) return;
    std::size_t expansion = 1;
    const hid_t plist = H5Dget_create_plist(dset);
    if (plist < 0) damaged(name, "read the storage of");
    const Handle dcpl = plist_handle(plist, where(name));
    const int filters = H5Pget_nfilters(dcpl.get());
    for (int i = 0; i < filters; ++i) {
      unsigned flags = 0;
      std::size_t nelmts = 0;
      const H5Z_filter_t id = H5Pget_filter2(dcpl.get(), static_cast<unsigned>(i), &flags, &nelmts,
                                             nullptr, 0, nullptr, nullptr);
      if (id != H5Z_FILTER_FLETCHER32 && id != H5Z_FILTER_SHUFFLE) expansion = kMaxExpansion;
    }
    const std::size_t stored = static_cast<std::size_t>(H5Dget_storage_size(dset));
    if (stored >= declared / expansion) return;
    throw FileError(where("variable '" + name + "' declares " + std::to_string(declared) +
                          " bytes but the file holds " + std::to_string(stored) +
                          " for it (renkei writes every value it reads): the file is damaged, "
                          "truncated or not renkei output; rerun the command that wrote it"));
  }

  static std::size_t count(const std::vector<std::size_t>& shape) {
    std::size_t n = 1;
    for (const auto s : shape) n *= s;
    return n;
  }
};

namespace {

std::string scale_name(hid_t scale) {
  const ssize_t n = H5DSget_scale_name(scale, nullptr, 0);
  if (n <= 0) return {};
  std::string name(static_cast<std::size_t>(n) + 1, '\0');
  H5DSget_scale_name(scale, name.data(), name.size());
  name.resize(static_cast<std::size_t>(n));
  return name;
}

herr_t take_scale_name(hid_t, unsigned, hid_t scale, void* out) {
  *static_cast<std::string*>(out) = scale_name(scale);
  return 1;  // the first attached scale names the dimension
}

herr_t collect_link(hid_t, const char* name, const H5L_info_t*, void* out) {
  static_cast<std::vector<std::string>*>(out)->emplace_back(name);
  return 0;
}

herr_t collect_attribute(hid_t, const char* name, const H5A_info_t*, void* out) {
  static_cast<std::vector<std::string>*>(out)->emplace_back(name);
  return 0;
}

}  // namespace

H5Reader::H5Reader(const std::string& path) : impl_(std::make_unique<Impl>()) {
  impl_->path = path;
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (!fs::exists(status)) throw FileError("cannot read results '" + path + "': no such file");
  if (!fs::is_regular_file(status))
    throw FileError("cannot read results '" + path + "': it " + not_regular_file_text(status) +
                    "; give the .h5 file written by renkei run or renkei sweep");
  h5::QuietErrors quiet;
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (file < 0) {
    const std::string detail = h5::last_error();
    H5Eclear2(H5E_DEFAULT);
    throw FileError("cannot read results '" + path + "': not an HDF5 file, or a damaged one (" +
                    detail + "); give the .h5 file written by renkei run or renkei sweep");
  }
  impl_->file = h5::file_handle(file, path);
  const hid_t root = H5Gopen2(file, "/", H5P_DEFAULT);
  if (root < 0)
    throw FileError("cannot read results '" + path +
                    "': the file is damaged (no readable root group)");
  impl_->root = Handle(root, H5Gclose, impl_->where("root group"));
  const std::string marker(kMarkerAttribute);
  const std::string format_attr(kFormatAttribute);
  std::string format;
  if (H5Aexists(impl_->root.get(), format_attr.c_str()) > 0) {
    try {
      format = h5::read_string_attribute(impl_->root.get(), format_attr);
    } catch (const std::runtime_error&) {
      throw FileError("cannot read results '" + path + "': global attribute '" + format_attr +
                      "' is not a readable string; the file is damaged");
    }
  }
  if (format == kSweepFormat) {
    impl_->kind = ResultKind::sweep;
  } else if (format == kStudyFormat ||
             (format.empty() && H5Aexists(impl_->root.get(), marker.c_str()) > 0)) {
    impl_->kind = ResultKind::study;
  } else if (!format.empty()) {
    throw FileError("cannot read results '" + path + "': its format is '" + format +
                    "', which this renkei does not read ('" + std::string(kStudyFormat) + "' or '" +
                    std::string(kSweepFormat) +
                    "'); it was written by another version: read it with that version or rerun it");
  } else {
    throw FileError("cannot read results '" + path +
                    "': an HDF5 file but not renkei output (no global attribute '" + format_attr +
                    "' nor '" + marker +
                    "'); give the .h5 file written by renkei run or renkei sweep");
  }
}

ResultKind H5Reader::kind() const noexcept { return impl_->kind; }

void H5Reader::expect(ResultKind wanted, const std::string& command) const {
  if (impl_->kind == wanted) return;
  if (wanted == ResultKind::sweep)
    throw FileError("'" + impl_->path +
                    "' is not a sweep result: it is the output of renkei run; `renkei " + command +
                    "` reads the file renkei sweep writes (the output of renkei run is read by "
                    "`renkei compare` "
                    "and `renkei survey`)");
  throw FileError(
      "'" + impl_->path +
      "' is not the output of renkei run: it is the result of a sweep (renkei sweep); `renkei " +
      command +
      "` reads the file renkei run writes (sweep results are read by `renkei sensitivity`)");
}

void H5Reader::require_variables(const std::vector<std::string>& names) const {
  for (const auto& name : names)
    if (!has_variable(name))
      throw FileError("'" + impl_->path + "' has no variable '" + name +
                      "': not a complete renkei " +
                      (impl_->kind == ResultKind::sweep ? "sweep result" : "output file") +
                      " (an interrupted or foreign file?); rerun the command that wrote it");
}

H5Reader::~H5Reader() {
  if (!impl_) return;
  h5::QuietErrors quiet;
  impl_->root.reset();
  impl_->file.reset();
}

H5Reader::H5Reader(H5Reader&&) noexcept = default;
H5Reader& H5Reader::operator=(H5Reader&&) noexcept = default;

const std::string& H5Reader::path() const noexcept { return impl_->path; }

std::vector<std::string> H5Reader::variables() const {
  h5::QuietErrors quiet;
  std::vector<std::string> links;
  hsize_t idx = 0;
  // Files from other writers may not track creation order: fall back to name order.
  if (H5Literate(impl_->root.get(), H5_INDEX_CRT_ORDER, H5_ITER_INC, &idx, collect_link, &links) <
      0) {
    links.clear();
    idx = 0;
    check(H5Literate(impl_->root.get(), H5_INDEX_NAME, H5_ITER_INC, &idx, collect_link, &links),
          impl_->where("list variables"));
  }
  std::vector<std::string> out;
  for (const auto& name : links)
    if (has_variable(name)) out.push_back(name);
  return out;
}

bool H5Reader::has_variable(const std::string& name) const {
  h5::QuietErrors quiet;
  if (H5Lexists(impl_->root.get(), name.c_str(), H5P_DEFAULT) <= 0) return false;
  // A link that leads nowhere (dangling, external, damaged) is no variable.
  const hid_t id = H5Oopen(impl_->root.get(), name.c_str(), H5P_DEFAULT);
  if (id < 0) {
    H5Eclear2(H5E_DEFAULT);
    return false;
  }
  const Handle obj(id, H5Oclose, impl_->where(name));
  return H5Iget_type(obj.get()) == H5I_DATASET;
}

std::vector<std::string> H5Reader::dimensions(const std::string& name) const {
  h5::QuietErrors quiet;
  const Handle d = impl_->open_dataset(name);
  const auto shape = impl_->shape_of(d.get(), name);
  if (H5DSis_scale(d.get()) > 0) return {scale_name(d.get())};
  std::vector<std::string> dims;
  for (unsigned i = 0; i < shape.size(); ++i) {
    std::string dim;
    if (H5DSget_num_scales(d.get(), i) > 0)
      check(H5DSiterate_scales(d.get(), i, nullptr, take_scale_name, &dim),
            impl_->where("dimension " + std::to_string(i) + " of '" + name + "'"));
    // h5netcdf's name for a dimension without a scale.
    dims.push_back(dim.empty() ? "phony_dim_" + std::to_string(i) : dim);
  }
  return dims;
}

std::vector<std::size_t> H5Reader::shape(const std::string& name) const {
  h5::QuietErrors quiet;
  const Handle d = impl_->open_dataset(name);
  return impl_->shape_of(d.get(), name);
}

NumericVariable H5Reader::read_numeric(const std::string& name) const {
  NumericVariable v;
  v.name = name;
  v.dims = dimensions(name);
  h5::QuietErrors quiet;
  const Handle d = impl_->open_dataset(name);
  v.shape = impl_->shape_of(d.get(), name);
  const Handle type = type_handle(H5Dget_type(d.get()), impl_->where(name));
  const H5T_class_t cls = H5Tget_class(type.get());
  if (cls != H5T_INTEGER && cls != H5T_FLOAT)
    throw FileError(impl_->where("variable '" + name +
                                 "' is not numeric; the file is damaged or not renkei output"));
  const std::size_t n = Impl::count(v.shape);
  impl_->check_storage(d.get(), name, n, H5Tget_size(type.get()));
  v.values.resize(n);
  if (n > 0 &&
      H5Dread(d.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.values.data()) < 0)
    impl_->damaged(name, "read");
  return v;
}

std::vector<std::string> H5Reader::read_strings(const std::string& name) const {
  h5::QuietErrors quiet;
  const Handle d = impl_->open_dataset(name);
  const Handle type = type_handle(H5Dget_type(d.get()), impl_->where(name));
  if (H5Tget_class(type.get()) != H5T_STRING)
    throw FileError(impl_->where(
        "variable '" + name + "' does not hold strings; the file is damaged or not renkei output"));
  const std::size_t n = Impl::count(impl_->shape_of(d.get(), name));
  std::vector<std::string> out;
  if (n == 0) return out;
  const Handle space = space_handle(H5Dget_space(d.get()), impl_->where(name));
  impl_->check_storage(d.get(), name, n, H5Tget_size(type.get()));
  if (H5Tis_variable_str(type.get()) > 0) {
    const Handle mtype = h5::vlen_utf8_type();
    std::vector<char*> raw(n, nullptr);
    // After a failed read the buffer may hold pointers HDF5 has already released: nothing
    // is reclaimed then (a small leak on the way out beats a double free).
    if (H5Dread(d.get(), mtype.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, raw.data()) < 0)
      impl_->damaged(name, "read");
    out.reserve(n);
    for (const char* p : raw) out.emplace_back(p != nullptr ? p : "");
    H5Dvlen_reclaim(mtype.get(), space.get(), H5P_DEFAULT, raw.data());
    // Files written before the digest existed have none: they are read as before.
    if (H5Aexists(d.get(), h5::kStringsDigestAttribute) > 0) {
      std::string recorded;
      try {
        recorded = h5::read_string_attribute(d.get(), h5::kStringsDigestAttribute);
      } catch (const std::runtime_error&) {
        impl_->damaged(name, "check the digest of");
      }
      if (recorded != h5::strings_digest(out))
        throw FileError("'" + impl_->path + "': variable '" + name +
                        "' is damaged: its strings do not match their SHA-256 digest; rerun the "
                        "command that wrote it");
    }
    return out;
  }
  const std::size_t size = H5Tget_size(type.get());
  if (size == 0 || size > kMaxReadValues / n)
    throw FileError(impl_->where("variable '" + name + "' declares " + std::to_string(n) +
                                 " strings of " + std::to_string(size) +
                                 " bytes, more than renkei reads: the file is damaged"));
  std::string buf(size * n, '\0');
  if (H5Dread(d.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buf.data()) < 0)
    impl_->damaged(name, "read");
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    std::string s = buf.substr(i * size, size);
    s.resize(s.find_last_not_of('\0') + 1);
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<std::string> H5Reader::global_attribute_names() const {
  h5::QuietErrors quiet;
  std::vector<std::string> names;
  hsize_t idx = 0;
  if (H5Aiterate2(impl_->root.get(), H5_INDEX_CRT_ORDER, H5_ITER_INC, &idx, collect_attribute,
                  &names) < 0) {
    names.clear();
    idx = 0;
    check(
        H5Aiterate2(impl_->root.get(), H5_INDEX_NAME, H5_ITER_INC, &idx, collect_attribute, &names),
        impl_->where("list global attributes"));
  }
  return names;
}

std::string H5Reader::global_attribute(const std::string& name) const {
  h5::QuietErrors quiet;
  if (H5Aexists(impl_->root.get(), name.c_str()) <= 0)
    throw FileError(impl_->where("no global attribute '" + name + "'"));
  try {
    return h5::read_string_attribute(impl_->root.get(), name);
  } catch (const std::runtime_error& e) {
    throw FileError(
        impl_->where(std::string(e.what()) + "; the file is damaged or not renkei output"));
  }
}

std::string H5Reader::variable_attribute(const std::string& variable,
                                         const std::string& name) const {
  h5::QuietErrors quiet;
  const Handle d = impl_->open_dataset(variable);
  if (H5Aexists(d.get(), name.c_str()) <= 0)
    throw FileError(impl_->where("variable '" + variable + "' has no attribute '" + name + "'"));
  try {
    return h5::read_string_attribute(d.get(), name);
  } catch (const std::runtime_error& e) {
    throw FileError(impl_->where("variable '" + variable + "': " + e.what() +
                                 "; the file is damaged or not renkei output"));
  }
}

}  // namespace renkei
