// Entry point of the `renkei` executable: dispatches to subcommands and maps every error
// to an exit status (0 ok, 2 bad input or usage, 1 failure while running).
#include "cli/commands.hpp"
#include "input/input_error.hpp"
#include "io/atomic_file.hpp"
#include "io/h5_library.hpp"
#include "report/command_error.hpp"

#include <csignal>
#include <cstring>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

namespace {

constexpr const char* kUsage =
    "usage: renkei <command> [options]\n"
    "\n"
    "commands:\n"
    "  run SCENARIO...     run scenarios as a Monte Carlo ensemble and write an HDF5 file\n"
    "  check SCENARIO...   validate scenario files and print them fully resolved\n"
    "  params [SCENARIO]   every model parameter, or the values a scenario runs with (--levers)\n"
    "  compare FILE        each policy against the baseline: paired effects, intervals, ranking\n"
    "  survey FILE         the simulated questionnaire against the study's survey, item by item\n"
    "  validate FILE VAL   a run against published figures never used to fit it, item by item\n"
    "  calibrate CONFIG    estimate the assumed parameters against the survey targets (ABC-SMC)\n"
    "  sweep SWEEP         run a sweep design (locally, under mpirun, or as a Slurm shard)\n"
    "  sensitivity FILE    Morris and Sobol sensitivity indices from a sweep's results\n"
    "\n"
    "options:\n"
    "  -h, --help          this help; `renkei <command> --help` for a command's options\n"
    "  -V, --version       version, commit, compiler and library versions\n";

const std::vector<std::string> kCommands = {"run",    "check",     "params", "compare",
                                            "survey", "calibrate", "sweep",  "sensitivity",
                                            "help",   "version"};

// Ctrl-C, SIGTERM (e.g. a batch system's time limit) or a hang-up: remove the partial output
// file, then die of the same signal so that the caller sees why.
extern "C" void on_terminating_signal(int sig) {
  renkei::remove_pending_temp_file();
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

void install_signal_handlers() {
  struct sigaction action {};
  action.sa_handler = on_terminating_signal;
  sigemptyset(&action.sa_mask);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaction(sig, &action, nullptr);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace renkei;
  using namespace renkei::cli;
  renkei::keep_hdf5_out_of_exit();
  install_signal_handlers();
  if (argc < 2) {
    std::cerr << kUsage;
    return kExitUsage;
  }
  const std::string command = argv[1];
  const std::vector<std::string> args(argv + 2, argv + argc);
  try {
    if (command == "-h" || command == "--help" || command == "help") {
      std::cout << kUsage;
      return kExitOk;
    }
    if (command == "-V" || command == "--version" || command == "version") {
      std::cout << version_text() << '\n';
      return kExitOk;
    }
    if (command == "run") return cmd_run(args);
    if (command == "check") return cmd_check(args);
    if (command == "params") return cmd_params(args);
    if (command == "compare") return cmd_compare(args);
    if (command == "survey") return cmd_survey(args);
    if (command == "validate") return cmd_validate(args);
    if (command == "calibrate") return cmd_calibrate(args);
    if (command == "sweep") return cmd_sweep(args);
    if (command == "sensitivity") return cmd_sensitivity(args);
    std::cerr << "renkei: unknown command '" << command << "'";
    const std::string guess = renkei::closest_match(command, kCommands);
    if (!guess.empty()) std::cerr << " (did you mean '" << guess << "'?)";
    std::cerr << "\n\n" << kUsage;
    return kExitUsage;
  } catch (...) {
    return renkei::report_command_error(command, std::current_exception());
  }
}
