// Multiple-comparison correction for the family of policy × metric tests that
// `renkei compare` shows: adjusted p-values (Holm, Bonferroni) and the per-interval
// confidence level that keeps the family's intervals simultaneous.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace renkei::stats {

enum class Correction { holm, bonferroni, none };

std::string_view correction_name(Correction c);
// "holm", "bonferroni" or "none"; nullopt for anything else.
std::optional<Correction> parse_correction(std::string_view text);

// Adjusted p-values, in the order given, each capped at 1.
//   bonferroni: min(1, m p_i)
//   holm:       with p_(1) <= … <= p_(m) sorted, p~_(j) = max_{k <= j} min(1, (m - k + 1) p_(k))
//   none:       p_i
// Rejecting where the adjusted p-value is below alpha controls the family-wise error
// rate at alpha (Holm 1979), for any dependence between the tests.
std::vector<double> adjust_p_values(std::span<const double> p, Correction c);

// The level of each of m intervals so that all m cover together with probability at least
// `family_level`: 1 - (1 - family_level) / m for holm and bonferroni (Bonferroni's
// inequality; Holm has no simple compatible intervals, so its intervals are Bonferroni's
// and may be wider than the test needs), `family_level` for none.
double per_interval_level(double family_level, std::size_t m, Correction c);

}  // namespace renkei::stats
