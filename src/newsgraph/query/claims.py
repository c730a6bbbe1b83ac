"""The claims ledger: every figure, event and relation as a claim, grouped with the claims about
the same thing from other articles, and judged corroborated or contradicted.

A claim has a claimant (the speaker of the quote it sits in, else the figure's cited source,
else the outlet), an outlet (the article's source, else its web domain, else the article), a
date and a polarity: `asserted`, `denied` (negated) or `hypothetical` (hypothetical or
conditional modality). Groups:
- figures by subject, measure, period (the figure's own time, else the article's date) and
  unit; a figure whose subject only the article's topic supplies (`subject_from: "article"`)
  is left out: a guessed subject is not a claim about it;
  currencies are never converted here (a figure restated in another currency in the same
  sentence, "$6bn (£3.2bn)", is one claim with its conversion, not two);
- events by actor, action and target, within a date window of `EVENT_WINDOW_DAYS`;
- relations by subject, predicate and object, within `RELATION_WINDOW_DAYS` (a membership can
  change: "not a member" in one year and "a member" two years later is news, not a contradiction).
Figures agree when they lie within `TOLERANCE` of each other (or their bounds and ranges
overlap: "more than 40" agrees with 45); events and relations agree when their polarity does.
Disagreeing claims from different articles (or, for polarity, from different claimants)
contradict. Copies of one story are one source: a near-duplicate is never stored as a second
article (it is a row of `duplicates`), and exact copies from other outlets are counted as reach
(`copies`), never as corroboration. Claims are computed at query time from the stored rows.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from urllib.parse import urlparse

from newsgraph.query.filters import checked_date, entity_ids
from newsgraph.store import Rows, Store

TOLERANCE = 0.02            # relative difference under which two figures agree
APPROXIMATE_TOLERANCE = 0.10  # when either figure is approximate ("about 40")
EVENT_WINDOW_DAYS = 7
RELATION_WINDOW_DAYS = 365
SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[A-Z\"“‘(])")


@dataclass(frozen=True)
class Claim:
    kind: str                    # figure | event | relation
    document: str                # the article's id (the caller's, else its key)
    doc: str                     # documents.key: with start and end, opens the sentence
    outlet: str
    claimant: str | None
    date: str | None
    polarity: str                # asserted | denied | hypothetical
    value: float | None          # figures: the value (high end for ranges in value_high)
    value_high: float | None
    bound: str | None
    approximate: bool
    text: str                    # what the claim says, as written ("$21 billion", "sent")
    sentence: str                # filled for the groups a query returns (read from the article)
    start: int
    end: int
    copies: int = 0              # other outlets' copies of its article: reach, not corroboration
    published: str | None = None  # the article's date


@dataclass
class ClaimGroup:
    kind: str
    about: str | None            # the subject / actor, by name
    what: str                    # the thing claimed: measure and unit, action and target, predicate
    period: str | None
    claims: list[Claim] = field(default_factory=list)
    status: str = "single"       # single | corroborated | contradicted
    sides: list[list[int]] = field(default_factory=list)  # indexes into claims, one list per side

    @property
    def outlets(self) -> list[str]:
        return sorted({c.outlet for c in self.claims})

    @property
    def reach(self) -> int:
        """Articles carrying these claims, copies from other outlets included."""
        return sum(1 + copies for copies in {c.document: c.copies for c in self.claims}.values())

    def summary(self) -> str:
        """'40 (Reuters) vs 52 (Xinhua, AP)' or 'asserted (Reuters) vs denied (Kremlin)'."""
        parts = []
        for side in self.sides:
            claims = [self.claims[i] for i in side]
            label = _value_label(claims[0]) if self.kind == "figure" else claims[0].polarity
            who = sorted({c.claimant or c.outlet for c in claims})
            parts.append(f"{label} ({', '.join(who)})")
        return " vs ".join(parts)

    def rank(self) -> tuple:
        spread = 0.0
        if self.kind == "figure" and self.status == "contradicted":
            values = [c.value for c in self.claims if c.value is not None]
            spread = (max(values) - min(values)) / max(abs(v) for v in values) if values else 0.0
        return (self.status == "contradicted", len(self.outlets),
                len({c.claimant for c in self.claims}), spread)

    def to_dict(self) -> dict:
        return {"kind": self.kind, "about": self.about, "what": self.what, "period": self.period,
                "status": self.status, "summary": self.summary(), "outlets": self.outlets,
                "reach": self.reach,
                "sides": self.sides, "claims": [asdict(c) for c in self.claims]}


@dataclass(frozen=True)
class ClaimFilters:
    about: str | None = None
    kind: str | None = None
    contradictions: bool = False
    since: str | None = None
    until: str | None = None
    limit: int | None = 50


def claims(store: Store, filters: ClaimFilters = ClaimFilters()) -> list[ClaimGroup]:
    """Claim groups, most contested and most widely sourced first."""
    for option, value in (("--since", filters.since), ("--until", filters.until)):
        if value:
            checked_date(value, option)
    ids = entity_ids(store, filters.about) if filters.about else None
    groups: list[ClaimGroup] = []
    kinds = (filters.kind,) if filters.kind else ("figure", "event", "relation")
    if "figure" in kinds:
        # a toll "since 2002" told in March and in July may both be right: figures compare
        # only between articles published within the window
        groups += _judged(_windowed(_figure_groups(store, ids), EVENT_WINDOW_DAYS, by_published=True),
                          _figures_agree)
    if "event" in kinds:
        groups += _judged(_windowed(_fact_groups(store, "event", ids), EVENT_WINDOW_DAYS), _same_polarity)
    if "relation" in kinds:
        groups += _judged(_windowed(_fact_groups(store, "relation", ids), RELATION_WINDOW_DAYS),
                          _same_polarity)
    groups = [g for g in groups if _in_dates(g, filters)]
    if filters.contradictions:
        groups = [g for g in groups if g.status == "contradicted"]
    else:
        groups = [g for g in groups if len({c.document for c in g.claims}) > 1 or g.status != "single"]
    groups.sort(key=lambda g: g.rank(), reverse=True)
    groups = groups[:filters.limit] if filters.limit else groups
    return _with_sentences(store, groups)


def as_rows(groups: list[ClaimGroup]) -> Rows:
    """One row per group, for tables and CSV."""
    columns = ("status", "kind", "about", "what", "period", "sides", "outlets", "claims", "reach")
    return Rows(columns, tuple((g.status, g.kind, g.about, g.what, g.period, g.summary(),
                                ", ".join(g.outlets), len(g.claims), g.reach) for g in groups))


# -- reading claims from the store -----------------------------------------------------------

_DOC = """coalesce(d.source, d.url, coalesce(d.caller_id, d.key)) AS outlet_raw,
          coalesce(d.caller_id, d.key) AS document, d.key AS doc_key, d.published,
          (SELECT count(*) FROM copies cp WHERE cp.key = d.key)
          + (SELECT count(*) FROM duplicates du WHERE du.duplicate_of = d.key) AS copies"""

# The speaker of the quote a fact sits in, if any: that person or body makes the claim.
_QUOTED_BY = """(SELECT any_value(sp.name) FROM quotes q JOIN entities sp ON sp.id = q.speaker
                 WHERE q.doc = x.doc AND q."start" <= x."start" AND x."end" <= q."end")"""


def _figure_groups(store: Store, ids: list[str] | None) -> Iterator[ClaimGroup]:
    about = "AND list_contains(?, x.subject)" if ids else ""
    rows = store.fetch(f"""
        SELECT s.name AS about, lower(coalesce(x.measure, '')) AS measure,
               coalesce(x.normalized_unit, x.unit) AS unit,
               coalesce(x.time, d.published) AS period, x.normalized_value, x.value, x.value_high,
               x.bound, x.approximate, x.text, x."start", x."end",
               coalesce({_QUOTED_BY}, c.name) AS claimant, {_DOC}
        FROM figures x JOIN documents d ON d.key = x.doc JOIN entities s ON s.id = x.subject
        LEFT JOIN entities c ON c.id = x.source
        WHERE x.linked_to IS NULL AND x.measure IS NOT NULL
          AND coalesce(x.subject_from, '') <> 'article' {about}
        ORDER BY about, measure, unit, period, d.published, x.doc, x.seq""",
        [ids] if ids else []).dicts()
    grouped: dict[tuple, ClaimGroup] = {}
    for row in rows:
        key = (row["about"], row["measure"], row["unit"], row["period"])
        group = grouped.setdefault(key, ClaimGroup("figure", row["about"],
                                                   f"{row['measure']} ({row['unit']})", row["period"]))
        scale = (row["normalized_value"] / row["value"]) if row["value"] and row["normalized_value"] else 1.0
        high = row["value_high"] * scale if row["value_high"] is not None else None
        group.claims.append(_claim("figure", row, value=row["normalized_value"] or row["value"],
                                   value_high=high, bound=row["bound"],
                                   approximate=bool(row["approximate"]), polarity="asserted"))
    return iter(grouped.values())


def _fact_groups(store: Store, kind: str, ids: list[str] | None) -> Iterator[ClaimGroup]:
    if kind == "event":
        select = """a.name AS about, x.action || coalesce(' ' || t.name, '') AS what,
                    coalesce(x.date, d.published) AS day, x.trigger AS text, x.negated, x.modality"""
        joins = """FROM events x JOIN documents d ON d.key = x.doc JOIN entities a ON a.id = x.actor
                   LEFT JOIN entities t ON t.id = x.target"""
        about = "AND (list_contains(?, x.actor) OR list_contains(?, x.target))" if ids else ""
    else:
        select = """a.name AS about, x.predicate || ' ' || t.name AS what, d.published AS day,
                    substr(d.text, x."start" + 1, x."end" - x."start") AS text, x.negated,
                    coalesce(json_extract_string(x.data, '$.modality'), 'asserted') AS modality"""
        joins = """FROM relations x JOIN documents d ON d.key = x.doc JOIN entities a ON a.id = x.subject
                   JOIN entities t ON t.id = x.object"""
        about = "AND (list_contains(?, x.subject) OR list_contains(?, x.object))" if ids else ""
    rows = store.fetch(f"""
        SELECT {select}, x."start", x."end", {_QUOTED_BY} AS claimant, {_DOC}
        {joins} WHERE true {about}
        ORDER BY about, what, day NULLS LAST, x.doc, x.seq""", [ids, ids] if ids else []).dicts()
    grouped: dict[tuple, ClaimGroup] = {}
    for row in rows:
        group = grouped.setdefault((row["about"], row["what"]), ClaimGroup(kind, row["about"], row["what"], None))
        polarity = ("hypothetical" if row["modality"] in ("hypothetical", "conditional")
                    else "denied" if row["negated"] else "asserted")
        group.claims.append(_claim(kind, {**row, "period": row["day"]}, value=None,
                                   value_high=None, bound=None, approximate=False, polarity=polarity))
    return iter(grouped.values())


def _claim(kind: str, row: dict, **values) -> Claim:
    return Claim(kind=kind, document=row["document"], doc=row["doc_key"], outlet=_outlet(row["outlet_raw"]),
                 claimant=row["claimant"], date=row["period"], text=row["text"] or "", sentence="",
                 start=row["start"], end=row["end"], copies=row["copies"], published=row["published"],
                 **values)


def _outlet(raw: str) -> str:
    if raw.startswith(("http://", "https://")):
        host = urlparse(raw).hostname or raw
        return host.removeprefix("www.")
    return raw


def _with_sentences(store: Store, groups: list[ClaimGroup]) -> list[ClaimGroup]:
    """Each claim of the returned groups with its sentence, cut from its article's text (one
    query for all the articles involved)."""
    keys = sorted({c.doc for g in groups for c in g.claims})
    texts = dict(store.fetch("SELECT key, text FROM documents WHERE list_contains(?, key)", [keys]).rows) if keys else {}
    for group in groups:
        group.claims = [replace(c, sentence=_sentence(texts.get(c.doc, ""), c.start, c.end)) for c in group.claims]
    return groups


def _sentence(text: str, start: int, end: int) -> str:
    left = max((m.end() for m in SENTENCE_END.finditer(text, 0, start)), default=0)
    right = next((m.start() for m in SENTENCE_END.finditer(text, end)), len(text))
    return " ".join(text[left:right].split())


# -- judging ---------------------------------------------------------------------------------

def _windowed(groups: Iterable[ClaimGroup], days: int, *, by_published: bool = False) -> Iterator[ClaimGroup]:
    """Split each group where its claims' dates (or their articles' dates) are more than
    `days` apart."""
    when = (lambda c: c.published or "") if by_published else (lambda c: c.date or "")
    for group in groups:
        current: ClaimGroup | None = None
        last: date | None = None
        for claim in sorted(group.claims, key=when):
            day = _day(when(claim))
            if current is None or (day and last and (day - last).days > days):
                if current is not None:
                    yield current
                current = ClaimGroup(group.kind, group.about, group.what, group.period or claim.date)
            current.claims.append(claim)
            last = day or last
        if current is not None:
            yield current


def _judged(groups: Iterable[ClaimGroup], agree) -> list[ClaimGroup]:
    judged = []
    for group in groups:
        sides: list[list[int]] = []
        for i, claim in enumerate(group.claims):
            if claim.polarity == "hypothetical":
                continue  # neither corroborates nor contradicts
            side = next((s for s in sides if agree(group.claims[s[0]], claim)), None)
            if side is None:
                sides.append([i])
            else:
                side.append(i)
        group.sides = sides
        group.status = _status(group, sides)
        judged.append(group)
    return judged


def _status(group: ClaimGroup, sides: list[list[int]]) -> str:
    documents = [{group.claims[i].document for i in side} for side in sides]
    if len(sides) > 1:
        across = len(set().union(*documents)) > 1
        claimants = {group.claims[i].claimant or group.claims[i].outlet for side in sides for i in side}
        if across or (group.kind != "figure" and len(claimants) > 1):
            return "contradicted"
    outlets = [{group.claims[i].outlet for i in side} for side in sides]
    return "corroborated" if any(len(o) > 1 for o in outlets) else "single"


def _figures_agree(a: Claim, b: Claim) -> bool:
    low_a, high_a = _interval(a)
    low_b, high_b = _interval(b)
    if low_a <= high_b and low_b <= high_a:
        return True
    tolerance = APPROXIMATE_TOLERANCE if (a.approximate or b.approximate) else TOLERANCE
    gap = min(abs(low_a - high_b), abs(low_b - high_a))
    return gap <= tolerance * max(abs(a.value or 0), abs(b.value or 0), 1e-9)


def _interval(claim: Claim) -> tuple[float, float]:
    """The values a figure allows: a range, an open bound ("more than 40"), or one value."""
    value = claim.value or 0.0
    if claim.value_high is not None:
        return value, claim.value_high
    if claim.bound == "min":
        return value, float("inf")
    if claim.bound == "max":
        return float("-inf"), value
    return value, value


def _same_polarity(a: Claim, b: Claim) -> bool:
    return a.polarity == b.polarity


def _value_label(claim: Claim) -> str:
    value = f"{claim.value:,.6g}" if claim.value is not None else "?"
    if claim.value_high is not None:
        value += f"–{claim.value_high:,.6g}"
    return {"min": "≥", "max": "≤"}.get(claim.bound or "", "") + value


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text and len(text) >= 10 else None
    except ValueError:
        return None


def _in_dates(group: ClaimGroup, filters: ClaimFilters) -> bool:
    dates = [c.date for c in group.claims if c.date]
    if filters.since and not any(d >= filters.since for d in dates):
        return False
    if filters.until and not any(d[:len(filters.until)] <= filters.until for d in dates):
        return False
    return True
