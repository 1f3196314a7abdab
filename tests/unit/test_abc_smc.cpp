// ABC-SMC: posteriors against analytic answers, identification, determinism across thread
// counts, checkpoint and resume, failing simulators, and the helper formulas.
#include "calibrate/abc_checkpoint.hpp"
#include "calibrate/abc_kernel.hpp"
#include "calibrate/abc_posterior.hpp"
#include "calibrate/abc_smc.hpp"
#include "core/distributions.hpp"
#include "core/rng.hpp"
#include "stat_helpers.hpp"

#include <boost/math/distributions/students_t.hpp>

#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace renkei;
using namespace renkei::abc;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Sample mean of m draws of N(theta[0], sigma^2), from the candidate's own seed. Drawn
// directly as N(theta[0], sigma^2 / m), its exact distribution, to keep the test fast.
Simulator gaussian_mean(double sigma, int m) {
  return [sigma, m](const std::vector<double>& theta, std::uint64_t seed) {
    rng::Stream g(seed, 0, rng::Mechanism::test, 0);
    return std::vector<double>{dist::normal(g, theta[0], sigma / std::sqrt(double(m)))};
  };
}

// One statistic, theta[0] plus N(0, 0.5^2) noise; theta[1] is never used.
std::vector<double> first_only(const std::vector<double>& theta, std::uint64_t seed) {
  rng::Stream g(seed, 0, rng::Mechanism::test, 1);
  return {theta[0] + 0.5 * dist::normal(g)};
}

const std::vector<Prior> kTwoPriors{{"informed", 0.0, 10.0, false}, {"ignored", 1.0, 100.0, true}};
const std::vector<Target> kOneTarget{{"stat", 4.0, 0.5}};

Options quick(int particles, int generations) {
  Options o;
  o.particles = particles;
  o.max_generations = generations;
  o.min_acceptance = 0.0;
  o.seed = 20050401;
  return o;
}

struct TempDir {
  fs::path path;
  TempDir() : path(fs::temp_directory_path() / ("renkei-abc-" + std::to_string(::getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string file(const std::string& name) const { return (path / name).string(); }
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void spit(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

// Bitwise equality of everything a run produces (== on doubles: no tolerance).
void require_same(const Result& a, const Result& b) {
  REQUIRE(a.generations.size() == b.generations.size());
  REQUIRE(a.stop == b.stop);
  REQUIRE(a.stop_reason == b.stop_reason);
  REQUIRE(a.simulations == b.simulations);
  for (std::size_t g = 0; g < a.generations.size(); ++g) {
    const Generation& x = a.generations[g];
    const Generation& y = b.generations[g];
    REQUIRE(x.index == y.index);
    REQUIRE(x.epsilon == y.epsilon);
    REQUIRE(x.simulations == y.simulations);
    REQUIRE(x.failed == y.failed);
    REQUIRE(x.acceptance == y.acceptance);
    REQUIRE(x.particles.size() == y.particles.size());
    for (std::size_t k = 0; k < x.particles.size(); ++k) {
      REQUIRE(x.particles[k].theta == y.particles[k].theta);
      REQUIRE(x.particles[k].weight == y.particles[k].weight);
      REQUIRE(x.particles[k].distance == y.particles[k].distance);
      REQUIRE(x.particles[k].stats == y.particles[k].stats);
    }
  }
}

double weight_sum(const Generation& g) {
  double s = 0.0;
  for (const Particle& p : g.particles) s += p.weight;
  return s;
}

}  // namespace

// Why replicate runs rather than one run with an ESS-based standard error: particles of
// one generation are drawn from a mixture fitted to a finite previous population, so their
// errors are correlated and sd / sqrt(ESS) understates the Monte Carlo error of an SMC
// estimate (by about 1.5 here). Independent runs (different seeds) are independent
// estimates; their spread gives an honest standard error and a Student t test.
namespace {

constexpr int kReplicates = 12;

struct Spread {
  double mean = 0.0;
  double sd = 0.0;
};

Spread spread(const std::vector<double>& x) {
  stat_test::SampleMoments m;
  for (double v : x) m.add(v);
  return {m.mean, std::sqrt(m.variance())};
}

// Two-sided Student t critical value at alpha = 1e-4 for the mean of kReplicates runs
// (df = 11: about 5.9).
double t_critical() {
  const boost::math::students_t_distribution<double> t(kReplicates - 1);
  return boost::math::quantile(boost::math::complement(t, stat_test::kAlpha / 2.0));
}

}  // namespace

TEST_CASE("ABC-SMC recovers the posterior of a Gaussian mean", "[abc]") {
  // Statistic: mean of m = 25 draws of N(mu, 2^2), so its sampling error is se = 2/5 = 0.4;
  // observed 1.3; prior U[-5, 5]. The exact posterior is N(1.3, 0.4^2) (the truncation at
  // +-5 is 9 sd away). ABC accepting |s - 1.3| <= h (h = epsilon * se, since the distance is
  // |s - v| / se) targets mu = 1.3 + se Z + h U, U ~ U(-1, 1): mean 1.3, variance
  // se^2 + h^2 / 3. epsilon > 0 thus inflates the sd: against the conjugate sd each run is
  // allowed 25 %, against the exact ABC sd the replicate mean is held to a t test.
  // Both kernels: the global 2 x covariance one (the default) and OLCM.
  const KernelType kernel = GENERATE(KernelType::olcm, KernelType::global);
  INFO("kernel " << (kernel == KernelType::olcm ? "olcm" : "global"));
  const double se = 0.4;
  const std::vector<Prior> priors{{"mu", -5.0, 5.0, false}};
  const std::vector<Target> targets{{"mean", 1.3, se}};
  std::vector<double> mean_error;  // (posterior mean - 1.3) / ABC sd, one per run
  std::vector<double> sd_ratio;    // posterior sd / ABC sd
  for (int k = 0; k < kReplicates; ++k) {
    Options o = quick(150, 6);
    o.kernel = kernel;
    o.seed = 700 + static_cast<std::uint64_t>(k);
    const Result r = run(priors, targets, gaussian_mean(2.0, 25), o);
    REQUIRE(r.generations.size() == 6);
    REQUIRE(r.stop == StopReason::max_generations);
    for (std::size_t g = 1; g < r.generations.size(); ++g)
      CHECK(r.generations[g].epsilon < r.generations[g - 1].epsilon);  // the schedule shrinks
    for (const Generation& g : r.generations) CHECK(weight_sum(g) == Approx(1.0).epsilon(1e-12));
    const Generation& post = posterior(r);
    const double h = post.epsilon * se;
    const double abc_sd = std::sqrt(se * se + h * h / 3.0);
    const auto s = summarize(priors, post);
    INFO("seed " << o.seed << ", epsilon " << post.epsilon << ", sd " << s[0].sd);
    CHECK(std::fabs(s[0].sd / se - 1.0) < 0.25);
    CHECK(s[0].q05 < s[0].q50);
    CHECK(s[0].q50 < s[0].q95);
    mean_error.push_back((s[0].mean - 1.3) / abc_sd);
    sd_ratio.push_back(s[0].sd / abc_sd);
  }
  const Spread m = spread(mean_error);
  const Spread r = spread(sd_ratio);
  const double t = t_critical();
  INFO("mean error " << m.mean << " (sd " << m.sd << "), sd ratio " << r.mean << " (sd " << r.sd
                     << "), t " << t);
  CHECK(std::fabs(m.mean) < t * m.sd / std::sqrt(double(kReplicates)));
  CHECK(std::fabs(r.mean - 1.0) < t * r.sd / std::sqrt(double(kReplicates)));
  // The spread itself must be small, or the t tests above would pass anything: one run's
  // ESS is about 140, so the error of its mean is about 1.5 / sqrt(140) = 0.13 ABC sd.
  CHECK(m.sd < 0.3);
  CHECK(r.sd < 0.3);
}

TEST_CASE("ABC-SMC leaves a parameter the statistics ignore at its prior", "[abc]") {
  // 'ignored' is log-uniform on [1, 100]: uniform in the search space, with sd
  // log(100) / sqrt(12). A correct sampler keeps it uniform there, so the ratio of posterior
  // to prior sd (identification()) is 1 in expectation: t test over replicate runs.
  // 'informed' sees one statistic with noise 0.5: posterior sd about 0.5 (plus the epsilon
  // inflation) against a prior sd of 10 / sqrt(12) = 2.89, a ratio near 0.2.
  // Both kernels: OLCM's per-parent normalising constants must not bias the ignored one.
  const KernelType kernel = GENERATE(KernelType::olcm, KernelType::global);
  INFO("kernel " << (kernel == KernelType::olcm ? "olcm" : "global"));
  std::vector<double> ignored;
  for (int k = 0; k < kReplicates; ++k) {
    Options o = quick(150, 5);
    o.kernel = kernel;
    o.seed = 900 + static_cast<std::uint64_t>(k);
    const Result r = run(kTwoPriors, kOneTarget, first_only, o);
    const Generation& post = posterior(r);
    ignored.push_back(identification(kTwoPriors[1], post, 1));
    const double informed = identification(kTwoPriors[0], post, 0);
    INFO("seed " << o.seed << ", epsilon " << post.epsilon);
    CHECK(informed < 0.3);
    CHECK(ignored.back() > 0.8);
    const auto s = summarize(kTwoPriors, post);
    CHECK(s[0].identification == informed);
    CHECK(s[1].name == "ignored");
    CHECK(s[1].q05 >= 1.0);
    CHECK(s[1].q95 <= 100.0);
  }
  const Spread m = spread(ignored);
  INFO("ratio " << m.mean << " (sd " << m.sd << ")");
  CHECK(std::fabs(m.mean - 1.0) < t_critical() * m.sd / std::sqrt(double(kReplicates)));
  CHECK(m.sd < 0.1);  // one run's ratio has SE about 1.2 * 0.5 sqrt(0.8 / ESS) = 0.05
}

TEST_CASE("ABC-SMC gives bitwise the same result with 1 and 3 threads", "[abc][parallel]") {
  Options one = quick(60, 4);
  Options three = one;
  three.threads = 3;
  const Result a = run(kTwoPriors, kOneTarget, first_only, one);
  const Result b = run(kTwoPriors, kOneTarget, first_only, three);
  require_same(a, b);
  // And the seed matters (otherwise the equality above proves nothing).
  Options other = one;
  other.seed += 1;
  const Result c = run(kTwoPriors, kOneTarget, first_only, other);
  CHECK(c.generations[0].particles[0].theta != a.generations[0].particles[0].theta);
}

TEST_CASE("ABC-SMC resumed from its checkpoint equals the uninterrupted run", "[abc][parallel]") {
  TempDir dir;
  const std::string path = dir.file("abc.ckpt");
  std::atomic<int> calls{0};
  const Simulator counted = [&calls](const std::vector<double>& theta, std::uint64_t seed) {
    ++calls;
    return first_only(theta, seed);
  };
  Options first = quick(50, 2);
  first.checkpoint = path;
  const Result partial = run(kTwoPriors, kOneTarget, counted, first);
  REQUIRE(partial.generations.size() == 2);
  REQUIRE(fs::exists(path));

  Options resumed_opts = first;
  resumed_opts.max_generations = 4;
  resumed_opts.threads = 2;  // threads are not part of the settings
  calls = 0;
  const Result resumed = run(kTwoPriors, kOneTarget, counted, resumed_opts);
  const int resumed_calls = calls;
  CHECK(resumed.resumed_generations == 2);

  Options direct_opts = quick(50, 4);
  calls = 0;
  const Result direct = run(kTwoPriors, kOneTarget, counted, direct_opts);
  require_same(resumed, direct);
  // The resume did not redo generations 0 and 1.
  CHECK(static_cast<std::uint64_t>(resumed_calls) ==
        direct.generations[2].simulations + direct.generations[3].simulations);

  // A complete checkpoint needs no simulation at all, and a shorter run is cut back to what
  // an uninterrupted shorter run gives.
  calls = 0;
  require_same(run(kTwoPriors, kOneTarget, counted, resumed_opts), direct);
  Options shorter = first;
  shorter.max_generations = 3;
  Options shorter_direct = quick(50, 3);
  require_same(run(kTwoPriors, kOneTarget, counted, shorter),
               run(kTwoPriors, kOneTarget, counted, shorter_direct));
  CHECK(calls ==
        static_cast<int>(direct.generations[0].simulations + direct.generations[1].simulations +
                         direct.generations[2].simulations));
}

TEST_CASE("ABC-SMC refuses a checkpoint of other settings or a damaged one", "[abc]") {
  TempDir dir;
  const std::string path = dir.file("abc.ckpt");
  Options o = quick(20, 2);
  o.checkpoint = path;
  run(kTwoPriors, kOneTarget, first_only, o);
  const std::string good = slurp(path);

  auto message_of = [&](const Options& opts, const std::vector<Target>& targets) {
    try {
      run(kTwoPriors, targets, first_only, opts);
    } catch (const std::runtime_error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  using Catch::Matchers::Contains;

  SECTION("other particle count") {
    Options other = o;
    other.particles = 21;
    const std::string m = message_of(other, kOneTarget);
    CHECK_THAT(m, Contains(path) && Contains("particles 20") && Contains("particles 21") &&
                      Contains("delete"));
  }
  SECTION("other target value") {
    const std::vector<Target> moved{{"stat", 4.5, 0.5}};
    const std::string m = message_of(o, moved);
    CHECK_THAT(m, Contains(path) && Contains("target stat 4 0.5") && Contains("delete"));
  }
  SECTION("other context") {
    Options other = o;
    other.context = "world sha256 abc";
    CHECK_THAT(message_of(other, kOneTarget), Contains("setting context"));
  }
  SECTION("a damaged particle line") {
    const auto at = good.find("particle ");
    std::string bad = good;
    bad.replace(at, 12, "particle x?y");
    spit(path, bad);
    const std::string m = message_of(o, kOneTarget);
    CHECK_THAT(m, Contains(path) && Contains("line ") && Contains("delete"));
  }
  SECTION("a truncated file") {
    spit(path, good.substr(0, good.size() / 2));
    const std::string m = message_of(o, kOneTarget);
    CHECK_THAT(m, Contains(path) && Contains("line ") && Contains("delete"));
  }
  SECTION("an edited settings header") {
    std::string bad = good;
    bad.replace(bad.find("setting seed"), 12, "setting Seed");
    spit(path, bad);
    CHECK_THAT(message_of(o, kOneTarget), Contains(path) && Contains("fingerprint"));
  }
  SECTION("not a checkpoint") {
    spit(path, "hello\n");
    CHECK_THAT(message_of(o, kOneTarget), Contains(path) && Contains("line 1"));
  }
}

TEST_CASE("ABC-SMC rejects and counts candidates whose simulation throws", "[abc]") {
  // Throws for theta < 3, i.e. 30 % of the prior U[0, 10].
  const Simulator flaky = [](const std::vector<double>& theta, std::uint64_t seed) {
    if (theta[0] < 3.0) throw std::runtime_error("no equilibrium below 3");
    return first_only(theta, seed);
  };
  const Result r = run(kTwoPriors, kOneTarget, flaky, quick(100, 3));
  REQUIRE(r.generations.size() == 3);
  for (const Generation& g : r.generations)
    for (const Particle& p : g.particles) CHECK(p.theta[0] >= 3.0);
  const Generation& g0 = r.generations[0];
  CHECK(g0.first_failure == "no equilibrium below 3");
  // Generation 0 samples the prior, so failures ~ Binomial(S, 0.3); 4 SE.
  const auto n = static_cast<double>(g0.simulations);
  CHECK(stat_test::z_score(static_cast<double>(g0.failed), 0.3 * n, std::sqrt(n * 0.3 * 0.7)) <
        stat_test::kSeTolerance);
  // Failures are not acceptances: N accepted out of the non-failed candidates.
  CHECK(g0.acceptance < 1.0);
}

TEST_CASE("ABC-SMC generation 0 samples the prior in the search space", "[abc]") {
  // With a constant statistic every candidate is accepted, so generation 0 is a sample of
  // the prior: uniform in log(theta) for a log-scale prior. Chi-squared on 10 equal bins of
  // log(theta), alpha = 1e-4 (critical value 33.7 at df 9).
  const std::vector<Prior> priors{{"rate", 0.01, 10.0, true}};
  const std::vector<Target> targets{{"c", 0.0, 1.0}};
  const Simulator constant = [](const std::vector<double>&, std::uint64_t) {
    return std::vector<double>{0.0};
  };
  const Result r = run(priors, targets, constant, quick(2000, 1));
  std::vector<std::uint64_t> counts(10, 0);
  const double a = std::log(0.01);
  const double w = std::log(10.0) - a;
  for (const Particle& p : r.generations[0].particles) {
    REQUIRE(p.theta[0] >= 0.01);
    REQUIRE(p.theta[0] <= 10.0);
    const auto bin = static_cast<std::size_t>((std::log(p.theta[0]) - a) / w * 10.0);
    ++counts[std::min<std::size_t>(bin, 9)];
  }
  const auto gof = stat_test::chi_squared_gof(counts, std::vector<double>(10, 0.1));
  INFO(gof.detail);
  CHECK(gof.passes());
  CHECK(r.generations[0].acceptance == 1.0);
}

TEST_CASE("ABC-SMC stops on its budget, acceptance and epsilon rules", "[abc]") {
  SECTION("max_simulations") {
    Options o = quick(100, 5);
    o.max_simulations = 150;
    const Result r = run(kTwoPriors, kOneTarget, first_only, o);
    CHECK(r.stop == StopReason::max_simulations);
    CHECK(r.simulations <= 150);
    CHECK(r.generations.size() == 1);  // generation 1 needs more than what is left
    CHECK_THAT(r.stop_reason, Catch::Matchers::Contains("max_simulations = 150"));
  }
  SECTION("min_acceptance") {
    Options o = quick(50, 20);
    o.min_acceptance = 0.2;
    const Result r = run(kTwoPriors, kOneTarget, first_only, o);
    CHECK(r.stop == StopReason::min_acceptance);
    CHECK(r.generations.back().acceptance < 0.2);
    for (std::size_t g = 0; g + 1 < r.generations.size(); ++g)
      CHECK(r.generations[g].acceptance >= 0.2);
  }
  SECTION("min_epsilon is the floor of the last generation") {
    Options o = quick(50, 20);
    o.min_epsilon = 1.0;
    const Result r = run(kTwoPriors, kOneTarget, first_only, o);
    CHECK(r.stop == StopReason::min_epsilon);
    CHECK(r.rule_met);
    CHECK(r.generations.back().epsilon == 1.0);
  }
}

// One statistic max(theta[0], 3) + N(0, 0.05^2) against a target of 2 with SE 0.5: no
// parameter brings it below 3, so every distance is at least about 2 (the floor, reached by
// the 30 % of the prior below 3). Epsilon falls fast from the prior's median (about 6) and
// then levels off at the floor: its relative decrease tends to zero while the acceptance
// stays high, the case the min_epsilon_decrease rule is for. (A model that can fit exactly
// never stalls: with noise its epsilon keeps halving while the acceptance falls, which the
// min_acceptance rule stops.)
namespace {
std::vector<double> floored(const std::vector<double>& theta, std::uint64_t seed) {
  rng::Stream g(seed, 0, rng::Mechanism::test, 2);
  return {std::max(theta[0], 3.0) + 0.05 * dist::normal(g)};
}
const std::vector<Target> kUnreachable{{"stat", 2.0, 0.5}};
}  // namespace

TEST_CASE("ABC-SMC stopping rule: runs until the rule is met, flags a run cut short by a cap",
          "[abc]") {
  SECTION("epsilon stalls: stops at the first generation whose decrease is below the minimum") {
    Options o = quick(60, 50);
    o.min_epsilon_decrease = 0.05;
    const Result r = run(kTwoPriors, kUnreachable, floored, o);
    CHECK(r.stop == StopReason::epsilon_stalled);
    CHECK(r.rule_met);
    CHECK(r.generations.size() < 20);
    REQUIRE(r.generations.size() >= 3);
    const auto& g = r.generations;
    const auto shrink = [&](std::size_t t) {
      return (g[t - 1].epsilon - g[t].epsilon) / g[t - 1].epsilon;
    };
    CHECK(shrink(g.size() - 1) < 0.05);
    // Every earlier generation shrank enough to go on.
    for (std::size_t t = 2; t + 1 < g.size(); ++t) CHECK(shrink(t) >= 0.05);
    CHECK(g.back().epsilon > 1.8);  // at the floor
    CHECK_THAT(r.stop_reason, Catch::Matchers::Contains("min_epsilon_decrease"));
  }
  SECTION("min_acceptance stops a model that keeps fitting better") {
    Options o = quick(60, 50);
    o.min_epsilon_decrease = 0.05;
    o.min_acceptance = 0.1;
    const Result r = run(kTwoPriors, kOneTarget, first_only, o);
    CHECK(r.stop == StopReason::min_acceptance);
    CHECK(r.rule_met);
    CHECK(r.generations.size() < 20);
  }
  SECTION("a run that hits max_generations says the rule was not met") {
    Options o = quick(40, 3);
    o.min_epsilon_decrease = 0.001;
    o.min_epsilon = 0.01;
    const Result r = run(kTwoPriors, kOneTarget, first_only, o);
    CHECK(r.generations.size() == 3);
    CHECK(r.stop == StopReason::max_generations);
    CHECK_FALSE(r.rule_met);
    CHECK_THAT(r.stop_reason, Catch::Matchers::Contains("before the stopping rule was met"));
  }
  SECTION("a run that spends max_simulations says the rule was not met") {
    Options o = quick(40, 50);
    o.min_epsilon = 0.01;
    o.max_simulations = 300;
    const Result r = run(kTwoPriors, kOneTarget, first_only, o);
    CHECK(r.stop == StopReason::max_simulations);
    CHECK_FALSE(r.rule_met);
  }
  SECTION("the rule wins when met in the generation that reaches the cap") {
    Options o = quick(40, 2);
    o.min_acceptance = 0.999;  // generation 1 (acceptance < 1) meets it, and the cap is 2
    const Result r = run(kTwoPriors, kOneTarget, first_only, o);
    CHECK(r.generations.size() == 2);
    CHECK(r.stop == StopReason::min_acceptance);
    CHECK(r.rule_met);
  }
  SECTION("bad min_epsilon_decrease") {
    Options o = quick(10, 2);
    o.min_epsilon_decrease = 1.0;
    CHECK_THROWS_WITH(run(kTwoPriors, kOneTarget, first_only, o),
                      Catch::Matchers::Contains("min_epsilon_decrease"));
  }
}

TEST_CASE("ABC-SMC reports progress and rejects bad settings", "[abc]") {
  std::vector<Progress> seen;
  Options o = quick(30, 3);
  o.on_progress = [&seen](const Progress& p) { seen.push_back(p); };
  const Result r = run(kTwoPriors, kOneTarget, first_only, o);
  int done = 0;
  for (std::size_t k = 0; k < seen.size(); ++k) {
    if (k > 0) CHECK(seen[k].simulations >= seen[k - 1].simulations);
    if (seen[k].generation_done) {
      CHECK(seen[k].accepted == 30);
      CHECK(seen[k].generation == done++);
    }
  }
  CHECK(done == 3);
  CHECK(seen.back().simulations == r.simulations);

  using Catch::Matchers::Contains;
  const auto bad = [](std::vector<Prior> p, std::vector<Target> t, Options opts) {
    try {
      run(p, t, first_only, opts);
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  const Options ok = quick(10, 1);
  CHECK_THAT(bad({{"a", 2.0, 1.0, false}, kTwoPriors[1]}, kOneTarget, ok),
             Contains("prior 'a'") && Contains("lo < hi"));
  CHECK_THAT(bad({kTwoPriors[0], {"b", 0.0, 1.0, true}}, kOneTarget, ok),
             Contains("prior 'b'") && Contains("lo > 0"));
  CHECK_THAT(bad(kTwoPriors, {{"q1", 0.2, 0.0}}, ok), Contains("target 'q1'") && Contains("sd"));
  Options q = ok;
  q.quantile = 0.0;
  CHECK_THAT(bad(kTwoPriors, kOneTarget, q), Contains("quantile"));

  const Simulator wrong = [](const std::vector<double>&, std::uint64_t) {
    return std::vector<double>{1.0, 2.0};
  };
  CHECK_THROWS_WITH(run(kTwoPriors, kOneTarget, wrong, ok),
                    Contains("returned 2 statistics for 1 targets"));
}

TEST_CASE("ABC distance, effective sample size and weighted summaries", "[abc]") {
  const std::vector<Target> t{{"a", 1.0, 2.0}, {"b", 0.0, 1.0}};
  // Standardised differences (3-1)/2 = 1 and (1-0)/1 = 1: root mean square 1.
  CHECK(distance(t, {3.0, 1.0}) == 1.0);
  CHECK(distance(t, {1.0, -2.0}) == Approx(std::sqrt(2.0)));
  CHECK(distance(t, {std::nan(""), 0.0}) == kInf);
  CHECK(distance(t, {1.0}) == kInf);

  CHECK(effective_sample_size({1.0, 1.0, 1.0, 1.0}) == 4.0);
  CHECK(effective_sample_size({1.0, 0.0, 0.0, 0.0}) == 1.0);
  CHECK(effective_sample_size({2.0, 1.0, 1.0}) == Approx(16.0 / 6.0));

  // Equal weights: the usual sample sd with the n - 1 divisor.
  CHECK(weighted_sd({1.0, 2.0, 3.0, 4.0}, {1.0, 1.0, 1.0, 1.0}) == Approx(std::sqrt(5.0 / 3.0)));
  CHECK(weighted_mean({1.0, 3.0}, {3.0, 1.0}) == 1.5);
  CHECK(weighted_quantile({3.0, 1.0, 2.0}, {0.2, 0.5, 0.3}, 0.5) == 1.0);
  CHECK(weighted_quantile({3.0, 1.0, 2.0}, {0.2, 0.5, 0.3}, 0.51) == 2.0);
  CHECK(weighted_quantile({3.0, 1.0, 2.0}, {0.2, 0.5, 0.3}, 1.0) == 3.0);
}

TEST_CASE("ABC identification ratios and posterior correlations on a weighted sample of known law",
          "[abc]") {
  // A weighted "posterior" of 4,000 particles: (x, y) bivariate normal with SDs 0.05 and
  // 0.1 (search units) and correlation 0.6, z independent of both, weights uniform on
  // [0.5, 1.5] and independent of the values, so the weighted moments estimate the law's.
  // Priors: x and y on [0, 1] (prior SD 1/sqrt(12) = 0.2887), z log-uniform on [1, e^2]
  // filled by a uniform posterior in log space (ratio 1, not identified).
  constexpr std::size_t n = 4000;
  constexpr double rho = 0.6;
  rng::Stream g(77, 0, rng::Mechanism::test, 9);
  Generation post;
  for (std::size_t k = 0; k < n; ++k) {
    const double a = dist::normal(g), b = dist::normal(g);
    const double x = 0.5 + 0.05 * a;
    const double y = 0.5 + 0.1 * (rho * a + std::sqrt(1 - rho * rho) * b);
    const double z = std::exp(2.0 * g.uniform());
    post.particles.push_back(Particle{{x, y, z}, 0.5 + g.uniform(), 0.0, {}});
  }
  const std::vector<Prior> priors{
      {"x", 0.0, 1.0, false}, {"y", 0.0, 1.0, false}, {"z", 1.0, std::exp(2.0), true}};
  const double ess = effective_sample_size(weights_of(post));  // about 0.92 n
  const auto s = summarize(priors, post);
  // SD ratio: sd / 0.2887, with the relative SE of a normal SD estimate 1 / sqrt(2 ESS);
  // 4 SE tolerance.
  const double prior_sd = 1.0 / std::sqrt(12.0);
  CHECK(s[0].identification == Approx(0.05 / prior_sd).epsilon(4.0 / std::sqrt(2.0 * ess)));
  CHECK(s[1].identification == Approx(0.1 / prior_sd).epsilon(4.0 / std::sqrt(2.0 * ess)));
  // Uniform over the whole log range: ratio 1 (relative SE of a uniform's SD 0.45 / sqrt(ESS)).
  CHECK(s[2].identification == Approx(1.0).epsilon(4.0 * 0.45 / std::sqrt(ess)));
  // 90 % width: 2 x 1.645 sd over 0.9 of the range; quantile noise is a few per cent.
  CHECK(s[0].width_ratio == Approx(2 * 1.6449 * 0.05 / 0.9).epsilon(0.08));
  CHECK(s[2].width_ratio == Approx(1.0).epsilon(0.05));
  CHECK(classify_identification(s[0].identification) == IdentificationClass::identified);
  CHECK(classify_identification(s[2].identification) == IdentificationClass::none);
  CHECK(classify_identification(0.49) == IdentificationClass::identified);
  CHECK(classify_identification(0.5) == IdentificationClass::weak);
  CHECK(classify_identification(0.79) == IdentificationClass::weak);
  CHECK(classify_identification(0.8) == IdentificationClass::none);
  CHECK(std::string(identification_name(IdentificationClass::weak)) == "weakly identified");

  // Correlations: the SE of Pearson's r is about (1 - rho^2) / sqrt(ESS) (0 for rho = 0:
  // 1 / sqrt(ESS)); 4 SE tolerance. Symmetric with a unit diagonal.
  const auto r = correlation_matrix(priors, post);
  REQUIRE(r.size() == 9);
  CHECK(r[0 * 3 + 1] == Approx(rho).margin(4.0 * (1 - rho * rho) / std::sqrt(ess)));
  CHECK(r[1 * 3 + 0] == r[0 * 3 + 1]);
  CHECK(std::abs(r[0 * 3 + 2]) < 4.0 / std::sqrt(ess));
  CHECK(std::abs(r[1 * 3 + 2]) < 4.0 / std::sqrt(ess));
  for (int i = 0; i < 3; ++i) CHECK(r[i * 4] == 1.0);
  // The weights count: doubling the weight of the particles with x > 0.5 and y < 0.5 (the
  // discordant quadrant) lowers the correlation.
  Generation skewed = post;
  for (auto& p : skewed.particles)
    if (p.theta[0] > 0.5 && p.theta[1] < 0.5) p.weight *= 4.0;
  CHECK(correlation_matrix(priors, skewed)[1] < r[1] - 0.05);
  // Exact small case: perfectly anti-correlated points give -1; no spread gives 0.
  CHECK(weighted_correlation({1, 2, 3}, {3, 2, 1}, {1, 2, 1}) == Approx(-1.0));
  CHECK(weighted_correlation({1, 1, 1}, {3, 2, 1}, {1, 2, 1}) == 0.0);
}

TEST_CASE("Systematic resampling and posterior draws", "[abc]") {
  // Each particle appears floor(M w) or ceil(M w) times, for any u.
  const std::vector<double> w{0.5, 0.0, 0.3, 0.15, 0.05, 0.0};
  for (double u : {0.0, 0.37, 0.999}) {
    const auto idx = systematic_resample(w, 20, u);
    REQUIRE(idx.size() == 20);
    std::vector<int> count(w.size(), 0);
    for (std::size_t k : idx) ++count[k];
    for (std::size_t k = 0; k < w.size(); ++k) {
      INFO("u " << u << ", particle " << k);
      CHECK(count[k] >= static_cast<int>(std::floor(20 * w[k] - 1e-9)));
      CHECK(count[k] <= static_cast<int>(std::ceil(20 * w[k] + 1e-9)));
    }
  }
  Generation g;
  for (int k = 0; k < 4; ++k) g.particles.push_back(Particle{{double(k)}, 0.25, 0.0, {}});
  const auto a = draws(g, 8, 11);
  CHECK(a == draws(g, 8, 11));
  REQUIRE(a.size() == 8);
  for (int k = 0; k < 4; ++k)
    CHECK(std::count(a.begin(), a.end(), std::vector<double>{double(k)}) == 2);
}

TEST_CASE("ABC kernel covariance and importance weights", "[abc]") {
  // Two points with weights 1/4 and 3/4 at 0 and 4: mean 3, variance 0.25*9 + 0.75*1 = 3;
  // the kernel uses twice that.
  const Points pts{{0.0}, {4.0}};
  const std::vector<double> w{0.25, 0.75};
  CHECK(kernel_covariance(pts, w)[0] == Approx(6.0));
  const PerturbationKernel k(pts, w, {10.0});
  CHECK(k.cholesky()[0] == Approx(std::sqrt(6.0)));
  CHECK(k.log_density({std::sqrt(6.0)}, {0.0}) == Approx(-0.5));
  // The mixture density is higher at 4 (the heavy parent) than at 0, so a new point at 4
  // gets the smaller importance weight.
  const auto iw = importance_weights({{0.0}, {4.0}}, pts, w, k);
  CHECK(iw[0] + iw[1] == Approx(1.0));
  CHECK(iw[0] > iw[1]);
}

TEST_CASE("ABC truncated importance weights", "[abc]") {
  // Cap sqrt(N)/N: 100 weights -> cap 0.1.
  std::vector<double> flat(100, 0.01);
  for (double v : truncate_weights(flat))
    CHECK(v == Approx(0.01));  // nothing above the cap: unchanged

  // One weight holding almost everything: it is cut to the cap and the rest keep their
  // proportions, filling the other 0.9.
  std::vector<double> w(100, 1e-6);
  w[3] = 1.0;
  w[7] = 2e-6;
  const auto t = truncate_weights(w);
  double sum = 0, ess_den = 0;
  for (double v : t) {
    sum += v;
    ess_den += v * v;
    CHECK(v <= 0.1 + 1e-12);
  }
  CHECK(sum == Approx(1.0));
  CHECK(t[3] == Approx(0.1));
  CHECK(t[7] == Approx(2.0 * t[0]));
  CHECK(1.0 / ess_den >= 10.0);  // ESS >= sqrt(N)

  // Two heavy weights: both capped, and the rescaling of the rest must not push a third
  // over the cap (it is capped in a later pass).
  std::vector<double> u(16, 0.001);
  u[0] = 0.6;
  u[1] = 0.3;
  u[2] = 0.05;
  const auto tu = truncate_weights(u);
  for (double v : tu) CHECK(v <= 0.25 + 1e-12);
  CHECK(tu[0] == Approx(0.25));
  CHECK(tu[1] == Approx(0.25));
  double su = 0;
  for (double v : tu) su += v;
  CHECK(su == Approx(1.0));
}
