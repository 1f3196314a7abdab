#include "calibrate/survey_fit.hpp"

#include "core/online_stats.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>

namespace renkei {

FitTable fit_table(const Targets& targets,
                   const std::function<std::vector<double>(const std::string&)>& values) {
  FitTable t;
  std::vector<FitRow> others;
  for (const TargetItem& it : targets.items) {
    if (!it.modelled || it.name.empty()) {
      t.not_modelled.push_back(&it);
      continue;
    }
    std::vector<double> v;
    for (double x : values(it.name))
      if (!std::isnan(x)) v.push_back(it.kind == TargetKind::count && it.n > 0 ? x / it.n : x);
    FitRow r;
    r.item = &it;
    r.replicates = static_cast<int>(v.size());
    if (v.empty()) {
      r.sim_mean = r.sim_lo = r.sim_hi = std::nan("");
    } else {
      double s = 0;
      for (double x : v) s += x;
      r.sim_mean = s / static_cast<double>(v.size());
      r.sim_lo = sample_quantile(v, 0.05);
      r.sim_hi = sample_quantile(v, 0.95);
    }
    std::tie(r.study_lo, r.study_hi) = it.interval95();
    const double target = it.comparable_value();
    const double se = it.standard_error();
    r.z = se > 0 ? (r.sim_mean - target) / se : std::nan("");
    if (it.at_least && r.z > 0) r.z = 0;
    // An "at least" figure is met by any band reaching it.
    r.in_band = target <= r.sim_hi && (it.at_least || target >= r.sim_lo);
    if (it.kind == TargetKind::cases)
      r.inside = r.in_band;
    else
      r.inside = r.sim_mean >= r.study_lo && r.sim_mean <= r.study_hi;
    if (r.replicates > 0) {
      if (it.name.rfind("survey_", 0) == 0) t.survey = true;
      if (it.role == TargetRole::target) {
        ++t.tested;
        t.inside += r.inside ? 1 : 0;
        t.in_band += r.in_band ? 1 : 0;
        if (it.calibrate) {
          ++t.calibrated_tested;
          t.calibrated_inside += r.inside ? 1 : 0;
        }
      } else {
        ++t.other_tested;
        t.other_inside += r.inside ? 1 : 0;
      }
    }
    (it.role == TargetRole::target ? t.rows : others).push_back(r);
  }
  t.rows.insert(t.rows.end(), others.begin(), others.end());
  return t;
}

std::string FitTable::verdict() const {
  std::ostringstream o;
  if (!survey)
    o << "no simulated survey in this file (the calendar misses the fieldwork, or no Tohoku "
         "firms); ";
  if (tested == 0 && other_tested == 0) return o.str() + "nothing to compare";
  o << inside << " of " << tested << " targets inside the study's 95 % sampling interval"
    << " (" << calibrated_inside << " of " << calibrated_tested << " calibrated, "
    << inside - calibrated_inside << " of " << tested - calibrated_tested << " held out;"
    << " certifications: study value inside the simulated 90 % band)";
  if (inside == tested)
    o << ": consistent with the survey";
  else {
    o << "; outside:";
    for (const FitRow& r : rows)
      if (r.replicates > 0 && !r.inside && r.item->role == TargetRole::target)
        o << ' ' << r.item->name;
  }
  o << "\n"
    << (predictive ? "posterior-predictive check: " : "band check: ") << in_band << " of " << tested
    << " targets' study values inside the simulated 90 % "
    << (predictive ? "predictive band (draws x replicates)" : "band");
  if (other_tested > 0)
    o << "\ninputs and identities (reproduced by construction, not counted): " << other_inside
      << " of " << other_tested << " inside, listed separately";
  return o.str();
}

namespace {
std::string fmt(const char* f, double x) {
  char b[64];
  std::snprintf(b, sizeof b, f, x);
  return b;
}
// Shares print as percentages, other kinds as written.
std::string show(const TargetItem& it, double x) {
  if (std::isinf(x)) return "inf";
  if (std::isnan(x)) return "nan";
  return it.kind == TargetKind::share || it.kind == TargetKind::count ? fmt("%.1f", 100 * x)
                                                                      : fmt("%.1f", x);
}
}  // namespace

std::string format_fit_table(const FitTable& t, const std::string& title) {
  std::ostringstream o;
  o << title << "\n";
  o << "shares and counts in % of the item's base; study interval: its own 95 % sampling interval "
       "(Wilson);\n"
    << (t.predictive ? "simulated: mean and posterior-predictive 90 % band over draws x replicates"
                     : "simulated: ensemble mean and 90 % band over replicates")
    << "; z = (simulated - study) / study SE;\n"
    << "inside: simulated mean in the study's interval; band: study value in the simulated band;\n"
    << "role: target (calibrated), held-out (a target not calibrated against), input, identity\n\n";
  char line[512];
  std::snprintf(line, sizeof line, "%-44s %5s %8s %17s %8s %17s %6s  %-6s %-4s %s\n", "item", "n",
                "study", "study 95% int.", "sim", t.predictive ? "pred. 90% band" : "sim 90% band",
                "z", "inside", "band", "role");
  o << line;
  bool others_header = false;
  for (const FitRow& r : t.rows) {
    const TargetItem& it = *r.item;
    if (it.role != TargetRole::target && !others_header) {
      o << "-- inputs and identities: reproduced by construction, not evidence, not counted --\n";
      others_header = true;
    }
    const std::string study = (it.at_least ? ">=" : "") + show(it, it.comparable_value());
    const std::string iv = "[" + show(it, r.study_lo) + ", " + show(it, r.study_hi) + "]";
    const std::string band = "[" + show(it, r.sim_lo) + ", " + show(it, r.sim_hi) + "]";
    const std::string role =
        it.role == TargetRole::target ? (it.calibrate ? "target" : "held-out") : role_name(it.role);
    std::snprintf(line, sizeof line, "%-44s %5.0f %8s %17s %8s %17s %6.2f  %-6s %-4s %s\n",
                  it.label.substr(0, 44).c_str(), it.n, study.c_str(), iv.c_str(),
                  show(it, r.sim_mean).c_str(), band.c_str(), r.z,
                  r.replicates == 0 ? "n/a"
                  : r.inside        ? "yes"
                                    : "NO",
                  r.replicates == 0 ? "n/a"
                  : r.in_band       ? "yes"
                                    : "NO",
                  role.c_str());
    o << line;
  }
  if (!t.not_modelled.empty()) {
    o << "\nnot simulated (no mechanism in the model): ";
    for (std::size_t i = 0; i < t.not_modelled.size(); ++i)
      o << (i ? ", " : "") << t.not_modelled[i]->label;
    o << "\n";
  }
  o << "\nverdict: " << t.verdict() << "\n";
  return o.str();
}

}  // namespace renkei
