#!/usr/bin/python3
"""The burn-in check's table: how far each survey target and the start-date state drift when
the burn-in is shortened, against the longest burn-in, in the study's own standard errors.

Replicate r of every file ran with posterior draw r, so differences are paired by draw and the
parameter uncertainty cancels; what remains is the runs' own noise, which sets the z of the
mean drift. An item drifts *materially* when the drift is both real (|z| > 3.29: two-sided 5 %
after a Bonferroni correction over about 50 items) and larger than a quarter of the study's SE
(a quarter SE adds 1/16 to that item's squared z in the calibration's distance, where a perfect
model's runs scatter by 2 per item: the calibration cannot see less). Exit 0 when the tested
burn-in has no material drift, 1 when it has.
"""
import argparse
import math
import sys
import tomllib

import h5py
import numpy as np

Z_REAL = 3.29
MATERIAL_SE = 0.25
STATE = ["collab_share_start"]


def fail(message):
    print(f"burn_in_table.py: {message}", file=sys.stderr)
    sys.exit(2)


def study_se(item):
    """The study's standard error of an item, on the scale the model reports it."""
    if "sd" in item:
        return float(item["sd"])
    p, n = float(item["value"]), float(item["n"])
    return math.sqrt(p * (1.0 - p) / n)


def targets_of(path):
    with open(path, "rb") as f:
        items = tomllib.load(f).get("item", [])
    # Calibrated and held-out items alike; inputs and identities follow by construction.
    return {i["name"]: i for i in items
            if i.get("modelled", True) and i.get("role", "target") not in ("input", "identity")
            and i.get("kind") in ("share", "mean", "cases") and ("sd" in i or "n" in i)}


def finals(path, names):
    with h5py.File(path, "r") as f:
        out = {}
        for n in names:
            key = "final_" + n
            if key not in f:
                fail(f"{path}: no variable {key} (a file written by renkei run?)")
            out[n] = np.asarray(f[key], dtype=float).ravel()
        return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--targets", required=True)
    ap.add_argument("--tested", type=int, required=True, help="the baseline's burn-in (weeks)")
    ap.add_argument("--reference", type=int, required=True, help="the longest burn-in (weeks)")
    ap.add_argument("files", nargs="+", help="WEEKS=FILE.h5")
    args = ap.parse_args()
    targets = targets_of(args.targets)
    names = sorted(targets) + STATE
    runs = {}
    for spec in args.files:
        weeks, _, path = spec.partition("=")
        runs[int(weeks)] = finals(path, names)
    if args.reference not in runs or args.tested not in runs:
        fail("give files for the tested and the reference burn-in")
    ref = runs[args.reference]
    shorter = sorted(w for w in runs if w != args.reference)
    print(f"drift against a burn-in of {args.reference} weeks, paired by posterior draw "
          f"({len(ref[names[0]])} runs each): mean difference in study SEs (z of the mean difference); "
          f"* = material (|z| > {Z_REAL} and |drift| > {MATERIAL_SE} SE)")
    print(f"{'item':45s}" + "".join(f"{w:>18d}" for w in shorter) + f"{'ref. mean':>12s}")
    material = {w: [] for w in shorter}
    for n in names:
        row = f"{n:45s}"
        for w in shorter:
            d = runs[w][n] - ref[n]
            d = d[~np.isnan(d)]
            sd = d.std(ddof=1) if len(d) > 1 else 0.0
            z = d.mean() / (sd / math.sqrt(len(d))) if sd > 0 else 0.0
            if n in targets:
                se = study_se(targets[n])
                drift = d.mean() / se
                flag = abs(z) > Z_REAL and abs(drift) > MATERIAL_SE
                if flag:
                    material[w].append(n)
                row += f"{drift:+9.2f} ({z:+5.1f}){'*' if flag else ' '}"
            else:  # a state with no study SE: the relative drift
                rel = d.mean() / np.nanmean(ref[n])
                row += f"{100 * rel:+8.1f}% ({z:+5.1f}) "
        row += f"{np.nanmean(ref[n]):12.4f}"
        print(row)
    for w in shorter:
        print(f"burn-in {w} weeks: {len(material[w])} material drift(s)"
              + (": " + ", ".join(material[w]) if material[w] else ""))
    sys.exit(1 if material[args.tested] else 0)


if __name__ == "__main__":
    main()
