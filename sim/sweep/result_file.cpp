#include "sweep/result_file.hpp"

#include "core/exit_status.hpp"
#include "core/usage_error.hpp"
#include "io/atomic_file.hpp"
#include "io/sweep_writer.hpp"
#include "scenario/study.hpp"
#include "sweep/merge.hpp"
#include "sweep/mpi.hpp"

#include <filesystem>
#include <iostream>
#include <stdexcept>

namespace renkei {

namespace fs = std::filesystem;

int write_sweep_result(const SweepPlan& plan, const SweepSettings& s,
                       const std::vector<const Ledger*>& ledgers, int ranks) {
  MergeReport report;
  SweepTable table = gather_sweep(plan, ledgers, report);
  for (const auto& d : report.damaged)
    std::cerr << "renkei sweep: warning: ignored damaged chunk file '" << d << "'\n";
  if (!report.complete())
    throw std::runtime_error(
        "cannot write '" + s.output + "': " + std::to_string(report.runs - report.present) +
        " of " + std::to_string(report.runs) + " runs are missing (tasks " +
        format_ranges(report.missing) + "); " + resubmit_advice(plan, s, report.missing));
  auto attributes = s.provenance ? s.provenance(plan.sweep.seed, static_cast<int>(s.threads),
                                                plan.sweep.replicates)
                                 : std::vector<std::pair<std::string, std::string>>{};
  attributes.emplace_back("mpi_ranks", std::to_string(ranks));
  describe_sweep(plan, attributes, table);
  try {
    write_sweep_file(s.output, s.force, table);
  } catch (const std::runtime_error& e) {
    if (fs::exists(s.output)) throw UsageError(e.what());
    throw;
  }
  if (!s.keep_parts)
    for (const Ledger* l : ledgers) l->remove_all();
  if (!s.quiet)
    std::cout << "wrote " << s.output << " (" << plan.scenario_count() << " scenario(s) x "
              << plan.point_count() << " points x " << plan.replicate_count()
              << " replicates = " << report.runs << " runs"
              << (report.failed ? ", " + std::to_string(report.failed) + " FAILED" : std::string())
              << ")\n";
  if (report.failed == 0) return kExitOk;
  std::uint64_t first_failed = 0;
  while (table.run_ok[first_failed] != 0) ++first_failed;
  std::cerr << "renkei sweep: " << report.failed << " of " << report.runs
            << " runs failed (first: " << describe_cell(plan, first_failed) << ": "
            << table.run_error[first_failed] << "); see run_ok and run_error in " << s.output
            << '\n';
  return kExitFailure;
}

int merge_sweep_parts(const SweepSettings& s) {
  if (mpi::launcher_world_size() > 1)
    throw UsageError("--merge runs in one process: start it without mpirun/srun");
  const SweepPlan plan = load_plan(s.sweep_path);
  if (fs::exists(s.output) && !s.force) throw UsageError(exists_without_force_message(s.output));
  refuse_output_onto_inputs(s.output, input_files(plan.scenarios));
  const std::string identity = sweep_identity(plan);
  std::vector<std::string> dirs = s.merge ? *s.merge : std::vector<std::string>{};
  if (dirs.empty()) dirs.push_back(Ledger::dir_for_output(s.output));
  std::vector<Ledger> ledgers;
  for (const auto& d : dirs) ledgers.emplace_back(d, identity, plan.task_count());
  std::vector<const Ledger*> ptrs;
  for (const auto& l : ledgers) {
    try {
      l.open_existing();
    } catch (const std::runtime_error& e) {
      throw UsageError(e.what());
    }
    ptrs.push_back(&l);
  }
  return write_sweep_result(plan, s, ptrs, 1);
}

}  // namespace renkei
