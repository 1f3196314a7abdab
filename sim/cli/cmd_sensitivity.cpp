// `renkei sensitivity FILE`: global sensitivity indices of a finished sweep. The method follows
// from the sweep's design (Saltelli -> Sobol S1 and ST; Morris -> elementary effects); the
// estimators live in sim/sensitivity, this file reads the sweep and prints the tables.
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/text.hpp"
#include "io/h5_reader.hpp"
#include "input/input_error.hpp"
#include "sensitivity/morris_effects.hpp"
#include "sensitivity/salib_export.hpp"
#include "sensitivity/sobol_indices.hpp"
#include "sensitivity/sweep_data.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

namespace renkei::cli {
namespace {

using sensitivity::BootstrapOptions;
using sensitivity::Estimate;
using sensitivity::SweepData;

constexpr const char* kSensitivityHelp =
    "\nGlobal sensitivity of a sweep's outputs to its factors. The method follows from the design:\n"
    "  saltelli -> Sobol first-order S1 (Saltelli et al. 2010) and total ST (Jansen 1999)\n"
    "  morris   -> elementary effects: mu, mu* (Campolongo et al. 2007), sigma (Morris 1991)\n"
    "Each design point's value is the mean over its finished replicates (or --replicate R);\n"
    "with --versus BASE, the mean of each replicate's difference from BASE's same replicate\n"
    "(a policy's effect, whose sensitivity says which assumptions the comparison hangs on).\n"
    "Intervals: value +/- z * bootstrap SE (base samples or trajectories resampled), as SALib.\n"
    "--salib-export DIR writes problem.json, X.txt and Y_<output>.txt for SALib (any design kind).\n"
    "See docs/sensitivity.md. Exit status: 0 ok, 2 bad input or usage.\n";

const std::vector<std::string> kDefaultOutputs = {"certifications_end"};

std::string num(double x) {
  if (std::isnan(x)) return "nan";
  if (x == 0.0) return "0";
  const double a = std::fabs(x);
  if (a >= 1e5 || a < 1e-3) return printf_double("%.3e", x);
  return printf_double("%.4g", x);
}

std::string index_text(double x) { return std::isnan(x) ? "nan" : printf_double("%.4f", x); }

std::string interval(const Estimate& e, std::string (*show)(double)) {
  if (std::isnan(e.se)) return "n/a";
  return "[" + show(e.lo) + ", " + show(e.hi) + "]";
}

// Columns padded to their widest cell, two spaces apart; the first column left-aligned.
void print_table(std::ostream& out, const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> w(rows.front().size(), 0);
  for (const auto& r : rows)
    for (std::size_t i = 0; i < r.size(); ++i) w[i] = std::max(w[i], r[i].size());
  for (const auto& r : rows) {
    std::string line;
    for (std::size_t i = 0; i < r.size(); ++i) {
      if (i) line += "  ";
      const std::string pad(w[i] - r[i].size(), ' ');
      line += i == 0 ? r[i] + pad : pad + r[i];
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
  }
}

void print_sobol(std::ostream& out, const SweepData& d, const sensitivity::SobolIndices& s, const std::string& level) {
  out << "  " << s.base_samples << " of " << s.base_samples + s.dropped << " base samples used"
      << (s.dropped ? " (the others had a point without a finished run)" : "") << "; output variance "
      << num(s.variance) << "\n";
  std::vector<std::vector<std::string>> rows = {
      {"factor", "S1", "S1 SE", "S1 " + level + " CI", "ST", "ST SE", "ST " + level + " CI"}};
  double sum = 0.0;
  for (std::size_t i = 0; i < d.design.factors.size(); ++i) {
    rows.push_back({d.design.factors[i].key, index_text(s.s1[i].value), index_text(s.s1[i].se),
                    interval(s.s1[i], index_text), index_text(s.st[i].value), index_text(s.st[i].se),
                    interval(s.st[i], index_text)});
    sum += s.s1[i].value;
  }
  print_table(out, rows);
  out << "  sum of S1 = " << index_text(sum) << " (1 - sum: share of variance from interactions)\n";
}

void print_morris(std::ostream& out, const SweepData& d, const sensitivity::MorrisEffects& m, const std::string& level) {
  out << "  " << m.trajectories << " of " << m.trajectories + m.dropped << " trajectories used"
      << (m.dropped ? " (the others had a point without a finished run)" : "")
      << "; effects per full factor range (unit-cube step " << num(static_cast<double>(d.design.morris_levels) /
                                                                    (2.0 * (d.design.morris_levels - 1)))
      << ", " << d.design.morris_levels << " levels)\n";
  std::vector<std::size_t> order(d.design.factors.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return m.mu_star[a].value > m.mu_star[b].value; });
  std::vector<std::size_t> rank(order.size());
  for (std::size_t r = 0; r < order.size(); ++r) rank[order[r]] = r + 1;
  std::vector<std::vector<std::string>> rows = {
      {"factor", "mu", "mu*", "mu* SE", "mu* " + level + " CI", "sigma", "rank by mu*"}};
  for (std::size_t i = 0; i < d.design.factors.size(); ++i)
    rows.push_back({d.design.factors[i].key, num(m.mu[i]), num(m.mu_star[i].value), num(m.mu_star[i].se),
                    interval(m.mu_star[i], num), num(m.sigma[i]), std::to_string(rank[i])});
  print_table(out, rows);
}

}  // namespace

int cmd_sensitivity(const std::vector<std::string>& args) {
  po::options_description opts("renkei sensitivity SWEEP_RESULT.h5 [options]");
  opts.add_options()("help,h", "show this help")(
      "output", po::value<std::vector<std::string>>(),
      "final metric to analyse (repeatable or comma-separated; default: the sweep file's outputs, else "
      "certifications_end)")("scenario", po::value<std::vector<std::string>>(),
                             "scenario to analyse (repeatable; default: every scenario of the sweep)")(
      "bootstrap", po::value<long long>()->default_value(1000), "bootstrap resamples for the intervals (0: none)")(
      "confidence", po::value<double>()->default_value(0.95, "0.95"), "interval level, in (0, 1)")(
      "seed", po::value<unsigned long long>()->default_value(1), "seed of the bootstrap resampling")(
      "replicate", po::value<long long>(), "use this replicate only instead of the mean over replicates")(
      "versus", po::value<std::string>(),
      "analyse each scenario's effect against this one (e.g. baseline): per point, the mean over replicates of "
      "the paired difference")(
      "salib-export", po::value<std::string>(), "write problem.json, X.txt and Y_<output>.txt into this directory");
  po::options_description all;
  all.add(opts);
  all.add_options()("file", po::value<std::vector<std::string>>(), "sweep result");
  po::positional_options_description pos;
  pos.add("file", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(e.what());
  }
  if (vm.count("help")) {
    std::cout << opts << kSensitivityHelp;
    return kExitOk;
  }
  if (!vm.count("file")) throw UsageError("no file given: renkei sensitivity SWEEP_RESULT.h5");
  const auto files = vm["file"].as<std::vector<std::string>>();
  if (files.size() != 1) throw UsageError("give exactly one sweep result file, got " + std::to_string(files.size()));
  const std::string file = files.front();
  if (vm.count("salib-export")) sensitivity::check_salib_export_dir(vm["salib-export"].as<std::string>());

  BootstrapOptions boot;
  const long long resamples = vm["bootstrap"].as<long long>();
  if (resamples < 0 || resamples > 1'000'000)
    throw UsageError("--bootstrap must be between 0 and 1000000, e.g. 1000; got " + std::to_string(resamples));
  boot.resamples = static_cast<std::size_t>(resamples);
  boot.confidence = vm["confidence"].as<double>();
  if (!(boot.confidence > 0.0 && boot.confidence < 1.0))
    throw UsageError("--confidence must be in (0, 1), e.g. 0.95; got " + num(boot.confidence));
  boot.seed = vm["seed"].as<unsigned long long>();

  std::unique_ptr<H5Reader> in;
  SweepData data;
  try {
    in = std::make_unique<H5Reader>(file);
    data = sensitivity::read_sweep_data(*in);
  } catch (const std::exception& e) {
    throw UsageError(e.what());
  }

  std::optional<std::size_t> replicate;
  if (vm.count("replicate")) {
    const long long r = vm["replicate"].as<long long>();
    if (r < 0 || static_cast<std::size_t>(r) >= data.replicates)
      throw UsageError("--replicate must be in [0, " + std::to_string(data.replicates) + ") for " + file + "; got " +
                       std::to_string(r));
    replicate = static_cast<std::size_t>(r);
  }

  std::vector<std::string> outputs;
  if (vm.count("output")) {
    for (const auto& item : vm["output"].as<std::vector<std::string>>()) {
      std::size_t start = 0;
      while (start <= item.size()) {
        const std::size_t comma = std::min(item.find(',', start), item.size());
        const std::string name = item.substr(start, comma - start);
        start = comma + 1;
        if (name.empty()) continue;
        if (std::find(data.metrics.begin(), data.metrics.end(), name) == data.metrics.end())
          throw UsageError(unknown_name("output metric", name, file, data.metrics) + " (--output)");
        if (std::find(outputs.begin(), outputs.end(), name) == outputs.end()) outputs.push_back(name);
      }
    }
    if (outputs.empty()) throw UsageError("--output names no metric");
  } else {
    for (const auto& name : data.sweep_outputs.empty() ? kDefaultOutputs : data.sweep_outputs)
      if (std::find(data.metrics.begin(), data.metrics.end(), name) != data.metrics.end()) outputs.push_back(name);
    if (outputs.empty()) throw UsageError(file + " has none of the default outputs; pass --output METRIC");
  }

  std::vector<std::size_t> scenarios;
  if (vm.count("scenario")) {
    for (const auto& name : vm["scenario"].as<std::vector<std::string>>()) {
      const auto it = std::find(data.scenarios.begin(), data.scenarios.end(), name);
      if (it == data.scenarios.end()) throw UsageError(unknown_name("scenario", name, file, data.scenarios) + " (--scenario)");
      scenarios.push_back(static_cast<std::size_t>(it - data.scenarios.begin()));
    }
  } else {
    scenarios.resize(data.scenarios.size());
    std::iota(scenarios.begin(), scenarios.end(), std::size_t{0});
  }
  std::optional<std::size_t> versus;
  if (vm.count("versus")) {
    const std::string name = vm["versus"].as<std::string>();
    const auto it = std::find(data.scenarios.begin(), data.scenarios.end(), name);
    if (it == data.scenarios.end()) throw UsageError(unknown_name("scenario", name, file, data.scenarios) + " (--versus)");
    versus = static_cast<std::size_t>(it - data.scenarios.begin());
    // A scenario against itself is zero at every point: nothing to analyse.
    std::erase(scenarios, *versus);
    if (scenarios.empty())
      throw UsageError("--versus " + name + " leaves no other scenario to compare with it in " + file +
                       "; the sweep needs at least two scenarios");
  }
  const auto label = [&](std::size_t s) {
    return versus ? data.scenarios[s] + "_minus_" + data.scenarios[*versus] : data.scenarios[s];
  };

  const DesignKind kind = data.design.kind;
  const bool analysable = kind == DesignKind::saltelli || kind == DesignKind::morris;
  const bool exporting = vm.count("salib-export") > 0;
  if (!analysable && !exporting)
    throw UsageError(file + " holds a '" + std::string(design_kind_name(kind)) +
                     "' design, which supports no index computed here: Sobol indices need kind = \"saltelli\" and "
                     "elementary effects kind = \"morris\" in the sweep file; to apply another SALib method (e.g. "
                     "delta or rbd_fast to a latin_hypercube) pass --salib-export DIR");

  const std::string level = printf_double("%.4g", boot.confidence * 100.0) + "%";
  std::cout << "renkei sensitivity: " << file << "\n"
            << "sweep '" << data.sweep_name << "': " << design_kind_name(kind) << " design, "
            << data.design.factors.size() << " factors, " << data.design.points.size() << " points, "
            << data.replicates << " replicate(s) per point\n";
  if (analysable) {
    std::cout << "point values: "
              << (replicate ? "replicate " + std::to_string(*replicate) + " only"
                            : std::string("mean over the finished replicates"))
              << "; intervals: value +/- z * bootstrap SE at " << level << " (" << boot.resamples << " resamples of the "
              << (kind == DesignKind::saltelli ? "base samples" : "trajectories") << ", seed " << boot.seed << ")\n";
  }

  std::vector<std::pair<std::string, std::vector<double>>> exported;
  for (std::size_t s : scenarios) {
    for (const auto& metric : outputs) {
      std::vector<double> y;
      try {
        y = sensitivity::read_point_values(*in, data, metric, s, replicate, versus);
      } catch (const std::exception& e) {
        throw UsageError(e.what());
      }
      if (exporting)
        exported.emplace_back(scenarios.size() == 1 && data.scenarios.size() == 1 ? metric : label(s) + "__" + metric,
                              y);
      if (!analysable) continue;
      if (versus)
        std::cout << "\nscenario '" << data.scenarios[s] << "' minus '" << data.scenarios[*versus]
                  << "' (paired by replicate), output " << metric << "\n";
      else
        std::cout << "\nscenario '" << data.scenarios[s] << "', output " << metric << "\n";
      try {
        if (kind == DesignKind::saltelli) {
          const auto r = sensitivity::sobol_indices(y, data.design.factors.size(), data.design.second_order, boot);
          print_sobol(std::cout, data, r, level);
        } else {
          const auto r = sensitivity::morris_effects(data.design, y, boot);
          print_morris(std::cout, data, r, level);
        }
      } catch (const std::invalid_argument& e) {
        throw UsageError(file + ", scenario '" + data.scenarios[s] + "', output " + metric + ": " + e.what());
      }
    }
  }
  if (exporting) {
    const std::string dir = vm["salib-export"].as<std::string>();
    try {
      sensitivity::export_salib(dir, data.design, exported);
    } catch (const std::exception& e) {
      std::cerr << "renkei sensitivity: " << e.what() << "\n";
      return kExitFailure;
    }
    std::cout << "\nSALib files written to " << dir << ": problem.json, X.txt";
    for (const auto& [stem, values] : exported) std::cout << ", Y_" << stem << ".txt";
    std::cout << "\n";
  }
  return kExitOk;
}

}  // namespace renkei::cli
