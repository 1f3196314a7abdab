// The option table and help text of `renkei compare` (cli/help.hpp).
#include "cli/help.hpp"

namespace renkei::cli {

namespace po = boost::program_options;

const char* const kCompareHelp =
    "\nCompares every policy scenario of a renkei output file with the baseline, replicate by\n"
    "replicate: replicate r of every scenario shares its random streams (common random numbers),\n"
    "so the paired differences d_r = policy_r - baseline_r are far less noisy than the two\n"
    "samples. For each policy and metric: mean, SD and SE of d_r, a paired t-interval and the\n"
    "unpaired (Welch) interval at the corrected level, their half-width ratio, the corrected\n"
    "p-value, P(mean difference > 0) under the t approximation and the share of replicates with\n"
    "d_r > 0; then yen per additional certification and a ranking. Replicates whose run failed in\n"
    "either scenario are left out. See docs/compare.md for every column and formula.\n"
    "Exit status: 0 ok, 2 bad input or usage.\n";

po::options_description compare_options() {
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
  return opts;
}

}  // namespace renkei::cli
