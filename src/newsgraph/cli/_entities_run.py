"""The work behind `newsgraph entities` (cli/entities.py declares the command), loaded only
when it runs."""
from __future__ import annotations

import argparse
import sys

from newsgraph.cli.options import db_path, print_rows
from newsgraph.query import QueryError
from newsgraph.query.lookup import candidates
from newsgraph.resolve import curation
from newsgraph.resolve.names import fold_name
from newsgraph.store import Store


def run(args: argparse.Namespace) -> int:
    with Store.open(db_path(args)) as store:
        if args.action == "decisions":
            print_rows(curation.decisions(store), args.format, title="Entity decisions")
            return 0
        if args.action == "undo":
            done = curation.undo(store, args.id, args.who)
            sys.stdout.write(f"undone: decision {done.id} ({done.action} {done.entity})\n")
            return 0
        decision = _decide(store, args)
        sys.stdout.write(f"decision {decision.id}: {_describe(store, decision)}\n")
    return 0


def _decide(store: Store, args: argparse.Namespace) -> curation.Decision:
    if args.action == "merge":
        return curation.merge(store, _one(store, args.keep), _one(store, args.other), args.who)
    if args.action == "split":
        return curation.split(store, _one(store, args.entity), args.alias, args.who)
    return curation.rename(store, _one(store, args.entity), args.name, args.who)


def _one(store: Store, name: str) -> str:
    """The one entity `name` means (its id, or the one whose own name it is); several: the
    choice is the analyst's, so list them."""
    rows = candidates(store, name)
    if not rows.rows:
        raise QueryError(f"no entity named {name!r}", remedy="list names with `newsgraph query entities`")
    exact = [r for r in rows.rows if r[0] == name] or [r for r in rows.rows if r[1] == name] \
        or [r for r in rows.rows if fold_name(r[1]) == fold_name(name)]
    if len(exact) == 1 or len(rows.rows) == 1:
        return (exact or rows.rows)[0][0]
    listed = "; ".join(f"{r[0]} {r[1]} ({r[2]}, {r[4]} mentions)" for r in rows.rows[:10])
    raise QueryError(f"{name!r} may mean {len(rows.rows)} entities: {listed}", remedy="give the id")


def _describe(store: Store, decision: curation.Decision) -> str:
    def name(entity: str | None) -> str:
        return f"{store.scalar('SELECT name FROM entities WHERE id = ?', [entity])} ({entity})"
    if decision.action == "merge":
        return f"{name(decision.other)} merged into {name(decision.entity)}"
    if decision.action == "split":
        return f"{decision.alias!r} split from {name(decision.entity)} as {name(decision.other)}"
    return f"{decision.previous!r} renamed {decision.name!r} ({decision.entity})"
