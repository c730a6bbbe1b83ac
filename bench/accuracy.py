"""Accuracy on every gold set, written into the score tables of docs/accuracy.md.

    python bench/accuracy.py [--write docs/accuracy.md] [--polnear PATH] [--skip-test]

Runs, in this process and with the same code as `newsgraph evaluate`: the 12 Wikinews articles
and the seed (records), GeoVirus (places), and PolNeAR dev and test (quotes) when a checkout
is given (--polnear, else the NEWSGRAPH_POLNEAR environment variable; without one the PolNeAR
tables are left as they are, with a note on stderr). Without --write the tables are printed.
Each table is the text between `<!-- accuracy:NAME -->` and `<!-- /accuracy:NAME -->` in the
document, and says when and at which version it was measured. Takes a few minutes.

PolNeAR texts are copyrighted: its misses go into the document as counts, never as text.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from collections import Counter
from datetime import datetime, timezone
from importlib.metadata import version
from pathlib import Path

from newsgraph.evaluate import (Finding, PlacesScore, QuotesScore, SetScore, first_findings, read_gold_dir,
                                read_polnear, score_places, score_quotes, score_records)
from newsgraph.evaluate.extraction import (articles_of_golds, articles_of_polnear, articles_of_toponym_docs,
                                           extract_dicts)
from newsgraph.evaluate.matching import read_jsonl
from newsgraph.evaluate.records import SECTIONS

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEV = SHARED / "dev"
SEED = SHARED / "seed"
GEOVIRUS = DEV / "geovirus.jsonl"
SHOWN_PER_KIND = 4
BLOCKS = ("summary", "records", "places", "misses", "quotes-dev", "quotes-test")


def measured_at() -> str:
    described = subprocess.run(["git", "describe", "--always", "--dirty", "--tags"], cwd=ROOT,
                               capture_output=True, text=True).stdout.strip() or "unknown commit"
    day = datetime.now(timezone.utc).strftime("%Y-%m-%d")
    return f"Measured {day}, newsgraph {version('newsgraph')} (`git describe`: {described})."


def cell(text: object) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def table(header: list[str], rows: list[list[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += [table_row(row) for row in rows]
    return "\n".join(lines)


def f3(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


# ---------------------------------------------------------------- the measurements

def records_set(folder: Path) -> SetScore:
    golds = read_gold_dir(folder)
    return score_records(golds, extract_dicts(articles_of_golds(golds)))


def records_block(dev: SetScore, seed: SetScore, stamp: str) -> str:
    means, seed_means = dev.means(), seed.means()
    rows = [["Wikinews 12 (`../shared/dev`)", *(f3(means.get(s)) for s in SECTIONS), f3(means["macro_f1"]),
             f"{f3(means.get('figure_subject_accuracy'))} / {f3(means.get('figure_measure_accuracy'))}"],
            ["seed (`../shared/seed`)", *(f3(seed_means.get(s)) for s in SECTIONS), f3(seed_means["macro_f1"]),
             f"{f3(seed_means.get('figure_subject_accuracy'))} / {f3(seed_means.get('figure_measure_accuracy'))}"]]
    per_article = [[a.document, f3(a.macro_f1), *(f3(a.sections[s].prf.f1) if s in a.sections else "-"
                                                  for s in SECTIONS)] for a in dev.articles]
    return "\n\n".join([
        stamp,
        table(["set", *SECTIONS, "macro F1", "figures: subject / measure accuracy"], rows),
        "Per article (Wikinews 12), F1:",
        table(["article", "macro F1", *SECTIONS], per_article)])


def places_block(result: PlacesScore, stamp: str) -> str:
    m = result.metrics()
    rows = [["toponym recall", f3(m["recall"]), f"{result.found} / {result.gold}"],
            ["**acc@161 km, end to end**", f"**{f3(m['acc161_e2e'])}**", f"{result.correct161} / {result.gold}"],
            ["acc@161 km, of the toponyms found", f3(m["acc161_found"]), f"{result.correct161} / {result.found}"],
            ["median error (km), found toponyms", str(m["median_km"]), ""],
            ["place precision (indicative)", f3(m["precision"]), f"of {result.place_mentions} place mentions"]]
    return "\n\n".join([stamp, f"GeoVirus, {result.documents} articles:", table(["measure", "score", "counts"], rows)])


def quotes_block(result: QuotesScore, split: str, stamp: str) -> str:
    columns = ["gold", "system", "matched", "precision", "recall", "f1", "speaker_accuracy", "e2e_f1"]
    rows = [[view, *(m[c] if isinstance(m[c], int) else f3(m[c]) for c in columns)]
            for view, m in result.views.items()]
    kinds = Counter(f.kind for f in result.findings)
    counts = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
    return "\n\n".join([
        stamp,
        f"PolNeAR {split}, {result.documents} articles, content overlap ≥ {result.threshold}:",
        table(["view", *(c.replace("_", " ") for c in columns)], rows),
        f"Misses and false positives ({split}): {counts}. PolNeAR's texts are copyrighted, so they "
        f"are counted here, not quoted; `--show N` lists them on your own checkout."])


def finding_rows(findings: list[Finding]) -> list[list[str]]:
    return [[f.document, f"{f.section} {f.kind}", f.item, f.context] for f in findings]


def misses_block(dev: SetScore, places: PlacesScore, stamp: str) -> str:
    """A few misses and false positives of every section, the first ones in file order."""
    chosen: list[Finding] = []
    for section in SECTIONS:
        chosen += first_findings([f for f in dev.findings if f.section == section], 1)
    kinds = Counter(f"{f.section} {f.kind}" for f in dev.findings)
    totals = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
    return "\n\n".join([
        stamp,
        "Wikinews 12 (text CC BY 2.5, Wikinews), the first miss and false positive of each section:",
        table(["article", "what", "item", "sentence"], finding_rows(chosen)),
        f"All of them: {totals}.",
        "GeoVirus (text CC BY 2.5, Wikinews), the first misses, wrong places and places not in the gold:",
        table(["article", "what", "item", "sentence"], finding_rows(first_findings(places.findings, SHOWN_PER_KIND)))])


def summary_block(dev: SetScore, seed: SetScore, places: PlacesScore, quotes: dict[str, QuotesScore],
                  previous: str, stamp: str) -> str:
    """The headline numbers beside what published systems reach on the same set. PolNeAR rows
    not measured this time are kept from the previous table."""
    means, seed_means, geo = dev.means(), seed.means(), places.metrics()
    rows = [
        ["Wikinews 12", "macro F1 over 6 sections", f3(means["macro_f1"]), "none (our annotation)"],
        ["seed article", "macro F1 over 6 sections", f3(seed_means["macro_f1"]), "none (our annotation)"],
        ["GeoVirus", "acc@161 km, end to end", f3(geo["acc161_e2e"]), "not published end to end"],
        ["GeoVirus", "acc@161 km, of the toponyms found", f3(geo["acc161_found"]),
         "CamCoder 0.82, population baseline 0.80 (given gold toponyms)"],
    ]
    lines = [table(["set", "measure", "newsgraph", "published"], rows)]
    for split, result in quotes.items():
        for view in ("speech", "all"):
            lines.append(table_row(["PolNeAR " + split, f"{view} quotes, end-to-end F1 (overlap 0.5)",
                                    f3(result.views[view]["e2e_f1"]), "no system score published (see below)"]))
    measured = {f"| PolNeAR {split} " for split in quotes}
    lines += [line for line in previous.splitlines()
              if line.startswith("| PolNeAR") and not any(line.startswith(m) for m in measured)]
    return stamp + "\n\n" + "\n".join(lines)


def table_row(row: list[object]) -> str:
    return "| " + " | ".join(cell(c) for c in row) + " |"


# ---------------------------------------------------------------- the document

def block_of(document: str, name: str) -> str:
    found = re.search(rf"<!-- accuracy:{name} -->\n(.*?)<!-- /accuracy:{name} -->", document, re.S)
    return found.group(1) if found else ""


def replace_block(document: str, name: str, body: str) -> str:
    pattern = re.compile(rf"(<!-- accuracy:{name} -->\n)(?:.*?\n)?(<!-- /accuracy:{name} -->)", re.S)
    if not pattern.search(document):
        raise SystemExit(f"accuracy.py: the document has no <!-- accuracy:{name} --> block")
    return pattern.sub(lambda m: m.group(1) + body + "\n" + m.group(2), document)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", metavar="FILE", help="rewrite the tables of this document (docs/accuracy.md)")
    parser.add_argument("--polnear", metavar="PATH", default=os.environ.get("NEWSGRAPH_POLNEAR"),
                        help="a checkout of networkdynamics/PolNeAR (default: $NEWSGRAPH_POLNEAR)")
    parser.add_argument("--skip-test", action="store_true", help="leave the PolNeAR test table as it is")
    args = parser.parse_args()
    path = Path(args.write) if args.write else None
    document = path.read_text(encoding="utf-8") if path else ""
    for name in BLOCKS if path else ():   # fail before minutes of measuring, not after
        replace_block(document, name, "")
    stamp = measured_at()
    blocks: dict[str, str] = {}

    print("records: Wikinews 12 and the seed ...", file=sys.stderr)
    dev, seed = records_set(DEV), records_set(SEED)
    blocks["records"] = records_block(dev, seed, stamp)
    print("places: GeoVirus ...", file=sys.stderr)
    gold_docs = list(read_jsonl(GEOVIRUS))
    places = score_places(gold_docs, extract_dicts(articles_of_toponym_docs(gold_docs, str(GEOVIRUS))))
    blocks["places"] = places_block(places, stamp)
    blocks["misses"] = misses_block(dev, places, stamp)

    splits = ("dev",) if args.skip_test else ("dev", "test")
    quotes = {}
    if args.polnear and Path(args.polnear).is_dir():
        for split in splits:
            print(f"quotes: PolNeAR {split} ...", file=sys.stderr)
            gold_articles = list(read_polnear(args.polnear, split))
            records = extract_dicts(articles_of_polnear(gold_articles, args.polnear))
            quotes[split] = score_quotes(gold_articles, records)
            blocks[f"quotes-{split}"] = quotes_block(quotes[split], split, stamp)
    else:
        print("accuracy.py: no PolNeAR checkout (--polnear or NEWSGRAPH_POLNEAR): its tables are left "
              "as they are", file=sys.stderr)
    blocks["summary"] = summary_block(dev, seed, places, quotes, block_of(document, "summary"), stamp)

    if not path:
        for name, body in blocks.items():
            print(f"<!-- accuracy:{name} -->\n{body}\n<!-- /accuracy:{name} -->\n")
        return 0
    for name, body in blocks.items():
        document = replace_block(document, name, body)
    path.write_text(document, encoding="utf-8")
    print(f"accuracy.py: rewrote {', '.join(blocks)} in {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
