#include "calibrate/calibration_report.hpp"

#include "input/toml_text.hpp"
#include "renkei/build_info.hpp"
#include "report/text.hpp"
#include "scenario/params.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <sstream>

namespace renkei {
namespace {

const char* identification_word(double ratio) {
  return abc::identification_name(abc::classify_identification(ratio));
}

std::string utc_now() {
  const std::time_t t = std::time(nullptr);
  char b[32];
  std::strftime(b, sizeof b, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return b;
}

// A TOML file as the calibrated file lays it out: comment lines, then tables of keys, each
// key with its value's text and an optional trailing comment; a table may open with
// comment lines of its own.
struct TomlEntry {
  std::string key;
  std::string value;    // TOML text of the value
  std::string comment;  // after "  # ", or empty
};

struct TomlTable {
  std::vector<std::string> comments;  // lines before the header
  std::string name;
  std::vector<TomlEntry> entries;
};

struct TomlDocument {
  std::vector<std::string> comments;  // the file's opening lines
  std::vector<TomlTable> tables;

  std::string text() const {
    std::string out;
    for (const auto& c : comments) out += "# " + c + "\n";
    for (std::size_t t = 0; t < tables.size(); ++t) {
      if (t > 0 || !comments.empty()) out += "\n";
      for (const auto& c : tables[t].comments) out += "# " + c + "\n";
      out += "[" + tables[t].name + "]\n";
      for (const auto& e : tables[t].entries)
        out += e.key + " = " + e.value + (e.comment.empty() ? "" : "  # " + e.comment) + "\n";
    }
    return out;
  }
};

}  // namespace

std::string stopping_rule_text(const abc::Options& abc) {
  std::vector<std::string> parts;
  if (abc.min_epsilon > 0) parts.push_back("epsilon <= " + printf_double("%.3g", abc.min_epsilon));
  if (abc.min_acceptance > 0)
    parts.push_back("acceptance < " + printf_double("%.3g", abc.min_acceptance));
  if (abc.min_epsilon_decrease > 0)
    parts.push_back("epsilon shrinks by < " +
                    printf_double("%.3g", 100 * abc.min_epsilon_decrease) + " %");
  std::string rule = parts.empty() ? std::string("none (only the caps)") : join(parts, " or ");
  return rule + "; safety caps: " + std::to_string(abc.max_generations) + " generations" +
         (abc.max_simulations > 0 ? ", " + std::to_string(abc.max_simulations) + " simulations"
                                  : "");
}

std::string rule_not_met_warning(const abc::Options& abc, const abc::Result& result,
                                 const abc::Generation& posterior) {
  return "WARNING: the stopping rule (" + stopping_rule_text(abc) +
         ") was NOT met: " + result.stop_reason + ". The posterior is that of generation " +
         std::to_string(posterior.index) +
         " and is wider than the rule would give; rerun with a larger --generations or "
         "--max-simulations (the "
         "checkpoint continues from here)";
}

std::string calibration_report(const CalibrationOutcome& o) {
  const CalibrationSpec& spec = *o.spec;
  const abc::Result& result = *o.result;
  const auto& priors = o.priors;
  const auto& summary = o.summary;
  const auto& correlation = o.correlation;
  const abc::Representative& rep_point = o.point;
  const std::vector<double>& point = rep_point.theta;
  std::ostringstream rep;
  rep << "Calibration '" << spec.name << "' (" << spec.path << ")\n";
  rep << "scenario " << spec.scenario << ", targets " << spec.targets << ", runs to "
      << spec.end.iso() << ", " << spec.replicates << " run(s) per candidate\n";
  rep << "ABC-SMC: " << spec.abc.particles << " particles; " << result.generations.size()
      << " generations; " << result.simulations << " simulations";
  if (result.resumed_generations > 0)
    rep << " (" << result.resumed_generations << " generations resumed from the checkpoint)";
  rep << "\nstopping rule: " << stopping_rule_text(spec.abc) << "\n";
  rep << "stopped: " << result.stop_reason << "\n";
  rep << (result.rule_met ? "stopping rule met: yes\n"
                          : "stopping rule met: NO\n" +
                                rule_not_met_warning(spec.abc, result, *o.posterior) + "\n");
  rep << "wall time " << printf_double("%.0f", o.seconds) << " s on " << o.threads
      << " threads\n\n";
  rep << "generation  epsilon  decrease  acceptance  simulations  ESS\n";
  for (std::size_t gi = 0; gi < result.generations.size(); ++gi) {
    const auto& g = result.generations[gi];
    const double before = gi > 0 ? result.generations[gi - 1].epsilon : std::nan("");
    const std::string decrease = std::isfinite(before)
                                     ? printf_double("%7.1f%%", 100 * (before - g.epsilon) / before)
                                     : std::string("       -");
    rep << printf_double("%10.0f", g.index) << printf_double("  %7.3f", g.epsilon) << "  "
        << decrease << printf_double("  %10.3f", g.acceptance)
        << printf_double("  %11.0f", static_cast<double>(g.simulations))
        << printf_double("  %5.1f", abc::effective_sample_size(abc::weights_of(g))) << "\n";
  }
  rep << "\nposterior (weighted particles of the last generation). Identification, in the search "
         "space (log\n"
      << "for log-scale priors): sd = posterior SD / prior SD, w90 = 90 % interval width / 0.9 of "
         "the prior\n"
      << "range; the category follows sd: < 0.5 identified, 0.5-0.8 weakly identified, >= 0.8 not "
         "identified\n\n";
  char line[512];
  std::snprintf(line, sizeof line, "%-38s %21s %10s %10s %10s %10s %5s %5s  %s\n", "parameter",
                "prior", "estimate", "5%", "50%", "95%", "sd", "w90", "");
  rep << line;
  std::vector<std::size_t> not_identified;
  for (std::size_t i = 0; i < priors.size(); ++i) {
    const auto& s = summary[i];
    const std::string prior = std::string(priors[i].log_scale ? "log " : "") + "[" +
                              printf_double("%.4g", priors[i].lo) + ", " +
                              printf_double("%.4g", priors[i].hi) + "]";
    std::snprintf(line, sizeof line, "%-38s %21s %10.4g %10.4g %10.4g %10.4g %5.2f %5.2f  %s\n",
                  priors[i].name.c_str(), prior.c_str(), point[i], s.q05, s.q50, s.q95,
                  s.identification, s.width_ratio, identification_word(s.identification));
    rep << line;
    if (abc::classify_identification(s.identification) == abc::IdentificationClass::none)
      not_identified.push_back(i);
  }
  if (!spec.fixed.empty()) {
    rep << "\nfixed (not estimated):\n";
    for (const auto& f : spec.fixed)
      rep << "  " << f.key << " = " << printf_double("%.6g", f.value) << "  (" << f.source << ")\n";
  }
  if (!not_identified.empty()) {
    rep << "\nnot identified by the targets (" << not_identified.size() << " of " << priors.size()
        << "): their posterior is close to their prior. Recommendation: fix each at a sourced "
           "value\n"
        << "([[parameter]] key = ..., fix = VALUE, source = \"...\") or leave it to sensitivity "
           "analysis\n"
        << "(docs/sensitivity.md); estimating it only carries its prior into every comparison.\n";
    for (std::size_t i : not_identified)
      rep << "  " << priors[i].name << " (sd ratio "
          << printf_double("%.2f", summary[i].identification) << ")\n";
  }
  // Pairs with strong posterior correlation: combinations the targets pin down even where
  // each parameter alone is not identified.
  rep << "\nposterior correlations (weighted Pearson, search space) with |r| > 0.5:\n";
  const std::size_t dim = priors.size();
  int strong = 0;
  for (std::size_t i = 0; i < dim; ++i)
    for (std::size_t j = i + 1; j < dim; ++j)
      if (std::abs(correlation[i * dim + j]) > 0.5) {
        rep << "  " << printf_double("%+.2f", correlation[i * dim + j]) << "  " << priors[i].name
            << " ~ " << priors[j].name << "\n";
        ++strong;
      }
  if (strong == 0) rep << "  none\n";
  rep << "\nfull posterior correlation matrix (rows and columns in parameter order):\n";
  for (std::size_t i = 0; i < dim; ++i) {
    std::snprintf(line, sizeof line, "%2zu %-38s", i + 1, priors[i].name.c_str());
    rep << line;
    for (std::size_t j = 0; j < dim; ++j) rep << printf_double(" %+5.2f", correlation[i * dim + j]);
    rep << "\n";
  }
  std::vector<std::string> outside;
  for (std::size_t i : rep_point.outside_90) outside.push_back(priors[i].name);
  rep << "\npoint estimate: the posterior's representative, particle " << rep_point.index
      << " (weight " << printf_double("%.3g", rep_point.weight) << "; "
      << printf_double("%.0f", 100 * rep_point.weight_rank)
      << " % of the particles are heavier): among the " << rep_point.eligible
      << " particles of at least the median weight, ";
  if (rep_point.replicates > 0) {
    rep << "the " << rep_point.shortlist_distance.size()
        << " whose own simulated survey is\nnearest the posterior median of the standardised "
           "targets were each run "
        << rep_point.replicates
        << " more times with fresh seeds, and this one's mean\nsurvey is nearest that median "
           "(RMS distance "
        << printf_double("%.3f", rep_point.distance) << " SE; its own survey "
        << printf_double("%.3f", rep_point.own_distance)
        << " SE). One survey of about 300 answers is a\nnoisy judge of a particle; the mean of "
        << rep_point.replicates
        << " is less so.\nShortlist (own-survey order), RMS distance of the mean survey "
           "(\"incomplete\": a run's survey lacked an item):";
    for (std::size_t c = 0; c < rep_point.shortlist_distance.size(); ++c)
      rep << (c % 8 == 0 ? "\n  " : "  ") << rep_point.ranked[c] << ": "
          << (std::isnan(rep_point.shortlist_distance[c])
                  ? std::string("incomplete")
                  : printf_double("%.3f", rep_point.shortlist_distance[c]));
    rep << "\nIt is a posterior draw; parameters outside their 90 % posterior interval: ";
  } else {
    rep << "the one whose simulated survey is nearest the\n"
        << "posterior median of the standardised targets (RMS distance "
        << printf_double("%.3f", rep_point.distance)
        << " SE). It is a posterior draw; parameters outside their 90 % posterior interval: ";
  }
  rep << (outside.empty() ? std::string("none") : join(outside, ", "));
  // A draw lies outside each marginal 90 % interval with probability 0.1, so a few such
  // parameters are expected; what the polished point did (sit at a bound, outside) is not.
  rep << " (a posterior draw has each parameter outside its marginal 90 % interval with "
         "probability 0.1: about "
      << printf_double("%.1f", 0.1 * static_cast<double>(priors.size())) << " of " << priors.size()
      << " expected)";
  rep << "\n\n"
      << format_fit_table(o.fit, "Fit of the point estimate (" +
                                     std::to_string(spec.validation_replicates) +
                                     " runs with fresh seeds)")
      << "\n"
      << format_fit_table(o.predictive, "Posterior-predictive check (" +
                                            std::to_string(o.predictive_runs) +
                                            " runs, one per posterior draw, fresh seeds)");
  return rep.str();
}

std::string calibrated_file_text(const CalibrationOutcome& o) {
  const CalibrationSpec& spec = *o.spec;
  const abc::Result& result = *o.result;
  const abc::Generation& post = *o.posterior;
  const auto& priors = o.priors;
  TomlDocument doc;
  doc.comments = {"Calibrated parameters: written by `renkei calibrate " + spec.path + "`",
                  std::string("(renkei ") + build::version + ", commit " + build::git_commit +
                      ", " + utc_now() + ").",
                  "Point estimate (the posterior's representative particle " +
                      std::to_string(o.point.index) + ") of ABC-SMC against " + spec.targets,
                  "(" + std::to_string(post.particles.size()) + " particles, generation " +
                      std::to_string(post.index) + ", epsilon " +
                      printf_double("%.3f", post.epsilon) +
                      "). Do not edit by hand: rerun the calibration.",
                  result.rule_met ? "Stopping rule met: " + result.stop_reason + "."
                                  : "WARNING: stopping rule NOT met (" + result.stop_reason + ").",
                  "The 90 % posterior interval and identification (SD) ratio follow each value."};
  doc.tables.push_back(
      {{},
       "scenario",
       {{"name", toml_quote("calibrated_" + spec.name), ""},
        {"description", toml_quote("Parameters calibrated to the " + spec.name + " survey targets"),
         ""}}});
  doc.tables.push_back(
      {{"Posterior draws written beside this file: runs carry parameter uncertainty with them",
        "unless `renkei run --point` asks for the point estimate alone."},
       "run",
       {{"parameter_draws",
         toml_quote(std::filesystem::path(spec.draws_output).filename().string()), ""}}});
  // Estimated then fixed parameters, by group: entry i < priors.size() is estimated.
  std::vector<std::size_t> order(priors.size() + spec.fixed.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  const auto index_of = [&](std::size_t i) {
    return i < priors.size() ? spec.parameters[i].param_index
                             : spec.fixed[i - priors.size()].param_index;
  };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return param_schema()[index_of(a)].group < param_schema()[index_of(b)].group;
  });
  std::string group;
  for (std::size_t i : order) {
    const ParamDef& d = param_schema()[index_of(i)];
    if (d.group != group) {
      group = d.group;
      doc.tables.push_back({{}, group, {}});
    }
    auto& entries = doc.tables.back().entries;
    if (i >= priors.size()) {
      const FixedParameter& f = spec.fixed[i - priors.size()];
      entries.push_back({std::string(d.name), printf_double("%.6g", f.value),
                         "fixed, not estimated: " + f.source});
      continue;
    }
    double v = o.point.theta[i];
    if (d.type == ParamType::integer) v = std::round(v);
    const auto& s = o.summary[i];
    entries.push_back({std::string(d.name), printf_double("%.6g", v),
                       "90 % [" + printf_double("%.4g", s.q05) + ", " +
                           printf_double("%.4g", s.q95) + "], ratio " +
                           printf_double("%.2f", s.identification) + ", " +
                           identification_word(s.identification)});
  }
  return doc.text();
}

std::string posterior_draws_csv(const std::vector<abc::Prior>& priors,
                                const std::vector<std::vector<double>>& draws) {
  std::ostringstream csv;
  for (std::size_t i = 0; i < priors.size(); ++i) csv << (i ? "," : "") << priors[i].name;
  csv << "\n";
  for (const auto& d : draws) {
    for (std::size_t i = 0; i < d.size(); ++i) csv << (i ? "," : "") << printf_double("%.9g", d[i]);
    csv << "\n";
  }
  return csv.str();
}

}  // namespace renkei
