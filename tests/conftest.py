"""Shared fixtures: one spaCy pipeline and one seed record per test session."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from newsgraph.model import Article, ArticleRecord
from newsgraph.pipeline import build_nlp, record_of

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEED_TEXT = ROOT / "examples" / "kazakhstan-china-russia.txt"
SEED_GOLD = DATA / "kazakhstan-china-russia.gold.json"
SHARED = ROOT.parent / "shared"
SCORER_DIR = DATA  # score.py is vendored beside the gold file so a clean clone can run it


@pytest.fixture(scope="session")
def nlp():
    return build_nlp()


@pytest.fixture(scope="session")
def extract(nlp):
    """extract(text, published=None) -> ArticleRecord, through the real pipeline."""
    def run(text: str, published: str | None = None) -> ArticleRecord:
        return record_of(nlp(text), Article(text=text, origin="<test>", published=published))
    return run


@pytest.fixture(scope="session")
def seed_record(extract) -> ArticleRecord:
    return extract(SEED_TEXT.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_scores(seed_record) -> dict:
    """The shared scorer's result for the seed record, as score.py --json prints it."""
    sys.path.insert(0, str(SCORER_DIR))
    import score  # noqa: E402  (the shared scorer, vendored)
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    return score.score(gold, seed_record.to_dict())


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The session's small corpus database (tests/corpus_fixtures.py); copy it before writing."""
    from corpus_fixtures import shared_corpus
    return shared_corpus(tmp_path_factory)


@pytest.fixture()
def store(corpus):
    """That database, opened read-only."""
    from newsgraph.store import Store
    with Store.open(corpus, read_only=True) as opened:
        yield opened
