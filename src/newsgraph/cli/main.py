"""`newsgraph COMMAND ...`: every module in `newsgraph.cli` with `add_command` is a subcommand.

Start-up is lazy: the command list and each command's one-line help are read from the command
modules' source (their docstring) without importing them, and only the command being run is
imported. Command modules import nothing heavy at module level (spaCy, DuckDB, Dask, FastAPI
load inside `run`), so `newsgraph --help` and `newsgraph query --help` answer at once.
"""
from __future__ import annotations

import argparse
import ast
import importlib
import logging
import sys
from functools import lru_cache
from pathlib import Path

from newsgraph.errors import NewsgraphError

CLI = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def command_summaries() -> dict[str, str]:
    """name -> one-line help, for every module here that defines `add_command`."""
    found = {}
    for path in sorted(CLI.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        adder = next((node for node in tree.body
                      if isinstance(node, ast.FunctionDef) and node.name == "add_command"), None)
        if adder is not None:
            found[path.stem] = _help_of(adder) or (ast.get_docstring(tree) or "").split("\n")[0]
    return found


def _help_of(adder: ast.FunctionDef) -> str | None:
    """The `help=` given to `commands.add_parser(...)` inside `add_command`, if a plain string."""
    for node in ast.walk(adder):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "add_parser":
            for keyword in node.keywords:
                if keyword.arg == "help" and isinstance(keyword.value, ast.Constant):
                    return str(keyword.value.value)
    return None


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser, with full options for the command named in `argv` (all of them if None)."""
    parser = argparse.ArgumentParser(prog="newsgraph", description="Turn news into knowledge.")
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logs")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    summaries = command_summaries()
    wanted = set(summaries) if argv is None else {a for a in argv if a in summaries}
    for name, summary in summaries.items():
        if name in wanted:
            importlib.import_module(f"{__package__}.{name}").add_command(commands)
        else:
            commands.add_parser(name, help=summary, add_help=False)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(argv).parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.WARNING,
                        format="newsgraph: %(message)s")
    try:
        return int(args.run(args) or 0)
    except NewsgraphError as exc:
        if args.debug:
            raise
        print(f"newsgraph: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("newsgraph: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
