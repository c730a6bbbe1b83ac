"""The records that cross pipeline stages: plain frozen dataclasses, character offsets, no spaCy.

Field names follow `spec/extraction.md`; `ArticleRecord.to_dict()` is the JSON every surface speaks.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

Span = tuple[int, int]  # character offsets into Document.text, end exclusive

ENTITY_TYPES = ("PERSON", "ORG", "IGO", "COUNTRY", "REGION", "CITY", "LOCATION", "GROUP", "OTHER")
PLACE_TYPES = frozenset({"COUNTRY", "REGION", "CITY", "LOCATION"})
PLOVER_ACTIONS = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
RELATION_PREDICATES = (
    "member_of", "leader_of", "spokesperson_for", "affiliated_with", "located_in",
    "capital_of", "headquartered_in", "borders", "ally_of", "part_of",
)
SYMMETRIC_PREDICATES = frozenset({"borders", "ally_of"})
# Sections of a record holding one row per fact, stored in a table of the same name.
FACT_SECTIONS = ("quotes", "figures", "relations", "events", "places", "stances", "tones", "themes")


@dataclass(frozen=True, slots=True)
class Article:
    """One article as read from its input, before any language processing."""

    text: str
    origin: str                      # where it came from: a path, "path:line", or "<stdin>"
    id: str | None = None            # the caller's own id (JSONL `id`), if any
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None     # YYYY-MM-DD
    warnings: tuple[str, ...] = ()   # non-fatal notes from reading (e.g. a cp1252 fallback)


@dataclass(frozen=True, slots=True)
class Skip:
    """An input that could not become an article, and why; recorded, never raised through a batch."""

    origin: str
    reason: str
    line: int | None = None

    def message(self) -> str:
        where = f"{self.origin}:{self.line}" if self.line is not None else self.origin
        return f"{where}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    language: str = "en"
    origin: str | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Mention:
    """One typed surface mention of an actor or place, before mentions are merged into entities."""

    start: int
    end: int
    text: str
    type: str                        # one of ENTITY_TYPES
    name: str                        # the name it stands for ("China" for "Chinese", "Xi Jinping" for "Mr. Xi")
    country: str | None = None       # ISO alpha-2 when known
    metonym: bool = False            # a capital or demonym standing for its state


@dataclass(frozen=True, slots=True)
class Role:
    title: str
    of: str | None = None            # entity id of the organisation or state
    former: bool = False
    span: Span | None = None
    person: str | None = None        # entity id of the holder (set by the extractor; folded into Entity.roles)
    since: str | None = None         # ISO date or year the office was taken ("from 1997", "since 2019")
    until: str | None = None         # ISO date or year it ended ("to 2007")


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    mentions: tuple[Span, ...] = ()
    roles: tuple[Role, ...] = ()


@dataclass(frozen=True, slots=True)
class Quote:
    id: str
    text: str
    span: Span
    speaker: str | None
    speaker_text: str | None
    cue: str | None
    kind: str                        # direct | indirect | mixed (a reported clause with quoted words)
    confidence: float
    date: str | None = None          # ISO date of the statement: a date in its sentence, else the article's


@dataclass(frozen=True, slots=True)
class Quantity:
    value: float
    unit: str


@dataclass(frozen=True, slots=True)
class Figure:
    id: str
    text: str
    span: Span
    value: float
    unit: str
    normalized: Quantity | None = None
    approximate: bool = False
    measure: str | None = None
    subject: str | None = None
    object: str | None = None
    time: str | None = None
    source: str | None = None
    bound: str | None = None         # "min" (more than, at least) | "max" (up to, less than)
    value_high: float | None = None  # upper end of a range
    linked_to: str | None = None     # id of the figure this one converts ("$6bn (£3.2bn)")
    of: str | None = None            # the people-noun a count of `people` was written with ("soldiers")
    subject_from: str | None = None  # "article": the sentence names no subject, the article's topic is used


@dataclass(frozen=True, slots=True)
class Relation:
    subject: str
    predicate: str
    object: str
    span: Span
    confidence: float
    negated: bool = False            # "Finland is not a member of NATO"
    modality: str = "asserted"       # asserted | hypothetical ("could join", "its bid to join")
    since: str | None = None         # ISO date or year it began ("joined NATO in 2004")
    until: str | None = None         # ISO date or year it ended

    @property
    def reported(self) -> bool:
        """A standing fact as the article tells it: neither negated nor only possible."""
        return not self.negated and self.modality == "asserted"


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    action: str
    actor: str | None
    target: str | None
    location: str | None
    date: str | None
    trigger: str
    negated: bool
    modality: str                    # asserted | future | hypothetical | conditional
    span: Span
    confidence: float
    date_source: str | None = None   # "text": the sentence's own date; "article": publication date stands in


@dataclass(frozen=True, slots=True)
class Place:
    entity: str
    lat: float
    lon: float
    country: str | None
    geonames_id: int | None
    feature: str | None = None
    admin1: str | None = None
    evidence: str | None = None      # why this gazetteer entry was chosen ("in Kyrgyzstan; capital")
    mentions: tuple[Span, ...] = ()  # the entity's mentions at this point: Egypt's covers "Egypt"; a
                                     # capital acting for it ("Cairo said") has a place of its own


@dataclass(frozen=True, slots=True)
class Stance:
    """Where a speaker stands toward an actor (or a thing named in words), and why we think so."""

    holder: str | None               # entity id of the speaker or acting side
    target: str | None               # entity id of what the stance is toward, if an entity
    target_text: str                 # the words naming the target ("outside forces", "Tokayev")
    stance: str                      # support | oppose | neutral
    score: float                     # -1 (strongly against) .. +1 (strongly for)
    words: tuple[str, ...]           # the words that decided it ("praised", "not", "condemn")
    basis: str                       # "event" (a coded event) or "quote" (what the speaker said)
    evidence: str | None             # id of the quote or event it comes from
    span: Span                       # the sentence (or quote) that shows it


@dataclass(frozen=True, slots=True)
class Tone:
    """GKG-style tone of the whole article (entity None) or of the sentences naming one actor."""

    entity: str | None
    tone: float                      # positive - negative, in % of words (GKG V1.5TONE field 1)
    positive: float                  # % of words with positive valence
    negative: float                  # % of words with negative valence
    polarity: float                  # positive + negative
    activity: float                  # % of words that are verbs (GKG: activity reference density)
    self_reference: float            # % of words that are first-person pronouns
    words: int                       # words counted


@dataclass(frozen=True, slots=True)
class Theme:
    """A theme of the article from the bundled taxonomy (resources/themes.tsv)."""

    name: str                        # our theme name, e.g. armed_conflict
    gkg: str | None                  # the GDELT GKG theme name where one exists, e.g. ARMEDCONFLICT
    count: int                       # how many trigger words the article has
    words: tuple[str, ...]           # the trigger words found, as written, at most a few
    span: Span | None = None         # the first trigger


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """Everything extracted from one article: the unit stored, exported and served."""

    document: Document
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    figures: tuple[Figure, ...] = ()
    relations: tuple[Relation, ...] = ()
    events: tuple[Event, ...] = ()
    places: tuple[Place, ...] = ()
    stances: tuple[Stance, ...] = ()
    tones: tuple[Tone, ...] = ()
    themes: tuple[Theme, ...] = ()
    extractors: tuple[str, ...] = field(default=())  # versioned names of the extractors that ran

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for entity in data["entities"]:
            for role in entity["roles"]:
                role.pop("person", None)
        # `relations` lists the reported facts (what scorers count); negated and hypothetical
        # ones follow in `flagged_relations`, each with its flags.
        data["flagged_relations"] = [r for r, kept in zip(data["relations"], self.relations) if not kept.reported]
        data["relations"] = [r for r, kept in zip(data["relations"], self.relations) if kept.reported]
        return _lists(data)

    def entity(self, entity_id: str | None) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)


def _lists(value: Any) -> Any:
    """Tuples become lists so the record round-trips through JSON unchanged."""
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_lists(v) for v in value]
    return value
