"""The stages composed: read -> parse -> mentions -> resolve -> fact extractors -> record.

Nothing else in the package wires stages together. `extract_records` streams: articles go
through `nlp.pipe` in batches and come out one record at a time, so memory stays flat.
"""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.extract.mentions import add_entity_ruler, find_mentions
from newsgraph.extract.registry import Context, Extractor, discover
from newsgraph.model import FACT_SECTIONS, Article, ArticleRecord, Document, Entity, EntityIndex, Role, Skip
from newsgraph.budget import OverBudget, time_budget
from newsgraph.model.valid import checked
from newsgraph.nlp import load_nlp
from newsgraph.nlp.pipeline import parse_items, parse_one
from newsgraph.resolve.entities import resolve_entities
from newsgraph.settings import Settings, load_settings

log = logging.getLogger("newsgraph")


def build_nlp(settings: Settings | None = None) -> Language:
    """The spaCy pipeline with the bundled lexicons, loaded once per process."""
    return load_nlp((settings or load_settings()).model, add_entity_ruler)


def document_of(article: Article) -> Document:
    """The document key is the caller's id when given, else the SHA-1 of the normalised text."""
    doc_id = article.id or hashlib.sha1(article.text.encode("utf-8")).hexdigest()
    return Document(id=doc_id, text=article.text, title=article.title, source=article.source,
                    url=article.url, published=article.published, origin=article.origin,
                    warnings=article.warnings)


def record_of(doc: Doc, article: Article, extractors: Iterable[Extractor] | None = None) -> ArticleRecord:
    """Everything extracted from one parsed article."""
    document = document_of(article)
    entities = resolve_entities(find_mentions(doc))
    context = Context(document, EntityIndex(entities))
    chosen = tuple(discover() if extractors is None else extractors)
    for extractor in chosen:
        context.found[extractor.section] = (*context.section(extractor.section),
                                            *extractor.extract(doc, context))
    return checked(ArticleRecord(
        document=document,
        entities=_with_roles(entities, context.section("roles")),
        **{name: tuple(context.section(name)) for name in FACT_SECTIONS},
        extractors=("entities.ner.v1", *(e.name for e in chosen)),
    ))


def _with_roles(entities: list[Entity], roles: Iterable[Role]) -> tuple[Entity, ...]:
    by_person: dict[str, list[Role]] = {}
    for role in roles:
        if role.person:
            by_person.setdefault(role.person, []).append(role)
    return tuple(replace(e, roles=(*e.roles, *by_person.get(e.id, ()))) for e in entities)


def process_article(article: Article, settings: Settings | None = None) -> ArticleRecord | Skip:
    """The unit of work for any executor: pure, picklable in and out."""
    settings = settings or load_settings()
    try:
        doc = parse_one(build_nlp(settings), article.text)
    except Exception as exc:  # a skip, like any other failure
        return _failed(article, exc)
    return _safely(doc, article, settings, debug=False)


def process_batch(articles: Sequence[Article], settings: Settings | None = None) -> list[ArticleRecord | Skip]:
    """A batch through `nlp.pipe` in this process: one record or Skip per article, in order.

    What `newsgraph.scale` executors run on each worker."""
    return list(extract_records(articles, replace(settings or load_settings(), n_process=1)))


# Touches every stage, so what loads lazily (the gazetteer, lemma tables) loads in warm-up.
WARM_UP_TEXT = ("The president of France met the Chinese foreign minister in Paris on Monday. "
                '"We agreed to raise trade to $5 billion by 2030," the minister told reporters.')


def warm_up(settings: Settings | None = None) -> None:
    """Load the model, the extractors and their tables: run once per worker process, before work."""
    process_batch([Article(text=WARM_UP_TEXT, origin="<warm-up>")], settings)


def extract_records(items: Iterable[Article | Skip], settings: Settings | None = None, *,
                    debug: bool = False) -> Iterator[ArticleRecord | Skip]:
    """Records (and Skips, passed through) for a stream of read items, in order, parsed in
    batches. No article can stop the stream: a parse or extraction failure, or an article over
    its time budget (setting `article_seconds`), is a Skip with the reason."""
    settings = settings or load_settings()
    nlp = build_nlp(settings)
    discover()  # import extractors before worker processes fork
    parsed = parse_items(nlp, items, lambda item: None if isinstance(item, Skip) else item.text,
                         batch_size=settings.batch_size, n_process=settings.n_process,
                         seconds=settings.article_seconds)
    for each in parsed:
        if isinstance(each.item, Skip):
            yield each.item
        elif isinstance(each.error, TimeoutError):
            yield _over_budget(each.item, str(each.error))
        elif each.doc is None:
            if debug and each.error is not None:
                raise each.error
            yield _failed(each.item, each.error or ValueError("not parsed"))
        else:
            yield _safely(each.doc, each.item, settings, debug=debug)


def _safely(doc: Doc, article: Article, settings: Settings, *, debug: bool) -> ArticleRecord | Skip:
    try:
        with time_budget(settings.article_seconds):
            return record_of(doc, article)
    except OverBudget as over:
        return _over_budget(article, f"extraction {over}")
    except Exception as exc:  # one bad article never stops a batch
        if debug:
            raise
        log.debug("extraction failed", exc_info=True)
        return _failed(article, exc)


def _over_budget(article: Article, what: str) -> Skip:
    return Skip(article.origin, f"{what}, the time budget of one article (setting `article_seconds`); "
                "please report the article")


def _failed(article: Article, exc: Exception) -> Skip:
    return Skip(article.origin, f"extraction failed ({exc.__class__.__name__}: {exc}); "
                "rerun with --debug for the traceback and report it")


__all__ = ["build_nlp", "document_of", "extract_records", "process_article", "process_batch", "record_of",
           "warm_up"]
