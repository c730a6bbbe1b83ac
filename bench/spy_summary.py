"""Summarise a py-spy raw profile (`py-spy record --format raw`) by pipeline stage.

    py-spy record --rate 50 --format raw -o /tmp/spy.txt -- python bench/profile_pipeline.py --stream --limit 150
    python bench/spy_summary.py /tmp/spy.txt

Sampling, unlike cProfile, adds no cost per call, so Cython-heavy code (spaCy's Token objects)
is not inflated. Stacks under `warm_up` (model and table loading) are left out: they are paid
once per process, not per article.
"""
from __future__ import annotations

import re
import sys
from collections import Counter

FRAME = re.compile(r"(\S+) \((.*?):\d+\)")
STAGES = {
    "spaCy parse (nlp.pipe)": "language.py:pipe",
    "  attribute_ruler": "attributeruler.py:__call__",
    "our extraction (record_of)": "pipeline.py:record_of",
    "  mentions": "mentions.py:find_mentions",
    "  resolve": "entities.py:resolve_entities",
}


def inclusive(path: str) -> tuple[int, Counter, Counter]:
    total, by_function, leaves = 0, Counter(), Counter()
    for line in open(path, encoding="utf-8"):
        stack, count = line.rsplit(" ", 1)
        if "warm_up" in stack:
            continue
        total += int(count)
        names = [f"{m.group(2).split('/')[-1]}:{m.group(1)}" for m in map(FRAME.match, stack.split(";")) if m]
        for name in set(names):
            by_function[name] += int(count)
        if "pipeline.py:record_of" in names:
            leaves[names[-1]] += int(count)
    return total, by_function, leaves


def main() -> None:
    total, by_function, leaves = inclusive(sys.argv[1])
    share = lambda n: f"{100 * n / total:5.1f} %"
    print(f"{total} samples")
    for label, key in STAGES.items():
        print(f"{label:32s} {share(by_function[key])}")
    print("extractors:")
    for name, count in by_function.most_common():
        if name.endswith(":extract") and not name.startswith(("registry", "pipeline")):
            print(f"  {name:30s} {share(count)}")
    print("hottest leaves under record_of:")
    for name, count in leaves.most_common(12):
        print(f"  {name:40s} {share(count)}")


if __name__ == "__main__":
    main()
