// The HDF5 sweep result writer (layout in docs/cluster.md).
#include "io/sweep_writer.hpp"

#include "io/atomic_file.hpp"
#include "io/h5_handles.hpp"

#include <hdf5.h>
#include <hdf5_hl.h>

#include <algorithm>
#include <array>
#include <limits>
#include <set>
#include <stdexcept>

namespace renkei {
namespace {

using h5::check;
using h5::Handle;

class SweepFile {
 public:
  SweepFile(const std::string& path, bool force, const SweepTable& t)
      : atomic_(path, force), t_(t) {}

  void write() {
    h5::QuietErrors quiet;
    file_ =
        h5::create_netcdf_file(atomic_.temp_path(), "cannot create '" + atomic_.temp_path() + "'");
    attributes();
    const hsize_t S = t_.scenario_names.size(), P = t_.design.size(), K = t_.factor_names.size(),
                  R = t_.replicates;
    {
      const Handle sc = scale("scenario", S, "scenario index");
      const Handle pt = scale("point", P, "design point index");
      const Handle fa = scale("factor", K, "factor (varied parameter) index");
      const Handle rp = scale("replicate", R, "replicate index (random-number stream)");

      strings("scenario_name", {S}, {sc.get()}, t_.scenario_names, "scenario name");
      strings("scenario_toml", {S}, {sc.get()}, t_.scenario_toml,
              "fully resolved scenario (TOML) before the point's parameters");
      strings("factor_name", {K}, {fa.get()}, t_.factor_names, "parameter key of the factor");

      std::vector<double> design(P * K);
      for (std::size_t p = 0; p < P; ++p)
        for (std::size_t k = 0; k < K; ++k) design[p * K + k] = t_.design[p][k];
      {
        const Handle d = dataset("design", H5T_IEEE_F64LE, {P, K}, {pt.get(), fa.get()}, nullptr);
        describe(d.get(), "", "parameter value of each factor at each design point");
        write_all(d.get(), H5T_NATIVE_DOUBLE, design.data());
      }
      {
        const Handle d = dataset("point_group", H5T_STD_I32LE, {P}, {pt.get()}, nullptr);
        describe(d.get(), "", "Saltelli base sample or Morris trajectory of the point (-1: none)");
        write_all(d.get(), H5T_NATIVE_INT32, t_.point_group.data());
      }
      {
        const Handle d = dataset("seed_replicate", H5T_STD_U64LE, {R}, {rp.get()}, nullptr);
        describe(d.get(), "",
                 "replicate stream of the model's random numbers (with the global attribute seed)");
        std::vector<std::uint64_t> reps(R);
        for (std::size_t r = 0; r < R; ++r) reps[r] = r;
        write_all(d.get(), H5T_NATIVE_UINT64, reps.data());
      }
      const std::vector<hsize_t> cube{S, P, R};
      const std::vector<hid_t> cube_dims{sc.get(), pt.get(), rp.get()};
      const std::size_t n = t_.runs();
      const double nan = std::numeric_limits<double>::quiet_NaN();
      for (std::size_t f = 0; f < kFinalCount; ++f) {
        const auto& def = kFinalDefs[f];
        const Handle d =
            dataset("final_" + std::string(def.name), H5T_IEEE_F64LE, cube, cube_dims, &nan);
        h5::write_numeric_attribute(d.get(), "_FillValue", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, &nan);
        describe(d.get(), def.unit, std::string(def.description) + " (NaN if the run failed)");
        write_all(d.get(), H5T_NATIVE_DOUBLE, t_.finals.data() + f * n);
      }
      {
        // No _FillValue on the integer flags: xarray would turn 0 into NaN.
        const std::int8_t zero = 0;
        const Handle d = dataset("run_ok", H5T_STD_I8LE, cube, cube_dims, &zero);
        describe(d.get(), "", "1 if the run finished, 0 if it failed");
        const std::array<std::int8_t, 2> flags{0, 1};
        h5::write_numeric_attribute(d.get(), "flag_values", H5T_STD_I8LE, H5T_NATIVE_INT8,
                                    flags.data(), flags.size());
        h5::write_string_attribute(d.get(), "flag_meanings", "failed ok");
        write_all(d.get(), H5T_NATIVE_INT8, t_.run_ok.data());
      }
      strings("run_error", cube, cube_dims, t_.run_error,
              "why the run failed (empty if it finished)");
    }
    check(H5Fflush(file_.get(), H5F_SCOPE_GLOBAL), "flush '" + atomic_.temp_path() + "'");
    file_.close("close '" + atomic_.temp_path() + "'");
    atomic_.commit();
  }

 private:
  void attributes() {
    std::set<std::string> seen;
    auto put = [&](const std::string& name, const std::string& value) {
      if (seen.insert(name).second) h5::write_string_attribute(file_.get(), name, value);
    };
    put("Conventions", "CF-1.8");
    put(std::string(kSweepFormatAttribute), std::string(kSweepFormat));
    for (const auto& [name, value] : t_.attributes) put(name, value);
  }

  Handle dataset(const std::string& name, hid_t type, const std::vector<hsize_t>& dims,
                 const std::vector<hid_t>& scales, const void* fill) {
    const std::string what = "variable '" + name + "'";
    const Handle space = h5::space_handle(
        H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr), what);
    const Handle dcpl = h5::netcdf_dataset_plist(what);
    if (fill != nullptr) check(H5Pset_fill_value(dcpl.get(), type, fill), what);
    check(H5Pset_alloc_time(dcpl.get(), H5D_ALLOC_TIME_EARLY), what);
    // Fixed-size data is chunked so that it can carry a Fletcher32 checksum: a damaged
    // result then fails to read instead of feeding wrong numbers to the indices. HDF5
    // allows no filter on variable-length strings, and a chunk needs every extent > 0.
    if (H5Tis_variable_str(type) <= 0) {
      const std::vector<hsize_t> chunk = h5::checksum_chunk(dims, H5Tget_size(type));
      if (!chunk.empty()) {
        check(H5Pset_chunk(dcpl.get(), static_cast<int>(chunk.size()), chunk.data()), what);
        check(H5Pset_fletcher32(dcpl.get()), what);
      }
    }
    Handle d = h5::dataset_handle(H5Dcreate2(file_.get(), name.c_str(), type, space.get(),
                                             H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
                                  "create " + what);
    for (std::size_t i = 0; i < scales.size(); ++i)
      check(H5DSattach_scale(d.get(), scales[i], static_cast<unsigned>(i)),
            "attach dimension " + std::to_string(i) + " to " + what);
    return d;
  }

  // An int32 index 0..n-1 that names dimension `name`.
  Handle scale(const std::string& name, hsize_t n, const std::string& long_name) {
    Handle d = dataset(name, H5T_STD_I32LE, {n}, {}, nullptr);
    std::vector<std::int32_t> idx(n);
    for (std::size_t i = 0; i < n; ++i) idx[i] = static_cast<std::int32_t>(i);
    write_all(d.get(), H5T_NATIVE_INT32, idx.data());
    check(H5DSset_scale(d.get(), name.c_str()), "make '" + name + "' a dimension");
    describe(d.get(), "", long_name);
    return d;
  }

  void strings(const std::string& name, const std::vector<hsize_t>& dims,
               const std::vector<hid_t>& scales, const std::vector<std::string>& values,
               const std::string& long_name) {
    const Handle str = h5::vlen_utf8_type();
    const char* empty = "";
    const Handle d = dataset(name, str.get(), dims, scales, &empty);
    describe(d.get(), "", long_name);
    std::vector<const char*> p;
    p.reserve(values.size());
    for (const auto& v : values) p.push_back(v.c_str());
    write_all(d.get(), str.get(), p.data());
    h5::write_strings_digest(d.get(), values);
  }

  static void describe(hid_t d, std::string_view units, const std::string& long_name) {
    if (!units.empty()) h5::write_string_attribute(d, "units", std::string(units));
    h5::write_string_attribute(d, "long_name", long_name);
  }

  static void write_all(hid_t d, hid_t mem_type, const void* buf) {
    const Handle space = h5::space_handle(H5Dget_space(d), "dataspace");
    if (H5Sget_simple_extent_npoints(space.get()) == 0) return;
    check(H5Dwrite(d, mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf), "write variable");
  }

  AtomicFile atomic_;  // declared first: destroyed last, after the file is closed
  const SweepTable& t_;
  Handle file_;
};

void validate(const SweepTable& t) {
  const std::size_t S = t.scenario_names.size(), P = t.design.size(), K = t.factor_names.size();
  auto bad = [](const std::string& what) { throw std::invalid_argument("sweep writer: " + what); };
  if (S == 0) bad("no scenarios");
  if (t.replicates == 0) bad("no replicates");
  if (!t.scenario_toml.empty() && t.scenario_toml.size() != S)
    bad("scenario_toml has the wrong length");
  if (t.point_group.size() != P)
    bad("point_group has " + std::to_string(t.point_group.size()) + " entries for " +
        std::to_string(P) + " points");
  for (const auto& p : t.design)
    if (p.size() != K)
      bad("a design point has " + std::to_string(p.size()) + " values for " + std::to_string(K) +
          " factors");
  const std::size_t n = t.runs();
  if (t.finals.size() != n * kFinalCount || t.run_ok.size() != n || t.run_error.size() != n)
    bad("run arrays do not match " + std::to_string(S) + " scenarios x " + std::to_string(P) +
        " points x " + std::to_string(t.replicates) + " replicates");
}

}  // namespace

void write_sweep_file(const std::string& path, bool force, const SweepTable& table) {
  validate(table);
  SweepTable copy;
  const SweepTable* t = &table;
  if (table.scenario_toml.empty()) {
    copy = table;
    copy.scenario_toml.assign(table.scenario_names.size(), "");
    t = &copy;
  }
  SweepFile file(path, force, *t);
  file.write();
}

}  // namespace renkei
