#include "cli/summary_table.hpp"

#include "core/exit_status.hpp"
#include "engine/study_run.hpp"

#include "model/series.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>

namespace renkei::cli {
namespace {

struct Column {
  F metric;
  const char* title;
  double scale;
  const char* format;
};

constexpr Column kColumns[] = {
    {F::certifications_first_dec, "cert. by Dec-05", 1.0, "%.1f"},
    {F::certifications_end, "cert. at end", 1.0, "%.1f"},
    {F::collab_share_end, "collab. % end", 100.0, "%.1f"},
    {F::cross_industry_end, "cross-ind. end", 1.0, "%.0f"},
    {F::aware_share_end, "aware % end", 100.0, "%.1f"},
    {F::understand_share_end, "underst. % end", 100.0, "%.1f"},
    {F::policy_cost_total, "policy M yen", 1e-6, "%.1f"},
};

std::string cell(const ScenarioSummary& s, const Column& c, std::size_t lo, std::size_t hi) {
  const auto f = static_cast<std::size_t>(c.metric);
  char mean[32], a[32], b[32];
  std::snprintf(mean, sizeof mean, c.format, s.final_mean[f] * c.scale);
  std::snprintf(a, sizeof a, c.format, s.final_quantile[lo * kFinalCount + f] * c.scale);
  std::snprintf(b, sizeof b, c.format, s.final_quantile[hi * kFinalCount + f] * c.scale);
  return std::string(mean) + " [" + a + "," + b + "]";
}

}  // namespace

void print_summary_table(std::ostream& out, const std::vector<std::string>& names,
                         const std::vector<ScenarioSummary>& summaries,
                         const std::vector<double>& quantiles) {
  const std::size_t lo = 0;
  const std::size_t hi = quantiles.size() - 1;
  std::size_t name_w = 8;
  for (const auto& n : names) name_w = std::max(name_w, n.size());
  std::vector<std::vector<std::string>> cells;
  std::vector<std::size_t> widths;
  for (const auto& c : kColumns) widths.push_back(std::string(c.title).size());
  for (const auto& s : summaries) {
    std::vector<std::string> row;
    for (std::size_t k = 0; k < std::size(kColumns); ++k) {
      row.push_back(s.runs_ok > 0 ? cell(s, kColumns[k], lo, hi) : "n/a");
      widths[k] = std::max(widths[k], row.back().size());
    }
    cells.push_back(std::move(row));
  }
  char band[64];
  std::snprintf(band, sizeof band, "mean [%g%%, %g%%] over replicates", quantiles[lo] * 100,
                quantiles[hi] * 100);
  out << "Ensemble summary: " << band << "\n";
  auto pad = [](const std::string& s, std::size_t w) {
    return s + std::string(w > s.size() ? w - s.size() : 0, ' ');
  };
  out << pad("scenario", name_w) << "  runs";
  for (std::size_t k = 0; k < std::size(kColumns); ++k)
    out << "  " << pad(kColumns[k].title, widths[k]);
  out << '\n';
  for (std::size_t i = 0; i < summaries.size(); ++i) {
    char runs[16];
    std::snprintf(runs, sizeof runs, "%4d", summaries[i].runs_ok);
    out << pad(names[i], name_w) << "  " << runs;
    for (std::size_t k = 0; k < std::size(kColumns); ++k)
      out << "  " << pad(cells[i][k], widths[k]);
    out << '\n';
  }
}

int report_run(const StudyRunResult& result, const std::string& output, bool quiet) {
  const EnsembleReport& report = result.report;
  if (!quiet) {
    print_summary_table(std::cout, result.scenario_names, report.summaries, result.quantiles);
    std::cout << "wrote " << output << " (" << report.runs << " runs";
    if (report.failed) std::cout << ", " << report.failed << " FAILED";
    std::cout << ")\n";
  }
  if (report.failed > 0) {
    std::cerr << "renkei run: " << report.failed << " run(s) failed; see run_error in " << output
              << '\n';
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace renkei::cli
