#include "world/world_loader.hpp"

#include "input/input_file.hpp"
#include "input/toml_check.hpp"
#include "input/toml_text.hpp"

#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>

namespace renkei {
namespace {

using tomlcheck::Bounds;
using tomlcheck::Checker;
using tomlcheck::Location;

// Shares are written with a few digits in the sources; this is how far their sum may stray.
constexpr double kShareTolerance = 0.001;
// Population stores prefecture, industry and employees in 16 bits, size class and capital
// bracket in 8 bits and firm indices in 32 bits.
constexpr double kMaxCategories16 = 65535;
constexpr double kMaxCategories8 = 255;
constexpr double kMaxTotalFirms = 4294967295.0;
constexpr double kMaxFirmsPerPrefecture = 1e9;
constexpr double kMaxChannelAvailability = 100.0;
constexpr double kMaxServiceRatio = 100.0;
// The block and prefecture that hold a world's [[external]] partners.
constexpr const char* kOutOfRegion = "out_of_region";

const std::vector<std::string>& world_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> k = {"world",
                                  "world.name",
                                  "world.description",
                                  "world.scale",
                                  "world.source",
                                  "blocks",
                                  "blocks.id",
                                  "blocks.name",
                                  "blocks.bureau_prefecture",
                                  "blocks.support_scale",
                                  "prefectures",
                                  "prefectures.id",
                                  "prefectures.name",
                                  "prefectures.block",
                                  "prefectures.firms",
                                  "prefectures.source",
                                  "prefectures.channel_availability",
                                  "prefectures.industry_shares",
                                  "industries",
                                  "industries.id",
                                  "industries.name",
                                  "industries.service",
                                  "industries.share",
                                  "industries.capabilities",
                                  "industries.source",
                                  "size_classes",
                                  "size_classes.min",
                                  "size_classes.max",
                                  "size_classes.share",
                                  "size_classes.source",
                                  "capital_brackets",
                                  "capital_brackets.label",
                                  "capital_brackets.max_yen",
                                  "capital_brackets.by_size_class",
                                  "external",
                                  "external.id",
                                  "external.industry",
                                  "external.count",
                                  "external.employees",
                                  "external.national_network",
                                  "external.large",
                                  "external.university",
                                  "external.capabilities",
                                  "external.source"};
    for (const char* ch : kChannelNames)
      k.push_back(std::string("prefectures.channel_availability.") + ch);
    return k;
  }();
  return keys;
}

std::string channel_list() {
  std::string out;
  for (const char* ch : kChannelNames) {
    if (!out.empty()) out += ", ";
    out += ch;
  }
  return out;
}

// Per-prefecture values whose meaning depends on other sections (ids, industries).
struct PrefectureRefs {
  Location block_at;
  std::string block_id;
  std::int64_t firms = 0;
  const toml::table* industry_shares = nullptr;
};

struct BlockRefs {
  Location bureau_at;
  std::string bureau_id;
  bool has_bureau = false;
};

class WorldReader {
 public:
  WorldReader(Checker& c, const toml::table& doc) : c_(c), doc_(doc) {}

  World read() {
    c_.unknown_keys(doc_, "",
                    {"world", "blocks", "prefectures", "industries", "size_classes",
                     "capital_brackets", "external"},
                    world_keys());
    read_header();
    read_blocks();
    read_prefectures();
    read_industries();
    read_size_classes();
    read_capital_brackets();
    link_blocks();
    compute_counts();
    read_externals();
    return std::move(w_);
  }

 private:
  // The tables of a required [[name]] array; reports a missing or malformed array.
  std::vector<const toml::table*> entries(std::string_view name) {
    std::vector<const toml::table*> out;
    const std::string key(name);
    const toml::node* n = doc_.get(name);
    if (n == nullptr) {
      c_.error(Location{c_.file(), 1, 1}, key, "missing section",
               "add at least one [[" + key + "]] table (see docs/scenarios.md)");
      return out;
    }
    const toml::array* arr = n->as_array();
    if (arr == nullptr || !arr->is_array_of_tables() || arr->empty()) {
      c_.error(n->source(), key,
               "expected one or more [[" + key + "]] tables, found " + tomlcheck::describe(*n),
               "write each entry as a [[" + key + "]] section");
      return out;
    }
    for (const toml::node& el : *arr) out.push_back(el.as_table());
    return out;
  }

  Location where(std::string_view name) const {
    const toml::node* n = doc_.get(name);
    Location loc = n != nullptr ? c_.at(n->source()) : Location{c_.file(), 1, 1};
    if (loc.line <= 0) loc.line = 1;
    return loc;
  }

  // Records an id and reports a duplicate.
  void unique_id(std::map<std::string, Location>& seen, const std::string& id, const toml::node& n,
                 const std::string& key) {
    const auto [it, inserted] = seen.emplace(id, c_.at(n.source()));
    if (!inserted) {
      c_.error(n.source(), key, "duplicate id '" + id + "'",
               "ids must be unique; the first is on line " + std::to_string(it->second.line));
    }
  }

  void read_header() {
    const toml::node* n = doc_.get("world");
    if (n == nullptr) {
      c_.error(Location{c_.file(), 1, 1}, "world", "missing section",
               "start the file with [world] and name = \"...\"");
      return;
    }
    const toml::table* t = c_.table(*n, "world");
    if (t == nullptr) return;
    c_.unknown_keys(*t, "world", {"name", "description", "scale", "source"}, world_keys());
    if (const auto* v = c_.get(*t, "name", "world.name", true)) {
      if (auto s = c_.string(*v, "world.name")) w_.name = *s;
    }
    if (const auto* v = c_.get(*t, "description", "world.description")) {
      if (auto s = c_.string(*v, "world.description", false)) w_.description = *s;
    }
    if (const auto* v = c_.get(*t, "source", "world.source")) c_.string(*v, "world.source", false);
    if (const auto* v = c_.get(*t, "scale", "world.scale")) {
      if (auto s =
              c_.real(*v, "world.scale", Bounds{0.0, 100.0, true, "multiplier of firm counts"})) {
        scale_ = *s;
      }
      scale_at_ = c_.at(v->source());
    } else {
      scale_at_ = c_.at(t->source());
    }
  }

  void read_blocks() {
    for (const toml::table* t : entries("blocks")) {
      c_.unknown_keys(*t, "blocks", {"id", "name", "bureau_prefecture", "support_scale"},
                      world_keys());
      Block b;
      BlockRefs r;
      if (const auto* v = c_.get(*t, "id", "blocks.id", true)) {
        if (auto s = c_.identifier(*v, "blocks.id")) {
          b.id = *s;
          unique_id(block_ids_, b.id, *v, "blocks.id");
        }
      }
      if (const auto* v = c_.get(*t, "name", "blocks.name", true)) {
        if (auto s = c_.string(*v, "blocks.name")) b.name = *s;
      }
      if (const auto* v = c_.get(*t, "bureau_prefecture", "blocks.bureau_prefecture")) {
        if (auto s = c_.string(*v, "blocks.bureau_prefecture")) {
          r.bureau_id = *s;
          r.has_bureau = true;
        }
        r.bureau_at = c_.at(v->source());
      } else {
        r.bureau_at = c_.at(t->source());
      }
      if (const auto* v = c_.get(*t, "support_scale", "blocks.support_scale")) {
        if (auto x = c_.real(
                *v, "blocks.support_scale",
                Bounds{0.0, kMaxSupportScale, true,
                       "size of the block's support teams relative to the calibrated block's"}))
          b.support_scale = *x;
      }
      w_.blocks.push_back(std::move(b));
      block_refs_.push_back(std::move(r));
    }
  }

  void read_prefectures() {
    const auto tables = entries("prefectures");
    if (static_cast<double>(tables.size()) > kMaxCategories16) {
      c_.error(where("prefectures"), "prefectures", "too many prefectures",
               "at most " + number_text(kMaxCategories16));
      return;
    }
    for (const toml::table* t : tables) {
      c_.unknown_keys(
          *t, "prefectures",
          {"id", "name", "block", "firms", "source", "channel_availability", "industry_shares"},
          world_keys());
      Prefecture p;
      PrefectureRefs r;
      if (const auto* v = c_.get(*t, "id", "prefectures.id", true)) {
        if (auto s = c_.identifier(*v, "prefectures.id")) {
          p.id = *s;
          unique_id(prefecture_ids_, p.id, *v, "prefectures.id");
        }
      }
      if (const auto* v = c_.get(*t, "name", "prefectures.name", true)) {
        if (auto s = c_.string(*v, "prefectures.name")) p.name = *s;
      }
      if (const auto* v = c_.get(*t, "block", "prefectures.block", true)) {
        if (auto s = c_.string(*v, "prefectures.block")) {
          r.block_id = *s;
          r.block_at = c_.at(v->source());
          const auto it = block_index().find(*s);
          if (it == block_index().end()) {
            const std::string best = closest_match(*s, block_id_list());
            c_.error(
                v->source(), "prefectures.block", "unknown block '" + *s + "'",
                best.empty() ? "define it in a [[blocks]] table" : "did you mean '" + best + "'?");
          } else {
            p.block = it->second;
          }
        }
      }
      if (const auto* v = c_.get(*t, "firms", "prefectures.firms", true)) {
        if (auto n =
                c_.integer(*v, "prefectures.firms",
                           Bounds{0.0, kMaxFirmsPerPrefecture, false, "manufacturing firms"})) {
          r.firms = *n;
        }
      }
      if (const auto* v = c_.get(*t, "source", "prefectures.source", true)) {
        c_.string(*v, "prefectures.source");
      }
      if (const auto* v = c_.get(*t, "channel_availability", "prefectures.channel_availability")) {
        if (const auto* ca = c_.table(*v, "prefectures.channel_availability")) {
          read_channels(*ca, p);
        }
      }
      if (const auto* v = c_.get(*t, "industry_shares", "prefectures.industry_shares")) {
        r.industry_shares = c_.table(*v, "prefectures.industry_shares");
      }
      w_.prefectures.push_back(std::move(p));
      prefecture_refs_.push_back(r);
    }
  }

  void read_channels(const toml::table& t, Prefecture& p) {
    for (auto&& [k, v] : t) {
      const std::string key = "prefectures.channel_availability." + std::string(k.str());
      int channel = -1;
      for (int i = 0; i < kChannels; ++i) {
        if (k.str() == kChannelNames[i]) channel = i;
      }
      if (channel < 0) {
        const std::string best = closest_match(key, world_keys());
        c_.error(k.source(), key, "unknown channel '" + std::string(k.str()) + "'",
                 best.empty() ? "channels are " + channel_list() : "did you mean '" + best + "'?");
        continue;
      }
      if (auto x = c_.real(v, key,
                           Bounds{0.0, kMaxChannelAvailability, false,
                                  "relative availability, 1 = regional average"})) {
        p.channel_availability[static_cast<std::size_t>(channel)] = *x;
      }
    }
  }

  void read_industries() {
    const auto tables = entries("industries");
    if (static_cast<double>(tables.size()) > kMaxCategories16) {
      c_.error(where("industries"), "industries", "too many industries",
               "at most " + number_text(kMaxCategories16));
      return;
    }
    for (const toml::table* t : tables) {
      c_.unknown_keys(*t, "industries",
                      {"id", "name", "service", "share", "capabilities", "source"}, world_keys());
      Industry ind;
      if (const auto* v = c_.get(*t, "id", "industries.id", true)) {
        if (auto s = c_.identifier(*v, "industries.id")) {
          ind.id = *s;
          unique_id(industry_ids_, ind.id, *v, "industries.id");
        }
      }
      if (const auto* v = c_.get(*t, "name", "industries.name", true)) {
        if (auto s = c_.string(*v, "industries.name")) ind.name = *s;
      }
      if (const auto* v = c_.get(*t, "service", "industries.service")) {
        if (auto b = c_.boolean(*v, "industries.service")) ind.service = *b;
      }
      double share = 0.0;
      if (const auto* v = c_.get(*t, "share", "industries.share", true)) {
        const Bounds b =
            ind.service
                ? Bounds{0.0, kMaxServiceRatio, false, "service firms per manufacturing firm"}
                : Bounds{0.0, 1.0, false, "share of a prefecture's manufacturing firms"};
        if (auto x = c_.real(*v, "industries.share", b)) share = *x;
      }
      if (const auto* v = c_.get(*t, "capabilities", "industries.capabilities", true)) {
        read_capabilities(*v, ind);
      }
      if (const auto* v = c_.get(*t, "source", "industries.source", true)) {
        c_.string(*v, "industries.source");
      }
      w_.industries.push_back(std::move(ind));
      shares_.push_back(share);
    }
    double sum = 0.0;
    bool any_manufacturing = false;
    for (std::size_t i = 0; i < w_.industries.size(); ++i) {
      if (w_.industries[i].service) continue;
      any_manufacturing = true;
      sum += shares_[i];
    }
    if (!w_.industries.empty() && !any_manufacturing) {
      c_.error(where("industries"), "industries.service", "no manufacturing industry",
               "at least one industry must have service = false");
    } else if (any_manufacturing && std::fabs(sum - 1.0) > kShareTolerance) {
      c_.error(where("industries"), "industries.share",
               "shares of the manufacturing industries sum to " + approx_text(sum) + ", not 1",
               "adjust them so that they sum to 1 (within " + number_text(kShareTolerance) + ")");
    }
  }

  void read_capabilities(const toml::node& n, Industry& ind,
                         const std::string& key = "industries.capabilities") {
    const toml::array* arr = c_.array(n, key);
    if (arr == nullptr) return;
    if (arr->size() != static_cast<std::size_t>(kCapabilities)) {
      std::string names;
      for (const char* s : kCapabilityNames) names += names.empty() ? s : std::string(", ") + s;
      c_.error(n.source(), key,
               "expected " + std::to_string(kCapabilities) + " values, found " +
                   std::to_string(arr->size()),
               "one value in [0, 1] for each of " + names);
      return;
    }
    for (std::size_t i = 0; i < arr->size(); ++i) {
      if (auto x = c_.real((*arr)[i], key, Bounds{0.0, 1.0, false, "capability"})) {
        ind.capability_mean[i] = *x;
      }
    }
  }

  void read_size_classes() {
    const auto tables = entries("size_classes");
    if (static_cast<double>(tables.size()) > kMaxCategories8) {
      c_.error(where("size_classes"), "size_classes", "too many size classes",
               "at most " + number_text(kMaxCategories8));
      return;
    }
    double sum = 0.0;
    int prev_max = 0;
    for (const toml::table* t : tables) {
      c_.unknown_keys(*t, "size_classes", {"min", "max", "share", "source"}, world_keys());
      SizeClass sc;
      // Plain values with flags: GCC's -Wmaybe-uninitialized misfires on optional<int64_t> here.
      std::int64_t lo = 0;
      std::int64_t hi = 0;
      bool has_lo = false;
      bool has_hi = false;
      const Bounds employees{1.0, kMaxCategories16, false, "employees"};
      const toml::node* min_node = c_.get(*t, "min", "size_classes.min", true);
      if (min_node != nullptr) {
        if (auto x = c_.integer(*min_node, "size_classes.min", employees)) {
          lo = *x;
          has_lo = true;
        }
      }
      if (const auto* v = c_.get(*t, "max", "size_classes.max", true)) {
        if (auto x = c_.integer(*v, "size_classes.max", employees)) {
          hi = *x;
          has_hi = true;
        }
        if (has_lo && has_hi && hi < lo) {
          c_.error(v->source(), "size_classes.max",
                   "max " + std::to_string(hi) + " is below min " + std::to_string(lo),
                   "a size class spans min..max employees; set max >= min");
          has_hi = false;
        }
      }
      if (has_lo && lo <= prev_max) {
        c_.error(min_node->source(), "size_classes.min",
                 "size class starts at " + std::to_string(lo) + " but the previous one ends at " +
                     std::to_string(prev_max),
                 "list size classes in ascending order without overlap: min > previous max");
      }
      if (has_lo) sc.min_employees = static_cast<int>(lo);
      if (has_hi) {
        sc.max_employees = static_cast<int>(hi);
        prev_max = sc.max_employees;
      }
      if (const auto* v = c_.get(*t, "share", "size_classes.share", true)) {
        if (auto x = c_.real(*v, "size_classes.share", Bounds{0.0, 1.0, false, "share of firms"})) {
          sc.share = *x;
          sum += *x;
        }
      }
      if (const auto* v = c_.get(*t, "source", "size_classes.source", true)) {
        c_.string(*v, "size_classes.source");
      }
      w_.size_classes.push_back(sc);
    }
    if (!tables.empty() && std::fabs(sum - 1.0) > kShareTolerance) {
      c_.error(where("size_classes"), "size_classes.share",
               "size class shares sum to " + approx_text(sum) + ", not 1",
               "adjust them so that they sum to 1 (within " + number_text(kShareTolerance) + ")");
    } else if (sum > 0.0) {
      for (auto& sc : w_.size_classes) sc.share /= sum;  // exact for the samplers
    }
  }

  void read_capital_brackets() {
    const auto tables = entries("capital_brackets");
    if (static_cast<double>(tables.size()) > kMaxCategories8) {
      c_.error(where("capital_brackets"), "capital_brackets", "too many capital brackets",
               "at most " + number_text(kMaxCategories8));
      return;
    }
    const std::size_t n_sizes = w_.size_classes.size();
    std::vector<std::vector<double>> by_bracket;  // [bracket][size class]
    double prev_max = 0.0;
    bool columns_ok = true;
    for (const toml::table* t : tables) {
      c_.unknown_keys(*t, "capital_brackets", {"label", "max_yen", "by_size_class"}, world_keys());
      CapitalBracket cb;
      if (const auto* v = c_.get(*t, "label", "capital_brackets.label", true)) {
        if (auto s = c_.string(*v, "capital_brackets.label")) cb.label = *s;
      }
      if (const auto* v = c_.get(*t, "max_yen", "capital_brackets.max_yen", true)) {
        if (auto x = c_.real(*v, "capital_brackets.max_yen", Bounds{0.0, 1e300, true, "yen"})) {
          if (*x <= prev_max) {
            c_.error(v->source(), "capital_brackets.max_yen",
                     "max_yen " + number_text(*x) + " is not above the previous bracket's " +
                         number_text(prev_max),
                     "list capital brackets by max_yen in ascending order");
          }
          cb.max_yen = *x;
          prev_max = std::max(prev_max, *x);
        }
      }
      std::vector<double> column(n_sizes, 0.0);
      if (n_sizes == 0) {
        columns_ok = false;  // already reported: without size classes there is nothing to check
      } else if (const auto* v =
                     c_.get(*t, "by_size_class", "capital_brackets.by_size_class", true)) {
        const toml::array* arr = c_.array(*v, "capital_brackets.by_size_class");
        if (arr == nullptr) {
          columns_ok = false;
        } else if (arr->size() != n_sizes) {
          c_.error(v->source(), "capital_brackets.by_size_class",
                   "expected " + std::to_string(n_sizes) + " values (one per size class), found " +
                       std::to_string(arr->size()),
                   "give P(bracket | size class) for each [[size_classes]] in order");
          columns_ok = false;
        } else {
          for (std::size_t s = 0; s < n_sizes; ++s) {
            auto x = c_.real((*arr)[s], "capital_brackets.by_size_class",
                             Bounds{0.0, 1.0, false, "probability"});
            if (x) {
              column[s] = *x;
            } else {
              columns_ok = false;
            }
          }
        }
      } else {
        columns_ok = false;
      }
      w_.capital_brackets.push_back(std::move(cb));
      by_bracket.push_back(std::move(column));
    }
    if (tables.empty() || !columns_ok) return;
    w_.capital_given_size.assign(n_sizes, std::vector<double>(by_bracket.size(), 0.0));
    for (std::size_t s = 0; s < n_sizes; ++s) {
      double sum = 0.0;
      for (std::size_t b = 0; b < by_bracket.size(); ++b) sum += by_bracket[b][s];
      if (std::fabs(sum - 1.0) > kShareTolerance) {
        c_.error(
            where("capital_brackets"), "capital_brackets.by_size_class",
            "for size class " + std::to_string(s + 1) + " the brackets' probabilities sum to " +
                approx_text(sum) + ", not 1",
            "entry " + std::to_string(s + 1) + " of by_size_class over all brackets must sum to 1");
        continue;
      }
      for (std::size_t b = 0; b < by_bracket.size(); ++b)
        w_.capital_given_size[s][b] = by_bracket[b][s] / sum;
    }
  }

  void link_blocks() {
    for (std::size_t b = 0; b < w_.blocks.size(); ++b) {
      const BlockRefs& r = block_refs_[b];
      if (!r.has_bureau) {
        c_.error(r.bureau_at, "blocks.bureau_prefecture",
                 "block '" + w_.blocks[b].id + "' has no bureau_prefecture",
                 "name the prefecture that hosts the block's bureau, e.g. bureau_prefecture = "
                 "\"miyagi\"");
        continue;
      }
      const auto it = prefecture_ids_.find(r.bureau_id);
      if (it == prefecture_ids_.end()) {
        std::vector<std::string> ids;
        for (const auto& p : w_.prefectures) ids.push_back(p.id);
        const std::string best = closest_match(r.bureau_id, ids);
        c_.error(
            r.bureau_at, "blocks.bureau_prefecture", "unknown prefecture '" + r.bureau_id + "'",
            best.empty() ? "define it in a [[prefectures]] table" : "did you mean '" + best + "'?");
        continue;
      }
      const int p = w_.find_prefecture(r.bureau_id);
      if (p >= 0 && prefecture_refs_[static_cast<std::size_t>(p)].block_id != w_.blocks[b].id) {
        c_.error(r.bureau_at, "blocks.bureau_prefecture",
                 "prefecture '" + r.bureau_id + "' is not in block '" + w_.blocks[b].id + "'",
                 "the bureau must be in one of the block's own prefectures");
        continue;
      }
      w_.blocks[b].bureau_prefecture = p;
    }
  }

  // Manufacturing shares of one prefecture: listed overrides replace the defaults and the
  // other manufacturing industries share the rest in proportion to their defaults.
  std::optional<std::vector<double>> prefecture_shares(const PrefectureRefs& r) {
    std::vector<double> share = shares_;
    if (r.industry_shares == nullptr) return share;
    bool ok = true;
    std::vector<bool> listed(share.size(), false);
    double listed_sum = 0.0;
    for (auto&& [k, v] : *r.industry_shares) {
      const std::string key = "prefectures.industry_shares." + std::string(k.str());
      const int i = w_.find_industry(std::string(k.str()));
      if (i < 0) {
        std::vector<std::string> ids;
        for (const auto& ind : w_.industries) {
          if (!ind.service) ids.push_back(ind.id);
        }
        const std::string best = closest_match(k.str(), ids);
        c_.error(k.source(), key, "unknown industry '" + std::string(k.str()) + "'",
                 best.empty() ? "keys are ids of manufacturing [[industries]]"
                              : "did you mean '" + best + "'?");
        ok = false;
        continue;
      }
      const auto ui = static_cast<std::size_t>(i);
      if (w_.industries[ui].service) {
        c_.error(k.source(), key, "'" + std::string(k.str()) + "' is a service industry",
                 "industry_shares override manufacturing shares only; service firms scale with "
                 "the prefecture's manufacturing firms");
        ok = false;
        continue;
      }
      if (auto x = c_.real(
              v, key, Bounds{0.0, 1.0, false, "share of the prefecture's manufacturing firms"})) {
        share[ui] = *x;
        listed[ui] = true;
        listed_sum += *x;
      } else {
        ok = false;
      }
    }
    if (!ok) return std::nullopt;
    double rest_default = 0.0;
    bool any_unlisted = false;
    for (std::size_t i = 0; i < share.size(); ++i) {
      if (w_.industries[i].service || listed[i]) continue;
      any_unlisted = true;
      rest_default += shares_[i];
    }
    const double rest = 1.0 - listed_sum;
    const Location at = c_.at(r.industry_shares->source());
    if (rest < -kShareTolerance) {
      c_.error(at, "prefectures.industry_shares",
               "listed shares sum to " + approx_text(listed_sum) + ", more than 1",
               "shares are fractions of the prefecture's manufacturing firms");
      return std::nullopt;
    }
    if ((!any_unlisted || rest_default <= 0.0) && std::fabs(rest) > kShareTolerance) {
      c_.error(
          at, "prefectures.industry_shares",
          "shares sum to " + approx_text(listed_sum) + " and no other industry can take the rest",
          "make the listed shares sum to 1 or leave out an industry with a positive default share");
      return std::nullopt;
    }
    for (std::size_t i = 0; i < share.size(); ++i) {
      if (w_.industries[i].service || listed[i]) continue;
      share[i] = rest_default > 0.0 ? shares_[i] * std::max(0.0, rest) / rest_default : 0.0;
    }
    return share;
  }

  void compute_counts() {
    w_.firm_counts.assign(w_.prefectures.size(),
                          std::vector<std::int64_t>(w_.industries.size(), 0));
    double total = 0.0;
    bool all_counted = true;
    for (std::size_t p = 0; p < w_.prefectures.size(); ++p) {
      const auto share = prefecture_shares(prefecture_refs_[p]);
      if (!share) {
        all_counted = false;
        continue;
      }
      const double firms = static_cast<double>(prefecture_refs_[p].firms);
      for (std::size_t i = 0; i < w_.industries.size(); ++i) {
        const double x = firms * (*share)[i] * scale_;  // <= 1e9 * 100 * 100: fits int64
        w_.firm_counts[p][i] = std::llround(x);
        total += static_cast<double>(w_.firm_counts[p][i]);
      }
    }
    if (total > kMaxTotalFirms) {
      c_.error(scale_at_, "world.scale", "the world would hold " + number_text(total) + " firms",
               "at most " + number_text(kMaxTotalFirms) + "; lower scale or the firm counts");
    }
    // A world without firms has nothing to simulate; the model must not be handed one.
    if (all_counted && !w_.prefectures.empty() && !w_.industries.empty() && total == 0.0) {
      c_.error(
          scale_at_, "prefectures.firms",
          "the world would hold no firms (every count is 0 at scale " + number_text(scale_) + ")",
          "give at least one prefecture firms > 0, and a scale at which its counts do not round to "
          "0");
    }
  }

  // Optional [[external]] entries: out-of-region partners, held in an appended block and
  // prefecture (kOutOfRegion) that no channel reaches from inside and the survey skips.
  void read_externals() {
    const toml::node* n = doc_.get("external");
    if (n == nullptr) return;
    const toml::array* arr = n->as_array();
    if (arr == nullptr || !arr->is_array_of_tables() || arr->empty()) {
      c_.error(n->source(), "external",
               "expected one or more [[external]] tables, found " + tomlcheck::describe(*n),
               "write each group of out-of-region partners as an [[external]] section");
      return;
    }
    if (block_ids_.count(kOutOfRegion) != 0 || prefecture_ids_.count(kOutOfRegion) != 0) {
      c_.error(n->source(), "external", "the id '" + std::string(kOutOfRegion) + "' is reserved",
               "rename the block or prefecture called '" + std::string(kOutOfRegion) +
                   "': it holds the [[external]] partners");
      return;
    }
    std::map<std::string, Location> ids;
    std::vector<std::int64_t> row(w_.industries.size(), 0);
    double total = 0;
    for (const toml::node& el : *arr) {
      const toml::table* t = el.as_table();
      c_.unknown_keys(*t, "external",
                      {"id", "industry", "count", "employees", "national_network", "large",
                       "university", "capabilities", "source"},
                      world_keys());
      ExternalGroup g;
      bool ok = true;
      if (const auto* v = c_.get(*t, "id", "external.id", true)) {
        if (auto x = c_.identifier(*v, "external.id")) {
          g.id = *x;
          unique_id(ids, g.id, *v, "external.id");
        }
      }
      if (const auto* v = c_.get(*t, "industry", "external.industry", true)) {
        if (auto x = c_.string(*v, "external.industry")) {
          const int i = w_.find_industry(*x);
          if (i < 0) {
            std::vector<std::string> all;
            for (const auto& ind : w_.industries) all.push_back(ind.id);
            const std::string best = closest_match(*x, all);
            c_.error(v->source(), "external.industry", "unknown industry '" + *x + "'",
                     best.empty()
                         ? "use the id of an [[industries]] entry (a university: its nearest field)"
                         : "did you mean '" + best + "'?");
            ok = false;
          } else {
            g.industry = i;
          }
        } else {
          ok = false;
        }
      } else {
        ok = false;
      }
      if (const auto* v = c_.get(*t, "count", "external.count", true)) {
        if (auto x = c_.integer(*v, "external.count",
                                Bounds{0.0, kMaxFirmsPerPrefecture, false, "partners"})) {
          g.count = std::llround(static_cast<double>(*x) * scale_);
        } else {
          ok = false;
        }
      } else {
        ok = false;
      }
      const toml::node* emp = c_.get(*t, "employees", "external.employees", true);
      if (emp != nullptr) {
        if (auto x = c_.integer(*emp, "external.employees",
                                Bounds{1.0, kMaxCategories16, false, "employees"})) {
          g.employees = static_cast<int>(*x);
        } else {
          ok = false;
        }
      }
      if (const auto* v = c_.get(*t, "national_network", "external.national_network")) {
        if (auto b = c_.boolean(*v, "external.national_network")) g.national_network = *b;
      }
      if (const auto* v = c_.get(*t, "university", "external.university")) {
        if (auto b = c_.boolean(*v, "external.university")) g.university = *b;
      }
      if (const auto* v = c_.get(*t, "large", "external.large")) {
        if (auto b = c_.boolean(*v, "external.large")) g.large = *b;
        if (g.large && emp != nullptr && g.employees <= 300) {
          c_.error(v->source(), "external.large",
                   "a large firm with " + std::to_string(g.employees) + " employees",
                   "large means outside the SME definition (SME Act: more than 300 employees in "
                   "manufacturing); raise employees or set large = false");
          ok = false;
        }
      }
      if (g.university && g.national_network) {
        c_.error(t->source(), "external.university", "a university with a national sales network",
                 "set national_network = false for a university, or describe the firm as a firm");
        ok = false;
      }
      if (const auto* v = c_.get(*t, "capabilities", "external.capabilities")) {
        Industry profile;
        read_capabilities(*v, profile, "external.capabilities");
        g.has_capabilities = true;
        g.capability_mean = profile.capability_mean;
      }
      if (const auto* v = c_.get(*t, "source", "external.source", true))
        c_.string(*v, "external.source");
      if (!ok) continue;
      row[static_cast<std::size_t>(g.industry)] += g.count;
      total += static_cast<double>(g.count);
      w_.externals.push_back(std::move(g));
    }
    if (w_.externals.empty() || total == 0.0) return;
    Block b;
    b.id = kOutOfRegion;
    b.name = "Outside the region";
    b.support_scale = 0.0;  // its firms never start a collaboration, so no case is ever its own
    Prefecture p;
    p.id = kOutOfRegion;
    p.name = "Outside the region";
    p.block = static_cast<int>(w_.blocks.size());
    p.channel_availability.fill(0.0);  // out-of-region partners never start an encounter
    b.bureau_prefecture = static_cast<int>(w_.prefectures.size());
    w_.external_prefecture = b.bureau_prefecture;
    w_.blocks.push_back(std::move(b));
    w_.prefectures.push_back(std::move(p));
    w_.firm_counts.push_back(std::move(row));
  }

  // Built once, after read_blocks(). Rebuilding it on a later call would invalidate the
  // iterators callers hold into it (a size test rebuilt it on every call when ids repeat).
  const std::map<std::string, int>& block_index() {
    if (!block_index_built_) {
      for (std::size_t i = 0; i < w_.blocks.size(); ++i)
        block_index_.emplace(w_.blocks[i].id, static_cast<int>(i));
      block_index_built_ = true;
    }
    return block_index_;
  }
  std::vector<std::string> block_id_list() const {
    std::vector<std::string> out;
    for (const auto& b : w_.blocks) out.push_back(b.id);
    return out;
  }

  Checker& c_;
  const toml::table& doc_;
  World w_;
  double scale_ = 1.0;
  Location scale_at_;
  std::vector<double> shares_;  // default share per industry, as written
  std::vector<BlockRefs> block_refs_;
  std::vector<PrefectureRefs> prefecture_refs_;
  std::map<std::string, Location> block_ids_;
  std::map<std::string, Location> prefecture_ids_;
  std::map<std::string, Location> industry_ids_;
  std::map<std::string, int> block_index_;
  bool block_index_built_ = false;
};

}  // namespace

std::shared_ptr<const World> load_world(const std::string& path) {
  std::string text;
  std::string why;
  if (!read_input_file(path, text, why)) {
    throw InputErrors({InputError{path,
                                  0,
                                  0,
                                  {},
                                  "cannot read world file: " + why,
                                  "check the path (world files live in scenarios/worlds/)"}});
  }
  World world = load_world_from_string(text, path);
  std::error_code ec;
  const auto abs = std::filesystem::absolute(path, ec);
  world.path = ec ? path : abs.lexically_normal().string();
  return std::make_shared<const World>(std::move(world));
}

World load_world_from_string(std::string_view text, const std::string& path) {
  std::vector<InputError> errors;
  Checker checker(path, errors);
  const toml::table doc = checker.parse_document(text);
  World world = WorldReader(checker, doc).read();
  if (!errors.empty()) {
    sort_errors(errors);
    throw InputErrors(std::move(errors));
  }
  world.path = path;
  return world;
}

}  // namespace renkei
