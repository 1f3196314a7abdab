#!/usr/bin/env python3
"""Checks every #include under sim/ against the layer table sim/layers.txt.

  check_includes.py [ROOT]       ROOT defaults to the repository (the parent of tests/)
  check_includes.py --self-test  checks that the fixture tree tests/layers/fixture fails

A project include "folder/x.hpp" is allowed in folder F when folder is F itself or is named
on F's line; in a header (.hpp) only when it is named left of '|' (public), since users of
F see F's headers. Third-party headers (toml++, HDF5, TBB, MPI, Boost, Random123) follow the
same rule with the names listed in the table. The table itself must name every folder of
sim/, only known names, and have no cycle. Every violation is printed as file:line, the
include and the rule it breaks; the exit status is 1 when there is any, 0 otherwise.
"""

import difflib
import os
import re
import subprocess
import sys
from pathlib import Path

# Third-party names of the table and the headers they stand for (matched on the path
# inside <> or "").
THIRD_PARTY = {
    "random123": re.compile(r"^Random123/"),
    "toml++": re.compile(r"^toml\+\+/"),
    "hdf5": re.compile(r"^(hdf5(_hl)?\.h|H5\w*\.h)$"),
    "tbb": re.compile(r"^(oneapi/tbb|tbb)(/|\.h$)"),
    "mpi": re.compile(r"^mpi\.h$"),
    "boost_po": re.compile(r"^boost/program_options"),
    "boost": re.compile(r"^boost/"),
}
# Generated headers: the folder they appear under and the table name that allows them.
GENERATED = {"renkei": "build_info"}

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def parse_table(path):
    """{folder: (public set, private set, is_executable)}; exits on a malformed table."""
    table = {}
    errors = []
    for number, raw in enumerate(path.read_text().splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        m = re.fullmatch(r"([a-z_0-9]+)\s*(\(executable\))?\s*:([^|]*)\|?(.*)", line)
        if not m:
            errors.append(f"{path}:{number}: malformed line (want 'folder : public | private')")
            continue
        name, exe, public, private = m.groups()
        if name in table:
            errors.append(f"{path}:{number}: folder '{name}' declared twice")
        table[name] = (set(public.split()), set(private.split()), bool(exe))
    return table, errors


def check_table(table, table_path, sim):
    errors = []
    known = set(table) | set(THIRD_PARTY) | set(GENERATED.values())
    for name, (public, private, _) in table.items():
        for dep in sorted(public | private):
            if dep not in known:
                errors.append(f"{table_path}: '{name}' names '{dep}': neither a folder of sim/ "
                              "nor a known third-party library")
            elif dep == name:
                errors.append(f"{table_path}: '{name}' names itself")
            elif dep in table and table[dep][2]:
                errors.append(f"{table_path}: '{name}' names the executable '{dep}'")
        both = public & private
        if both:
            errors.append(f"{table_path}: '{name}' names {sorted(both)} both public and private")
    for folder in sorted(p.name for p in sim.iterdir() if p.is_dir()):
        if folder not in table:
            errors.append(f"{sim / folder}: folder missing from {table_path} (add its line)")
    for name in table:
        if not (sim / name).is_dir():
            errors.append(f"{table_path}: '{name}' is not a folder of {sim}")
    # Cycles (depth-first search over the folder dependencies).
    state = {}

    def visit(node, trail):
        state[node] = "open"
        public, private, _ = table[node]
        for dep in sorted((public | private) & set(table)):
            if state.get(dep) == "open":
                cycle = trail[trail.index(dep):] + [dep]
                errors.append(f"{table_path}: cycle {' -> '.join(cycle)}")
            elif dep not in state:
                visit(dep, trail + [dep])
        state[node] = "done"

    for name in sorted(table):
        if name not in state:
            visit(name, [name])
    return errors


def third_party_name(header):
    for name, pattern in THIRD_PARTY.items():
        if pattern.search(header):
            return name
    return None


def read_includes(path):
    """[(line number, bracket, header)] of a file."""
    found = []
    for number, line in enumerate(path.read_text(errors="replace").splitlines(), start=1):
        m = INCLUDE.match(line)
        if m:
            found.append((number, m.group(1), m.group(2)))
    return found


def classify(folder, bracket, header, table):
    """(table name the include needs, or None when it needs nothing; error text or None)."""
    first = header.split("/", 1)[0]
    if bracket == '"':
        if "/" not in header:
            return None, f"project includes name their folder ('{folder}/...')"
        if first == folder:
            return None, None
        if first in GENERATED:
            return GENERATED[first], None
        if first not in table:
            return None, f"'{first}' is not a folder of sim/"
        return first, None
    return third_party_name(header), None  # None: the standard library, system headers


def is_allowed(dep, allowed):
    # <boost/program_options...> is also allowed by plain 'boost'.
    return dep in allowed or (dep == "boost_po" and "boost" in allowed)


def check_files(files, table):
    """files: {path: folder}. Returns the violations."""
    includes = {path: read_includes(path) for path in files}
    by_name = {"/".join(path.parts[-2:]): path for path in files if path.suffix == ".hpp"}
    # A header that uses something its folder uses privately (or includes such a header of its
    # folder) is internal to its folder: other folders may not include it.
    internal = {}
    changed = True
    while changed:
        changed = False
        for path, folder in files.items():
            if path.suffix != ".hpp" or path in internal:
                continue
            public, private, _ = table[folder]
            for _, bracket, header in includes[path]:
                dep, _ = classify(folder, bracket, header, table)
                inner = by_name.get(header) if bracket == '"' else None
                if dep is not None and dep in private and not is_allowed(dep, public):
                    internal[path] = dep
                elif inner is not None and inner in internal and inner != path:
                    internal[path] = internal[inner]
                else:
                    continue
                changed = True
                break
    errors = []
    for path, folder in files.items():
        public, private, executable = table[folder]
        is_header = path.suffix == ".hpp" and path not in internal and not executable
        allowed = public if is_header else public | private
        for number, bracket, header in includes[path]:
            close = ">" if bracket == "<" else '"'
            where = f"{path}:{number}: #include {bracket}{header}{close}"
            dep, error = classify(folder, bracket, header, table)
            if error:
                errors.append(f"{where}: {error}")
                continue
            target = by_name.get(header) if bracket == '"' else None
            if dep is not None and target is not None and target in internal:
                errors.append(f"{where}: that header is internal to '{dep}' (it uses "
                              f"'{internal[target]}', which '{dep}' uses privately in "
                              f"layers.txt), so only files of '{dep}' may include it")
                continue
            if dep is None or is_allowed(dep, allowed):
                continue
            errors.append(f"{where}: '{folder}' may not use '{dep}' (not on its line in "
                          f"layers.txt)")
    return errors


def self_test():
    """Runs the check on tests/layers/fixture, whose files break the rules: it must fail and
    report exactly tests/layers/fixture/expected.txt."""
    here = Path(__file__).resolve().parent
    result = subprocess.run([sys.executable, str(Path(__file__).resolve()), "."],
                            cwd=here / "fixture", capture_output=True, text=True, check=False)
    expected = (here / "fixture" / "expected.txt").read_text()
    got = result.stdout
    if result.returncode != 1 or got != expected:
        print(f"self-test: exit status {result.returncode} (want 1); output differs from "
              "tests/layers/fixture/expected.txt:")
        sys.stdout.writelines(difflib.unified_diff(expected.splitlines(True),
                                                   got.splitlines(True), "expected", "got"))
        return 1
    print(f"self-test: the fixture's {len(expected.splitlines()) - 1} violations are reported")
    return 0


def main(argv):
    if argv[1:] == ["--self-test"]:
        return self_test()
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parents[2]
    sim = Path(os.path.relpath(root / "sim"))
    table_path = sim / "layers.txt"
    table, errors = parse_table(table_path)
    if not errors:
        errors += check_table(table, table_path, sim)
    files = {}
    if table:
        for path in sorted(sim.rglob("*")):
            if path.suffix not in (".cpp", ".hpp") or not path.is_file():
                continue
            folder = path.relative_to(sim).parts[0]
            if folder in table:  # else reported above
                files[path] = folder
        errors += check_files(files, table)
    for error in errors:
        print(error)
    if errors:
        print(f"layers: {len(errors)} forbidden include(s) or table error(s); the allowed "
              f"dependencies are in {table_path}")
        return 1
    print(f"layers: {len(files)} files under {sim} follow {table_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
