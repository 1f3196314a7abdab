#include "model/model.hpp"

#include "core/distributions.hpp"
#include "model/attitude.hpp"
#include "model/information.hpp"
#include "model/metrics.hpp"
#include "model/motives.hpp"
#include "model/outcomes.hpp"
#include "model/program.hpp"
#include "scenario/history.hpp"
#include "scenario/params.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>
#include <string>
#include <string_view>

namespace renkei {
namespace {

// Concentration of the Beta distribution of leakage sensitivity (assumption).
constexpr double kLeakSensitivityConcentration = 4.0;
// How often idle, forgotten ties are swept out (steps); a bookkeeping choice.
constexpr int kPruneInterval = 52;

int block_of(const ModelState& s, std::uint32_t firm) {
  return s.world->prefectures[s.pop.prefecture[firm]].block;
}

int fiscal_year(const Calendar& cal, int step) {
  const Date d = cal.date_of(step);
  return d.month < 4 ? d.year - 1 : d.year;
}

// The schema index of a lever the model charges for (a key of sim/scenario/param_list.hpp).
std::size_t lever_index(std::string_view key) { return find_param(key).value(); }

// The lever of each charge slot (StepCounters::contact_charges, charge_slot order) and of coaching
// places.
std::size_t charged_lever_param(std::size_t k) {
  static const std::array<std::size_t, kChargedLevers> params = {
      lever_index("information.push_rate"),      lever_index("information.bank_rate"),
      lever_index("information.institute_rate"), lever_index("information.university_rate"),
      lever_index("information.press_rate"),     lever_index("information.newsletter_rate"),
      lever_index("information.local_gov_rate"), lever_index("information.briefing_rate"),
      lever_index("meetings.rate_introduction")};
  return params[k];
}

constexpr std::size_t kFixed = 0, kRunning = 1, kPerContact = 2, kCoaching = 3;

}  // namespace

Model::Model(const Scenario& scenario, std::uint64_t seed, std::uint32_t replicate)
    : scenario_(&scenario),
      calendar_(scenario.calendar()),
      streams_(seed, replicate),
      timeline_(scenario, calendar_),
      step_(-calendar_.burn_in_steps()),
      announce_step_(0) {
  initialise();
  record_.policy_costs.assign((timeline_.policy_count() + 1) * kCostKindCount, 0.0);
}

PolicyTimeline::Costs Model::attribute_fixed_running() {
  const std::size_t n = timeline_.policy_count();
  fixed_.assign(n, 0.0);
  running_.assign(n, 0.0);
  const PolicyTimeline::Costs costs = timeline_.add_policy_costs(step_, fixed_, running_);
  for (std::size_t p = 0; p < n; ++p) {
    record_.policy_costs[(p + 1) * kCostKindCount + kFixed] += fixed_[p];
    record_.policy_costs[(p + 1) * kCostKindCount + kRunning] += running_[p];
  }
  return costs;
}

void Model::attribute_charges(std::size_t kind, double yen, std::size_t lever, bool beyond_base) {
  if (yen == 0.0) return;
  timeline_.lever_shares(step_, lever, beyond_base, shares_);
  // No lever value to divide by (cannot happen while the lever produces charges): the base.
  if (std::all_of(shares_.begin(), shares_.end(), [](double x) { return x == 0.0; })) {
    record_.policy_costs[kind] += yen;
    return;
  }
  for (std::size_t slot = 0; slot < shares_.size(); ++slot)
    record_.policy_costs[slot * kCostKindCount + kind] += yen * shares_[slot];
}

void Model::initialise() {
  const World& world = *scenario_->world;
  ModelState& s = state_;
  s.world = &world;
  s.pop = synthesize_population(world, streams_);
  timeline_.params_at(step_, params_);
  const Params& p = params_;
  const std::uint32_t n = s.pop.size();

  // Median employees anchors the size effects.
  std::vector<std::uint16_t> sizes(s.pop.employees);
  std::nth_element(sizes.begin(), sizes.begin() + n / 2, sizes.end());
  const double median = n > 0 ? std::max<double>(1.0, sizes[n / 2]) : 1.0;

  Firms& f = s.firms;
  f.open.assign(n, 0);
  f.open_propensity.assign(n, 0.0f);
  f.leak_sensitivity.assign(n, 0.0f);
  f.activity.assign(n, 1.0);
  f.aware.assign(n, 0);
  s.aware_pos.assign(n, 0);
  f.understand.assign(n, 0);
  f.understand_threshold.assign(n, 0.0f);
  f.understand_exposure.assign(n, 0.0f);
  f.clarity_draw.assign(n, 0.0f);
  f.certified.assign(n, 0);
  f.sme.assign(n, 0);
  f.service.assign(n, 0);
  f.income.assign(n, 0.0);
  f.n_memberships.assign(n, 0);
  f.memberships.assign(n, {});
  f.had_collab.assign(n, 0);
  f.benefits.assign(n, 0);
  const double base_logit =
      std::log(p.population_open_share / (1.0 - p.population_open_share + 1e-12) + 1e-12);
  double activity_sum = 0;
  for (std::uint32_t i = 0; i < n; ++i) {
    auto g = streams_(rng::Mechanism::initial, i);
    const double log_size = std::log(s.pop.employees[i] / median);
    const double propensity =
        dist::logistic(base_logit + p.population_open_size_elasticity * log_size);
    f.open_propensity[i] = static_cast<float>(propensity);
    f.open[i] = dist::bernoulli(g, propensity) ? 1 : 0;
    s.open_count += f.open[i];
    f.leak_sensitivity[i] = static_cast<float>(
        dist::beta_mean(g, p.population_leak_sensitivity_mean, kLeakSensitivityConcentration));
    f.clarity_draw[i] = static_cast<float>(g.uniform());
    f.understand_threshold[i] = static_cast<float>(dist::exponential(g, 1.0));
    f.activity[i] = std::pow(s.pop.employees[i] / median, p.population_activity_size_elasticity);
    activity_sum += f.activity[i];
    const auto& brackets = world.capital_brackets;
    const bool small_capital =
        brackets.empty() || brackets[s.pop.capital_bracket[i]].max_yen <= 300e6;
    f.sme[i] = (s.pop.employees[i] <= 300 || small_capital) ? 1 : 0;
    f.service[i] = world.industries[s.pop.industry[i]].service ? 1 : 0;
    if (is_external(s.pop, i)) {
      // Out-of-region partners are what their world entry says, and always willing to meet:
      // their attitude is outside the model (the draws above are made all the same).
      f.sme[i] = (s.pop.external[i] & (external_large | external_university)) ? 0 : 1;
      s.open_count -= f.open[i];
      f.open_propensity[i] = 1.0f;
      f.open[i] = 1;
      s.open_count += 1;
    }
  }
  // Motives come from a stream of their own, so adding them left every other draw in place.
  f.motives.assign(n, 0);
  for (std::uint32_t i = 0; i < s.pop.n_regional; ++i) {
    auto g = streams_(rng::Mechanism::motives, i);
    f.motives[i] = motives::draw(p, g);
  }
  // The measures each firm values (Q11), from a stream of their own so that the draws of
  // the traits above are those of a model without them.
  const double values[kBenefits] = {p.benefits_subsidy, p.benefits_tax, p.benefits_loans,
                                    p.benefits_followup};
  for (std::uint32_t i = 0; i < n; ++i) {
    auto g = streams_(rng::Mechanism::program, i);
    for (int k = 0; k < kBenefits; ++k)
      if (g.uniform() < values[k])
        f.benefits[i] = static_cast<std::uint8_t>(f.benefits[i] | (1u << k));
  }
  // Normalise activity to mean 1 so that meeting rates are per firm of average activity.
  for (double& a : f.activity) a *= n / activity_sum;

  s.ties.reset(n, p.trust_decay_per_year * calendar_.step_days() / 365.25);
  s.teams.assign(world.blocks.size(), SupportTeam{});
  s.certifications_by_block.assign(world.blocks.size(), 0);
  s.reach = information::build_reach_tables(world, s.pop, p);
  s.scheduler.reset(step_, calendar_.burn_in_steps() + calendar_.steps());
  tables_ = meetings::build_tables(s);
  announce_step_ =
      -static_cast<int>(std::lround(p.information_announce_weeks * 7.0 / calendar_.step_days()));
  // A burn-in shorter than the announcement lead still sees the announcement, at its first step.
  announce_step_ = std::max(announce_step_, -calendar_.burn_in_steps());

  record_.replicate = streams_.replicate();
  record_.steps = calendar_.steps();
  record_.series.assign(kSeriesCount * static_cast<std::size_t>(record_.steps), 0.0);
}

void Model::process_events(const StepContext& ctx) {
  const int fy = fiscal_year(calendar_, step_);
  const std::vector<Event> due = state_.scheduler.take(step_);
  // The due collaborations are scattered in memory: their records are requested ahead and,
  // once there, the lists a review reads, half as far ahead.
  constexpr std::size_t kListsAhead = kCollabPrefetchAhead / 2;
  for (std::size_t i = 0; i < due.size(); ++i) {
    if (i + kCollabPrefetchAhead < due.size())
      prefetch_record(state_.collabs[due[i + kCollabPrefetchAhead].id]);
    if (i + kListsAhead < due.size()) prefetch_lists(state_.collabs[due[i + kListsAhead].id]);
    const Event& e = due[i];
    const Collaboration& c = state_.collabs[e.id];
    if (!c.active || c.generation != e.generation) continue;  // ended since it was scheduled
    switch (e.kind) {
      case EventKind::review: outcomes::review(state_, ctx, e.id); break;
      case EventKind::review_done: {
        // Attributed here, where the case is still whole: the program counts only the total.
        const int before = state_.certifications;
        const std::uint32_t core = c.members[0];
        program::on_review_done(state_, ctx, e.id, fy);
        if (state_.certifications != before) {
          const auto block = static_cast<std::size_t>(block_of(state_, core));
          ++state_.certifications_by_block[block];
        }
        break;
      }
    }
  }
}

void Model::step() {
  // 1. Policy: the parameters in force and the policies' fixed and running costs.
  timeline_.params_at(step_, params_);
  const StepContext ctx{params_, streams_, step_, calendar_.burn_in_steps(), calendar_.dt_weeks()};
  state_.step = StepCounters{};
  if (step_ >= 0) {
    const PolicyTimeline::Costs costs = attribute_fixed_running();
    state_.policy_cost += costs.total;
    state_.cost_fixed += costs.fixed;
    state_.cost_running += costs.running;
    const int extra_places = program::extra_coaching_places(state_, params_, timeline_.base());
    if (extra_places > 0) {
      const double coaching = extra_places * params_.cost_coaching_week_yen * ctx.dt;
      state_.policy_cost += coaching;
      state_.cost_coaching += coaching;
      static const std::size_t capacity = lever_index("program.coaching_capacity");
      attribute_charges(kCoaching, coaching, capacity, true);
    }
  }
  // 2. Attitudes to collaboration drift.
  attitude::update(state_, ctx);
  // 3. Meetings through the channels: ties, trust, formation.
  meetings::run(state_, ctx, tables_);
  // 4. Due events: collaboration reviews (returns, fairness, leakage, trust, stages,
  //    dissolution, applications) and review ends; then coaching ends.
  process_events(ctx);
  program::advance_coaching(state_, ctx);
  // 5. Information: firms forget the program, then its information spreads.
  information::spread(state_, ctx, announce_step_);
  // 6. Brush-up: support teams take queued cases within each block's capacity.
  program::start_coaching(state_, ctx);
  // 7. Housekeeping and recording.
  if ((step_ + calendar_.burn_in_steps()) % kPruneInterval == kPruneInterval - 1)
    state_.ties.prune(step_, params_.trust_forget_below);
  // 7b. Survey: the questionnaire's respondents of this step answer (during the fieldwork only).
  survey_.at_step(state_, params_, calendar_, streams_, step_);
  if (step_ >= 0)
    for (std::size_t k = 0; k < kChargedLevers; ++k)
      attribute_charges(kPerContact, state_.step.contact_charges[k], charged_lever_param(k), false);
  if (step_ >= 0 && step_ < calendar_.steps()) {
    metrics::record_step(state_, ctx, record_, step_);
    if (step_ == metrics::first_dec_step(calendar_, calendar_.steps()))
      record_.certifications_by_block_dec.assign(state_.certifications_by_block.begin(),
                                                 state_.certifications_by_block.end());
  }
  ++step_;
}

void Model::rebind(const Scenario& scenario) {
  if (const auto why = history_difference(*scenario_, scenario))
    throw std::invalid_argument("warm start: scenario '" + scenario.name + "' " + *why);
  PolicyTimeline timeline(scenario, calendar_);
  if (timeline.first_policy_step() < step_)
    throw std::invalid_argument("warm start: a policy of '" + scenario.name +
                                "' starts before the branch point");
  scenario_ = &scenario;
  timeline_ = std::move(timeline);
  // Spending so far stays where it is; it cannot be a policy's of the new scenario (none has
  // started), so any charged to the history's policies moves to the base slot.
  std::vector<double> costs((timeline_.policy_count() + 1) * kCostKindCount, 0.0);
  for (std::size_t i = 0; i < record_.policy_costs.size(); ++i)
    costs[i % kCostKindCount] += record_.policy_costs[i];
  record_.policy_costs = std::move(costs);
}

RunResult Model::run(std::uint32_t scenario_index) {
  while (step_ < calendar_.steps()) step();
  record_.scenario = scenario_index;
  metrics::finish(calendar_, record_, state_.pop.n_regional);
  metrics::finish_state(state_, record_);
  record_budget_caps();
  survey_.finish(record_);
  return record_;
}

void Model::record_budget_caps() {
  double bound = 0.0;
  int first = calendar_.steps();
  for (const PolicyTimeline::Span& span : timeline_.spans()) {
    if (!span.capped || span.end >= calendar_.steps()) continue;
    bound += 1.0;
    first = std::min(first, span.end);
  }
  record_.final(F::policy_caps_bound) = bound;
  record_.final(F::policy_cap_bound_week) = bound > 0 ? first * calendar_.dt_weeks() : std::nan("");
}

RunResult run_replicate(const Scenario& scenario, std::uint32_t scenario_index, std::uint64_t seed,
                        std::uint32_t replicate) {
  Model m(scenario, seed, replicate);
  return m.run(scenario_index);
}

}  // namespace renkei
