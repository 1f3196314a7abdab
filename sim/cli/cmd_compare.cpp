// `renkei compare FILE`: each policy scenario of a study against its baseline, paired by
// replicate (common random numbers), with corrected intervals, cost-effectiveness and a
// ranking. The statistics live in sim/stats, their tables and exports in
// report/comparison_report.*; this file maps the options onto them.
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "report/comparison_report.hpp"

#include <iostream>

namespace renkei::cli {
namespace {

constexpr const char* kCompareHelp =
    "\nCompares every policy scenario of a renkei output file with the baseline, replicate by\n"
    "replicate: replicate r of every scenario shares its random streams (common random numbers),\n"
    "so the paired differences d_r = policy_r - baseline_r are far less noisy than the two\n"
    "samples. For each policy and metric: mean, SD and SE of d_r, a paired t-interval and the\n"
    "unpaired (Welch) interval at the corrected level, their half-width ratio, the corrected\n"
    "p-value, P(mean difference > 0) under the t approximation and the share of replicates with\n"
    "d_r > 0; then yen per additional certification and a ranking. Replicates whose run failed in\n"
    "either scenario are left out. See docs/compare.md for every column and formula.\n"
    "Exit status: 0 ok, 2 bad input or usage.\n";

}  // namespace

int cmd_compare(const std::vector<std::string>& args) {
  po::options_description opts("renkei compare FILE [options]");
  opts.add_options()("help,h", "show this help")(
      "baseline", po::value<std::string>(),
      "baseline scenario (default: 'baseline' if present, else the first)")(
      "metric", po::value<std::vector<std::string>>(),
      "final metric to compare (repeatable or comma-separated; default: certifications_end, "
      "certifications_first_dec, cross_industry_end, collab_share_end, aware_share_end, "
      "understand_share_end, "
      "dissolutions_total, leakage_total, outcome_mean_end, policy_cost_total)")(
      "level", po::value<double>()->default_value(0.95, "0.95"),
      "family-wise confidence level, in (0, 1)")(
      "correction", po::value<std::string>()->default_value("holm"),
      "multiple-comparison correction over all policy x metric tests shown: holm, bonferroni or "
      "none")("rank-by", po::value<std::string>()->default_value("certifications_end"),
              "metric the policies are ranked by")(
      "family", po::value<std::string>()->default_value("metric"),
      "which tests one correction covers: 'metric' (per metric, across the policies; what the HTML "
      "report "
      "uses) or 'all' (every policy x metric test shown)")(
      "csv", "print one CSV row per policy and metric instead of the tables")(
      "json", "print the rows of --csv, the settings and the ranking as one JSON object");
  const auto vm = parse(args, opts, true);
  if (vm.count("help")) {
    std::cout << opts << kCompareHelp;
    return kExitOk;
  }
  const std::string file = single_file(vm, "no file given: renkei compare FILE.h5", "output file");
  CompareRequest request;
  request.file = file;
  if (vm.count("baseline")) request.baseline = vm["baseline"].as<std::string>();
  if (vm.count("metric")) request.metrics = vm["metric"].as<std::vector<std::string>>();
  request.level = vm["level"].as<double>();
  request.correction = vm["correction"].as<std::string>();
  request.family = vm["family"].as<std::string>();
  request.rank_by = vm["rank-by"].as<std::string>();
  request.csv = vm.count("csv") > 0;
  request.json = vm.count("json") > 0;
  compare_file(std::cout, request);
  return kExitOk;
}

}  // namespace renkei::cli
