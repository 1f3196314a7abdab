#!/usr/bin/python3
"""Golden summaries: a handful of ensemble means that must not move unless the model is meant to.

  golden.py check  RESULT.h5 GOLDEN.toml   exit 1 with a readable diff if a mean moved
  golden.py write  RESULT.h5 GOLDEN.toml   rewrite GOLDEN.toml from RESULT.h5 (review the diff)

A mean fails when it differs from the golden mean by more than 4 standard errors of the
difference, sqrt(se_golden^2 + se_now^2), with each SE the replicates' SD / sqrt(n). For a
statistically unchanged model the difference of two independent means is about normal with that
SD, so 4 SE fails an unchanged metric with probability about 6e-5 per mean (two-sided), while
the same seed and code reproduce every mean exactly. A change of random streams (a new draw
order) therefore passes if it keeps the distributions, and a change of behaviour larger than a
few SEs fails. Means whose replicates are all equal (SE 0) must match to 1e-9 relative.
"""
import math
import sys
import tomllib

import h5py
import numpy as np

K_SE = 4.0


def fail(message):
    print(f"golden.py: {message}", file=sys.stderr)
    sys.exit(2)


def text(x):
    return x.decode() if isinstance(x, bytes) else str(x)


def summaries(path, metrics):
    """{scenario: {metric: (mean, se, n)}} from a renkei run result."""
    try:
        f = h5py.File(path, "r")
    except OSError as e:
        fail(f"{path}: not an HDF5 file ({e})")
    with f:
        if "scenario" not in f:
            fail(f"{path}: no 'scenario' variable: not a renkei run result")
        names = [text(s).rstrip("\0") for s in f["scenario"][()]]
        out = {n: {} for n in names}
        for m in metrics:
            key = f"final_{m}"
            if key not in f or f[key].ndim != 2:
                fail(f"{path}: no per-replicate variable {key}")
            data = np.asarray(f[key][()], dtype=float)
            for i, n in enumerate(names):
                x = data[i][np.isfinite(data[i])]
                sd = float(np.std(x, ddof=1)) if len(x) > 1 else 0.0
                out[n][m] = (float(np.mean(x)), sd / math.sqrt(max(len(x), 1)), len(x))
        return out, text(f.attrs.get("renkei_version", "?")), text(f.attrs.get("git_commit", "?"))


def check(result, golden_path):
    with open(golden_path, "rb") as fh:
        golden = tomllib.load(fh)
    metrics = golden["metrics"]
    now, _, _ = summaries(result, metrics)
    rows, bad = [], 0
    for scen, table in golden["scenario"].items():
        if scen not in now:
            fail(f"{result}: no scenario '{scen}' (it has {', '.join(now)})")
        for m in metrics:
            g_mean, g_se = table[m]["mean"], table[m]["se"]
            mean, se, n = now[scen][m]
            tol = K_SE * math.sqrt(g_se**2 + se**2)
            if tol == 0.0:
                tol = 1e-9 * max(1.0, abs(g_mean))
            ok = abs(mean - g_mean) <= tol
            bad += not ok
            rows.append(f"{'ok  ' if ok else 'MOVED'} {scen:32s} {m:38s} golden {g_mean:12.4f}  now {mean:12.4f}"
                        f"  diff {mean - g_mean:+10.4f}  tolerance {tol:8.4f}")
    print("\n".join(rows))
    if bad:
        print(f"\n{bad} golden mean(s) moved by more than {K_SE:g} SE. If the change is intended, regenerate "
              f"(see the header of {golden_path}) and review the diff in the commit.")
        return 1
    print(f"\nall {len(rows)} golden means within {K_SE:g} SE")
    return 0


def write(result, golden_path):
    with open(golden_path, "rb") as fh:
        old = tomllib.load(fh)
    header = old.get("header", "")
    metrics = old["metrics"]
    now, version, commit = summaries(result, metrics)
    lines = [f'header = """{header}"""', f'made_by = "renkei {version}, commit {commit}"',
             "metrics = [" + ", ".join(f'"{m}"' for m in metrics) + "]", ""]
    for scen in old["scenario"]:
        if scen not in now:
            fail(f"{result}: no scenario '{scen}'")
        for m in metrics:
            mean, se, n = now[scen][m]
            lines.append(f"[scenario.{scen}.{m}]")
            lines.append(f"mean = {mean:.10g}\nse = {se:.6g}\nn = {n}\n")
    with open(golden_path, "w") as fh:
        fh.write("\n".join(lines))
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in ("check", "write"):
        fail("usage: golden.py check|write RESULT.h5 GOLDEN.toml")
    sys.exit(check(sys.argv[2], sys.argv[3]) if sys.argv[1] == "check" else write(sys.argv[2], sys.argv[3]))
