#include "report/comparison_report.hpp"

#include "core/usage_error.hpp"
#include "input/input_error.hpp"
#include "input/toml_text.hpp"
#include "io/h5_layout.hpp"
#include "io/h5_reader.hpp"
#include "report/text.hpp"
#include "stats/comparison.hpp"
#include "stats/cost_breakdown.hpp"
#include "stats/posterior.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace renkei {
namespace {

using stats::Comparison;
using stats::StudyFinals;

const std::vector<std::string> kDefaultMetrics = {
    "certifications_end", "certifications_first_dec", "cross_industry_end", "collab_share_end",
    "aware_share_end",    "understand_share_end",     "dissolutions_total", "leakage_total",
    "outcome_mean_end",   "policy_cost_total"};

// Display width of UTF-8 text (code points; the table uses no wide characters).
std::size_t width(const std::string& s) {
  std::size_t w = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++w;
  return w;
}

std::string pad_right(const std::string& s, std::size_t w) {
  return s + std::string(w > width(s) ? w - width(s) : 0, ' ');
}
std::string pad_left(const std::string& s, std::size_t w) {
  return std::string(w > width(s) ? w - width(s) : 0, ' ') + s;
}

// Four significant digits, exponent form for large or tiny magnitudes (yen, shares).
std::string num(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  if (x == 0.0) return "0";
  const double a = std::fabs(x);
  if (a >= 1e4 || a < 1e-3) return printf_double("%.3e", x);
  return printf_double("%.4g", x);
}

std::string pval(double p) {
  if (std::isnan(p)) return "nan";
  if (p < 1e-4) return printf_double("%.1e", p);
  return printf_double("%.4f", p);
}

std::string percent(double level) { return printf_double("%.4g", level * 100.0) + "%"; }

bool is_yen(const std::string& unit) { return unit.rfind("yen", 0) == 0; }

// Whole yen with thousands separators (130,512,345): amounts of money read as amounts,
// not as 1.305e+08.
std::string yen(double x) {
  if (!std::isfinite(x)) return num(x);
  const std::string digits = printf_double("%.0f", std::fabs(x));
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return (x < 0 && digits != "0" ? "-" : "") + out;
}

// A value in the metric's unit: yen as whole yen, anything else by num().
std::string num_in(double x, const std::string& unit) { return is_yen(unit) ? yen(x) : num(x); }

std::string interval(const stats::Interval& ci, const std::string& unit = "") {
  return "[" + num_in(ci.lo, unit) + ", " + num_in(ci.hi, unit) + "]";
}

// Machine-readable numbers (CSV, JSON): ten significant digits, enough for any statistic
// here and free of binary noise (93.1, not 93.099999999999994); yen as whole yen, never in
// exponent form. Empty for undefined values. analysis/report.py writes the same strings.
std::string csv_num(double x, const std::string& unit = "") {
  if (!std::isfinite(x)) return "";
  if (is_yen(unit)) return printf_double("%.0f", x) == "-0" ? "0" : printf_double("%.0f", x);
  return printf_double("%.10g", x);
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// Columns padded to their widest cell, two spaces apart.
class Table {
 public:
  explicit Table(std::vector<std::string> header) { rows_.push_back(std::move(header)); }
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  // `align` holds one 'l' or 'r' per column; missing letters mean 'r'.
  void print(std::ostream& out, const std::string& align) const {
    std::vector<std::size_t> w(rows_.front().size(), 0);
    for (const auto& r : rows_)
      for (std::size_t i = 0; i < r.size() && i < w.size(); ++i) w[i] = std::max(w[i], width(r[i]));
    for (const auto& r : rows_) {
      std::string line;
      for (std::size_t i = 0; i < r.size(); ++i) {
        if (i) line += "  ";
        line += i < align.size() && align[i] == 'l' ? pad_right(r[i], w[i]) : pad_left(r[i], w[i]);
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out << line << '\n';
    }
  }

 private:
  std::vector<std::vector<std::string>> rows_;
};

// The metric names the file offers: final_Y variables over (scenario, replicate).
std::vector<std::string> final_metrics(const H5Reader& in) {
  std::vector<std::string> out;
  const std::string prefix = "final_";
  for (const auto& v : in.variables()) {
    if (v.rfind(prefix, 0) != 0) continue;
    if (in.dimensions(v) != std::vector<std::string>{"scenario", "replicate"}) continue;
    out.push_back(v.substr(prefix.size()));
  }
  return out;
}

StudyFinals read_finals(const H5Reader& in, const std::vector<std::string>& metrics) {
  StudyFinals st;
  st.scenarios = in.read_strings("scenario");
  const auto ok = in.read_numeric("run_ok");
  if (ok.shape.size() != 2 || ok.shape[0] != st.scenarios.size())
    throw FileError(in.path() +
                    ": run_ok is not a (scenario, replicate) variable; the file is damaged or not "
                    "a complete renkei output file");
  st.replicates = ok.shape[1];
  for (double v : ok.values) st.run_ok.push_back(v == 1.0 ? 1 : 0);
  for (const auto& name : metrics) {
    if (st.find(name)) continue;
    StudyFinals::Metric m;
    m.name = name;
    const std::string var = "final_" + name;
    auto values = in.read_numeric(var);
    if (values.shape != ok.shape)
      throw FileError(in.path() + ": " + var +
                      " does not have the shape of run_ok; the file is damaged or not a complete "
                      "renkei output file");
    m.values = std::move(values.values);
    try {
      m.unit = in.variable_attribute(var, "units");
    } catch (const std::exception&) {
      m.unit = "";
    }
    st.metrics.push_back(std::move(m));
  }
  // Costs by policy, in files that record them (policy_cost_<kind>_by_policy, docs/output.md).
  const std::size_t nk = stats::kCostKinds.size();
  const std::string first = std::string(stats::kCostKinds[0]) + "_by_policy";
  if (in.has_variable(first) && in.has_variable("policy_name")) {
    auto names = in.read_strings("policy_name");
    const std::size_t S = st.scenarios.size(), R = st.replicates;
    const std::size_t P = S > 0 ? names.size() / S : 0;
    std::vector<double> values(S * R * P * nk);
    for (std::size_t k = 0; k < nk; ++k) {
      const std::string var = std::string(stats::kCostKinds[k]) + "_by_policy";
      const auto v = in.read_numeric(var);
      if (P == 0 || names.size() != S * P || v.shape != std::vector<std::size_t>{S, R, P})
        throw FileError(in.path() + ": " + var +
                        " or policy_name does not have the shape (scenario, replicate, policy) of "
                        "the file; the file is damaged");
      for (std::size_t j = 0; j < S * R * P; ++j) values[j * nk + k] = v.values[j];
    }
    st.policy_slots = P;
    st.policy_names = std::move(names);
    st.policy_costs = std::move(values);
  }
  return st;
}

// Whether the replicates carry parameter uncertainty (`renkei run --parameter-draws`): the
// number of distinct draws they used and the draws file, from the file's records.
std::string parameter_uncertainty_note(const H5Reader& in) {
  const auto names = in.global_attribute_names();
  if (std::find(names.begin(), names.end(), std::string(kParameterDrawsAttribute)) == names.end()) {
    const bool point =
        std::find(names.begin(), names.end(), std::string(kParametersAttribute)) != names.end() &&
        in.global_attribute(std::string(kParametersAttribute)).rfind("point", 0) == 0;
    return point ? "parameter uncertainty: none (the calibrated point estimate alone, run with "
                   "--point)"
                 : "parameter uncertainty: none (fixed parameters; run with --parameter-draws to "
                   "include it)";
  }
  const std::string attr = in.global_attribute(std::string(kParameterDrawsAttribute));
  const std::size_t cut = attr.rfind(" sha256 ");
  const std::string source = cut == std::string::npos ? attr : attr.substr(0, cut);
  std::set<double> used;
  if (in.has_variable(std::string(kParameterDrawVariable)))
    for (const double v : in.read_numeric(std::string(kParameterDrawVariable)).values)
      used.insert(v);
  return "parameter uncertainty: replicates use " + std::to_string(used.size()) +
         " posterior draw" + (used.size() == 1 ? "" : "s") + " (" + source + ")";
}

// Mean spending by kind per scenario; subsidies are paid to firms, not spent on the policies,
// and stay outside (subsidy_total).
void print_costs(std::ostream& out, const StudyFinals& st, const Comparison& c) {
  const auto costs = stats::cost_breakdown(st);
  if (costs.empty()) return;
  out << "\npolicy costs by kind (yen, mean over finished runs; the kinds add up to "
         "policy_cost_total;\n"
      << "subsidies are not policy costs: see subsidy_total)\n";
  Table t({"scenario", "runs", "fixed", "running", "per contact", "coaching", "total",
           "total - baseline"});
  const double base = costs[c.baseline].total;
  for (const auto& sc : costs) {
    t.add({st.scenarios[sc.scenario], std::to_string(sc.runs), yen(sc.kinds[0]), yen(sc.kinds[1]),
           yen(sc.kinds[2]), yen(sc.kinds[3]), yen(sc.total),
           sc.scenario == c.baseline ? "-" : yen(sc.total - base)});
  }
  t.print(out, "lrrrrrrr");

  const auto by_policy = stats::policy_cost_breakdown(st);
  if (by_policy.empty()) return;
  out << "\npolicy costs by policy and kind (yen, mean over the same runs; a scenario's rows add "
         "up to its\nrow above. (base): spending at the lever values without any policy. Fixed "
         "and running\ncharges are the policy's own; per-contact and coaching charges are shared "
         "by each policy's\nchange to the lever that produced them: docs/scenarios.md)\n";
  Table p({"scenario", "policy", "fixed", "running", "per contact", "coaching", "total"});
  for (const auto& pc : by_policy) {
    p.add({st.scenarios[pc.scenario], pc.name, yen(pc.kinds[0]), yen(pc.kinds[1]), yen(pc.kinds[2]),
           yen(pc.kinds[3]), yen(pc.total)});
  }
  p.print(out, "llrrrrr");
}

void print_text(std::ostream& out, const std::string& file, const StudyFinals& st,
                const Comparison& c, const std::string& gain_metric, const std::string& cost_metric,
                const std::string& uncertainty) {
  const std::string lvl = percent(c.interval_level);
  const std::size_t n_metrics = c.policies.front().effects.size();
  out << "renkei compare: " << file << "\n"
      << "baseline '" << st.scenarios[c.baseline] << "'; " << c.policies.size() << " polic"
      << (c.policies.size() == 1 ? "y" : "ies") << " x " << n_metrics << " metric"
      << (n_metrics == 1 ? "" : "s") << " = " << c.tests << " test" << (c.tests == 1 ? "" : "s")
      << "; correction " << stats::correction_name(c.correction) << ", family level "
      << percent(c.family_level) << "\n";
  const std::string m = std::to_string(c.family_size);
  out << "family: "
      << (c.family == stats::Family::all ? "all tests shown"
                                         : "each metric, its tests of every policy")
      << " (m = " << m << ")\n";
  if (c.correction == stats::Correction::none)
    out << "intervals at " << lvl << " each (no correction: together they cover with less than "
        << lvl << ")\n";
  else if (c.family_size == 1)
    out << "intervals at " << lvl << " each (one test per family: nothing to correct)\n";
  else
    out << "intervals at " << lvl << " each (Bonferroni: the m = " << m
        << " intervals of a family cover together with probability >= " << percent(c.family_level)
        << ")\n";
  out << "d = policy - baseline in the same replicate (common random numbers); 'higher'/'lower': "
         "the "
      << stats::correction_name(c.correction) << "-adjusted p < " << num(1.0 - c.family_level)
      << "\n"
      << uncertainty << "\n";

  for (const auto& pe : c.policies) {
    out << "\npolicy '" << st.scenarios[pe.scenario] << "': " << pe.usable << " of "
        << st.replicates << " replicates usable (runs finished in both)\n";
    Table t({"metric", "n", "baseline", "policy", "mean d", "SD d", "SE d", lvl + " paired CI",
             lvl + " Welch CI", "hw ratio", "p adj", "P(mean d>0)", "d>0", "verdict"});
    for (const auto& me : pe.effects) {
      const auto& p = me.paired;
      const std::size_t pos =
          static_cast<std::size_t>(std::lround(p.share_positive * static_cast<double>(p.n)));
      std::string verdict = "n.s.";
      if (me.significant) verdict = p.mean_diff > 0 ? "higher" : "lower";
      const std::string& u = me.unit;
      t.add({me.metric, std::to_string(p.n), num_in(p.baseline.mean, u), num_in(p.policy.mean, u),
             num_in(p.mean_diff, u), num_in(p.sd_diff, u), num_in(p.se, u), interval(p.ci, u),
             interval(p.welch.ci, u),
             std::isnan(p.half_width_ratio) ? "n/a" : printf_double("%.2f", p.half_width_ratio),
             pval(me.p_adjusted), printf_double("%.3f", p.prob_positive),
             std::to_string(pos) + "/" + std::to_string(p.n), verdict});
    }
    t.print(out, "lrrrrrrrrrrrrl");
  }

  if (c.policies.front().cost.available) {
    out << "\ncost-effectiveness: mean d " << cost_metric << " / mean d " << gain_metric
        << " (yen per additional certification)\n";
    Table t({"policy", "d cost (yen)", "d " + gain_metric + " " + lvl + " CI",
             "yen per additional certification", lvl + " CI (delta method)"});
    for (const auto& pe : c.policies) {
      const auto& ce = pe.cost;
      const bool ci = ce.gain_significant && std::isfinite(ce.ratio.ci.lo);
      t.add({st.scenarios[pe.scenario], yen(ce.delta_cost),
             num(ce.gain.mean_diff) + " " + interval(ce.gain.ci),
             ce.gain_significant ? yen(ce.yen_per_unit) : "n/a (no significant gain)",
             ci ? "[" + yen(ce.ratio.ci.lo) + ", " + yen(ce.ratio.ci.hi) + "]" : "-"});
    }
    t.print(out, "lrrlr");
    out << "(the interval: delta method over the paired replicates, se = sqrt((s_c^2 - 2 q s_cg "
           "+ q^2 s_g^2) / n) / |mean d gain|\n with q the ratio; shown only for a significant "
           "gain)\n";
  }
  print_costs(out, st, c);

  out << "\nranking by mean d " << c.rank_by
      << " (largest first; '=' equal means; 'overlaps': intervals overlap, so\n"
      << "this order is not established; 'vs next': paired d against the next-ranked policy at "
      << lvl << ")\n";
  const auto* rank_metric = st.find(c.rank_by);
  const std::string rank_unit = rank_metric ? rank_metric->unit : "";
  Table t({"rank", "policy", "mean d", lvl + " CI", "overlaps", "vs next"});
  for (std::size_t i = 0; i < c.ranking.size(); ++i) {
    const auto& rp = c.ranking[i];
    std::vector<std::string> names;
    for (auto j : rp.entry.overlaps) names.push_back(st.scenarios[c.policies[j].scenario]);
    std::string next = "";
    if (rp.vs_next) {
      const auto& v = *rp.vs_next;
      const bool separated = v.ci.lo > 0.0 || v.ci.hi < 0.0;
      next = num_in(v.mean_diff, rank_unit) + " " + interval(v.ci, rank_unit) +
             (separated ? " separated" : " not separated");
    } else if (i + 1 < c.ranking.size()) {
      next = "n/a (fewer than 2 pairs)";
    }
    t.add({std::to_string(rp.entry.rank) + (rp.entry.tied ? "=" : ""),
           st.scenarios[c.policies[rp.policy].scenario], num_in(rp.effect.mean_diff, rank_unit),
           interval(rp.effect.ci, rank_unit), names.empty() ? "-" : join(names, ","), next});
  }
  t.print(out, "llrrll");
}

// One cell of the machine-readable output: its column name, its text and whether it is a
// number (a JSON number, or null when the text is empty) or a string.
struct Cell {
  const char* name;
  std::string text;
  bool numeric;
};

// The rows of --csv and --json, one per policy and metric; analysis/report.py writes the
// same columns to comparison.csv.
std::vector<std::vector<Cell>> export_rows(const StudyFinals& st, const Comparison& c) {
  std::vector<std::size_t> rank(c.policies.size(), 0);
  for (const auto& rp : c.ranking) rank[rp.policy] = rp.entry.rank;
  std::vector<std::vector<Cell>> rows;
  for (std::size_t i = 0; i < c.policies.size(); ++i) {
    const auto& pe = c.policies[i];
    const bool shown = pe.cost.available && pe.cost.gain_significant;
    const std::string ype = shown ? csv_num(pe.cost.yen_per_unit, "yen") : "";
    const std::string ype_lo = shown ? csv_num(pe.cost.ratio.ci.lo, "yen") : "";
    const std::string ype_hi = shown ? csv_num(pe.cost.ratio.ci.hi, "yen") : "";
    for (const auto& me : pe.effects) {
      const auto& p = me.paired;
      const std::string& u = me.unit;
      const auto count = [](std::size_t n) { return std::to_string(n); };
      rows.push_back({{"policy", st.scenarios[pe.scenario], false},
                      {"baseline", st.scenarios[c.baseline], false},
                      {"metric", me.metric, false},
                      {"unit", u, false},
                      {"replicates", count(st.replicates), true},
                      {"usable", count(pe.usable), true},
                      {"n", count(p.n), true},
                      {"dropped_nan", count(me.dropped), true},
                      {"mean_baseline", csv_num(p.baseline.mean, u), true},
                      {"mean_policy", csv_num(p.policy.mean, u), true},
                      {"mean_diff", csv_num(p.mean_diff, u), true},
                      {"sd_diff", csv_num(p.sd_diff, u), true},
                      {"se_diff", csv_num(p.se, u), true},
                      {"df", csv_num(p.df), true},
                      {"family_level", csv_num(c.family_level), true},
                      {"ci_level", csv_num(c.interval_level), true},
                      {"ci_lo", csv_num(p.ci.lo, u), true},
                      {"ci_hi", csv_num(p.ci.hi, u), true},
                      {"welch_lo", csv_num(p.welch.ci.lo, u), true},
                      {"welch_hi", csv_num(p.welch.ci.hi, u), true},
                      {"welch_df", csv_num(p.welch.df), true},
                      {"half_width_ratio", csv_num(p.half_width_ratio), true},
                      {"t", csv_num(p.t), true},
                      {"p", csv_num(p.p_value), true},
                      {"correction", std::string(stats::correction_name(c.correction)), false},
                      {"family", std::string(stats::family_name(c.family)), false},
                      {"family_size", count(c.family_size), true},
                      {"p_adjusted", csv_num(me.p_adjusted), true},
                      {"significant", me.significant ? "1" : "0", true},
                      {"prob_mean_diff_positive", csv_num(p.prob_positive), true},
                      {"share_diff_positive", csv_num(p.share_positive), true},
                      {"rank_by", c.rank_by, false},
                      {"rank", count(rank[i]), true},
                      {"yen_per_certification", ype, true},
                      {"yen_per_certification_lo", ype_lo, true},
                      {"yen_per_certification_hi", ype_hi, true}});
    }
  }
  return rows;
}

void print_csv(std::ostream& out, const StudyFinals& st, const Comparison& c) {
  const auto rows = export_rows(st, c);
  std::vector<std::string> header;
  for (const auto& cell : rows.front()) header.emplace_back(cell.name);
  out << join(header, ",") << '\n';
  for (const auto& row : rows) {
    std::vector<std::string> f;
    for (const auto& cell : row) f.push_back(csv_field(cell.text));
    out << join(f, ",") << '\n';
  }
}

// TOML's basic strings escape exactly what JSON requires (quote, backslash, control
// characters as \uXXXX) and pass UTF-8 through, so they are valid JSON strings too.
std::string json_string(const std::string& s) { return toml_quote(s); }

std::string json_value(const Cell& cell) {
  if (!cell.numeric) return json_string(cell.text);
  return cell.text.empty() ? "null" : cell.text;
}

// The same rows as --csv, plus the study's header and the ranking, as one JSON object.
void print_json(std::ostream& out, const std::string& file, const StudyFinals& st,
                const Comparison& c, const std::string& uncertainty) {
  out << "{\n  \"file\": " << json_string(file)
      << ",\n  \"baseline\": " << json_string(st.scenarios[c.baseline])
      << ",\n  \"correction\": " << json_string(std::string(stats::correction_name(c.correction)))
      << ",\n  \"family\": " << json_string(std::string(stats::family_name(c.family)))
      << ",\n  \"family_size\": " << c.family_size << ",\n  \"tests\": " << c.tests
      << ",\n  \"family_level\": " << csv_num(c.family_level)
      << ",\n  \"ci_level\": " << csv_num(c.interval_level)
      << ",\n  \"parameter_uncertainty\": " << json_string(uncertainty) << ",\n  \"effects\": [";
  const auto rows = export_rows(st, c);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    out << (r ? ",\n    {" : "\n    {");
    for (std::size_t k = 0; k < rows[r].size(); ++k)
      out << (k ? ", " : "") << json_string(rows[r][k].name) << ": " << json_value(rows[r][k]);
    out << "}";
  }
  out << "\n  ],\n  \"ranking\": [";
  const auto* rank_metric = st.find(c.rank_by);
  const std::string unit = rank_metric ? rank_metric->unit : "";
  for (std::size_t i = 0; i < c.ranking.size(); ++i) {
    const auto& rp = c.ranking[i];
    out << (i ? ",\n    {" : "\n    {") << "\"rank\": " << rp.entry.rank
        << ", \"tied\": " << (rp.entry.tied ? "true" : "false")
        << ", \"policy\": " << json_string(st.scenarios[c.policies[rp.policy].scenario])
        << ", \"metric\": " << json_string(c.rank_by)
        << ", \"mean_diff\": " << json_value({"", csv_num(rp.effect.mean_diff, unit), true})
        << ", \"ci_lo\": " << json_value({"", csv_num(rp.effect.ci.lo, unit), true})
        << ", \"ci_hi\": " << json_value({"", csv_num(rp.effect.ci.hi, unit), true}) << "}";
  }
  out << "\n  ]";
  const auto costs = stats::cost_breakdown(st);
  if (!costs.empty()) {
    out << ",\n  \"costs\": [";
    for (std::size_t i = 0; i < costs.size(); ++i) {
      const auto& sc = costs[i];
      out << (i ? ",\n    {" : "\n    {")
          << "\"scenario\": " << json_string(st.scenarios[sc.scenario])
          << ", \"runs\": " << sc.runs;
      for (std::size_t k = 0; k < stats::kCostKinds.size(); ++k)
        out << ", " << json_string(std::string(stats::kCostKinds[k])) << ": "
            << json_value({"", csv_num(sc.kinds[k], "yen"), true});
      out << ", \"policy_cost_total\": " << json_value({"", csv_num(sc.total, "yen"), true}) << "}";
    }
    out << "\n  ]";
  }
  const auto by_policy = stats::policy_cost_breakdown(st);
  if (!by_policy.empty()) {
    out << ",\n  \"costs_by_policy\": [";
    for (std::size_t i = 0; i < by_policy.size(); ++i) {
      const auto& pc = by_policy[i];
      out << (i ? ",\n    {" : "\n    {")
          << "\"scenario\": " << json_string(st.scenarios[pc.scenario]) << ", \"slot\": " << pc.slot
          << ", \"policy\": " << json_string(pc.name) << ", \"runs\": " << pc.runs;
      for (std::size_t k = 0; k < stats::kCostKinds.size(); ++k)
        out << ", " << json_string(std::string(stats::kCostKinds[k])) << ": "
            << json_value({"", csv_num(pc.kinds[k], "yen"), true});
      out << ", \"policy_cost_total\": " << json_value({"", csv_num(pc.total, "yen"), true}) << "}";
    }
    out << "\n  ]";
  }
  out << "\n}\n";
}

// The comparison over posterior draws, when the replicates ran with them: each policy's effect
// on `metric` split into chance (within a draw) and parameters (between draws), P(beats the
// baseline) over the posterior, how often it ranks first, and P(row beats column).
void print_posterior(std::ostream& out, const StudyFinals& st, const Comparison& c,
                     const std::vector<double>& draw, const std::string& metric, double level) {
  const StudyFinals::Metric* m = st.find(metric);
  if (m == nullptr) return;
  const std::size_t R = st.replicates;
  // Replicates usable in every scenario, so that every policy is judged on the same draws.
  std::vector<std::size_t> reps;
  for (std::size_t r = 0; r < R && r < draw.size(); ++r) {
    bool ok = true;
    for (std::size_t s = 0; s < st.scenarios.size(); ++s)
      ok = ok && st.run_ok[s * R + r] == 1 && !std::isnan(m->values[s * R + r]);
    if (ok) reps.push_back(r);
  }
  std::vector<double> labels;
  for (const std::size_t r : reps) labels.push_back(draw[r]);
  const std::set<double> distinct(labels.begin(), labels.end());
  if (distinct.size() < 2) return;
  auto values = [&](std::size_t s) {
    std::vector<double> v;
    for (const std::size_t r : reps) v.push_back(m->values[s * R + r]);
    return v;
  };
  const std::vector<double> base = values(c.baseline);
  std::vector<std::vector<double>> diffs;
  std::vector<stats::DrawEffect> effects;
  for (const auto& pe : c.policies) {
    const std::vector<double> pol = values(pe.scenario);
    effects.push_back(stats::draw_effect(pol, base, labels, level));
    std::vector<double> d(pol.size());
    for (std::size_t i = 0; i < d.size(); ++i) d[i] = pol[i] - base[i];
    diffs.push_back(std::move(d));
  }
  const std::vector<double> first = stats::share_first(diffs, labels);
  const std::string lvl = percent(level);
  const auto& e0 = effects.front();
  out << "\nparameter uncertainty: " << metric << " over " << e0.draws << " posterior draws, "
      << e0.pairs << " replicates usable in every scenario (" << e0.draws_with_two
      << " draws with two or more)\n"
      << "d = policy - baseline; 'CI' covers both the parameters and chance; 'if known' is the "
         "interval with the\n"
      << "parameters fixed; 'range over posterior' is where the effect E[d | parameters] lies for "
      << lvl << " of the\n"
      << "posterior (normal approximation); P(beats baseline) = P(E[d | parameters] > 0) over the "
         "posterior,\n"
      << "the uncertainty of the estimated mean included;\n"
      << "'first' = share of draws in which the policy has the largest mean d (chance included). "
         "Not corrected\n"
      << "for multiple tests.\n";
  Table t({"policy", "mean d", lvl + " CI", lvl + " CI if known", "SD chance", "SD parameters",
           lvl + " range over posterior", "P(beats baseline)", "draws d>0", "first"});
  for (std::size_t i = 0; i < effects.size(); ++i) {
    const auto& e = effects[i];
    t.add({st.scenarios[c.policies[i].scenario], num(e.mean), interval(e.ci),
           interval(e.ci_stochastic), num(e.sd_within), num(e.sd_parameter),
           interval(e.range_parameter),
           std::isnan(e.prob_beats) ? "n/a" : printf_double("%.3f", e.prob_beats),
           printf_double("%.0f%%", 100.0 * e.share_draws_positive),
           printf_double("%.0f%%", 100.0 * first[i])});
  }
  t.print(out, "l");
  if (e0.draws_with_two == 0)
    out << "(one replicate per draw: chance and parameters cannot be told apart; run with "
           "--replicates-per-draw 2)\n";
  if (effects.size() < 2 || e0.draws_with_two == 0) return;
  out << "\nP(row beats column) over the posterior, on " << metric
      << " (paired by replicate and draw):\n";
  std::vector<std::string> header = {"policy"};
  for (const auto& pe : c.policies) header.push_back(st.scenarios[pe.scenario]);
  Table pairwise(header);
  for (std::size_t i = 0; i < c.policies.size(); ++i) {
    std::vector<std::string> row = {st.scenarios[c.policies[i].scenario]};
    for (std::size_t j = 0; j < c.policies.size(); ++j) {
      if (i == j) {
        row.push_back("-");
        continue;
      }
      const auto e = stats::draw_effect(values(c.policies[i].scenario),
                                        values(c.policies[j].scenario), labels, level);
      row.push_back(printf_double("%.2f", e.prob_beats));
    }
    pairwise.add(std::move(row));
  }
  pairwise.print(out, "l");
}

}  // namespace

void compare_file(std::ostream& out, const CompareRequest& request) {
  const std::string& file = request.file;
  const double level = request.level;
  if (!(level > 0.0 && level < 1.0))
    throw UsageError("--level must be in (0, 1), e.g. 0.95; got " + num(level));
  const std::string corr_text = request.correction;
  const auto correction = stats::parse_correction(corr_text);
  if (!correction)
    throw UsageError("--correction must be holm, bonferroni or none; got '" + corr_text + "'");
  const std::string family_text = request.family;
  const auto family = stats::parse_family(family_text);
  if (!family) throw UsageError("--family must be metric or all; got '" + family_text + "'");
  if (request.csv && request.json) throw UsageError("give --csv or --json, not both");

  // The reader's refusals (missing, not HDF5, not renkei output) name the file; they are
  // bad input, exit 2.
  auto in = std::make_unique<H5Reader>(file);
  in->expect(ResultKind::study, "compare");
  in->require_variables({"scenario", "run_ok"});

  const auto scenarios = in->read_strings("scenario");
  std::size_t baseline = 0;
  if (request.baseline) {
    const std::string name = *request.baseline;
    const auto it = std::find(scenarios.begin(), scenarios.end(), name);
    if (it == scenarios.end())
      throw UsageError(unknown_name("scenario", name, file, scenarios) + "; pass --baseline NAME");
    baseline = static_cast<std::size_t>(it - scenarios.begin());
  } else {
    const auto it = std::find(scenarios.begin(), scenarios.end(), "baseline");
    if (it != scenarios.end()) baseline = static_cast<std::size_t>(it - scenarios.begin());
  }
  if (scenarios.size() < 2)
    throw UsageError(
        file + " holds " + std::to_string(scenarios.size()) +
        " scenario(s); a comparison needs a baseline and at least one policy scenario");

  const auto available = final_metrics(*in);
  auto check_metric = [&](const std::string& name, const std::string& option) {
    if (std::find(available.begin(), available.end(), name) == available.end())
      throw UsageError(unknown_name("metric", name, file, available) + " (" + option + ")");
  };
  std::vector<std::string> metrics;
  if (!request.metrics.empty()) {
    for (const auto& name : split_names(request.metrics)) {
      check_metric(name, "--metric");
      if (std::find(metrics.begin(), metrics.end(), name) == metrics.end()) metrics.push_back(name);
    }
    if (metrics.empty()) throw UsageError("--metric names no metric");
  } else {
    for (const auto& name : kDefaultMetrics)
      if (std::find(available.begin(), available.end(), name) != available.end())
        metrics.push_back(name);
    if (metrics.empty())
      throw UsageError(file + " has none of the default metrics; pass --metric NAME");
  }
  const std::string rank_by = request.rank_by;
  check_metric(rank_by, "--rank-by");

  stats::CompareOptions options;
  options.baseline = baseline;
  options.metrics = metrics;
  options.level = level;
  options.correction = *correction;
  options.family = *family;
  options.rank_by = rank_by;
  std::vector<std::string> needed = metrics;
  needed.push_back(rank_by);
  for (const auto& extra : {options.cost_metric, options.gain_metric})
    if (std::find(available.begin(), available.end(), extra) != available.end())
      needed.push_back(extra);
  // The cost breakdown, when the file records it (files written before it do not).
  for (const auto kind : stats::kCostKinds)
    if (std::find(available.begin(), available.end(), std::string(kind)) != available.end())
      needed.emplace_back(kind);

  StudyFinals st;
  Comparison c;
  try {
    st = read_finals(*in, needed);
    c = stats::compare_study(st, options);
  } catch (const std::invalid_argument& e) {
    throw UsageError(file + ": " + e.what());
  }
  if (request.csv) {
    print_csv(out, st, c);
    return;
  }
  if (request.json) {
    print_json(out, file, st, c, parameter_uncertainty_note(*in));
    return;
  }
  print_text(out, file, st, c, options.gain_metric, options.cost_metric,
             parameter_uncertainty_note(*in));
  const auto attributes = in->global_attribute_names();
  if (std::find(attributes.begin(), attributes.end(), "budget_warnings") != attributes.end())
    out << "\nbudget warnings (the file's attribute budget_warnings): "
        << in->global_attribute("budget_warnings") << "\n";
  if (in->has_variable(std::string(kParameterDrawVariable))) {
    const auto draw = in->read_numeric(std::string(kParameterDrawVariable));
    if (draw.values.size() == st.replicates)
      print_posterior(out, st, c, draw.values, rank_by, level);
  }
}

}  // namespace renkei
