"""The command line starts light: building the parser for any command imports none of the
heavy libraries (they load when the command runs), and the choices the parser offers match
the registries they mirror. Speed itself is measured in bench/startup.py, not asserted here."""
from __future__ import annotations

import subprocess
import sys

import pytest

from newsgraph.cli import choices
from newsgraph.cli.main import command_summaries

HEAVY = ("spacy", "duckdb", "dask", "distributed", "fastapi", "uvicorn", "pyarrow", "trafilatura",
         "rich", "dateparser")

PROBE = """
import sys
from newsgraph.cli.main import build_parser
argv = sys.argv[1:]
try:
    build_parser(argv).parse_args(argv)
except SystemExit:
    pass
print("loaded:", *(m for m in {heavy!r} if m in sys.modules), file=sys.stderr)
"""


def loaded_by(argv: list[str]) -> set[str]:
    result = subprocess.run([sys.executable, "-c", PROBE.format(heavy=HEAVY), *argv],
                            capture_output=True, text=True, check=True)
    line = next(l for l in result.stderr.splitlines() if l.startswith("loaded:"))
    return set(line.split()[1:])


def test_top_level_help_imports_nothing_heavy():
    assert loaded_by(["--help"]) == set()


@pytest.mark.parametrize("command", sorted(command_summaries()))
def test_each_commands_help_imports_nothing_heavy(command):
    assert loaded_by([command, "--help"]) == set()


def test_every_command_has_its_help_without_being_imported():
    summaries = command_summaries()
    assert {"extract", "ingest", "query", "show", "sql", "export", "serve", "process"} <= set(summaries)
    assert all(summaries.values())
    assert summaries["query"].startswith("list entities")


def test_choices_mirror_their_registries():
    from newsgraph.export import EXPORTERS
    from newsgraph.query import DEFAULT_LIMIT, NAMED
    from newsgraph.scale import ENGINES

    assert choices.QUERIES == tuple(NAMED)
    assert choices.EXPORT_FORMATS == tuple(EXPORTERS)
    assert choices.ENGINES == tuple(ENGINES)
    assert choices.DEFAULT_LIMIT == DEFAULT_LIMIT
    from newsgraph.evaluate.polnear import SPLITS
    from newsgraph.evaluate.quotes import DEFAULT_THRESHOLD
    assert choices.EVAL_SPLITS == tuple(SPLITS)
    assert choices.EVAL_THRESHOLD == DEFAULT_THRESHOLD
