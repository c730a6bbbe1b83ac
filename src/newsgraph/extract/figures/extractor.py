"""Figures as claims: value and unit, what is measured, about whom, when, and who says so.

Amounts come from `quantities.find_amounts` (units, scales, hedges as data files); the parse gives
measure, subject and object (`_figure_frame`); the sentence gives the time (spaCy DATE spans through
`dates.normalize_time`, anchored on the publication date) and the source ("according to ...",
"figures from ...", "the Kremlin said"). A figure that its own syntax leaves unexplained takes the
measure and subject of the one before it in the sentence ("$21 billion, compared to $10 billion with
Russia"), and a parenthetical conversion ("$6bn (£3.2bn)") is linked to the figure it converts.
Counts of things other than people come from the parse (`counts.py`), with their noun as the unit.
A figure its sentence gives no subject takes the article's topic (its most-mentioned place), marked
`subject_from="article"`; a figure inside a quote takes the quote's speaker as its source.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc, Span

from newsgraph.extract.figures.counts import find_counts
from newsgraph.extract.figures.frame import Frame, canonical_measure, entity_in_phrase, frame_of, governor
from newsgraph.extract.figures.dates import normalize_time
from newsgraph.extract.lexicon import rows
from newsgraph.extract.figures.quantities import Amount, find_amounts
from newsgraph.extract.registry import Context, TableSection, register
from newsgraph.extract.places.gazetteer import gazetteer
from newsgraph.model import ArticleRecord, Entity, EntityIndex, Figure, Quantity, Quote

PLACES = frozenset({"COUNTRY", "REGION", "CITY", "LOCATION"})
NOT_TOPICAL = frozenset({"duration", "age", "length"})     # unit kinds the article's topic never explains
_CONVERSION_OPEN = re.compile(r"\s*\(\s*(?:or|about|around|roughly|some|approximately|c\.)?\s*$", re.I)
_CONVERSION_CLOSE = re.compile(r"[^()]{0,24}\)")       # "(about $1.7 billion U.S. dollars)"
# "50.2 percent of the ballots cast, or 4,521,032 votes": the same share in other units
_RESTATED = re.compile(r"(?:\s+of\s+[^,;.()]{0,60})?,?\s+or\s+(?:about|some|around|roughly|nearly)?\s*$", re.I)


@lru_cache(maxsize=1)
def _source_phrases() -> tuple[frozenset[str], frozenset[str]]:
    """(cue phrases, reporting verb lemmas) from `resources/figure_sources.tsv`."""
    cues = frozenset(r["phrase"].lower() for r in rows("figure_sources") if r["kind"] == "cue")
    verbs = frozenset(r["phrase"].lower() for r in rows("figure_sources") if r["kind"] == "verb")
    return cues, verbs


@lru_cache(maxsize=1)
def _cue_pattern() -> re.Pattern[str]:
    cues, _ = _source_phrases()
    return re.compile(r"\b(?:" + "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True)) + r")\b", re.I)


@register
class RuleFigures:
    name = "figures.rules.v1"
    section = "figures"
    requires = ("quotes",)

    def extract(self, doc: Doc, context: Context) -> list[Figure]:
        text = context.document.text                    # Doc.text rebuilds the string on every access
        amounts = find_amounts(text)
        amounts = [a for a in amounts if not _names_a_thing(doc, a)]
        counts = find_counts(doc, text, amounts)
        nouns = {a.start: _people_noun(a) for a in amounts} | {c.amount.start: c.of for c in counts}
        amounts = sorted(amounts + [c.amount for c in counts], key=lambda a: a.start)
        if not amounts:
            return []
        dates = [e for e in doc.ents if e.label_ == "DATE"]
        quotes = [q for q in context.section("quotes") if isinstance(q, Quote) and q.speaker]
        figures: list[Figure] = []
        for sentence in _sentences_with(doc, amounts):
            inside = [a for a in amounts if sentence.start_char <= a.start < sentence.end_char]
            figures.extend(self._sentence(doc, sentence, inside, dates, context, len(figures)))
        topic = article_topic(context.entities, context.document.title)
        kinds = {a.start: a.unit.kind for a in amounts}
        return [_finished(f, nouns, kinds, quotes, topic) for f in figures]

    def _sentence(self, doc: Doc, sentence: Span, amounts: list[Amount], dates: list[Span], context: Context,
                  offset: int) -> list[Figure]:
        entities = context.entities
        times = _times(sentence, amounts, dates, context.document.published)
        source = _source(sentence, amounts, entities)
        made: list[Figure] = []
        for amount in amounts:
            span = doc.char_span(amount.start, amount.end, alignment_mode="expand")
            frame = frame_of(span, entities, amount.unit) if span is not None else Frame()
            figure = _figure(f"f{offset + len(made) + 1}", amount, frame, _nearest(times, amount),
                             source or _verb_source(span, entities))
            made.append(_completed(figure, frame, made, context.document.text))
        return made

    def table(self, record: ArticleRecord) -> Sequence[TableSection]:
        if not record.figures:
            return ()
        rows_ = tuple((f.id, claim(f, record)) for f in record.figures)
        return (TableSection(f"Figures ({len(record.figures)})", ("id", "claim"), rows_),)


def _figure(figure_id: str, amount: Amount, frame: Frame, time: str | None, source: str | None) -> Figure:
    unit = amount.unit
    normalized = (Quantity(amount.value * unit.factor, unit.base) if unit.base
                  else Quantity(amount.value, unit.code))
    return Figure(id=figure_id, text=amount.text, span=(amount.start, amount.end), value=amount.value,
                  unit=unit.code, normalized=normalized, approximate=amount.approximate,
                  measure=frame.measure, subject=frame.subject, object=frame.object, time=time,
                  source=source, bound=amount.bound, value_high=amount.value_high)


def _names_a_thing(doc: Doc, amount: Amount) -> bool:
    """"300 police buses": a people-word modifying a noun counts that noun (left to `counts`)."""
    if amount.unit.kind != "people":
        return False
    span = doc.char_span(amount.start, amount.end, alignment_mode="expand")
    return span is not None and span[-1].dep_ == "compound" and span[-1].head.i == span.end \
        and span[-1].head.pos_ == "NOUN"


def article_topic(entities: EntityIndex, title: str | None = None) -> str | None:
    """The place the article is about: the one its title names ("Ghanaians elect new President"),
    else the first place its lead names that it mentions again, else its most-mentioned place."""
    places = [e for e in entities.entities if e.type in PLACES and e.mentions]
    if not places:
        return None
    if title and (named := _place_in_title(places, title)) is not None:
        return named
    first = sorted(places, key=lambda e: min(e.mentions)[0])
    repeated = [e for e in first if len(e.mentions) > 1]
    if repeated:
        return repeated[0].id
    counts = Counter({e.id: len(e.mentions) for e in places})
    return max(counts, key=lambda i: counts[i])


def _place_in_title(places: list[Entity], title: str) -> str | None:
    """The place a title names or names the people of ("Ghanaians elect ..."): the one after "in"
    ("... clash with police in Tibet"), else the one the text mentions most; never one the title
    is against ("Anti-China protesters")."""
    found: list[tuple[bool, int, str]] = []
    for word in re.finditer(r"(?<![Aa]nti-)(?<![Pp]ro-)[A-Z][\w'’]+(?:[ -][A-Z][\w'’]+)*", title):
        for piece in (word[0], *word[0].split("-")):
            known = gazetteer().demonym(piece) or gazetteer().demonym(piece.rstrip("s"))
            names = {piece.casefold(), known.name.casefold()} if known else {piece.casefold()}
            match = next((e for e in places if {e.name.casefold(), *(a.casefold() for a in e.aliases)} & names), None)
            if match is not None:
                located = re.search(r"\b(?:in|at)\s+$", title[:word.start()]) is not None
                found.append((located, len(match.mentions), match.id))
                break
    return max(found)[2] if found else None


def _people_noun(amount: Amount) -> str | None:
    """"2,000 troops" -> "troops"; "30 people", "164 dead" keep no noun."""
    surface = amount.unit.surface.lower()
    if amount.unit.kind != "people" or surface in ("people", "persons") or canonical_measure(surface) != surface:
        return None
    return surface


def _finished(figure: Figure, nouns: dict[int, str | None], kinds: dict[int, str], quotes: list[Quote],
              topic: str | None) -> Figure:
    """The people-noun kept, the quote's speaker as source, the article's topic as a last subject
    (not for periods, ages and distances: "two days", "age 19" say nothing about a country)."""
    of = nouns.get(figure.span[0])
    speaker = next((q.speaker for q in quotes if q.span[0] <= figure.span[0] and figure.span[1] <= q.span[1]), None)
    subject, subject_from = figure.subject, None
    topical = kinds.get(figure.span[0]) not in NOT_TOPICAL
    if subject is None and figure.object is None and topic is not None and topical:
        subject, subject_from = topic, "article"
    # the sentence's own "the Kremlin said" names the source as written; the quote's speaker
    # (resolved across the article) stands in when the sentence names none
    return replace(figure, of=of, source=figure.source or speaker, subject=subject, subject_from=subject_from)


def _completed(figure: Figure, frame: Frame, before: list[Figure], text: str) -> Figure:
    """Fill what the figure's own syntax left open from the figure before it in the sentence."""
    if not before:
        return figure
    previous = before[-1]
    if _is_conversion(previous, figure, text):
        return replace(figure, linked_to=previous.id, measure=previous.measure, subject=previous.subject,
                       object=previous.object, time=figure.time or previous.time)
    if figure.measure is None:
        figure = replace(figure, measure=previous.measure, subject=figure.subject or previous.subject)
    if figure.subject is None and frame.pronoun:
        figure = replace(figure, subject=previous.subject)   # "its narrow 47-mile border"
    return figure


def _is_conversion(previous: Figure, figure: Figure, text: str) -> bool:
    """"$6bn (£3.2bn)", "1,100 miles (1,770 km)", "49.8 percent or 4.4 million votes": the second is
    the first in other units."""
    between = text[previous.span[1]:figure.span[0]]
    if _RESTATED.fullmatch(between):
        return True
    return bool(_CONVERSION_OPEN.fullmatch(between)) and bool(_CONVERSION_CLOSE.match(text, figure.span[1]))


def _sentences_with(doc: Doc, amounts: list[Amount]) -> list[Span]:
    """The sentences holding amounts, found from the sentence-start array: walking `doc.sents`
    (or `token.sent`) builds a Token per word and cost more than the rest of the extractor."""
    starts = [i for i, flag in enumerate(doc.to_array("SENT_START").tolist()) if flag == 1 or i == 0]
    token_starts = doc.to_array("IDX").tolist()
    chosen: dict[int, Span] = {}
    for amount in amounts:
        first = bisect_right(starts, bisect_right(token_starts, amount.start) - 1) - 1
        end = starts[first + 1] if first + 1 < len(starts) else len(doc)
        chosen.setdefault(first, doc[starts[first]:end])
    return [chosen[k] for k in sorted(chosen)]


def _times(sentence: Span, amounts: list[Amount], dates: list[Span],
           published: str | None) -> list[tuple[int, str]]:
    """(offset, ISO value) of the sentence's time expressions that are not themselves figures."""
    found = []
    for ent in dates:
        inside = sentence.start_char <= ent.start_char < sentence.end_char
        if not inside or any(a.start < ent.end_char and ent.start_char < a.end for a in amounts):
            continue
        value = normalize_time(ent.text, published)
        if value is not None:
            found.append((ent.start_char, value.value))
    return found


def _nearest(times: list[tuple[int, str]], amount: Amount) -> str | None:
    if not times:
        return None
    return min(times, key=lambda t: abs(t[0] - amount.start))[1]


def _source(sentence: Span, amounts: list[Amount], entities: EntityIndex) -> str | None:
    """"according to 2019 estimates from the Carnegie Moscow Center": the first entity after a cue,
    an organisation or person before a place ("according to China's Xinhua News Agency")."""
    for at in _cue_pattern().finditer(sentence.text):
        start = sentence.start_char + at.end()
        end = min([a.start for a in amounts if a.start > start] + [sentence.end_char])
        named = [e for _, e in entities.mentions_in(start, end)]
        if named:
            return next((e for e in named if e.type not in PLACES), named[0]).id
    return None


def _verb_source(span: Span | None, entities: EntityIndex) -> str | None:
    """"..., the Kremlin said": the subject of a reporting verb above the figure."""
    _, verbs = _source_phrases()
    token = governor(span.root) if span is not None else None
    while token is not None:
        if token.lower_ in verbs:
            for child in token.children:
                if child.dep_ == "nsubj" and (found := entity_in_phrase(child, entities)) is not None:
                    return found.id
        token = governor(token.head) if token.head.i != token.i else None
    return None


def claim(figure: Figure, record: ArticleRecord) -> str:
    """"Kazakhstan — total trade with China — $21 billion — 2020 — source: Carnegie Moscow Center";
    a subject only the article's topic gives is bracketed ("[Ghana] — turnout — 69.52%")."""
    def name(entity_id: str | None) -> str | None:
        entity = record.entity(entity_id)
        return entity.name if entity else None

    subject = name(figure.subject)
    measure = figure.measure if figure.measure != subject else None
    if subject and figure.subject_from == "article":
        subject = f"[{subject}]"                            # the article's topic, not the sentence's
    if figure.object and (counterpart := name(figure.object)):
        measure = f"{measure or ''} {_preposition(figure, record)} {counterpart}".strip()
    value = re.sub(r"(\d)-(?=[a-z])", r"\1 ", re.sub(r"([$£€¥₽₸₹])\s+", r"\1", figure.text))
    value = {"min": "more than ", "max": "up to "}.get(figure.bound or "", "") + \
        ("about " if figure.approximate else "") + value
    parts = [subject, measure, value, figure.time]
    if figure.source:
        parts.append(f"source: {name(figure.source)}")
    if figure.linked_to:
        parts.append(f"(= {figure.linked_to})")
    return " — ".join(p for p in parts if p)


def _preposition(figure: Figure, record: ArticleRecord) -> str:
    """The word before the counterpart's nearest mention ("trade with China"), else "with"."""
    entity = record.entity(figure.object)
    if entity is None or not entity.mentions:
        return "with"
    start = min(entity.mentions, key=lambda m: abs(m[0] - figure.span[0]))[0]
    before = re.search(r"(\w+)\s+(?:the\s+)?$", record.document.text[max(0, start - 20):start])
    word = before[1].lower() if before else ""
    return word if word in ("with", "to", "from", "between", "against", "for", "in", "by") else "with"
