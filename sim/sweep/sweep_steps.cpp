#include "sweep/sweep_steps.hpp"

#include "core/usage_error.hpp"
#include "io/atomic_file.hpp"
#include "scenario/study.hpp"
#include "sweep/plan_check.hpp"
#include "sweep/slurm.hpp"

#include <filesystem>
#include <iostream>

namespace renkei {

namespace fs = std::filesystem;

void check_sweep_modes(const SweepSettings& s, bool slurm_script) {
  if (s.merge && s.shard)
    throw UsageError("--merge and --shard exclude each other: merge after every shard is done");
  if (s.merge && s.resume) throw UsageError("--merge and --resume exclude each other");
  if (slurm_script && (s.merge || s.shard || s.resume))
    throw UsageError(
        "--slurm-script only writes the script; --shard, --merge and --resume go in it");
}

SweepPlan load_plan(const std::string& path) {
  SweepPlan plan;
  plan.sweep = load_sweep(path);
  plan.scenarios = load_scenarios(plan.sweep.scenario_paths);
  if (plan.task_count() == 0)
    throw UsageError("the sweep '" + path + "' has no runs (no design points)");
  check_plan_policies(plan, path);
  return plan;
}

std::string describe_cell(const SweepPlan& plan, std::uint64_t task) {
  const auto c = plan.cell(task);
  return "scenario " + plan.scenarios[c.scenario].name + ", point " + std::to_string(c.point) +
         ", replicate " + std::to_string(c.replicate);
}

std::string resubmit_advice(const SweepPlan& plan, const SweepSettings& s,
                            const std::vector<TaskRange>& missing) {
  const std::string merge_cmd =
      "renkei sweep " + shell_quote(s.sweep_path) + " -o " + shell_quote(s.output) + " --merge";
  if (s.shards == 0)
    return "run the sweep (or the shards holding them) again with --resume, then merge";
  const auto shards = shards_holding(missing, s.shards, plan.task_count());
  const std::string list = array_list(shards);
  std::string out = std::to_string(shards.size()) + " of " + std::to_string(s.shards) + " shard" +
                    (s.shards == 1 ? "" : "s") + " to run again: " + list + ". ";
  if (!s.job_script.empty())
    return out + "Resubmit them with\n  sbatch --array=" + list + " " + shell_quote(s.job_script) +
           "\nand when they have ended, merge again with\n  bash " + shell_quote(s.job_script) +
           " merge";
  out += "Run each again with --resume, e.g.\n  renkei sweep " + shell_quote(s.sweep_path) +
         " -o " + shell_quote(s.output) + " --shard " + std::to_string(shards.front()) + "/" +
         std::to_string(s.shards) + " --resume\nthen merge again with\n  " + merge_cmd;
  return out;
}

std::vector<TaskRange> prepare(const SweepPlan& plan, const SweepSettings& s, Ledger& ledger,
                               TaskRange slice, std::uint64_t workers) {
  if (!s.shard && fs::exists(s.output) && !s.force)
    throw UsageError(exists_without_force_message(s.output));
  check_output_path(s.output, s.force || s.shard.has_value());
  refuse_output_onto_inputs(s.output, input_files(plan.scenarios));
  if (ledger.exists() && !s.resume) {
    if (s.force) {
      if (s.shard) {
        ledger.open_or_create();
        ledger.remove_overlapping(slice);
      } else {
        ledger.remove_all();
      }
    } else {
      std::uint64_t have = 0;
      try {
        ledger.open_existing();
        have = covered_count(ledger.committed(), slice);
      } catch (const std::runtime_error&) {
        have = 1;  // not ours or damaged: never reuse silently
      }
      if (have > 0 || !s.shard)
        throw UsageError(
            "the parts directory '" + ledger.dir() + "' already holds " + std::to_string(have) +
            " of " + std::to_string(slice.count) + " runs" + (s.shard ? " of this shard" : "") +
            " from an earlier attempt; add --resume to run only the missing ones, or --force to "
            "discard them");
    }
  }
  try {
    ledger.open_or_create();
  } catch (const std::runtime_error& e) {
    throw UsageError(e.what());
  }
  std::vector<std::string> damaged;
  const auto done = ledger.committed(&damaged);
  for (const auto& d : damaged)
    std::cerr << "renkei sweep: warning: ignoring damaged chunk file '" << d
              << "' (its runs are run again)\n";
  const auto missing = missing_ranges(done, slice);
  std::uint64_t n = 0;
  for (const auto& m : missing) n += m.count;
  return split_ranges(missing, chunk_size_for(n, workers));
}

}  // namespace renkei
