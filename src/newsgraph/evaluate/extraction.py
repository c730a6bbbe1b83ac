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


# A gold folder may list its articles with their metadata, one JSON object a line (`id`,
# `text`, `title`, `published`, ...), as `newsgraph extract` reads them; some extractors use
# the title and the date, so the records then equal those of `newsgraph extract articles.jsonl`.
ARTICLE_LIST = "articles.jsonl"
METADATA = ("title", "published", "source", "url")


def articles_of_golds(golds: Iterable[GoldFile]) -> Iterator[Article | Skip]:
    """The article each gold file names, under the gold's document id: from the folder's
    articles.jsonl when it lists that id, else the text or HTML file beside the gold. A gold
    file's own `title` and `published` (YYYY-MM-DD) fill in what the article lacks."""
    golds = list(golds)
    listed = _listed_articles(golds)
    for gold in golds:
        found = listed.get(gold.document_id)
        if found is not None:
            yield _with_gold_metadata(found, gold)
            continue
        path = gold.path.parent / gold.document
        if not path.is_file():
            yield Skip(str(path), f"the article named by {gold.path.name} is missing; its gold counts as missed")
            continue
        for item in read_file(path):
            yield _with_gold_metadata(replace(item, id=gold.document_id), gold) if isinstance(item, Article) else item


def _listed_articles(golds: list[GoldFile]) -> dict[str, Article]:
    wanted = {g.document_id for g in golds}
    listed: dict[str, Article] = {}
    for folder in sorted({g.path.parent for g in golds}):
        if (folder / ARTICLE_LIST).is_file():
            listed.update((item.id, item) for item in read_file(folder / ARTICLE_LIST)
                          if isinstance(item, Article) and item.id in wanted)
    return listed


def _with_gold_metadata(article: Article, gold: GoldFile) -> Article:
    given = {k: str(gold.data[k]) for k in METADATA if gold.data.get(k) and not getattr(article, k)}
    return replace(article, **given) if given else article


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
