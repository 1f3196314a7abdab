// The state of one run: firms (structure of arrays), acquaintance ties, collaborations,
// the program's support teams and the run's counters. Mechanisms read and change it.
#pragma once

#include "model/information_reach.hpp"
#include "model/scheduler.hpp"
#include "model/ties.hpp"
#include "world/population.hpp"
#include "world/world.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <utility>
#include <vector>

namespace renkei {

// The six forms of collaboration found in the study's case interviews.
enum class Form : std::uint8_t {
  division = 0,  // outsourced division of labour
  joint_development = 1,
  joint_research = 2,
  contract_manufacturing = 3,
  ip_licensing = 4,
  alliance = 5,  // business alliance
};
inline constexpr int kForms = 6;

// Q2 content categories (a collaboration may have several): bit flags.
enum Content : std::uint8_t {
  content_joint_orders = 1u << 0,
  content_technical = 1u << 1,
  content_joint_research = 1u << 2,
  content_market = 1u << 3,
};
inline constexpr int kContents = 4;

// Q3 governance categories.
enum class Governance : std::uint8_t { trust = 0, contract = 1, incorporated = 2 };
inline constexpr int kGovernances = 3;

enum class Stage : std::uint8_t { exploration = 0, development = 1, commercial = 2 };

// Where a collaboration stands with the Shin-Renkei program (the funnel of study section 2:
// consultation at a window, brush-up by the support team, application, review). `queued`
// and `coaching` are the brush-up's queue and the brush-up itself; `ended` is a case the
// window turned away or the brush-up ended before any application.
enum class AppState : std::uint8_t { none, queued, coaching, review, certified, rejected, ended };

// The program's measures a firm may value (survey Q11): bit flags.
enum Benefit : std::uint8_t {
  benefit_subsidy = 1u << 0,
  benefit_tax = 1u << 1,
  benefit_loans = 1u << 2,  // government-affiliated lenders' loans and credit guarantees
  benefit_followup = 1u << 3,
};
inline constexpr int kBenefits = 4;

inline constexpr int kMaxMemberships = 10;  // upper bound of formation.max_collaborations

struct Firms {
  // Per-firm mutable state; traits come from Population.
  std::vector<std::uint8_t> open;        // open to collaboration (Q1: interested or more)
  std::vector<float> open_propensity;    // long-run probability of being open
  std::vector<float> leak_sensitivity;   // 0-1
  std::vector<double> activity;          // relative meeting activity (mean 1)
  std::vector<std::uint8_t> aware;       // knows the program
  std::vector<std::uint8_t> understand;  // understands it (only if aware)
  // Understanding as a threshold: a contact that conveys it with probability p adds
  // -log(1-p) to the firm's exposure, and the firm understands once exposure reaches its
  // Exp(1) threshold. Contact by contact this is the same Bernoulli(p) as a fresh draw
  // (memorylessness), but one draw per firm makes scenarios that differ in contacts
  // agree on who understands: more contacts mean earlier understanding, never later.
  std::vector<float> understand_threshold;
  std::vector<float> understand_exposure;
  std::vector<float> clarity_draw;  // U(0,1): can tell it qualifies if below the clarity parameter
  std::vector<std::uint8_t> certified;  // member of a certified collaboration (credibility)
  std::vector<std::uint8_t> sme;        // within the SME definition
  std::vector<std::uint8_t> service;    // in a service industry
  std::vector<double> income;  // cumulative collaboration income since the start date, million yen
  std::vector<std::uint8_t> n_memberships;
  std::vector<std::array<std::uint32_t, kMaxMemberships>> memberships;  // collaboration ids
  std::vector<std::uint8_t> had_collab;  // ever a member (since initialisation)
  std::vector<std::uint8_t> benefits;    // Benefit flags: measures the firm values (Q11)
  std::vector<std::uint16_t>
      motives;  // Motive flags (model/motives.hpp); 0 for out-of-region partners
};

// What the program's requirements 1 and 3 read of the members: fixed traits of the firms
// (industry, SME status, university), so they change only when a member joins. Kept on the
// collaboration (classify_members) so that the weekly count of requirements met reads no
// member's record.
struct MemberFacts {
  std::uint8_t firms = 0;          // members that are firms, not universities
  bool sme_fields_differ = false;  // two SME members of different industries
  bool core_firm = false;          // requirement 3: a core SME, SMEs in the majority
};

struct Collaboration {
  bool active = false;
  std::vector<std::uint32_t> members;  // members[0] is the core firm
  std::vector<float> contribution;     // expected contribution shares (sum 1)
  std::vector<float> profit_share;     // agreed profit shares (sum 1)
  std::vector<float> cost_share;       // agreed cost and risk shares (sum 1)
  Form form = Form::division;
  std::uint8_t content = 0;  // Content flags
  Governance governance = Governance::trust;
  Stage stage = Stage::exploration;
  std::uint8_t channel = 0;  // channel through which the founders met
  bool cross_industry = false;
  bool has_competitors = false;  // two members share an industry
  bool national_reach = false;   // a member has a national sales network
  bool has_external = false;     // a member is an out-of-region partner
  bool has_university = false;   // a member is a university
  MemberFacts member_facts;      // for the requirements (program::member_facts)
  float trust = 0.5f;            // trust within the group
  float complementarity = 0.0f;
  float market = 0.0f;   // market score 0-1 (program requirement 2)
  float novelty = 0.0f;  // novelty score 0-1 (acceptance)
  int formed_step = 0;
  int stage_end_step = 0;  // when the current stage ends
  std::uint32_t reviews = 0;
  // Program.
  AppState app = AppState::none;
  int app_step = 0;      // step of the latest application
  int reapply_step = 0;  // may apply again from this step
  bool subsidised = false;
  int certified_step = -1;
  std::uint32_t generation = 0;  // bumped when the slot is reused
  std::uint32_t coach = 0;       // its coaching place while coached
  float accept_draw = 0.0f;      // U(0,1) for the acceptance decision, drawn when coaching ends
  // Identity for random streams: a hash of (founders, formation step), so that the same
  // collaboration draws the same numbers in every scenario whatever slot it occupies
  // (common random numbers survive a policy that shifts slot allocation).
  std::uint32_t stream_key = 0;
};

// Asks for a collaboration's record (about three cache lines) ahead of a pass over many of
// them: the records of a large world's active collaborations are scattered in memory, and a
// pass that reads them one after the other would wait for each in turn.
inline constexpr std::size_t kCollabPrefetchAhead = 8;  // items ahead in such a pass
inline void prefetch_record(const Collaboration& c) {
  const char* p = reinterpret_cast<const char*>(&c);
  for (std::size_t off = 0; off < sizeof(Collaboration); off += 64) __builtin_prefetch(p + off);
}

// Asks for the member and share lists a review reads; the record must be in cache already
// (prefetch_record a few items earlier), as the lists' addresses are read from it.
inline void prefetch_lists(const Collaboration& c) {
  __builtin_prefetch(c.members.data());
  __builtin_prefetch(c.contribution.data());
  __builtin_prefetch(c.profit_share.data());
  __builtin_prefetch(c.cost_share.data());
}

// The stream identity of a collaboration founded by a and b at `step`.
inline std::uint32_t collaboration_stream_key(std::uint32_t a, std::uint32_t b, int step) {
  std::uint64_t h =
      (static_cast<std::uint64_t>(a) << 32) ^ b ^
      (static_cast<std::uint64_t>(static_cast<std::uint32_t>(step)) * 0x9E3779B97F4A7C15ull);
  h ^= h >> 33;  // murmur3 finaliser
  h *= 0xFF51AFD7ED558CCDull;
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ull;
  h ^= h >> 33;
  return static_cast<std::uint32_t>(h);
}

// The regional bureau's support team of one block: finite coaching capacity.
struct SupportTeam {
  std::deque<std::pair<std::uint32_t, std::uint32_t>>
      queue;         // (collaboration id, generation) waiting for a coach
  int coaching = 0;  // busy places
  // Coaching places: the collaboration a place holds, or kFreePlace. A place keeps its
  // index, and its random stream, for the run; a case that ends frees its place at once
  // (end_collaboration), so a held id is always current.
  static constexpr std::uint32_t kFreePlace = 0xFFFFFFFFu;
  std::vector<std::uint32_t> places;
  int in_review = 0;
  int subsidised_this_year = 0;
  int fiscal_year = -1;
};

// The levers whose routes charge per contact or service (cost.*), the slots of
// StepCounters::contact_charges: the information routes from push to briefing, in Route order,
// then partner introductions (a meeting channel). The model attributes each one's charges to
// the policies that moved that lever (PolicyTimeline::lever_shares).
constexpr std::size_t charge_slot(information::Route route) {
  return static_cast<std::size_t>(route) - static_cast<std::size_t>(information::Route::push);
}
inline constexpr std::size_t kIntroductionCharges = charge_slot(information::Route::briefing) + 1;
inline constexpr std::size_t kChargedLevers = kIntroductionCharges + 1;

// Counters of the current step, reset at its start.
struct StepCounters {
  int formations = 0;
  int joins = 0;
  int dissolutions = 0;
  int completions = 0;
  int leakage = 0;
  int unfair = 0;
  int meetings = 0;
  int consultations = 0;
  int applications = 0;
  // Sums for the risk-pooling series: member incomes and their solo counterfactuals.
  double member_n = 0, member_sum = 0, member_sumsq = 0;
  double solo_n = 0, solo_sum = 0, solo_sumsq = 0;
  // The step's per-contact charges (yen) by charge_slot: the parts of cost_per_contact.
  std::array<double, kChargedLevers> contact_charges{};
};

struct ModelState {
  const World* world = nullptr;
  Population pop;
  Firms firms;
  TieStore ties;
  std::vector<Collaboration> collabs;
  std::vector<std::uint32_t> free_collabs;    // reusable slots
  std::vector<std::uint32_t> active_collabs;  // ids, unordered
  std::vector<std::uint32_t> active_pos;      // position in active_collabs per id
  std::vector<SupportTeam> teams;             // one per block
  std::vector<std::uint32_t> aware_list;      // firms aware of the program, unordered
  std::vector<std::uint32_t>
      aware_pos;  // position in aware_list per aware firm (forgetting removes in O(1))
  information::ReachTables reach;  // whom the information routes reach (built at initialisation)
  std::vector<std::uint32_t> certified_firms;
  Scheduler scheduler;
  StepCounters step;
  // Cumulative counters since the start date.
  int consultations = 0;
  int turned_away = 0;    // consultations the window turned away (requirements plainly unmet)
  int brushup_ended = 0;  // cases whose brush-up ended them before an application
  int applications = 0;
  int certifications = 0;
  std::vector<int> certifications_by_block;  // the same, by the block of the core firm
  int rejections = 0;
  int subsidised = 0;
  double policy_cost = 0.0;
  // policy_cost by kind (each kind summed on its own, so their total matches policy_cost
  // only up to rounding): the policies' one-off and running charges, the charges per
  // contact made or service used, and the weekly cost of coaching places beyond the base.
  double cost_fixed = 0.0;
  double cost_running = 0.0;
  double cost_per_contact = 0.0;
  double cost_coaching = 0.0;
  double subsidy_spent = 0.0;
  int firms_in_collab = 0;  // firms with at least one membership
  int understand_count = 0;
  int open_count = 0;         // firms open to collaboration
  double income_total = 0.0;  // Σ firms.income (million yen)

  std::uint32_t n_firms() const noexcept { return pop.size(); }
};

// Changes a firm's attitude and keeps open_count in step with it.
inline void set_open(ModelState& s, std::uint32_t firm, bool open) {
  if (static_cast<bool>(s.firms.open[firm]) == open) return;
  s.firms.open[firm] = open ? 1 : 0;
  s.open_count += open ? 1 : -1;
}

}  // namespace renkei
