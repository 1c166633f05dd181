#!/usr/bin/env python3
"""Exits 1, naming every difference, unless two batch OUT folders hold the same grades.

compare_outs.py EXPECTED ACTUAL

Compared: every <student>/result.json (all of it but the checks' "seconds", which is how long a
check took, not what it decided), every <student>/feedback.md, summary.csv, canvas-import.csv
and canvas-changes.csv, byte for byte. Both must hold the same students, and at least one.
"""
import json
import pathlib
import sys

UNTIMED = {"seconds"}


def untimed(value):
    if isinstance(value, dict):
        return {k: untimed(v) for k, v in value.items() if k not in UNTIMED}
    if isinstance(value, list):
        return [untimed(v) for v in value]
    return value


def students(out):
    return sorted(p.parent.name for p in out.glob("*/result.json"))


def main():
    expected, actual = (pathlib.Path(a) for a in sys.argv[1:3])
    problems = []
    names = students(expected)
    if not names:
        problems.append(f"{expected} holds no result.json")
    if students(actual) != names:
        problems.append(f"students differ: {names} != {students(actual)}")
    for name in names:
        a = untimed(json.loads((expected / name / "result.json").read_text()))
        b_path = actual / name / "result.json"
        if not b_path.exists():
            continue
        b = untimed(json.loads(b_path.read_text()))
        if a != b:
            keys = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
            problems.append(f"{name}/result.json differs in {keys}")
        for file in ["feedback.md"]:
            if (expected / name / file).read_bytes() != (actual / name / file).read_bytes():
                problems.append(f"{name}/{file} differs")
    for file in ["summary.csv", "canvas-import.csv", "canvas-changes.csv"]:
        if not (expected / file).exists():
            problems.append(f"{expected / file} is missing")
        elif not (actual / file).exists():
            problems.append(f"{actual / file} is missing")
        elif (expected / file).read_bytes() != (actual / file).read_bytes():
            problems.append(f"{file} differs")
    for problem in problems:
        print("compare_outs:", problem)
    if not problems:
        print(f"compare_outs: {len(names)} results, summary.csv and the Canvas import are the same")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
