// Benchmarks (a target of its own, not a timed test): firm-weeks per second of one run on
// one thread, with set-up measured apart from stepping, and runs per second of an ensemble.
//   renkei_bench [SCENARIO] [--repeats N] [--ensemble-runs N] [--threads T]
//   renkei_bench [SCENARIO] --scaling [--max-firms N]   (worlds of 25 k to N firms; default 4 M)
//   renkei_bench --ceiling [--small-mib M] [--large-mib M]   (what the machine allows)
#include "bench/ceiling.hpp"
#include "bench/scaling.hpp"
#include "bench/timing.hpp"
#include "engine/ensemble.hpp"
#include "model/model.hpp"
#include "scenario/loader.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using renkei::bench::clock_type;
using renkei::bench::median;
using renkei::bench::seconds_since;

int main(int argc, char** argv) {
  std::string path = std::string(RENKEI_SOURCE_DIR) + "/scenarios/baseline.toml";
  int repeats = 5;
  int ensemble_runs = 16;
  int threads = 2;
  bool scaling = false;
  long max_firms = 4'000'000;
  bool ceiling = false;
  renkei::bench::CeilingOptions ceiling_opt;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&](int least) -> int {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "renkei_bench: %s needs a value\n", a.c_str());
        std::exit(2);
      }
      const std::string v = argv[++i];
      int out = 0;
      const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
      if (ec != std::errc() || end != v.data() + v.size() || out < least) {
        std::fprintf(stderr, "renkei_bench: %s needs a whole number of at least %d, not '%s'\n",
                     a.c_str(), least, v.c_str());
        std::exit(2);
      }
      return out;
    };
    if (a == "--repeats")
      repeats = next(1);
    else if (a == "--ensemble-runs")
      ensemble_runs = next(0);
    else if (a == "--threads")
      threads = next(1);
    else if (a == "--scaling")
      scaling = true;
    else if (a == "--max-firms")
      max_firms = next(1);
    else if (a == "--ceiling")
      ceiling = true;
    else if (a == "--small-mib")
      ceiling_opt.small_mib = static_cast<std::size_t>(next(1));
    else if (a == "--large-mib")
      ceiling_opt.large_mib = static_cast<std::size_t>(next(1));
    else if (!a.empty() && a[0] != '-')
      path = a;
    else {
      std::fprintf(
          stderr,
          "usage: renkei_bench [SCENARIO] [--repeats N] [--ensemble-runs N] [--threads T]\n"
          "       renkei_bench [SCENARIO] --scaling [--max-firms N]\n"
          "       renkei_bench --ceiling [--small-mib M] [--large-mib M]\n");
      return 2;
    }
  }
  try {
    if (ceiling) return renkei::bench::run_ceiling(ceiling_opt);
    const renkei::Scenario scenario = renkei::load_scenario(path);
    if (scaling) return renkei::bench::run_scaling(scenario, max_firms);
    const renkei::Calendar cal = scenario.calendar();
    const int total_steps = cal.burn_in_steps() + cal.steps();

    // Warm-up run (caches, page faults), then timed repeats on distinct replicates.
    renkei::run_replicate(scenario, 0, 1, 1000);
    std::vector<double> setup, stepping, rates;
    std::uint32_t firms = 0;
    double meetings = 0;
    for (int r = 0; r < repeats; ++r) {
      const auto t0 = clock_type::now();
      renkei::Model m(scenario, 1, static_cast<std::uint32_t>(r));
      setup.push_back(seconds_since(t0));
      const auto t1 = clock_type::now();
      const renkei::RunResult rr = m.run(0);
      stepping.push_back(seconds_since(t1));
      firms = m.state().n_firms();
      rates.push_back(static_cast<double>(firms) * total_steps / (setup.back() + stepping.back()));
      for (int t = 0; t < rr.steps; ++t) meetings += rr.at(renkei::S::meetings, t);
    }
    std::printf("scenario %s: %u firms, %d steps (%d burn-in), step %d days\n",
                scenario.name.c_str(), firms, total_steps, cal.burn_in_steps(), cal.step_days());
    std::printf(
        "single run, 1 thread (median of %d): set-up %.1f ms, stepping %.1f ms, total %.1f ms\n",
        repeats, median(setup) * 1e3, median(stepping) * 1e3,
        (median(setup) + median(stepping)) * 1e3);
    std::printf(
        "  firm-weeks per second: %.1f million (whole run incl. set-up); %.1f million (stepping "
        "only)\n",
        median(rates) / 1e6 * cal.step_days() / 7.0,
        static_cast<double>(firms) * total_steps / median(stepping) / 1e6 * cal.step_days() / 7.0);
    std::printf("  encounters per recorded step (mean): %.0f\n", meetings / repeats / cal.steps());

    if (ensemble_runs > 0) {
      renkei::EnsembleOptions opt;
      opt.threads = threads;
      opt.replicates = ensemble_runs;
      opt.seed = 1;
      const auto t0 = clock_type::now();
      const auto report = renkei::run_ensemble({scenario}, opt, nullptr);
      const double s = seconds_since(t0);
      std::printf("ensemble: %llu runs on %d threads in %.2f s: %.2f runs per second\n",
                  static_cast<unsigned long long>(report.runs), threads, s,
                  static_cast<double>(report.runs) / s);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "renkei_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
