#include "io/h5_reader.hpp"

#include "io/h5_handles.hpp"
#include "io/h5_layout.hpp"
#include "io/sweep_writer.hpp"

#include <hdf5.h>
#include <hdf5_hl.h>

#include <filesystem>
#include <stdexcept>

namespace renkei {

using h5::check;
using h5::Handle;

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

  std::string where(const std::string& name) const { return "'" + path + "': " + name; }

  Handle open_dataset(const std::string& name) const {
    if (H5Lexists(root.get(), name.c_str(), H5P_DEFAULT) <= 0)
      throw std::runtime_error(where("no variable '" + name + "'"));
    return h5::dataset_handle(H5Dopen2(root.get(), name.c_str(), H5P_DEFAULT),
                              where("open variable '" + name + "'"));
  }

  std::vector<std::size_t> shape_of(hid_t dset, const std::string& name) const {
    const Handle space = h5::space_handle(H5Dget_space(dset), where(name));
    const int rank = H5Sget_simple_extent_ndims(space.get());
    if (rank < 0) h5::fail(where("dimensions of '" + name + "'"));
    std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
    check(H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr), where(name));
    return {dims.begin(), dims.end()};
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
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw std::runtime_error("cannot read results '" + path + "': no such file");
  h5::QuietErrors quiet;
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (file < 0) {
    const std::string detail = h5::last_error();
    H5Eclear2(H5E_DEFAULT);
    throw std::runtime_error("cannot read results '" + path + "': not an HDF5 file (" + detail +
                             ")");
  }
  impl_->file = h5::file_handle(file, path);
  impl_->root = Handle(H5Gopen2(file, "/", H5P_DEFAULT), H5Gclose, impl_->where("root group"));
  const std::string marker(kMarkerAttribute);
  // Sweep results (renkei sweep) carry their own marker, renkei_format = "renkei-sweep 1".
  const std::string format_marker(kSweepFormatAttribute);
  const bool sweep = H5Aexists(impl_->root.get(), format_marker.c_str()) > 0 &&
                     h5::read_string_attribute(impl_->root.get(), format_marker) == kSweepFormat;
  if (!sweep && H5Aexists(impl_->root.get(), marker.c_str()) <= 0)
    throw std::runtime_error("cannot read results '" + path + "': not renkei output (no global attribute '" +
                             marker + "' nor " + format_marker + " = \"" + std::string(kSweepFormat) + "\")");
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
  for (const auto& name : links) {
    const Handle obj(H5Oopen(impl_->root.get(), name.c_str(), H5P_DEFAULT), H5Oclose,
                     impl_->where(name));
    if (H5Iget_type(obj.get()) == H5I_DATASET) out.push_back(name);
  }
  return out;
}

bool H5Reader::has_variable(const std::string& name) const {
  h5::QuietErrors quiet;
  if (H5Lexists(impl_->root.get(), name.c_str(), H5P_DEFAULT) <= 0) return false;
  const Handle obj(H5Oopen(impl_->root.get(), name.c_str(), H5P_DEFAULT), H5Oclose,
                   impl_->where(name));
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
  const Handle type = h5::type_handle(H5Dget_type(d.get()), impl_->where(name));
  const H5T_class_t cls = H5Tget_class(type.get());
  if (cls != H5T_INTEGER && cls != H5T_FLOAT)
    throw std::runtime_error(impl_->where("variable '" + name + "' is not numeric"));
  std::size_t n = 1;
  for (const auto s : v.shape) n *= s;
  v.values.resize(n);
  if (n > 0)
    check(H5Dread(d.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.values.data()),
          impl_->where("read '" + name + "'"));
  return v;
}

std::vector<std::string> H5Reader::read_strings(const std::string& name) const {
  h5::QuietErrors quiet;
  const Handle d = impl_->open_dataset(name);
  const Handle type = h5::type_handle(H5Dget_type(d.get()), impl_->where(name));
  if (H5Tget_class(type.get()) != H5T_STRING)
    throw std::runtime_error(impl_->where("variable '" + name + "' does not hold strings"));
  const Handle space = h5::space_handle(H5Dget_space(d.get()), impl_->where(name));
  const hssize_t count = H5Sget_simple_extent_npoints(space.get());
  if (count < 0) h5::fail(impl_->where(name));
  const auto n = static_cast<std::size_t>(count);
  std::vector<std::string> out;
  out.reserve(n);
  if (n == 0) return out;
  if (H5Tis_variable_str(type.get()) > 0) {
    const Handle mtype = h5::vlen_utf8_type();
    std::vector<char*> raw(n, nullptr);
    check(H5Dread(d.get(), mtype.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, raw.data()),
          impl_->where("read '" + name + "'"));
    for (const char* p : raw) out.emplace_back(p != nullptr ? p : "");
    H5Dvlen_reclaim(mtype.get(), space.get(), H5P_DEFAULT, raw.data());
    return out;
  }
  const std::size_t size = H5Tget_size(type.get());
  std::string buf(size * n, '\0');
  check(H5Dread(d.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buf.data()),
        impl_->where("read '" + name + "'"));
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
    check(H5Aiterate2(impl_->root.get(), H5_INDEX_NAME, H5_ITER_INC, &idx, collect_attribute,
                      &names),
          impl_->where("list global attributes"));
  }
  return names;
}

std::string H5Reader::global_attribute(const std::string& name) const {
  h5::QuietErrors quiet;
  if (H5Aexists(impl_->root.get(), name.c_str()) <= 0)
    throw std::runtime_error(impl_->where("no global attribute '" + name + "'"));
  try {
    return h5::read_string_attribute(impl_->root.get(), name);
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(impl_->where(e.what()));
  }
}

std::string H5Reader::variable_attribute(const std::string& variable,
                                         const std::string& name) const {
  h5::QuietErrors quiet;
  const Handle d = impl_->open_dataset(variable);
  if (H5Aexists(d.get(), name.c_str()) <= 0)
    throw std::runtime_error(impl_->where("variable '" + variable + "' has no attribute '" +
                                          name + "'"));
  try {
    return h5::read_string_attribute(d.get(), name);
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(impl_->where("variable '" + variable + "': " + e.what()));
  }
}

}  // namespace renkei
