"""The JSON API under /api: thin handlers over `newsgraph.query` and `web.queries`.

Every parameter is declared with its type and bounds, so FastAPI validates it and documents it
at /docs; unknown parameters are refused (a typo must not silently widen a query).
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.dependencies.models import Dependant

from newsgraph.model.records import ENTITY_TYPES, PLOVER_ACTIONS, RELATION_PREDICATES
from newsgraph.query import (Filters, claims, entities, entity_ids, events, figures, profile, quotes,
                             relations, stance)
from newsgraph.store import Store
from newsgraph.web import graph as network
from newsgraph.web import queries
from newsgraph.web.errors import DOCUMENTED, ApiError
from newsgraph.web.queries import DEFAULT_LIMIT, MAX_LIMIT, Page

DATE = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
NAME = {"min_length": 1, "max_length": 200}

EntityType = Literal[ENTITY_TYPES]  # type: ignore[valid-type]
Action = Literal[PLOVER_ACTIONS]  # type: ignore[valid-type]
Predicate = Literal[RELATION_PREDICATES]  # type: ignore[valid-type]

Q = Annotated[str | None, Query(max_length=200, description="text search, case-insensitive")]
Since = Annotated[str | None, Query(pattern=DATE, description="YYYY[-MM[-DD]], inclusive")]
Until = Annotated[str | None, Query(pattern=DATE, description="YYYY[-MM[-DD]], inclusive")]
Who = Annotated[str | None, Query(**NAME, description="entity name, alias or id")]


def known_parameters(request: Request) -> None:
    """Refuse query parameters the route does not declare."""
    route = request.scope.get("route")
    declared = _query_names(route.dependant) if route else set()
    unknown = sorted(set(request.query_params) - declared)
    if unknown:
        raise ApiError(400, f"unknown parameter {unknown[0]!r}; this endpoint takes "
                            f"{', '.join(sorted(declared)) or 'no parameters'}")


def _query_names(dependant: Dependant) -> set[str]:
    names = {p.alias for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


def page(limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
         offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0) -> Page:
    return Page(limit=limit, offset=offset)


def store(request: Request) -> Iterator[Store]:
    """The one read-only connection, used by one request at a time (DuckDB connections are
    not safe to share between threads)."""
    with request.app.state.lock:
        yield request.app.state.store


Db = Annotated[Store, Depends(store)]
Paging = Annotated[Page, Depends(page)]
router = APIRouter(prefix="/api", dependencies=[Depends(known_parameters)], responses=DOCUMENTED)


@router.get("/entities", summary="Entities by mentions; q matches names and aliases")
def list_entities(db: Db, paging: Paging, q: Q = None,
                  type: Annotated[EntityType | None, Query()] = None,
                  about: Annotated[str | None, Query(**NAME, description="named in articles naming it")] = None,
                  since: Since = None, until: Until = None) -> dict[str, Any]:
    filters = Filters(type=type, about=about, since=since, until=until)
    return queries.paged(entities, db, filters, paging, q).to_dict()


@router.get("/entities/{entity}", summary="One entity: aliases, roles, relations, counts, facts")
def one_entity(db: Db, entity: Annotated[str, Path(**NAME, description="id, name or alias")],
               limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT) -> dict[str, Any]:
    found = profile(db, entity, limit=limit)
    key = found.entity["id"]
    summary = found.to_dict()
    facts = queries.entity_facts(db, key, limit)
    facts["events"] = network.paint(facts["events"])
    return {"ok": True, "entity": found.entity, "aliases": summary["aliases"],
            "homonyms": summary["homonyms"], "roles": summary["roles"],
            "co_actors": summary["co_actors"],
            "events_over_time": network.paint(summary["events_over_time"]),
            "themes": summary["themes"], "stance_toward": summary["stance_toward"],
            "stance_of": summary["stance_of"],
            "contested_claims": [g.to_dict() for g in claims.claims(
                db, claims.ClaimFilters(about=key, contradictions=True, limit=limit))],
            "quotes_over_time": queries.quotes_over_time(db, key),
            "counts": queries.entity_counts(db, key), **facts}


@router.get("/quotes", summary="Quotes by a speaker, about an entity, or containing q")
def list_quotes(db: Db, paging: Paging, q: Q = None, speaker: Who = None, about: Who = None,
                kind: Annotated[Literal["direct", "indirect"] | None, Query()] = None,
                since: Since = None, until: Until = None) -> dict[str, Any]:
    filters = Filters(speaker=speaker, about=about, type=kind, since=since, until=until)
    return queries.paged(quotes, db, filters, paging, q).to_dict()


@router.get("/figures", summary="Figures about an entity or cited to a source")
def list_figures(db: Db, paging: Paging, q: Q = None, about: Who = None,
                 source: Who = None,
                 unit: Annotated[str | None, Query(min_length=1, max_length=40)] = None,
                 since: Since = None, until: Until = None) -> dict[str, Any]:
    filters = Filters(about=about, speaker=source, type=unit, since=since, until=until)
    return queries.paged(figures, db, filters, paging, q).to_dict()


@router.get("/relations", summary="Relations of an entity, by predicate")
def list_relations(db: Db, paging: Paging, q: Q = None, subject: Who = None, about: Who = None,
                   predicate: Annotated[Predicate | None, Query()] = None,
                   since: Since = None, until: Until = None) -> dict[str, Any]:
    filters = Filters(actor=subject, about=about, type=predicate, since=since, until=until)
    return queries.paged(relations, db, filters, paging, q).to_dict()


@router.get("/events", summary="Events by actor, target, PLOVER category and date range")
def list_events(db: Db, paging: Paging, q: Q = None, actor: Who = None, target: Who = None,
                about: Who = None, category: Annotated[Action | None, Query()] = None,
                since: Since = None, until: Until = None) -> dict[str, Any]:
    keep = None
    if target:
        # the shared query filters by actor or by any participant: ask for rows about the
        # target, then keep those where it is the target
        targets = queries.names_of(db, entity_ids(db, target))
        about = about or target
        keep = lambda row: row.get("target") in targets  # noqa: E731
    filters = Filters(actor=actor, about=about, type=category, since=since, until=until)
    result = queries.paged(events, db, filters, paging, q, keep)
    return {**result.to_dict(), "items": network.paint(result.items)}


@router.get("/stance", summary="Who speaks for and against an actor, or whom a speaker supports and opposes")
def get_stance(db: Db, actor: Who = None, speaker: Who = None,
               include_neutral: Annotated[bool, Query()] = False,
               since: Since = None, until: Until = None,
               limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT) -> dict[str, Any]:
    if (actor is None) == (speaker is None):
        raise ApiError(400, "give exactly one of actor= or speaker=")
    filters = stance.StanceFilters(since=since, until=until, include_neutral=include_neutral, limit=limit)
    rows = stance.toward(db, actor, filters) if actor else stance.held_by(db, speaker, filters)
    return {"actor": actor, "speaker": speaker, "items": rows.dicts()}


@router.get("/claims", summary="Claims compared across sources: corroborated or contradicted")
def get_claims(db: Db, about: Who = None,
               kind: Annotated[Literal["figure", "event", "relation"] | None, Query()] = None,
               contradictions: Annotated[bool, Query()] = False,
               since: Since = None, until: Until = None,
               limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT) -> dict[str, Any]:
    filters = claims.ClaimFilters(about=about, kind=kind, contradictions=contradictions,
                                  since=since, until=until, limit=limit)
    return {"about": about, "items": [g.to_dict() for g in claims.claims(db, filters)]}


@router.get("/graph", summary="An entity's neighbourhood, or the most-mentioned actors")
def get_graph(db: Db, entity: Who = None,
              depth: Annotated[int, Query(ge=1, le=network.MAX_DEPTH)] = 1,
              limit: Annotated[int, Query(ge=1, le=network.MAX_NODES)] = 60) -> dict[str, Any]:
    if entity is None:
        return network.overview(db, limit).to_dict()
    return network.neighbourhood(db, entity_ids(db, entity)[0], depth, limit).to_dict()


Doc = Annotated[str | None, Query(min_length=1, max_length=300, description="article key or id")]


def _selected(db: Store, entity: str | None, document: str | None) -> tuple[str | None, str | None]:
    """(entity id, article key) of a selection named by the client."""
    if entity and document:
        raise ApiError(400, "give at most one of entity= or document=")
    key = entity_ids(db, entity)[0] if entity else None
    return key, (queries.document(db, document)["key"] if document else None)


@router.get("/places", summary="Geocoded places of the corpus, an entity's articles, or one article")
def list_places(db: Db, entity: Who = None, document: Doc = None,
                limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = MAX_LIMIT) -> dict[str, Any]:
    key, doc_key = _selected(db, entity, document)
    rows = queries.places(db, key, doc_key, limit)
    for row in rows:  # the marker's colour: the PLOVER tone of the commonest event there
        top = next(iter(row["events"]), None)
        row["colour"] = network.colour(network.tone(top)) if top else network.RELATION_COLOUR
    return {"ok": True, "entity": key, "document": doc_key, "items": rows, "legend": network.legend()}


@router.get("/places/{place}", summary="The articles and events at one place, within a selection")
def one_place(db: Db, place: Annotated[str, Path(**NAME, description="place entity id or name")],
              entity: Who = None, document: Doc = None,
              limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT) -> dict[str, Any]:
    key, doc_key = _selected(db, entity, document)
    found = db.fetch("SELECT id, name, type, country FROM entities WHERE id = ?",
                     [entity_ids(db, place)[0]]).dicts()[0]
    view = queries.place_view(db, found["id"], key, doc_key, limit)
    return {"ok": True, "place": found, **view, "events": network.paint(view["events"])}


@router.get("/documents", summary="Articles; q matches title or text")
def list_documents(db: Db, paging: Paging, q: Q = None) -> dict[str, Any]:
    return queries.documents(db, q, paging).to_dict()


@router.get("/documents/{document}", summary="An article's text with all its spans")
def one_document(db: Db, document: Annotated[str, Path(min_length=1, max_length=300)]) -> dict[str, Any]:
    view = queries.document_view(db, document)
    return {**view, "events": network.paint(view["events"])}
