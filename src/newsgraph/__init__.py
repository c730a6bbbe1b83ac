"""newsgraph: turn news articles into a knowledge graph.

`newsgraph.open("corpus.duckdb")` opens a corpus built by `newsgraph ingest` (see api.py).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsgraph.api import Corpus


def open(path, *, write: bool = False) -> "Corpus":  # noqa: A001 (shadows the builtin on purpose)
    """Open a corpus database; imported lazily so `import newsgraph` stays light."""
    from newsgraph.api import open as open_corpus
    return open_corpus(path, write=write)


__all__ = ["open"]
