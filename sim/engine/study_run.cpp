#include "engine/study_run.hpp"

#include "core/usage_error.hpp"
#include "input/input_error.hpp"
#include "io/atomic_file.hpp"
#include "io/h5_layout.hpp"
#include "report/text.hpp"
#include "scenario/params.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>

namespace renkei {
namespace {

std::string num(double x) { return printf_double("%.4g", x); }

std::string scenario_files_text(const Scenario& s) {
  std::string out;
  for (const auto& f : s.files) out += f.sha256 + "  " + f.path + "\n";
  return out;
}

StudyHeader study_header(const Study& study, const StudyRunOptions& options) {
  const auto& scenarios = study.scenarios;
  const auto& first = scenarios.front();
  StudyHeader header;
  for (const auto& s : scenarios) {
    header.scenario_names.push_back(s.name);
    header.scenario_descriptions.push_back(s.description);
    header.scenario_display_names_en.push_back(s.display_name_en);
    header.scenario_display_names_ja.push_back(s.display_name_ja);
    header.scenario_toml.push_back(s.resolved_toml);
    header.scenario_files.push_back(scenario_files_text(s));
    auto& names = header.policy_names.emplace_back();
    auto& caps = header.policy_caps.emplace_back();
    for (const PolicyChange& p : s.policies) {
      names.push_back(p.name);
      caps.push_back(p.budget_cap_yen);
    }
  }
  const Calendar cal = first.calendar();
  header.replicates = static_cast<int>(study.replicates);
  header.steps = cal.steps();
  header.start = cal.start();
  header.step_days = cal.step_days();
  header.keep_replicate_series = study.keep_replicate_series;
  // Per-block output over the union of the scenarios' blocks (one world in practice).
  for (const auto& s : scenarios) {
    std::vector<std::size_t> cols;
    for (const auto& b : s.world->blocks) {
      const auto at = std::find(header.block_ids.begin(), header.block_ids.end(), b.id);
      cols.push_back(static_cast<std::size_t>(at - header.block_ids.begin()));
      if (at == header.block_ids.end()) header.block_ids.push_back(b.id);
    }
    header.scenario_block_columns.push_back(std::move(cols));
  }
  header.block_dec_date = Date{cal.start().year, 12, 15};
  header.end_date = first.run.end;
  header.attributes = options.attributes;
  if (study.draws) {
    header.parameter_draws = static_cast<int>(study.draws->size());
    header.attributes.emplace_back(std::string(kParameterDrawsAttribute), study.draws->describe());
    header.attributes.emplace_back(std::string(kParametersAttribute), "posterior draws");
  } else {
    header.attributes.emplace_back(
        std::string(kParametersAttribute),
        study.point ? "point estimate (--point)" : "fixed (the scenarios name no posterior draws)");
  }
  return header;
}

// A draw replaces the base value of its parameters in every scenario: a difference between
// scenarios in such a base value would vanish, so it is pointed out.
void warn_drawn_differences(std::ostream& out, const ParameterDraws& draws,
                            const std::vector<Scenario>& scenarios) {
  for (const std::size_t index : draws.columns) {
    const ParamDef& d = param_schema()[index];
    for (const auto& s : scenarios)
      if (d.get(s.params) != d.get(scenarios.front().params)) {
        out << "renkei run: warning: scenarios '" << scenarios.front().name << "' and '" << s.name
            << "' set different base values of '" << d.key << "' ("
            << num(d.get(scenarios.front().params)) << " and " << num(d.get(s.params))
            << "), which every draw of " << draws.path
            << " replaces; to compare them, make the change a [[policy]] or drop the column\n";
        break;
      }
  }
}

}  // namespace

std::string RunControl::rule() const {
  return target.metric + " half-width <= " + num(target.half_width) + " at " + num(level * 100.0) +
         " %";
}

StudyRunResult run_study(const Study& study, const StudyRunOptions& options) {
  const auto& scenarios = study.scenarios;
  const auto& control = options.control;
  const StudyHeader header = study_header(study, options);

  // The writer refuses an existing file or a bad output path before any work is done (exit 2);
  // a write that fails while it lays out the file (a full disk) is a failure while running
  // (exit 1), like one during the runs.
  std::unique_ptr<ResultWriter> writer;
  try {
    auto inputs = input_files(scenarios);
    if (study.draws) inputs.push_back(study.draws->path);
    refuse_output_onto_inputs(options.output, inputs);
    writer = make_hdf5_writer(options.output, options.force, header);
  } catch (const FileError&) {
    throw;
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }

  if (study.draws && options.warnings)
    warn_drawn_differences(*options.warnings, *study.draws, scenarios);
  EnsembleOptions ensemble_options;
  ensemble_options.threads = options.threads;
  ensemble_options.replicates = static_cast<int>(study.replicates);
  ensemble_options.seed = study.seed;
  ensemble_options.quantiles = header.quantiles;
  ensemble_options.warm_start = options.warm_start;
  ensemble_options.on_progress = options.on_progress;
  ensemble_options.parameter_draws = study.draws ? &*study.draws : nullptr;
  // Run control follows its metric per scenario, in replicate order.
  std::vector<std::vector<double>> tracked(scenarios.size());
  if (control)
    ensemble_options.on_run = [&](const RunResult& run) {
      tracked[run.scenario].push_back(run.finals[control->target.final_index]);
    };

  Ensemble ensemble(scenarios, ensemble_options, writer.get());
  if (!control) {
    ensemble.run_to(static_cast<int>(study.replicates));
  } else {
    const std::size_t baseline = study.baseline;
    for (int round = 1;; ++round) {
      ensemble.run_to(next_replicate_target(ensemble.replicates_done(), control->batch,
                                            control->max_replicates));
      const HalfWidthCheck check =
          check_half_widths(tracked, baseline, control->level, control->target.half_width);
      const int n = ensemble.replicates_done();
      const bool last = check.met || n >= control->max_replicates;
      if (options.log) {
        if (options.before_log) options.before_log();
        *options.log << "round " << round << ": " << n << " replicates, largest "
                     << num(control->level * 100.0) << " % half-width of mean d "
                     << control->target.metric << " "
                     << (std::isinf(check.largest) ? std::string("n/a (fewer than 2 usable pairs)")
                                                   : num(check.largest))
                     << " ('" << scenarios[*check.widest].name << "' vs '"
                     << scenarios[baseline].name << "'), target " << num(control->target.half_width)
                     << "\n";
      }
      if (last) {
        const std::string outcome = control->rule() + (check.met ? ": met at " : ": not met at ") +
                                    std::to_string(n) + " replicates" +
                                    (check.met ? ""
                                               : " (the --max-replicates cap; largest half-width " +
                                                     num(check.largest) + ")");
        writer->set_attribute(std::string(kRunControlAttribute), outcome);
        if (options.log) *options.log << "run control: " << outcome << "\n";
        break;
      }
    }
  }
  writer->set_replicates(ensemble.replicates_done());
  writer->set_attribute("replicates", std::to_string(ensemble.replicates_done()));
  StudyRunResult result;
  result.report = ensemble.finish();
  if (options.before_log) options.before_log();
  writer->commit();
  result.scenario_names = header.scenario_names;
  result.quantiles = header.quantiles;
  return result;
}

}  // namespace renkei
