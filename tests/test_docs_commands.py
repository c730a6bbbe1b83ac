"""Every `newsgraph` command shown in the README and docs/*.md runs, succeeds and prints
something, against the bundled example (ingested first into the default database of a
temporary folder). The placeholder files the docs name (article.txt, page.html, dump.jsonl.gz,
folder/) are made from the example. Commands that cannot run here are listed in SKIPPED with
the reason and the test that covers them instead."""
from __future__ import annotations

import gzip
import io
import json
import re
import shlex
import sys
from pathlib import Path

import pytest

from newsgraph.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_TEXT = ROOT / "examples" / "kazakhstan-china-russia.txt"
EXAMPLE = ROOT / "examples" / "kazakhstan-china-russia.jsonl"
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
COMMAND = re.compile(r"^\s*(?:\$ )?(?:\.venv/bin/)?newsgraph (.+)$")

# (command start, reason): shown in the docs, run elsewhere.
SKIPPED = (
    ("serve", "runs until stopped: tests/test_web_api.py serves and queries it"),
    ("evaluate", "scores whole development sets (minutes): tests/test_evaluate.py"),
    ("process /data/", "a cluster example with its own paths: tests/test_scale.py"),
)


def documented_commands() -> list[tuple[str, str]]:
    """(where, command line) for every newsgraph command in a sh code block of the docs."""
    found = []
    for path in DOCS:
        in_code = False
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.startswith("```"):
                in_code = not in_code
                continue
            match = COMMAND.match(line) if in_code else None
            if match and not _is_synopsis(match[1]):
                found.append((f"{path.name}:{number}", match[1]))
    return found


def _is_synopsis(command: str) -> bool:
    """'process INPUT... --out DIR [--engine local|dask]' shows the syntax, not a run."""
    return "..." in command or "[" in command or command.rstrip().endswith("\\")


def _skip_reason(command: str) -> str | None:
    return next((why for start, why in SKIPPED if command.startswith(start)), None)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """A folder holding the docs' placeholder inputs and, as newsgraph.duckdb, the example."""
    folder = tmp_path_factory.mktemp("docs")
    text = EXAMPLE_TEXT.read_text(encoding="utf-8")
    (folder / "article.txt").write_text(text, encoding="utf-8")
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
    (folder / "page.html").write_text(
        f"<html><head><title>China and Kazakhstan</title></head><body><article>{paragraphs}"
        "</article></body></html>", encoding="utf-8")
    with gzip.open(folder / "dump.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write(EXAMPLE.read_text(encoding="utf-8"))
    (folder / "folder").mkdir()
    (folder / "folder" / "article.txt").write_text(text, encoding="utf-8")
    (folder / "examples").symlink_to(ROOT / "examples")
    return folder


@pytest.fixture()
def in_workspace(workspace, monkeypatch):
    monkeypatch.chdir(workspace)
    monkeypatch.delenv("NEWSGRAPH_DB", raising=False)
    monkeypatch.setattr(sys, "stdin", io.StringIO(EXAMPLE_TEXT.read_text(encoding="utf-8")))
    if not (workspace / "newsgraph.duckdb").exists():
        assert main(["ingest", str(EXAMPLE)]) == 0
    return workspace


def test_the_example_files_hold_the_same_text():
    record = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    assert record["text"] == EXAMPLE_TEXT.read_text(encoding="utf-8")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", record["published"])


def test_the_docs_show_commands():
    commands = documented_commands()
    assert len(commands) >= 20
    assert {c.split()[0] for _, c in commands} >= {"extract", "ingest", "query", "show", "sql", "export"}


@pytest.mark.parametrize("where, command", documented_commands(), ids=[w for w, _ in documented_commands()])
def test_documented_command_runs(where, command, in_workspace, capsys):
    reason = _skip_reason(command)
    if reason:
        pytest.skip(reason)
    argv = shlex.split(command, comments=True)
    if ">" in argv:                      # "... > records.jsonl": the output is what we check
        argv = argv[:argv.index(">")]
    status = main(argv)
    out = capsys.readouterr()
    assert status == 0, f"{where}: `newsgraph {command}` exited {status}: {out.err}"
    assert (out.out + out.err).strip(), f"{where}: `newsgraph {command}` printed nothing"
    # (`claims` is not held to this: on one article there is nothing to compare)
    if argv[0] in ("query", "stance") and "--format" not in argv:
        assert not re.search(r"\(0\)", out.out.splitlines()[0] if out.out else ""), \
            f"{where}: `newsgraph {command}` found nothing on the example"
    if "csv" in argv:
        assert len(out.out.strip().splitlines()) > 1, f"{where}: `newsgraph {command}` found nothing"
