"""A work function for tests/test_scale.py that imports nothing heavy, so pool workers start fast."""
from __future__ import annotations

import os

from newsgraph.model import Article, Skip


def crash_on(articles: list[Article]) -> list[Skip]:
    """Stands in for a worker the OS kills in the middle of a batch."""
    if any(article.origin == "crash" for article in articles):
        os._exit(3)
    return [Skip(article.origin, "done") for article in articles]
