"""newsgraph's own records for the articles of a gold set, extracted in this process through
the same batched pipeline as `newsgraph extract` (nlp.pipe), as record dicts keyed by id."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace

from newsgraph.errors import InputError
from newsgraph.evaluate.polnear import GoldArticle
from newsgraph.evaluate.records import GoldFile
from newsgraph.ingest import read_file
from newsgraph.ingest.text import check_text
from newsgraph.model import Article, Skip
from newsgraph.pipeline import extract_records
from newsgraph.settings import Settings, load_settings


def extract_dicts(articles: Iterable[Article], settings: Settings | None = None, *,
                  on_skip: Callable[[Skip], None] | None = None,
                  on_record: Callable[[], None] | None = None) -> dict[str, dict]:
    """{document id: record dict (spec/extraction.md)}; an article that fails is reported to
    `on_skip` and left out, so its gold counts as missed."""
    records: dict[str, dict] = {}
    for item in extract_records(articles, settings or load_settings()):
        if isinstance(item, Skip):
            if on_skip:
                on_skip(item)
            continue
        records[item.document.id] = item.to_dict()
        if on_record:
            on_record()
    return records


def article_or_skip(text: str, doc_id: str, origin: str) -> Article | Skip:
    """An article for the extractor, with the same checks `newsgraph extract` makes."""
    try:
        return Article(text=check_text(text), origin=origin, id=doc_id)
    except InputError as exc:
        return Skip(origin, exc.reason)


def articles_of_golds(golds: Iterable[GoldFile]) -> Iterator[Article | Skip]:
    """The article each gold file names (a .txt or .html beside it), under the gold's document id."""
    for gold in golds:
        path = gold.path.parent / gold.document
        if not path.is_file():
            yield Skip(str(path), f"the article named by {gold.path.name} is missing; its gold counts as missed")
            continue
        for item in read_file(path):
            yield replace(item, id=gold.document_id) if isinstance(item, Article) else item


def articles_of_toponym_docs(gold_docs: Iterable[dict], origin: str) -> Iterator[Article | Skip]:
    """The articles of a geocoded-toponym gold file (GeoVirus format), under their ids."""
    for number, doc in enumerate(gold_docs, 1):
        if "id" not in doc or "locations" not in doc:
            raise InputError("a gold article needs `id`, `text` and `locations`", origin=origin, line=number)
        yield article_or_skip(doc.get("text") or "", str(doc["id"]), f"{origin}:{number}")


def articles_of_polnear(gold_articles: Iterable[GoldArticle], origin: str) -> Iterator[Article | Skip]:
    """The articles of a PolNeAR split, under their file names."""
    for gold in gold_articles:
        yield article_or_skip(gold.text, gold.id, f"{origin}:{gold.id}")
