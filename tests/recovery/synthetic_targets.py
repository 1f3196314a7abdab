#!/usr/bin/python3
"""Writes a synthetic targets file: the shipped targets with every calibrated item's value
replaced by the model's own expectation, the mean of its final_<item> over the replicates of
one scenario in a renkei output file. Bases (n), SDs, kinds and roles are kept, so the
synthetic survey carries the same sampling error as the study's. Items with a one-sided
relation ("at least") keep their bound.

  synthetic_targets.py RESULTS.h5 TARGETS.toml OUT.toml [--scenario NAME]
"""
import argparse
import re
import sys

import h5py
import numpy as np


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("results")
    ap.add_argument("targets")
    ap.add_argument("out")
    ap.add_argument("--scenario", default="baseline")
    a = ap.parse_args()
    with h5py.File(a.results, "r") as f:
        names = [s.decode() if isinstance(s, bytes) else s for s in f["scenario"][:]]
        if a.scenario not in names:
            print(f"synthetic_targets.py: {a.results}: no scenario '{a.scenario}' (has {names})",
                  file=sys.stderr)
            return 2
        row = names.index(a.scenario)

        def mean_of(item: str) -> float:
            var = "final_" + item
            if var not in f:
                raise KeyError(f"{a.results} has no variable {var} for target item '{item}'")
            v = np.asarray(f[var][row, :], dtype=float)
            v = v[np.isfinite(v)]
            if v.size == 0:
                raise ValueError(f"{var}: no finite replicate")
            return float(v.mean())

        text = open(a.targets, encoding="utf-8").read()
        blocks = re.split(r"(?m)^(?=\[\[item\]\])", text)
        out, replaced = [], []
        for b in blocks:
            name = re.search(r'(?m)^name = "([^"]+)"', b)
            if (b.startswith("[[item]]") and name and re.search(r"(?m)^calibrate = true", b)
                    and not re.search(r'(?m)^relation = "at_least"', b)):
                value = mean_of(name.group(1))
                b = re.sub(r"(?m)^value = [^\n#]+", f"value = {value!r} ", b, count=1)
                replaced.append((name.group(1), value))
            out.append(b)
    header = (f"# Synthetic targets: {a.targets} with each calibrated item's value set to the mean\n"
              f"# of scenario '{a.scenario}' in {a.results} (tests/recovery/synthetic_targets.py).\n")
    open(a.out, "w", encoding="utf-8").write(header + "".join(out))
    for n, v in replaced:
        print(f"{n:50s} {v:.6g}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
