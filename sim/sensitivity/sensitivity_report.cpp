#include "sensitivity/sensitivity_report.hpp"

#include "core/usage_error.hpp"
#include "input/input_error.hpp"
#include "io/h5_reader.hpp"
#include "report/text.hpp"
#include "sensitivity/morris_effects.hpp"
#include "sensitivity/salib_export.hpp"
#include "sensitivity/sobol_indices.hpp"
#include "sensitivity/sweep_data.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

namespace renkei {
namespace {

using sensitivity::BootstrapOptions;
using sensitivity::Estimate;
using sensitivity::SweepData;

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

void print_sobol(std::ostream& out, const SweepData& d, const sensitivity::SobolIndices& s,
                 const std::string& level) {
  out << "  " << s.base_samples << " of " << s.base_samples + s.dropped << " base samples used"
      << (s.dropped ? " (the others had a point without a finished run)" : "")
      << "; output variance " << num(s.variance) << "\n";
  std::vector<std::vector<std::string>> rows = {
      {"factor", "S1", "S1 SE", "S1 " + level + " CI", "ST", "ST SE", "ST " + level + " CI"}};
  double sum = 0.0;
  for (std::size_t i = 0; i < d.design.factors.size(); ++i) {
    rows.push_back({d.design.factors[i].key, index_text(s.s1[i].value), index_text(s.s1[i].se),
                    interval(s.s1[i], index_text), index_text(s.st[i].value),
                    index_text(s.st[i].se), interval(s.st[i], index_text)});
    sum += s.s1[i].value;
  }
  print_table(out, rows);
  out << "  sum of S1 = " << index_text(sum) << " (1 - sum: share of variance from interactions)\n";
}

void print_morris(std::ostream& out, const SweepData& d, const sensitivity::MorrisEffects& m,
                  const std::string& level) {
  out << "  " << m.trajectories << " of " << m.trajectories + m.dropped << " trajectories used"
      << (m.dropped ? " (the others had a point without a finished run)" : "")
      << "; effects per full factor range (unit-cube step "
      << num(static_cast<double>(d.design.morris_levels) / (2.0 * (d.design.morris_levels - 1)))
      << ", " << d.design.morris_levels << " levels)\n";
  std::vector<std::size_t> order(d.design.factors.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return m.mu_star[a].value > m.mu_star[b].value;
  });
  std::vector<std::size_t> rank(order.size());
  for (std::size_t r = 0; r < order.size(); ++r) rank[order[r]] = r + 1;
  std::vector<std::vector<std::string>> rows = {
      {"factor", "mu", "mu*", "mu* SE", "mu* " + level + " CI", "sigma", "rank by mu*"}};
  for (std::size_t i = 0; i < d.design.factors.size(); ++i)
    rows.push_back({d.design.factors[i].key, num(m.mu[i]), num(m.mu_star[i].value),
                    num(m.mu_star[i].se), interval(m.mu_star[i], num), num(m.sigma[i]),
                    std::to_string(rank[i])});
  print_table(out, rows);
}

}  // namespace

bool sensitivity_report(std::ostream& out, std::ostream& err, const SensitivityRequest& request) {
  const std::string& file = request.file;
  if (request.salib_export) sensitivity::check_salib_export_dir(*request.salib_export);

  BootstrapOptions boot;
  const long long resamples = request.bootstrap;
  if (resamples < 0 || resamples > 1'000'000)
    throw UsageError("--bootstrap must be between 0 and 1000000, e.g. 1000; got " +
                     std::to_string(resamples));
  boot.resamples = static_cast<std::size_t>(resamples);
  boot.confidence = request.confidence;
  if (!(boot.confidence > 0.0 && boot.confidence < 1.0))
    throw UsageError("--confidence must be in (0, 1), e.g. 0.95; got " + num(boot.confidence));
  boot.seed = request.seed;

  std::unique_ptr<H5Reader> in;
  SweepData data;
  try {
    in = std::make_unique<H5Reader>(file);
    data = sensitivity::read_sweep_data(*in);
  } catch (const std::exception& e) {
    throw UsageError(e.what());
  }

  std::optional<std::size_t> replicate;
  if (request.replicate) {
    const long long r = *request.replicate;
    if (r < 0 || static_cast<std::size_t>(r) >= data.replicates)
      throw UsageError("--replicate must be in [0, " + std::to_string(data.replicates) + ") for " +
                       file + "; got " + std::to_string(r));
    replicate = static_cast<std::size_t>(r);
  }

  std::vector<std::string> outputs;
  if (!request.outputs.empty()) {
    for (const auto& name : split_names(request.outputs)) {
      if (std::find(data.metrics.begin(), data.metrics.end(), name) == data.metrics.end())
        throw UsageError(unknown_name("output metric", name, file, data.metrics) + " (--output)");
      if (std::find(outputs.begin(), outputs.end(), name) == outputs.end()) outputs.push_back(name);
    }
    if (outputs.empty()) throw UsageError("--output names no metric");
  } else {
    for (const auto& name : data.sweep_outputs.empty() ? kDefaultOutputs : data.sweep_outputs)
      if (std::find(data.metrics.begin(), data.metrics.end(), name) != data.metrics.end())
        outputs.push_back(name);
    if (outputs.empty())
      throw UsageError(file + " has none of the default outputs; pass --output METRIC");
  }

  std::vector<std::size_t> scenarios;
  if (!request.scenarios.empty()) {
    for (const auto& name : request.scenarios) {
      const auto it = std::find(data.scenarios.begin(), data.scenarios.end(), name);
      if (it == data.scenarios.end())
        throw UsageError(unknown_name("scenario", name, file, data.scenarios) + " (--scenario)");
      scenarios.push_back(static_cast<std::size_t>(it - data.scenarios.begin()));
    }
  } else {
    scenarios.resize(data.scenarios.size());
    std::iota(scenarios.begin(), scenarios.end(), std::size_t{0});
  }
  std::optional<std::size_t> versus;
  if (request.versus) {
    const std::string name = *request.versus;
    const auto it = std::find(data.scenarios.begin(), data.scenarios.end(), name);
    if (it == data.scenarios.end())
      throw UsageError(unknown_name("scenario", name, file, data.scenarios) + " (--versus)");
    versus = static_cast<std::size_t>(it - data.scenarios.begin());
    // A scenario against itself is zero at every point: nothing to analyse.
    std::erase(scenarios, *versus);
    if (scenarios.empty())
      throw UsageError("--versus " + name + " leaves no other scenario to compare with it in " +
                       file + "; the sweep needs at least two scenarios");
  }
  const auto label = [&](std::size_t s) {
    return versus ? data.scenarios[s] + "_minus_" + data.scenarios[*versus] : data.scenarios[s];
  };

  const DesignKind kind = data.design.kind;
  const bool analysable = kind == DesignKind::saltelli || kind == DesignKind::morris;
  const bool exporting = request.salib_export.has_value();
  if (!analysable && !exporting)
    throw UsageError(file + " holds a '" + std::string(design_kind_name(kind)) +
                     "' design, which supports no index computed here: Sobol indices need kind = "
                     "\"saltelli\" and "
                     "elementary effects kind = \"morris\" in the sweep file; to apply another "
                     "SALib method (e.g. "
                     "delta or rbd_fast to a latin_hypercube) pass --salib-export DIR");

  const std::string level = printf_double("%.4g", boot.confidence * 100.0) + "%";
  out << "renkei sensitivity: " << file << "\n"
      << "sweep '" << data.sweep_name << "': " << design_kind_name(kind) << " design, "
      << data.design.factors.size() << " factors, " << data.design.points.size() << " points, "
      << data.replicates << " replicate(s) per point\n";
  if (analysable) {
    out << "point values: "
        << (replicate ? "replicate " + std::to_string(*replicate) + " only"
                      : std::string("mean over the finished replicates"))
        << "; intervals: value +/- z * bootstrap SE at " << level << " (" << boot.resamples
        << " resamples of the " << (kind == DesignKind::saltelli ? "base samples" : "trajectories")
        << ", seed " << boot.seed << ")\n";
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
        exported.emplace_back(
            scenarios.size() == 1 && data.scenarios.size() == 1 ? metric : label(s) + "__" + metric,
            y);
      if (!analysable) continue;
      if (versus)
        out << "\nscenario '" << data.scenarios[s] << "' minus '" << data.scenarios[*versus]
            << "' (paired by replicate), output " << metric << "\n";
      else
        out << "\nscenario '" << data.scenarios[s] << "', output " << metric << "\n";
      try {
        if (kind == DesignKind::saltelli) {
          const auto r = sensitivity::sobol_indices(y, data.design.factors.size(),
                                                    data.design.second_order, boot);
          print_sobol(out, data, r, level);
        } else {
          const auto r = sensitivity::morris_effects(data.design, y, boot);
          print_morris(out, data, r, level);
        }
      } catch (const std::invalid_argument& e) {
        throw UsageError(file + ", scenario '" + data.scenarios[s] + "', output " + metric + ": " +
                         e.what());
      }
    }
  }
  if (exporting) {
    const std::string dir = *request.salib_export;
    try {
      sensitivity::export_salib(dir, data.design, exported);
    } catch (const std::exception& e) {
      err << "renkei sensitivity: " << e.what() << "\n";
      return false;
    }
    out << "\nSALib files written to " << dir << ": problem.json, X.txt";
    for (const auto& [stem, values] : exported) out << ", Y_" << stem << ".txt";
    out << "\n";
  }
  return true;
}

}  // namespace renkei
