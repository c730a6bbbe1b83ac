"""`newsgraph COMMAND ...`: every module in `newsgraph.cli` with `add_command` is a subcommand."""
from __future__ import annotations

import argparse
import importlib
import logging
import pkgutil
import sys

from newsgraph.errors import NewsgraphError


def build_parser() -> argparse.ArgumentParser:
    import newsgraph.cli as package

    parser = argparse.ArgumentParser(prog="newsgraph", description="Turn news into knowledge.")
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logs")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        if hasattr(module, "add_command"):
            module.add_command(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
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
