#include "engine/run_control.hpp"

#include "core/online_stats.hpp"
#include "input/input_error.hpp"
#include "model/series.hpp"
#include "stats/t_dist.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <system_error>

namespace renkei {

HalfWidthTarget parse_half_width_target(const std::string& text) {
  const std::string usage = "write --until-halfwidth METRIC=H, e.g. certifications_end=2";
  const std::size_t eq = text.find('=');
  if (eq == std::string::npos)
    throw std::invalid_argument("--until-halfwidth '" + text + "' has no '='; " + usage);
  HalfWidthTarget t;
  t.metric = text.substr(0, eq);
  std::vector<std::string> names;
  names.reserve(kFinalDefs.size());
  for (const auto& d : kFinalDefs) names.emplace_back(d.name);
  const auto it = std::find(names.begin(), names.end(), t.metric);
  if (it == names.end()) {
    std::string msg = "--until-halfwidth: unknown final metric '" + t.metric + "'";
    const std::string guess = closest_match(t.metric, names);
    if (!guess.empty()) msg += " (did you mean '" + guess + "'?)";
    throw std::invalid_argument(
        msg + "; the final metrics are listed in docs/output.md (final_Y variables)");
  }
  t.final_index = static_cast<std::size_t>(it - names.begin());
  const std::string h = text.substr(eq + 1);
  double v = 0.0;
  const auto [end, ec] = std::from_chars(h.data(), h.data() + h.size(), v);
  if (h.empty() || ec != std::errc() || end != h.data() + h.size() || !std::isfinite(v))
    throw std::invalid_argument("--until-halfwidth: half-width '" + h + "' is not a number; " +
                                usage);
  if (!(v > 0.0))
    throw std::invalid_argument("--until-halfwidth: half-width must be > 0, got " + h + "; " +
                                usage);
  t.half_width = v;
  return t;
}

double paired_half_width(const std::vector<double>& policy, const std::vector<double>& baseline,
                         double level) {
  if (policy.size() != baseline.size())
    throw std::invalid_argument("paired_half_width: the two samples differ in length");
  // Welford on the differences of the usable pairs (the same update the ensemble uses).
  Welford w;
  for (std::size_t r = 0; r < policy.size(); ++r) {
    const double d = policy[r] - baseline[r];
    if (std::isfinite(d)) w.add(d);
  }
  if (w.count() < 2) return std::numeric_limits<double>::infinity();
  const double nd = static_cast<double>(w.count());
  const double sd = w.sd();
  return stats::t_critical(level, nd - 1.0) * sd / std::sqrt(nd);
}

HalfWidthCheck check_half_widths(const std::vector<std::vector<double>>& values,
                                 std::size_t baseline, double level, double target) {
  if (values.size() < 2)
    throw std::invalid_argument("the half-width rule needs a baseline and a policy scenario");
  if (baseline >= values.size())
    throw std::invalid_argument("baseline index outside the scenarios");
  HalfWidthCheck out;
  out.half_width.assign(values.size(), std::nan(""));
  for (std::size_t s = 0; s < values.size(); ++s) {
    if (s == baseline) continue;
    const double hw = paired_half_width(values[s], values[baseline], level);
    out.half_width[s] = hw;
    if (!out.widest || hw > out.largest) {
      out.widest = s;
      out.largest = hw;
    }
  }
  out.met = out.largest <= target;
  return out;
}

int next_replicate_target(int done, int batch, int max_replicates) {
  if (batch < 1 || done < 0 || max_replicates < 1)
    throw std::invalid_argument("next_replicate_target: batch and cap must be positive");
  return static_cast<int>(
      std::min<long long>(static_cast<long long>(done) + batch, max_replicates));
}

}  // namespace renkei
