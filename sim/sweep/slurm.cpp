#include "sweep/slurm.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include <vector>

namespace renkei {

namespace {

// Digits only, between lo and hi characters long.
bool all_digits(const std::string& s, std::size_t lo, std::size_t hi) {
  if (s.size() < lo || s.size() > hi) return false;
  for (const char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// Parsed by hand: GCC 12's <regex> trips -Wmaybe-uninitialized under the sanitizer builds.
// A field of digits only, at most max_digits long (so std::stoull cannot overflow).
std::uint64_t number(const std::string& s, std::size_t max_digits) {
  if (!all_digits(s, 1, max_digits)) throw std::invalid_argument("not a number");
  return std::stoull(s);
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const auto at = s.find(sep, start);
    out.push_back(s.substr(start, at == std::string::npos ? std::string::npos : at - start));
    if (at == std::string::npos) return out;
    start = at + 1;
  }
}

}  // namespace

std::uint64_t parse_walltime(const std::string& w) {
  const std::string forms = "--time '" + w +
                            "': expected a walltime as sbatch takes it: MINUTES, MINUTES:SECONDS, "
                            "HOURS:MINUTES:SECONDS, DAYS-HOURS, "
                            "DAYS-HOURS:MINUTES or DAYS-HOURS:MINUTES:SECONDS (e.g. 90, 2:00:00, "
                            "1-00:00:00), minutes and seconds "
                            "after a colon below 60";
  try {
    std::uint64_t days = 0;
    std::string rest = w;
    const bool has_days = w.find('-') != std::string::npos;
    if (has_days) {
      const auto parts = split(w, '-');
      if (parts.size() != 2) throw std::invalid_argument("");
      days = number(parts[0], 3);
      rest = parts[1];
    }
    const auto f = split(rest, ':');
    std::uint64_t h = 0, m = 0, sec = 0;
    auto sub60 = [&](const std::string& x) {
      const std::uint64_t v = number(x, 2);
      if (v >= 60) throw std::invalid_argument("");
      return v;
    };
    if (has_days) {  // D-H, D-H:MM, D-H:MM:SS
      if (f.size() > 3) throw std::invalid_argument("");
      h = number(f[0], 2);
      if (h >= 24) throw std::invalid_argument("");
      if (f.size() > 1) m = sub60(f[1]);
      if (f.size() > 2) sec = sub60(f[2]);
    } else if (f.size() == 1) {  // M
      m = number(f[0], 7);
    } else if (f.size() == 2) {  // M:SS
      m = number(f[0], 7);
      sec = sub60(f[1]);
    } else if (f.size() == 3) {  // H:MM:SS
      h = number(f[0], 5);
      m = sub60(f[1]);
      sec = sub60(f[2]);
    } else {
      throw std::invalid_argument("");
    }
    return ((days * 24 + h) * 60 + m) * 60 + sec;
  } catch (const std::exception&) {
    throw std::invalid_argument(forms);
  }
}

std::uint64_t signal_lead_seconds(std::uint64_t walltime_seconds) {
  return std::min<std::uint64_t>(120, walltime_seconds / 10);
}

void check_walltime(const std::string& walltime) {
  const std::uint64_t seconds = parse_walltime(walltime);
  if (seconds < kMinWalltimeSeconds)
    throw std::invalid_argument(
        "--time '" + walltime + "' is " + std::to_string(seconds) +
        " s; the walltime of an array task must be at least " +
        format_walltime(kMinWalltimeSeconds) +
        " (Slurm may send the stop signal up to a minute early, which would stop a shorter task "
        "before it commits "
        "anything); give e.g. --time 0:30:00 and fewer, longer array tasks");
}

std::string format_walltime(std::uint64_t seconds) {
  const std::uint64_t d = seconds / 86400, h = seconds / 3600 % 24, m = seconds / 60 % 60,
                      s = seconds % 60;
  char buf[64];
  if (d > 0)
    std::snprintf(buf, sizeof buf, "%llu-%02llu:%02llu:%02llu", static_cast<unsigned long long>(d),
                  static_cast<unsigned long long>(h), static_cast<unsigned long long>(m),
                  static_cast<unsigned long long>(s));
  else
    std::snprintf(buf, sizeof buf, "%02llu:%02llu:%02llu", static_cast<unsigned long long>(h),
                  static_cast<unsigned long long>(m), static_cast<unsigned long long>(s));
  return buf;
}

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (const char c : s) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

std::string slurm_script(const SlurmScriptOptions& o) {
  if (o.array < 1) throw std::invalid_argument("slurm script: --array must be >= 1");
  if (o.cpus < 1) throw std::invalid_argument("slurm script: --cpus must be >= 1");
  check_walltime(o.time);
  const std::uint64_t wall = parse_walltime(o.time);
  const std::string walltime = format_walltime(wall);
  const std::string lead = std::to_string(signal_lead_seconds(wall));
  const std::string n = std::to_string(o.array);
  const std::string cpus = std::to_string(o.cpus);
  const bool mpi = o.mpi_ranks > 0;
  std::string s;
  s += "#!/bin/bash\n";
  s += "# Slurm job array '" + o.job_name + "' running the renkei sweep " + o.sweep +
       ", generated by\n";
  s += "#   " + o.command + "\n";
  s += "#\n";
  s += "# Array task i runs shard i/" + n + " of the sweep into " + o.output +
       ".parts/ (a directory\n";
  s +=
      "# on a file system every node shares). A task that is run again (resubmitted, or requeued\n";
  s += "# after its time limit) runs only the runs its earlier attempts did not commit.\n";
  s += "#\n";
  s += "# Submit the array and, after it, the merge that writes the result file:\n";
  s += "#   bash THIS_SCRIPT submit\n";
  s += "# which does\n";
  s += "#   jid=$(sbatch --parsable THIS_SCRIPT)\n";
  s += "#   sbatch --dependency=afterany:$jid --ntasks=1 --cpus-per-task=1 --wrap='bash "
       "THIS_SCRIPT merge'\n";
  s += "# If the merge reports missing runs (a shard failed or hit its time limit), it names the\n";
  s += "# shards to resubmit and the command, e.g. `sbatch --array=3,7 THIS_SCRIPT`, then\n";
  s += "# `bash THIS_SCRIPT merge`.\n";
  s += "#\n";
  s += "#SBATCH --job-name=" + o.job_name + "\n";
  s += "#SBATCH --array=0-" + std::to_string(o.array - 1) + "\n";
  s += "# --time " + o.time + " as given\n";
  s += "#SBATCH --time=" + walltime + "\n";
  if (mpi) {
    s += "#SBATCH --ntasks=" + std::to_string(o.mpi_ranks) + "\n";
  } else {
    s += "#SBATCH --ntasks=1\n";
  }
  s += "#SBATCH --cpus-per-task=" + cpus + "\n";
  s += "# SIGTERM " + lead +
       " s before the time limit (two minutes, at most a tenth of the walltime):\n";
  s += "# the shard commits its finished runs and stops.\n";
  s += "#SBATCH --signal=B:TERM@" + lead + "\n";
  s += "#SBATCH --output=" + o.output + ".slurm-%A_%a.log\n";
  s += "set -euo pipefail\n\n";
  s += "RENKEI=" + shell_quote(o.renkei) + "\n";
  s += "SWEEP=" + shell_quote(o.sweep) + "\n";
  s += "OUT=" + shell_quote(o.output) + "\n";
  s += "SHARDS=" + n + "\n\n";
  s += "case ${1:-} in\n";
  s += "  submit)\n";
  s += "    self=$(realpath \"$0\")\n";
  s += "    jid=$(sbatch --parsable \"$self\")\n";
  s += "    jid=${jid%%;*}\n";
  s += "    mid=$(sbatch --parsable --dependency=afterany:\"$jid\" --job-name=" +
       shell_quote(o.job_name + "-merge") + " --time=" + walltime +
       " --ntasks=1 --cpus-per-task=1 \\\n";
  s += "      --output=\"$OUT.slurm-merge-%j.log\" --wrap=\"bash $(printf %q \"$self\") merge\")\n";
  s += "    mid=${mid%%;*}\n";
  s += "    echo \"submitted array job $jid ($SHARDS tasks) and merge job $mid (starts when the "
       "array has ended)\"\n";
  s += "    echo \"follow with: squeue -j $jid,$mid; the merge writes $OUT\"\n";
  s += "    exit ;;\n";
  s += "  merge)\n";
  s += "    exec \"$RENKEI\" sweep \"$SWEEP\" -o \"$OUT\" --merge --shards \"$SHARDS\" "
       "--job-script \"$(realpath \"$0\")\" ;;\n";
  s += "esac\n\n";
  s += ": \"${SLURM_ARRAY_TASK_ID:?submit with sbatch, or set SLURM_ARRAY_TASK_ID to run one shard "
       "by hand}\"\n";
  s += "# exec: the signal Slurm sends to the batch shell reaches renkei itself.\n";
  if (mpi) {
    s += "exec srun --mpi=pmix \"$RENKEI\" sweep \"$SWEEP\" -o \"$OUT\" --shard "
         "\"$SLURM_ARRAY_TASK_ID/$SHARDS\" --resume \\\n";
  } else {
    s += "exec \"$RENKEI\" sweep \"$SWEEP\" -o \"$OUT\" --shard \"$SLURM_ARRAY_TASK_ID/$SHARDS\" "
         "--resume \\\n";
  }
  s += "  -j \"${SLURM_CPUS_PER_TASK:-" + cpus + "}\"\n";
  return s;
}

}  // namespace renkei
