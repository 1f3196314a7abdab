// The HDF5 result writer: one netCDF-4 compatible file per study (layout in docs/output.md).
#include "io/atomic_file.hpp"
#include "io/h5_handles.hpp"
#include "io/h5_layout.hpp"
#include "io/result_writer.hpp"
#include "renkei/build_info.hpp"

#include <hdf5.h>
#include <hdf5_hl.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace renkei {
namespace {

using h5::check;
using h5::Handle;

constexpr const char* kOverMean = " (mean over successful replicates)";
constexpr const char* kOverSd = " (sample standard deviation over successful replicates)";
constexpr const char* kOverQuantile = " (quantiles over successful replicates)";

// What one dataset looks like; `chunk` empty means contiguous storage.
struct DatasetSpec {
  std::string name;
  hid_t file_type = H5I_INVALID_HID;
  std::vector<hsize_t> dims;
  std::vector<hsize_t> chunk;
  int unlimited_axis = -1;
  bool deflate = false;
};

// Copies the `mem_count` block at `mem_start` of a buffer shaped `mem_dims` to the
// `file_count` block at `file_start` of the dataset, in one H5Dwrite.
void write_slab(hid_t dset, hid_t mem_type, const void* buf, const std::vector<hsize_t>& mem_dims,
                const std::vector<hsize_t>& mem_start, const std::vector<hsize_t>& file_start,
                const std::vector<hsize_t>& mem_count, const std::vector<hsize_t>& file_count,
                const std::string& what) {
  for (const hsize_t c : file_count)
    if (c == 0) return;
  const Handle fspace = h5::space_handle(H5Dget_space(dset), what);
  check(H5Sselect_hyperslab(fspace.get(), H5S_SELECT_SET, file_start.data(), nullptr,
                            file_count.data(), nullptr),
        "select " + what);
  const Handle mspace = h5::space_handle(
      H5Screate_simple(static_cast<int>(mem_dims.size()), mem_dims.data(), nullptr), what);
  check(H5Sselect_hyperslab(mspace.get(), H5S_SELECT_SET, mem_start.data(), nullptr,
                            mem_count.data(), nullptr),
        "select " + what);
  check(H5Dwrite(dset, mem_type, mspace.get(), fspace.get(), H5P_DEFAULT, buf), "write " + what);
}

// Writes a whole dataset from a buffer of its own shape.
void write_all(hid_t dset, hid_t mem_type, const void* buf, const std::string& what) {
  const Handle fspace = h5::space_handle(H5Dget_space(dset), what);
  if (H5Sget_simple_extent_npoints(fspace.get()) == 0) return;
  check(H5Dwrite(dset, mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf), "write " + what);
}

std::size_t checked_size(int n, const char* what) {
  if (n <= 0)
    throw std::invalid_argument(std::string("HDF5 writer: ") + what + " must be positive");
  return static_cast<std::size_t>(n);
}

class Hdf5Writer final : public ResultWriter {
 public:
  Hdf5Writer(const std::string& path, bool force, const StudyHeader& header);
  ~Hdf5Writer() override;
  void write_run(const RunResult& run) override;
  void write_summary(const ScenarioSummary& summary) override;
  void set_attribute(const std::string& name, const std::string& value) override;
  void set_replicates(int replicates) override;
  void commit() override;

 private:
  void validate_header() const;
  void create_file();
  void write_global_attributes();
  void create_dimensions();
  void create_variables();
  void create_series_variables();
  void create_final_variables();
  void create_records();
  void create_block_variables();
  void create_policy_cost_variables();
  void write_policy_costs();
  void budget_warnings();
  Handle create_dataset(const DatasetSpec& spec, const std::vector<hid_t>& dims, const void* fill);
  void describe(hid_t dset, std::string_view units, std::string_view long_name);
  void grow_to(std::size_t replicates);
  void start_block(std::uint32_t scenario, std::size_t first);
  void flush_block();
  void write_final_summaries();
  void close_datasets() noexcept;

  AtomicFile atomic_;  // declared first: destroyed last, after every id is closed
  StudyHeader header_;
  // n_rep_ is the most replicates the study may hold (chunk sizes, checks); extent_ the
  // length of the replicate dimension so far: the replicates written.
  std::size_t n_scen_ = 0, n_rep_ = 0, n_step_ = 0, n_quant_ = 0;
  std::size_t extent_ = 0;
  std::size_t final_replicates_ = 0;  // the extent at commit: n_rep_ unless set_replicates
  std::size_t written_end_ = 0;       // 1 + the highest replicate written
  std::size_t block_size_ = 0;        // replicates per chunk and per buffered write

  Handle file_;
  Handle scenario_dim_, replicate_dim_, time_dim_, quantile_dim_;
  std::vector<Handle> series_, series_mean_, series_sd_, series_quant_;
  std::vector<Handle> final_, final_mean_, final_sd_, final_quant_;
  Handle run_ok_, run_error_, runs_ok_, parameter_draw_;
  Handle block_dim_, block_dec_, block_end_;  // valid only with per-block output
  Handle scen_desc_, scen_toml_, scen_files_, scen_name_en_, scen_name_ja_;
  // Costs by policy: the slots (the base, then each scenario's policies) and the values of
  // every run, [scenario] -> [replicate][slot][kind], kept and written at commit.
  Handle policy_dim_, policy_name_;
  std::array<Handle, kCostKindCount> policy_cost_;      // policy_cost_<kind>_by_policy
  std::vector<std::vector<std::string>> policy_names_;  // [scenario][policy]
  std::vector<std::vector<double>> policy_caps_;        // budget_cap_yen, [scenario][policy]
  std::size_t n_slot_ = 1;
  std::vector<std::vector<double>> policy_costs_;

  // The block of replicates being buffered: [series][slot][step], [final][slot], [slot].
  bool block_open_ = false;
  std::uint32_t block_scenario_ = 0;
  std::size_t block_first_ = 0;
  std::vector<float> block_series_;
  std::vector<double> block_finals_;
  std::vector<std::int8_t> block_ok_;
  std::vector<std::string> block_error_;
  std::vector<bool> block_present_;
  std::vector<double> block_certs_dec_, block_certs_end_;  // [slot][block column]

  std::vector<bool> run_written_;  // [scenario][replicate]
  std::vector<bool> summary_written_;
  // Final-metric summaries are a few numbers per scenario: kept and written at commit.
  std::vector<double> final_mean_all_, final_sd_all_, final_quant_all_;  // [final][scen](×Q)
  std::vector<std::int32_t> runs_ok_all_;
  bool committed_ = false;
};

Hdf5Writer::Hdf5Writer(const std::string& path, bool force, const StudyHeader& header)
    : atomic_(path, force), header_(header) {
  validate_header();
  h5::QuietErrors quiet;
  create_file();
  create_dimensions();
  create_variables();

  run_written_.assign(n_scen_ * n_rep_, false);
  final_replicates_ = n_rep_;
  summary_written_.assign(n_scen_, false);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  final_mean_all_.assign(kFinalCount * n_scen_, nan);
  final_sd_all_.assign(kFinalCount * n_scen_, nan);
  final_quant_all_.assign(kFinalCount * n_scen_ * n_quant_, nan);
  runs_ok_all_.assign(n_scen_, 0);
}

Hdf5Writer::~Hdf5Writer() {
  h5::QuietErrors quiet;
  close_datasets();
  file_.reset();
}

void Hdf5Writer::close_datasets() noexcept {
  auto reset = [](std::vector<Handle>& v) {
    for (auto& h : v) h.reset();
  };
  reset(series_), reset(series_mean_), reset(series_sd_), reset(series_quant_);
  reset(final_), reset(final_mean_), reset(final_sd_), reset(final_quant_);
  for (auto& h : policy_cost_) h.reset();
  for (Handle* h :
       {&run_ok_, &run_error_, &runs_ok_, &parameter_draw_, &scen_desc_, &scen_toml_, &scen_files_,
        &scen_name_en_, &scen_name_ja_, &block_dec_, &block_end_, &policy_name_, &policy_dim_,
        &block_dim_, &scenario_dim_, &replicate_dim_, &time_dim_, &quantile_dim_})
    h->reset();
}

void Hdf5Writer::validate_header() const {
  const auto& h = header_;
  const std::size_t s = h.scenario_names.size();
  if (s == 0) throw std::invalid_argument("HDF5 writer: the study has no scenarios");
  auto same_size = [s](const std::vector<std::string>& v, const char* what) {
    if (!v.empty() && v.size() != s)
      throw std::invalid_argument(std::string("HDF5 writer: ") + what + " has " +
                                  std::to_string(v.size()) + " entries for " + std::to_string(s) +
                                  " scenarios");
  };
  same_size(h.scenario_descriptions, "scenario_descriptions");
  same_size(h.scenario_display_names_en, "scenario_display_names_en");
  same_size(h.scenario_display_names_ja, "scenario_display_names_ja");
  same_size(h.scenario_toml, "scenario_toml");
  same_size(h.scenario_files, "scenario_files");
  checked_size(h.replicates, "replicates");
  if (h.parameter_draws < 0)
    throw std::invalid_argument("HDF5 writer: parameter_draws must be >= 0");
  checked_size(h.steps, "steps");
  checked_size(h.step_days, "step_days");
  if (!h.start.valid())
    throw std::invalid_argument("HDF5 writer: invalid start date " + h.start.iso());
  for (const double q : h.quantiles)
    if (!(q >= 0.0 && q <= 1.0))
      throw std::invalid_argument("HDF5 writer: quantile levels must lie in [0, 1]");
  std::set<std::string> names;
  if (!h.block_ids.empty()) {
    if (h.scenario_block_columns.size() != s)
      throw std::invalid_argument(
          "HDF5 writer: scenario_block_columns needs one entry per scenario");
    for (const auto& cols : h.scenario_block_columns)
      for (const std::size_t c : cols)
        if (c >= h.block_ids.size())
          throw std::invalid_argument("HDF5 writer: a block column outside block_ids");
    if (!h.block_dec_date.valid() || !h.end_date.valid())
      throw std::invalid_argument("HDF5 writer: per-block output needs valid dates");
  }
  for (const auto& [name, value] : h.attributes) {
    if (name.empty()) throw std::invalid_argument("HDF5 writer: empty global attribute name");
    if (!names.insert(name).second)
      throw std::invalid_argument("HDF5 writer: global attribute '" + name + "' given twice");
  }
}

void Hdf5Writer::create_file() {
  n_scen_ = header_.scenario_names.size();
  n_rep_ = static_cast<std::size_t>(header_.replicates);
  n_step_ = static_cast<std::size_t>(header_.steps);
  n_quant_ = header_.quantiles.size();
  block_size_ = std::min<std::size_t>(n_rep_, kReplicateChunk);

  file_ =
      h5::create_netcdf_file(atomic_.temp_path(), "cannot create '" + atomic_.temp_path() + "'");
}

void Hdf5Writer::write_global_attributes() {
  const hid_t root = file_.get();
  std::set<std::string> given;
  for (const auto& a : header_.attributes) given.insert(a.first);
  auto own = [&](const std::string& name, const std::string& value) {
    if (!given.contains(name)) h5::write_string_attribute(root, name, value);
  };
  own("Conventions", "CF-1.8");
  own("title", "renkei simulation study");
  for (const auto& [name, value] : header_.attributes)
    h5::write_string_attribute(root, name, value);
  own(std::string(kMarkerAttribute), build::version);
  own(std::string(kFormatAttribute), std::string(kStudyFormat));
  unsigned major = 0, minor = 0, release = 0;
  check(H5get_libversion(&major, &minor, &release), "HDF5 version");
  own("hdf5_version",
      std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(release));
}

Handle Hdf5Writer::create_dataset(const DatasetSpec& spec, const std::vector<hid_t>& dims,
                                  const void* fill) {
  const std::string what = "variable '" + spec.name + "'";
  std::vector<hsize_t> maxdims = spec.dims;
  if (spec.unlimited_axis >= 0)
    maxdims[static_cast<std::size_t>(spec.unlimited_axis)] = H5S_UNLIMITED;
  const Handle space = h5::space_handle(
      H5Screate_simple(static_cast<int>(spec.dims.size()), spec.dims.data(), maxdims.data()), what);
  const Handle dcpl = h5::netcdf_dataset_plist(what);
  if (!spec.chunk.empty()) {
    check(H5Pset_chunk(dcpl.get(), static_cast<int>(spec.chunk.size()), spec.chunk.data()), what);
    if (spec.deflate) {
      check(H5Pset_shuffle(dcpl.get()), what);
      check(H5Pset_deflate(dcpl.get(), 1), what);
    }
    // A checksum per chunk: a damaged file then fails to read ("data error detected by
    // Fletcher32 checksum") instead of yielding wrong numbers. HDF5 allows no filter on
    // variable-length strings (run_error), whose chunks hold only heap references.
    if (H5Tis_variable_str(spec.file_type) <= 0) check(H5Pset_fletcher32(dcpl.get()), what);
  }
  if (fill != nullptr) check(H5Pset_fill_value(dcpl.get(), spec.file_type, fill), what);
  if (spec.chunk.empty()) {
    // Fixed-size summaries and coordinates are chunked only to carry Fletcher32 too, so that
    // damage anywhere in the numbers is caught; a chunk per scenario when the variable has
    // more than the scenario axis, as write_summary fills them. Variable-length strings take
    // no filter and stay contiguous (their bytes live in the global heap).
    if (H5Tis_variable_str(spec.file_type) <= 0) {
      const std::vector<hsize_t> chunk =
          h5::checksum_chunk(spec.dims, H5Tget_size(spec.file_type), spec.dims.size() >= 2 ? 1 : 0);
      if (!chunk.empty()) {
        check(H5Pset_chunk(dcpl.get(), static_cast<int>(chunk.size()), chunk.data()), what);
        check(H5Pset_fletcher32(dcpl.get()), what);
      }
    }
    // Summaries get their storage (filled) at once: a summary never written then reads as
    // NaN everywhere, including in h5diff, which skips unallocated datasets.
    check(H5Pset_alloc_time(dcpl.get(), H5D_ALLOC_TIME_EARLY), what);
  }
  Handle dset = h5::dataset_handle(H5Dcreate2(file_.get(), spec.name.c_str(), spec.file_type,
                                              space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
                                   "create " + what);
  for (std::size_t i = 0; i < dims.size(); ++i)
    check(H5DSattach_scale(dset.get(), dims[i], static_cast<unsigned>(i)),
          "attach dimension " + std::to_string(i) + " to " + what);
  if (spec.file_type == H5T_IEEE_F32LE) {
    const float nan = std::numeric_limits<float>::quiet_NaN();
    h5::write_numeric_attribute(dset.get(), "_FillValue", H5T_IEEE_F32LE, H5T_NATIVE_FLOAT, &nan);
  } else if (spec.file_type == H5T_IEEE_F64LE && fill != nullptr) {
    h5::write_numeric_attribute(dset.get(), "_FillValue", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, fill);
  }
  return dset;
}

void Hdf5Writer::describe(hid_t dset, std::string_view units, std::string_view long_name) {
  if (!units.empty()) h5::write_string_attribute(dset, "units", std::string(units));
  h5::write_string_attribute(dset, "long_name", std::string(long_name));
}

void Hdf5Writer::create_dimensions() {
  const Handle str = h5::vlen_utf8_type();
  const std::size_t chunk2 = std::min<std::size_t>(n_rep_, kReplicateChunk2d);

  scenario_dim_ = create_dataset({"scenario", str.get(), {n_scen_}, {}, -1, false}, {}, nullptr);
  std::vector<const char*> names;
  for (const auto& n : header_.scenario_names) names.push_back(n.c_str());
  write_all(scenario_dim_.get(), str.get(), names.data(), "scenario");
  h5::write_strings_digest(scenario_dim_.get(), header_.scenario_names);
  check(H5DSset_scale(scenario_dim_.get(), "scenario"), "make 'scenario' a dimension");
  describe(scenario_dim_.get(), "", "scenario name");

  // Empty until replicates arrive (grow_to): the file holds exactly the replicates run.
  replicate_dim_ =
      create_dataset({"replicate", H5T_STD_I32LE, {0}, {chunk2}, 0, false}, {}, nullptr);
  check(H5DSset_scale(replicate_dim_.get(), "replicate"), "make 'replicate' a dimension");
  describe(replicate_dim_.get(), "", "replicate index (random-number stream)");

  time_dim_ = create_dataset({"time", H5T_IEEE_F64LE, {n_step_}, {}, -1, false}, {}, nullptr);
  std::vector<double> days(n_step_);
  for (std::size_t t = 0; t < n_step_; ++t) days[t] = static_cast<double>(t) * header_.step_days;
  write_all(time_dim_.get(), H5T_NATIVE_DOUBLE, days.data(), "time");
  check(H5DSset_scale(time_dim_.get(), "time"), "make 'time' a dimension");
  h5::write_string_attribute(time_dim_.get(), "units", "days since " + header_.start.iso());
  h5::write_string_attribute(time_dim_.get(), "calendar", "proleptic_gregorian");
  h5::write_string_attribute(time_dim_.get(), "long_name", "first day of the step");
  h5::write_string_attribute(time_dim_.get(), "standard_name", "time");
  h5::write_string_attribute(time_dim_.get(), "axis", "T");

  quantile_dim_ =
      create_dataset({"quantile", H5T_IEEE_F64LE, {n_quant_}, {}, -1, false}, {}, nullptr);
  write_all(quantile_dim_.get(), H5T_NATIVE_DOUBLE, header_.quantiles.data(), "quantile");
  check(H5DSset_scale(quantile_dim_.get(), "quantile"), "make 'quantile' a dimension");
  describe(quantile_dim_.get(), "1", "quantile level over successful replicates");
}

void Hdf5Writer::create_variables() {
  create_series_variables();
  create_final_variables();
  create_records();
  create_block_variables();
  create_policy_cost_variables();
}

// Policy spending by policy and kind (docs/output.md): per kind a (scenario, replicate,
// policy) array policy_cost_<kind>_by_policy whose `policy` axis holds slots: 0 the base (spending
// at the lever values without any policy), p the scenario's p-th policy, named by policy_name. The
// policy names and caps come from the header (the scenarios' policies). Created last, so the other
// variables keep their order and shape.
void Hdf5Writer::create_policy_cost_variables() {
  policy_names_.assign(n_scen_, {});
  policy_caps_.assign(n_scen_, {});
  for (std::size_t i = 0; i < n_scen_ && i < header_.policy_names.size(); ++i) {
    policy_names_[i] = header_.policy_names[i];
    if (i < header_.policy_caps.size()) policy_caps_[i] = header_.policy_caps[i];
    n_slot_ = std::max(n_slot_, policy_names_[i].size() + 1);
  }
  policy_costs_.assign(n_scen_, {});
  const Handle str = h5::vlen_utf8_type();
  const std::size_t nk = kCostKindCount;

  policy_dim_ = create_dataset({"policy", H5T_STD_I32LE, {n_slot_}, {}, -1, false}, {}, nullptr);
  std::vector<std::int32_t> slots(n_slot_);
  for (std::size_t i = 0; i < n_slot_; ++i) slots[i] = static_cast<std::int32_t>(i);
  write_all(policy_dim_.get(), H5T_NATIVE_INT32, slots.data(), "policy");
  check(H5DSset_scale(policy_dim_.get(), "policy"), "make 'policy' a dimension");
  describe(policy_dim_.get(), "",
           "policy slot: 0 the base (no policy), p the scenario's p-th [[policy]] (policy_name)");

  const hid_t sc = scenario_dim_.get(), rp = replicate_dim_.get(), pl = policy_dim_.get();
  const char* empty = "";
  policy_name_ = create_dataset({"policy_name", str.get(), {n_scen_, n_slot_}, {}, -1, false},
                                {sc, pl}, &empty);
  std::vector<std::string> names(n_scen_ * n_slot_);
  for (std::size_t i = 0; i < n_scen_; ++i) {
    names[i * n_slot_] = "(base)";
    for (std::size_t p = 0; p < policy_names_[i].size(); ++p)
      names[i * n_slot_ + p + 1] = policy_names_[i][p];
  }
  std::vector<const char*> name_ptrs;
  for (const auto& n : names) name_ptrs.push_back(n.c_str());
  write_all(policy_name_.get(), str.get(), name_ptrs.data(), "policy_name");
  h5::write_strings_digest(policy_name_.get(), names);
  describe(policy_name_.get(), "",
           "name of the policy in each slot: (base) for slot 0, empty beyond the scenario's "
           "policies");

  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::size_t chunk2 = std::min<std::size_t>(n_rep_, kReplicateChunk2d);
  for (std::size_t k = 0; k < nk; ++k) {
    const std::string kind(kCostKindNames[k]);
    policy_cost_[k] = create_dataset({"policy_cost_" + kind + "_by_policy",
                                      H5T_IEEE_F64LE,
                                      {n_scen_, 0, n_slot_},
                                      {1, chunk2, n_slot_},
                                      1,
                                      false},
                                     {sc, rp, pl}, &nan);
    describe(policy_cost_[k].get(), "yen",
             "Policy spending from the start to the end date of kind " + kind +
                 " by policy (slot 0: at the lever values without any policy; per-contact and "
                 "coaching charges shared by the policies' changes to the lever that produced "
                 "them); over the policy axis it sums to final_policy_cost_" +
                 kind + " (NaN: no such policy, or the run failed)");
  }
}

// A budget cap counts the policy's own fixed and running charges (docs/scenarios.md); the
// charges per contact and for coaching attributed to it come on top. Where they take its
// spending past the cap in some run, the global attribute budget_warnings says so.
void Hdf5Writer::budget_warnings() {
  std::string text;
  const std::size_t nk = kCostKindCount;
  for (std::size_t i = 0; i < n_scen_ && i < policy_caps_.size(); ++i) {
    const auto& caps = policy_caps_[i];
    const auto& costs = policy_costs_[i];
    for (std::size_t p = 0; p < caps.size() && p < policy_names_[i].size(); ++p) {
      if (!(caps[p] > 0.0)) continue;
      std::size_t runs = 0, over = 0;
      double most = 0.0;
      for (std::size_t r = 0; (r + 1) * n_slot_ * nk <= costs.size(); ++r) {
        const double* v = costs.data() + (r * n_slot_ + p + 1) * nk;
        double total = 0.0;
        for (std::size_t k = 0; k < nk; ++k) total += v[k];
        if (!std::isfinite(total)) continue;
        ++runs;
        if (total > caps[p] * (1.0 + 1e-12)) {
          ++over;
          most = std::max(most, total);
        }
      }
      if (over == 0) continue;
      char amounts[96];
      std::snprintf(amounts, sizeof amounts, "%.0f yen against its cap of %.0f", most, caps[p]);
      text += std::string(text.empty() ? "" : "; ") + "scenario '" + header_.scenario_names[i] +
              "', policy '" + policy_names_[i][p] +
              "': with the per-contact and coaching charges attributed to it, its spending " +
              "passed budget_cap_yen (which counts its fixed and running charges) in " +
              std::to_string(over) + " of " + std::to_string(runs) + " runs, up to " + amounts;
    }
  }
  if (!text.empty()) set_attribute("budget_warnings", text);
}

// The costs by policy of every run, in one write at commit (the replicate axis is final).
void Hdf5Writer::write_policy_costs() {
  budget_warnings();
  const hsize_t n = extent_, ns = n_slot_;
  const std::size_t nk = kCostKindCount;
  const std::vector<hsize_t> dims{n_scen_, n, ns};
  for (std::size_t k = 0; k < nk; ++k) {
    const std::string name = "policy_cost_" + std::string(kCostKindNames[k]) + "_by_policy";
    check(H5Dset_extent(policy_cost_[k].get(), dims.data()), "extend '" + name + "'");
    if (n == 0) continue;
    std::vector<double> values(n * ns);
    for (std::size_t i = 0; i < n_scen_; ++i) {
      const auto& from = policy_costs_[i];  // [replicate][slot][kind]
      for (std::size_t j = 0; j < n * ns; ++j)
        values[j] =
            j * nk + k < from.size() ? from[j * nk + k] : std::numeric_limits<double>::quiet_NaN();
      write_slab(policy_cost_[k].get(), H5T_NATIVE_DOUBLE, values.data(), {n, ns}, {0, 0},
                 {i, 0, 0}, {n, ns}, {1, n, ns}, name);
    }
  }
}

// Certifications by block: a (scenario, replicate, block) array at two dates. Created
// after every other variable so that the existing variables keep their order and shape.
void Hdf5Writer::create_block_variables() {
  if (header_.block_ids.empty()) return;
  const Handle str = h5::vlen_utf8_type();
  const std::size_t nb = header_.block_ids.size();
  block_dim_ = create_dataset({"block", str.get(), {nb}, {}, -1, false}, {}, nullptr);
  std::vector<const char*> ids;
  std::string joined;
  for (const auto& id : header_.block_ids) {
    ids.push_back(id.c_str());
    joined += (joined.empty() ? "" : ",") + id;
  }
  write_all(block_dim_.get(), str.get(), ids.data(), "block");
  h5::write_strings_digest(block_dim_.get(), header_.block_ids);
  check(H5DSset_scale(block_dim_.get(), "block"), "make 'block' a dimension");
  describe(block_dim_.get(), "",
           "block id of the world file (a METI regional bureau's jurisdiction)");

  const double nan = std::numeric_limits<double>::quiet_NaN();
  const hid_t sc = scenario_dim_.get(), rp = replicate_dim_.get(), bl = block_dim_.get();
  const std::size_t chunk2 = std::min<std::size_t>(n_rep_, kReplicateChunk2d);
  auto make = [&](const char* name, const Date& date, const std::string& when) {
    Handle d = create_dataset({name, H5T_IEEE_F64LE, {n_scen_, 0, nb}, {1, chunk2, nb}, 1, false},
                              {sc, rp, bl}, &nan);
    describe(d.get(), "cases (cumulative)",
             "Certified collaborations since the program start by the block of the core firm, " +
                 when + " (NaN: the block is not in the scenario's world, or the run failed)");
    h5::write_string_attribute(d.get(), "date", date.iso());
    h5::write_string_attribute(d.get(), "blocks", joined);
    return d;
  };
  block_dec_ = make("certifications_by_block", header_.block_dec_date,
                    "at the step holding 15 December of the start year");
  block_end_ = make("certifications_by_block_end", header_.end_date, "at the end date");
}

void Hdf5Writer::create_series_variables() {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const float nanf = std::numeric_limits<float>::quiet_NaN();
  const hid_t sc = scenario_dim_.get(), rp = replicate_dim_.get(), tm = time_dim_.get(),
              qu = quantile_dim_.get();
  for (const auto& d : kSeriesDefs) {
    const std::string name(d.name);
    const std::string desc(d.description);
    if (header_.keep_replicate_series) {
      series_.push_back(create_dataset({name,
                                        H5T_IEEE_F32LE,
                                        {n_scen_, 0, n_step_},
                                        {1, block_size_, n_step_},
                                        1,
                                        kDeflateReplicateSeries},
                                       {sc, rp, tm}, &nanf));
      describe(series_.back().get(), d.unit, desc);
    }
    series_mean_.push_back(create_dataset(
        {name + "_mean", H5T_IEEE_F64LE, {n_scen_, n_step_}, {}, -1, false}, {sc, tm}, &nan));
    describe(series_mean_.back().get(), d.unit, desc + kOverMean);
    series_sd_.push_back(create_dataset(
        {name + "_sd", H5T_IEEE_F64LE, {n_scen_, n_step_}, {}, -1, false}, {sc, tm}, &nan));
    describe(series_sd_.back().get(), d.unit, desc + kOverSd);
    series_quant_.push_back(create_dataset(
        {name + "_quantile", H5T_IEEE_F64LE, {n_scen_, n_quant_, n_step_}, {}, -1, false},
        {sc, qu, tm}, &nan));
    describe(series_quant_.back().get(), d.unit, desc + kOverQuantile);
  }
}

void Hdf5Writer::create_final_variables() {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const hid_t sc = scenario_dim_.get(), rp = replicate_dim_.get(), qu = quantile_dim_.get();
  const std::size_t chunk2 = std::min<std::size_t>(n_rep_, kReplicateChunk2d);
  for (const auto& d : kFinalDefs) {
    const std::string name = "final_" + std::string(d.name);
    const std::string desc(d.description);
    final_.push_back(create_dataset({name, H5T_IEEE_F64LE, {n_scen_, 0}, {1, chunk2}, 1, false},
                                    {sc, rp}, &nan));
    describe(final_.back().get(), d.unit, desc);
    final_mean_.push_back(
        create_dataset({name + "_mean", H5T_IEEE_F64LE, {n_scen_}, {}, -1, false}, {sc}, &nan));
    describe(final_mean_.back().get(), d.unit, desc + kOverMean);
    final_sd_.push_back(
        create_dataset({name + "_sd", H5T_IEEE_F64LE, {n_scen_}, {}, -1, false}, {sc}, &nan));
    describe(final_sd_.back().get(), d.unit, desc + kOverSd);
    final_quant_.push_back(create_dataset(
        {name + "_quantile", H5T_IEEE_F64LE, {n_scen_, n_quant_}, {}, -1, false}, {sc, qu}, &nan));
    describe(final_quant_.back().get(), d.unit, desc + kOverQuantile);
  }
}

void Hdf5Writer::create_records() {
  const hid_t sc = scenario_dim_.get(), rp = replicate_dim_.get();
  const std::size_t chunk2 = std::min<std::size_t>(n_rep_, kReplicateChunk2d);
  // No _FillValue attribute on the integer flags: xarray would turn 0 into NaN.
  const std::int8_t zero8 = 0;
  run_ok_ = create_dataset({"run_ok", H5T_STD_I8LE, {n_scen_, 0}, {1, chunk2}, 1, false}, {sc, rp},
                           &zero8);
  describe(run_ok_.get(), "", "1 if the run finished, 0 if it failed or was not run");
  const std::array<std::int8_t, 2> flags{0, 1};
  h5::write_numeric_attribute(run_ok_.get(), "flag_values", H5T_STD_I8LE, H5T_NATIVE_INT8,
                              flags.data(), flags.size());
  h5::write_string_attribute(run_ok_.get(), "flag_meanings", "failed_or_not_run ok");
  const Handle str = h5::vlen_utf8_type();
  const char* empty = "";
  run_error_ = create_dataset({"run_error", str.get(), {n_scen_, 0}, {1, chunk2}, 1, false},
                              {sc, rp}, &empty);
  describe(run_error_.get(), "", "why the run failed (empty if it finished)");

  auto strings = [&](const char* name, const std::vector<std::string>& v, const char* long_name) {
    Handle d = create_dataset({name, str.get(), {n_scen_}, {}, -1, false}, {sc}, &empty);
    describe(d.get(), "", long_name);
    std::vector<std::string> values(n_scen_);
    std::copy_n(v.begin(), std::min(v.size(), values.size()), values.begin());
    std::vector<const char*> p;
    for (const auto& x : values) p.push_back(x.c_str());
    write_all(d.get(), str.get(), p.data(), name);
    h5::write_strings_digest(d.get(), values);
    return d;
  };
  scen_desc_ =
      strings("scenario_description", header_.scenario_descriptions, "scenario description");
  scen_toml_ =
      strings("scenario_toml", header_.scenario_toml, "fully resolved scenario (TOML) as run");
  scen_files_ = strings("scenario_files", header_.scenario_files,
                        "SHA-256 and path of the scenario file, then of its parents");
  // A reader labels scenarios from these two without a fallback of its own.
  const auto display = [&](const std::vector<std::string>& v) {
    std::vector<std::string> out = header_.scenario_names;
    for (std::size_t i = 0; i < v.size(); ++i)
      if (!v[i].empty()) out[i] = v[i];
    return out;
  };
  scen_name_en_ = strings("display_name_en", display(header_.scenario_display_names_en),
                          "scenario name for readers, in English");
  scen_name_ja_ = strings("display_name_ja", display(header_.scenario_display_names_ja),
                          "scenario name for readers, in Japanese");
  const std::int32_t zero32 = 0;
  runs_ok_ = create_dataset({"runs_ok", H5T_STD_I32LE, {n_scen_}, {}, -1, false}, {sc}, &zero32);
  describe(runs_ok_.get(), "runs", "successful replicates (the summaries' sample size)");
  if (header_.parameter_draws > 0) {
    parameter_draw_ = create_dataset(
        {std::string(kParameterDrawVariable), H5T_STD_I32LE, {0}, {chunk2}, 0, false}, {rp},
        &zero32);
    describe(parameter_draw_.get(), "",
             "index (0-based row) of the posterior parameter draw the replicate ran with, in every "
             "scenario");
  }
}

// Lengthens the replicate dimension of every variable that has it and writes the new
// coordinate values; extending in step with the runs keeps the file free of replicates
// that were never run (run-count control decides the count while the study runs).
void Hdf5Writer::grow_to(std::size_t replicates) {
  if (replicates <= extent_) return;
  const hsize_t n = replicates, s = n_scen_, t = n_step_;
  const std::vector<hsize_t> dims1{n}, dims2{s, n}, dims3{s, n, t};
  for (auto& h : series_)
    check(H5Dset_extent(h.get(), dims3.data()), "extend the replicate series");
  for (auto& h : final_) check(H5Dset_extent(h.get(), dims2.data()), "extend the final metrics");
  check(H5Dset_extent(run_ok_.get(), dims2.data()), "extend 'run_ok'");
  if (block_dec_.valid()) {
    const std::vector<hsize_t> dimsb{s, n, header_.block_ids.size()};
    check(H5Dset_extent(block_dec_.get(), dimsb.data()), "extend 'certifications_by_block'");
    check(H5Dset_extent(block_end_.get(), dimsb.data()), "extend 'certifications_by_block_end'");
  }
  check(H5Dset_extent(run_error_.get(), dims2.data()), "extend 'run_error'");
  const hsize_t added = n - extent_, from = extent_;
  std::vector<std::int32_t> values(added);
  for (hsize_t i = 0; i < added; ++i) values[i] = static_cast<std::int32_t>(from + i);
  check(H5Dset_extent(replicate_dim_.get(), dims1.data()), "extend 'replicate'");
  write_slab(replicate_dim_.get(), H5T_NATIVE_INT32, values.data(), {added}, {0}, {from}, {added},
             {added}, "replicate");
  if (parameter_draw_.valid()) {
    const auto d = static_cast<std::int32_t>(header_.parameter_draws);
    for (auto& v : values) v %= d;  // replicate r ran with draw r mod D
    check(H5Dset_extent(parameter_draw_.get(), dims1.data()), "extend 'parameter_draw'");
    write_slab(parameter_draw_.get(), H5T_NATIVE_INT32, values.data(), {added}, {0}, {from},
               {added}, {added}, std::string(kParameterDrawVariable));
  }
  extent_ = replicates;
}

void Hdf5Writer::start_block(std::uint32_t scenario, std::size_t first) {
  block_open_ = true;
  block_scenario_ = scenario;
  block_first_ = first;
  if (header_.keep_replicate_series)
    block_series_.assign(kSeriesCount * block_size_ * n_step_,
                         std::numeric_limits<float>::quiet_NaN());
  block_finals_.assign(kFinalCount * block_size_, std::numeric_limits<double>::quiet_NaN());
  block_ok_.assign(block_size_, 0);
  block_error_.assign(block_size_, std::string());
  block_present_.assign(block_size_, false);
  const std::size_t nb = header_.block_ids.size();
  block_certs_dec_.assign(block_size_ * nb, std::numeric_limits<double>::quiet_NaN());
  block_certs_end_.assign(block_size_ * nb, std::numeric_limits<double>::quiet_NaN());
}

void Hdf5Writer::write_run(const RunResult& run) {
  if (committed_) throw std::logic_error("HDF5 writer: write_run after commit");
  if (run.scenario >= n_scen_ || run.replicate >= final_replicates_)
    throw std::invalid_argument("HDF5 writer: run (scenario " + std::to_string(run.scenario) +
                                ", replicate " + std::to_string(run.replicate) +
                                ") outside the study's " + std::to_string(n_scen_) + " x " +
                                std::to_string(final_replicates_));
  const std::string id = "run (scenario " + std::to_string(run.scenario) + ", replicate " +
                         std::to_string(run.replicate) + ")";
  if (run.ok && (run.steps != header_.steps || run.series.size() != kSeriesCount * n_step_ ||
                 run.finals.size() != kFinalCount))
    throw std::invalid_argument(
        "HDF5 writer: " + id + " has " + std::to_string(run.steps) + " steps, " +
        std::to_string(run.series.size()) + " series values and " +
        std::to_string(run.finals.size()) + " finals; expected " + std::to_string(n_step_) + ", " +
        std::to_string(kSeriesCount * n_step_) + " and " + std::to_string(kFinalCount));
  const std::size_t cell = run.scenario * n_rep_ + run.replicate;
  if (run_written_[cell]) throw std::logic_error("HDF5 writer: " + id + " written twice");

  h5::QuietErrors quiet;
  const std::size_t first = run.replicate / block_size_ * block_size_;
  if (block_open_ && (block_scenario_ != run.scenario || block_first_ != first)) flush_block();
  if (!block_open_) start_block(run.scenario, first);
  run_written_[cell] = true;
  written_end_ = std::max<std::size_t>(written_end_, run.replicate + std::size_t{1});

  const std::size_t slot = run.replicate - first;
  block_present_[slot] = true;
  block_ok_[slot] = run.ok ? 1 : 0;
  block_error_[slot] =
      run.ok ? std::string() : (run.error.empty() ? "failed (no reason recorded)" : run.error);
  if (run.ok) {
    for (std::size_t f = 0; f < kFinalCount; ++f)
      block_finals_[f * block_size_ + slot] = run.finals[f];
    if (!header_.block_ids.empty()) {
      const auto& cols = header_.scenario_block_columns[run.scenario];
      const std::size_t nb = header_.block_ids.size();
      auto put = [&](const std::vector<double>& from, std::vector<double>& to, const char* what) {
        if (from.empty()) return;  // a record without per-block counts: NaN
        if (from.size() != cols.size())
          throw std::invalid_argument("HDF5 writer: " + id + " has " + std::to_string(from.size()) +
                                      " " + what + " values for a world of " +
                                      std::to_string(cols.size()) + " blocks");
        for (std::size_t b = 0; b < cols.size(); ++b) to[slot * nb + cols[b]] = from[b];
      };
      put(run.certifications_by_block_dec, block_certs_dec_, "certifications_by_block");
      put(run.certifications_by_block_end, block_certs_end_, "certifications_by_block_end");
    }
    // Costs by policy, when the run records them for the scenario's policies.
    const std::size_t slots = policy_names_[run.scenario].size() + 1, nk = kCostKindCount;
    if (run.policy_costs.size() == slots * nk) {
      auto& to = policy_costs_[run.scenario];
      const std::size_t need = (run.replicate + std::size_t{1}) * n_slot_ * nk;
      if (to.size() < need) to.resize(need, std::numeric_limits<double>::quiet_NaN());
      std::copy(run.policy_costs.begin(), run.policy_costs.end(),
                to.begin() + static_cast<std::ptrdiff_t>(run.replicate * n_slot_ * nk));
    }
    if (header_.keep_replicate_series)
      for (std::size_t s = 0; s < kSeriesCount; ++s) {
        const double* src = run.series.data() + s * n_step_;
        float* dst = block_series_.data() + (s * block_size_ + slot) * n_step_;
        for (std::size_t t = 0; t < n_step_; ++t) dst[t] = static_cast<float>(src[t]);
      }
  }
  const std::size_t filled = std::min(block_size_, n_rep_ - first);
  const auto end = block_present_.begin() + static_cast<std::ptrdiff_t>(filled);
  if (std::find(block_present_.begin(), end, false) == end) flush_block();
}

// Writes each run of consecutive present replicates as one hyperslab per variable, so a
// block with gaps never overwrites replicates that arrived in another block.
void Hdf5Writer::flush_block() {
  if (!block_open_) return;
  block_open_ = false;
  const hsize_t s = block_scenario_, b = block_size_, t = n_step_;
  const Handle str = h5::vlen_utf8_type();
  std::size_t a = 0;
  while (a < block_size_) {
    if (!block_present_[a]) {
      ++a;
      continue;
    }
    std::size_t e = a;
    while (e < block_size_ && block_present_[e]) ++e;
    const hsize_t n = e - a, r0 = block_first_ + a;
    grow_to(r0 + n);
    for (std::size_t k = 0; k < series_.size(); ++k)
      write_slab(series_[k].get(), H5T_NATIVE_FLOAT, block_series_.data() + k * b * t, {b, t},
                 {a, 0}, {s, r0, 0}, {n, t}, {1, n, t}, std::string(kSeriesDefs[k].name));
    for (std::size_t k = 0; k < kFinalCount; ++k)
      write_slab(final_[k].get(), H5T_NATIVE_DOUBLE, block_finals_.data() + k * b, {b}, {a},
                 {s, r0}, {n}, {1, n}, "final_" + std::string(kFinalDefs[k].name));
    write_slab(run_ok_.get(), H5T_NATIVE_INT8, block_ok_.data(), {b}, {a}, {s, r0}, {n}, {1, n},
               "run_ok");
    if (block_dec_.valid()) {
      const hsize_t nb = header_.block_ids.size();
      write_slab(block_dec_.get(), H5T_NATIVE_DOUBLE, block_certs_dec_.data(), {b, nb}, {a, 0},
                 {s, r0, 0}, {n, nb}, {1, n, nb}, "certifications_by_block");
      write_slab(block_end_.get(), H5T_NATIVE_DOUBLE, block_certs_end_.data(), {b, nb}, {a, 0},
                 {s, r0, 0}, {n, nb}, {1, n, nb}, "certifications_by_block_end");
    }
    std::vector<const char*> errors(block_size_);
    for (std::size_t i = 0; i < block_size_; ++i) errors[i] = block_error_[i].c_str();
    write_slab(run_error_.get(), str.get(), errors.data(), {b}, {a}, {s, r0}, {n}, {1, n},
               "run_error");
    a = e;
  }
}

void Hdf5Writer::write_summary(const ScenarioSummary& sum) {
  if (committed_) throw std::logic_error("HDF5 writer: write_summary after commit");
  if (sum.scenario >= n_scen_)
    throw std::invalid_argument("HDF5 writer: summary of scenario " + std::to_string(sum.scenario) +
                                " outside the study's " + std::to_string(n_scen_));
  const std::size_t st = kSeriesCount * n_step_, q = n_quant_;
  if (sum.series_mean.size() != st || sum.series_sd.size() != st ||
      sum.series_quantile.size() != q * st || sum.final_mean.size() != kFinalCount ||
      sum.final_sd.size() != kFinalCount || sum.final_quantile.size() != q * kFinalCount)
    throw std::invalid_argument("HDF5 writer: summary of scenario " + std::to_string(sum.scenario) +
                                " has the wrong number of values (expected [series][step] with " +
                                std::to_string(kSeriesCount) + " series, " +
                                std::to_string(n_step_) + " steps and " + std::to_string(q) +
                                " quantiles)");
  if (summary_written_[sum.scenario])
    throw std::logic_error("HDF5 writer: summary of scenario " + std::to_string(sum.scenario) +
                           " written twice");
  summary_written_[sum.scenario] = true;

  h5::QuietErrors quiet;
  const hsize_t sc = sum.scenario, t = n_step_, nq = q;
  std::vector<double> gathered(q * n_step_);
  for (std::size_t k = 0; k < kSeriesCount; ++k) {
    const std::string name(kSeriesDefs[k].name);
    write_slab(series_mean_[k].get(), H5T_NATIVE_DOUBLE, sum.series_mean.data() + k * t, {t}, {0},
               {sc, 0}, {t}, {1, t}, name + "_mean");
    write_slab(series_sd_[k].get(), H5T_NATIVE_DOUBLE, sum.series_sd.data() + k * t, {t}, {0},
               {sc, 0}, {t}, {1, t}, name + "_sd");
    for (std::size_t i = 0; i < q; ++i)
      std::copy_n(sum.series_quantile.data() + (i * kSeriesCount + k) * n_step_, n_step_,
                  gathered.data() + i * n_step_);
    write_slab(series_quant_[k].get(), H5T_NATIVE_DOUBLE, gathered.data(), {nq, t}, {0, 0},
               {sc, 0, 0}, {nq, t}, {1, nq, t}, name + "_quantile");
  }
  for (std::size_t f = 0; f < kFinalCount; ++f) {
    final_mean_all_[f * n_scen_ + sc] = sum.final_mean[f];
    final_sd_all_[f * n_scen_ + sc] = sum.final_sd[f];
    for (std::size_t i = 0; i < q; ++i)
      final_quant_all_[(f * n_scen_ + sc) * q + i] = sum.final_quantile[i * kFinalCount + f];
  }
  runs_ok_all_[sc] = sum.runs_ok;
}

void Hdf5Writer::write_final_summaries() {
  for (std::size_t f = 0; f < kFinalCount; ++f) {
    const std::string name = "final_" + std::string(kFinalDefs[f].name);
    write_all(final_mean_[f].get(), H5T_NATIVE_DOUBLE, final_mean_all_.data() + f * n_scen_,
              name + "_mean");
    write_all(final_sd_[f].get(), H5T_NATIVE_DOUBLE, final_sd_all_.data() + f * n_scen_,
              name + "_sd");
    write_all(final_quant_[f].get(), H5T_NATIVE_DOUBLE,
              final_quant_all_.data() + f * n_scen_ * n_quant_, name + "_quantile");
  }
  write_all(runs_ok_.get(), H5T_NATIVE_INT32, runs_ok_all_.data(), "runs_ok");
}

void Hdf5Writer::set_attribute(const std::string& name, const std::string& value) {
  if (committed_) throw std::logic_error("HDF5 writer: set_attribute after commit");
  if (name.empty()) throw std::invalid_argument("HDF5 writer: empty global attribute name");
  for (auto& [n, v] : header_.attributes)
    if (n == name) {
      v = value;
      return;
    }
  header_.attributes.emplace_back(name, value);
}

void Hdf5Writer::set_replicates(int replicates) {
  if (committed_) throw std::logic_error("HDF5 writer: set_replicates after commit");
  if (replicates < 1 || static_cast<std::size_t>(replicates) > n_rep_ ||
      static_cast<std::size_t>(replicates) < written_end_)
    throw std::invalid_argument("HDF5 writer: the study's replicate count must lie between " +
                                std::to_string(std::max<std::size_t>(written_end_, 1)) +
                                " (the replicates written) and " + std::to_string(n_rep_) +
                                " (the header's), got " + std::to_string(replicates));
  final_replicates_ = static_cast<std::size_t>(replicates);
}

void Hdf5Writer::commit() {
  if (committed_) return;
  {
    h5::QuietErrors quiet;
    flush_block();
    grow_to(final_replicates_);  // replicates never written read as "not run"
    write_final_summaries();
    write_policy_costs();  // before the global attributes: it may add budget_warnings
    // run_error is written block by block: its digest is taken from what the file holds.
    h5::write_strings_digest(run_error_.get(),
                             h5::read_vlen_strings(run_error_.get(), "read back 'run_error'"));
    write_global_attributes();
    check(H5Fflush(file_.get(), H5F_SCOPE_GLOBAL), "flush '" + atomic_.temp_path() + "'");
    close_datasets();  // first, so that H5Fclose really closes the file
    file_.close("close '" + atomic_.temp_path() + "'");
  }
  atomic_.commit();
  committed_ = true;
}

}  // namespace

std::unique_ptr<ResultWriter> make_hdf5_writer(const std::string& path, bool force,
                                               const StudyHeader& header) {
  return std::make_unique<Hdf5Writer>(path, force, header);
}

}  // namespace renkei
