#include "stats/comparison.hpp"

#include <cmath>
#include <stdexcept>
#include <vector>

namespace renkei::stats {

const StudyFinals::Metric* StudyFinals::find(const std::string& name) const {
  for (const auto& m : metrics)
    if (m.name == name) return &m;
  return nullptr;
}

std::string_view family_name(Family f) { return f == Family::all ? "all" : "metric"; }

std::optional<Family> parse_family(std::string_view text) {
  if (text == "metric") return Family::per_metric;
  if (text == "all") return Family::all;
  return std::nullopt;
}

namespace {

struct Pairs {
  std::vector<double> a, b;
  std::size_t dropped = 0;
};

// Values of scenarios a and b on one metric over the replicates where both runs finished
// and both values are finite.
Pairs pairs(const StudyFinals& st, const StudyFinals::Metric& m, std::size_t a, std::size_t b) {
  Pairs p;
  const std::size_t R = st.replicates;
  for (std::size_t r = 0; r < R; ++r) {
    if (!st.run_ok[a * R + r] || !st.run_ok[b * R + r]) continue;
    const double x = m.values[a * R + r];
    const double y = m.values[b * R + r];
    if (!std::isfinite(x) || !std::isfinite(y)) {
      ++p.dropped;
      continue;
    }
    p.a.push_back(x);
    p.b.push_back(y);
  }
  return p;
}

const StudyFinals::Metric& need(const StudyFinals& st, const std::string& name) {
  const auto* m = st.find(name);
  if (!m) throw std::invalid_argument("metric '" + name + "' is not in the file");
  return *m;
}

PairedResult compare_pair(const StudyFinals& st, const std::string& metric, std::size_t a,
                          std::size_t b, double level, std::size_t* dropped = nullptr) {
  const Pairs p = pairs(st, need(st, metric), a, b);
  if (dropped) *dropped = p.dropped;
  if (p.a.size() < 2)
    throw std::invalid_argument(
        "'" + st.scenarios[a] + "' vs '" + st.scenarios[b] + "' on " + metric + ": only " +
        std::to_string(p.a.size()) +
        " replicate(s) with finished runs and values in both; at least 2 are needed");
  return paired_compare(p.a, p.b, level);
}

}  // namespace

Comparison compare_study(const StudyFinals& st, const CompareOptions& opt) {
  const std::size_t S = st.scenarios.size();
  const std::size_t R = st.replicates;
  if (S < 2)
    throw std::invalid_argument(
        "the file holds " + std::to_string(S) +
        " scenario(s); a comparison needs a baseline and at least one policy");
  if (opt.baseline >= S) throw std::invalid_argument("baseline index out of range");
  if (st.run_ok.size() != S * R)
    throw std::invalid_argument("run_ok does not match scenarios × replicates");
  for (const auto& m : st.metrics)
    if (m.values.size() != S * R)
      throw std::invalid_argument("metric '" + m.name + "' does not match scenarios × replicates");
  if (opt.metrics.empty()) throw std::invalid_argument("no metrics to compare");

  Comparison c;
  c.baseline = opt.baseline;
  c.family_level = opt.level;
  c.correction = opt.correction;
  c.family = opt.family;
  c.tests = (S - 1) * opt.metrics.size();
  c.family_size = opt.family == Family::all ? c.tests : S - 1;
  c.interval_level = per_interval_level(opt.level, c.family_size, opt.correction);
  c.rank_by = opt.rank_by;

  std::vector<double> p_raw;
  for (std::size_t s = 0; s < S; ++s) {
    if (s == opt.baseline) continue;
    PolicyEffects pe;
    pe.scenario = s;
    for (std::size_t r = 0; r < R; ++r)
      if (st.run_ok[s * R + r] && st.run_ok[opt.baseline * R + r]) ++pe.usable;
    if (pe.usable < 2)
      throw std::invalid_argument("policy '" + st.scenarios[s] + "' and baseline '" +
                                  st.scenarios[opt.baseline] + "' both finished in only " +
                                  std::to_string(pe.usable) + " of " + std::to_string(R) +
                                  " replicate(s); at least 2 are needed (run more with -n)");
    for (const auto& name : opt.metrics) {
      MetricEffect me;
      me.metric = name;
      me.unit = need(st, name).unit;
      me.paired = compare_pair(st, name, s, opt.baseline, c.interval_level, &me.dropped);
      p_raw.push_back(me.paired.p_value);
      pe.effects.push_back(std::move(me));
    }
    c.policies.push_back(std::move(pe));
  }

  // p_raw is policy-major: test (policy i, metric j) is p_raw[i * M + j].
  const std::size_t M = opt.metrics.size();
  const double alpha = 1.0 - opt.level;
  auto set_adjusted = [&](std::size_t i, std::size_t j, double p) {
    MetricEffect& me = c.policies[i].effects[j];
    me.p_adjusted = p;
    me.significant = p < alpha;
  };
  if (opt.family == Family::all) {
    const std::vector<double> p_adj = adjust_p_values(p_raw, opt.correction);
    for (std::size_t k = 0; k < p_adj.size(); ++k) set_adjusted(k / M, k % M, p_adj[k]);
  } else {
    for (std::size_t j = 0; j < M; ++j) {
      std::vector<double> column;
      for (std::size_t i = 0; i < c.policies.size(); ++i) column.push_back(p_raw[i * M + j]);
      const std::vector<double> p_adj = adjust_p_values(column, opt.correction);
      for (std::size_t i = 0; i < p_adj.size(); ++i) set_adjusted(i, j, p_adj[i]);
    }
  }

  // Cost-effectiveness.
  const bool have_cost = st.find(opt.cost_metric) && st.find(opt.gain_metric);
  for (auto& pe : c.policies) {
    if (!have_cost) break;
    CostEffectiveness& ce = pe.cost;
    ce.available = true;
    ce.delta_cost =
        compare_pair(st, opt.cost_metric, pe.scenario, opt.baseline, c.interval_level).mean_diff;
    const MetricEffect* shown = nullptr;
    for (const auto& me : pe.effects)
      if (me.metric == opt.gain_metric) shown = &me;
    if (shown) {
      ce.gain = shown->paired;
      ce.gain_significant = shown->significant && shown->paired.mean_diff > 0.0;
    } else {
      ce.gain = compare_pair(st, opt.gain_metric, pe.scenario, opt.baseline, c.interval_level);
      ce.gain_significant = ce.gain.ci.lo > 0.0;
    }
    ce.yen_per_unit = ce.delta_cost / ce.gain.mean_diff;
    // The interval over the replicates where both metrics are known in both runs.
    const auto& cost = need(st, opt.cost_metric);
    const auto& gain = need(st, opt.gain_metric);
    std::vector<double> dc, dg;
    for (std::size_t r = 0; r < R; ++r) {
      const std::size_t a = pe.scenario * R + r, b = opt.baseline * R + r;
      if (!st.run_ok[a] || !st.run_ok[b]) continue;
      const double x = cost.values[a] - cost.values[b], y = gain.values[a] - gain.values[b];
      if (!std::isfinite(x) || !std::isfinite(y)) continue;
      dc.push_back(x);
      dg.push_back(y);
    }
    ce.ratio = ratio_interval(dc, dg, c.interval_level);
  }

  // Ranking on rank_by.
  std::vector<Effect> effects;
  std::vector<PairedResult> rank_results;
  for (const auto& pe : c.policies) {
    rank_results.push_back(
        compare_pair(st, opt.rank_by, pe.scenario, opt.baseline, c.interval_level));
    effects.push_back({rank_results.back().mean_diff, rank_results.back().ci});
  }
  const auto entries = rank_effects(effects);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    RankedPolicy rp;
    rp.policy = entries[i].index;
    rp.entry = entries[i];
    rp.effect = rank_results[rp.policy];
    if (i + 1 < entries.size()) {
      const Pairs p = pairs(st, need(st, opt.rank_by), c.policies[rp.policy].scenario,
                            c.policies[entries[i + 1].index].scenario);
      if (p.a.size() >= 2) rp.vs_next = paired_compare(p.a, p.b, c.interval_level);
    }
    c.ranking.push_back(std::move(rp));
  }
  return c;
}

}  // namespace renkei::stats
