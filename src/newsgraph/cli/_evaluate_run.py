"""The work behind `newsgraph evaluate` (cli/evaluate.py declares the command): extraction
on the gold set's articles, scoring, and the table or JSON printed. Kept apart so that building
the command-line parser imports none of this."""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable

from rich.table import Table

from newsgraph.cli.options import console
from newsgraph.cli.progress import progress_bar
from newsgraph.evaluate import (Finding, first_findings, read_gold_dir, read_polnear, score_places,
                                score_quotes, score_records)
from newsgraph.evaluate.extraction import (articles_of_golds, articles_of_polnear, articles_of_toponym_docs,
                                           extract_dicts)
from newsgraph.evaluate.matching import read_jsonl, records_by_id
from newsgraph.evaluate.records import SECTIONS
from newsgraph.model import Article, Skip
from newsgraph.settings import load_settings


# ---------------------------------------------------------------- records

def run_records(args: argparse.Namespace) -> int:
    golds = read_gold_dir(args.gold)
    records = _records(args, lambda: articles_of_golds(golds), len(golds))
    result = score_records(golds, records)
    data = result.to_dict()
    _warn_missing(len(data["without_record"]), args)
    if args.format == "json":
        return _print_json(data, result.findings, args.show)
    out = console(sys.stdout)
    present = [s for s in SECTIONS if s in data]
    table = Table(title=f"{args.gold}: {len(result.articles)} articles (F1)", title_justify="left")
    for column in ("document", "macro F1", *present):
        table.add_column(column, justify="left" if column == "document" else "right")
    for article in result.articles:
        cells = [_fmt(article.sections[s].prf.f1) if s in article.sections else "-" for s in present]
        table.add_row(article.document + ("" if article.has_record else " (no record)"),
                      _fmt(article.macro_f1), *cells)
    table.add_section()
    table.add_row("mean", _fmt(data["macro_f1"]), *(_fmt(data[s]) for s in present))
    out.print(table)
    if "figure_subject_accuracy" in data:
        out.print(f"figures found: subject accuracy {_fmt(data['figure_subject_accuracy'])}, "
                  f"measure accuracy {_fmt(data['figure_measure_accuracy'])}")
    _print_findings(result.findings, args.show)
    return 0


# ---------------------------------------------------------------- places

def run_places(args: argparse.Namespace) -> int:
    gold_docs = list(read_jsonl(args.gold))
    records = _records(args, lambda: articles_of_toponym_docs(gold_docs, args.gold), len(gold_docs))
    result = score_places(gold_docs, records)
    data = result.to_dict()
    _warn_missing(result.missing_documents, args)
    if args.format == "json":
        return _print_json(data, result.findings, args.show)
    m = result.metrics()
    rows = [("toponym recall", _pct(m["recall"]), f"{result.found}/{result.gold}"),
            ("acc@161 km, end to end", _pct(m["acc161_e2e"]), f"{result.correct161}/{result.gold}"),
            ("acc@161 km, of found", _pct(m["acc161_found"]), f"{result.correct161}/{result.found}"),
            ("median error (km)", str(m["median_km"]), "over found toponyms"),
            ("place precision", _pct(m["precision"]), f"of {result.place_mentions} place mentions")]
    table = Table(title=f"{args.gold}: {result.documents} articles, {result.missing_documents} without a record",
                  title_justify="left")
    for column in ("measure", "score", "counts"):
        table.add_column(column)
    for row in rows:
        table.add_row(*row)
    console(sys.stdout).print(table)
    _print_findings(result.findings, args.show)
    return 0


# ---------------------------------------------------------------- quotes

def run_quotes(args: argparse.Namespace) -> int:
    gold_articles = list(read_polnear(args.gold, args.split))
    records = _records(args, lambda: articles_of_polnear(gold_articles, args.gold), len(gold_articles))
    result = score_quotes(gold_articles, records, args.threshold)
    data = result.to_dict()
    _warn_missing(len(result.missing_documents), args)
    if args.format == "json":
        return _print_json(data, result.findings, args.show)
    table = Table(title=f"PolNeAR {args.split}: {result.documents} articles, overlap ≥ {args.threshold}",
                  title_justify="left")
    columns = ("gold", "system", "matched", "precision", "recall", "f1", "speaker_accuracy",
               "e2e_precision", "e2e_recall", "e2e_f1")
    table.add_column("view")
    for column in columns:
        table.add_column(column.replace("_", " "), justify="right")
    for view, m in result.views.items():
        table.add_row(view, *(str(m[c]) if isinstance(m[c], int) else _fmt(m[c]) for c in columns))
    console(sys.stdout).print(table)
    _print_findings(result.findings, args.show)
    return 0


# ---------------------------------------------------------------- shared

def _records(args: argparse.Namespace, articles: Callable[[], Iterable[Article | Skip]], total: int) -> dict[str, dict]:
    """The records to score: read from --records, else extracted now."""
    if args.records:
        return records_by_id(read_jsonl(args.records))
    settings = load_settings().with_overrides(batch_size=args.batch_size)

    def skipped(skip: Skip) -> None:
        print(f"newsgraph: skipped {skip.message()} (its gold counts as missed)", file=sys.stderr)

    with progress_bar("extracting") as bar:
        task = bar.add_task("extracting", total=total)
        records = extract_dicts(articles(), settings, on_skip=skipped, on_record=lambda: bar.advance(task))
    if args.save_records:
        with open(args.save_records, "w", encoding="utf-8") as out:
            out.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records.values())
    return records


def _warn_missing(count: int, args: argparse.Namespace) -> None:
    if count:
        where = f" in {args.records} (records join the gold on document.id)" if args.records else ""
        print(f"newsgraph: warning: {count} gold article(s) have no record{where}; "
              "their gold counts as missed", file=sys.stderr)


def _print_json(data: dict, findings: Iterable[Finding], show: int) -> int:
    if show:
        data = {**data, "shown": [f.to_dict() for f in first_findings(findings, show)]}
    print(json.dumps(data, ensure_ascii=False))
    return 0


def _print_findings(findings: Iterable[Finding], show: int) -> None:
    if not show:
        return
    chosen = first_findings(findings, show)
    print(f"\nfirst {show} misses and first {show} false positives ({len(chosen)} shown):")
    for finding in chosen:
        print(f"  - {finding.line()}")


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _pct(value: float) -> str:
    return f"{100 * value:.1f}%"


__all__ = ["run_places", "run_quotes", "run_records"]
