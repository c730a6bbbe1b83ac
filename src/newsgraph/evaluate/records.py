"""Scoring records against hand-made gold files (`*.gold.json`, the format of shared/seed and
shared/dev, documented in docs/accuracy.md).

Matching is lenient on purpose: entities match by canonical name or alias, quotes by a snippet
of their words and their speaker, figures by value and unit (miles and kilometres convert),
relations by predicate and both ends, roles by person, title words and office, events by
PLOVER action, actor and target. Gold items marked "optional" count when found and are not
missed when absent. A section the gold leaves empty is not scored.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from newsgraph.errors import InputError
from newsgraph.evaluate.matching import (PRF, Finding, mean, norm, one_line, sentence_at, sentence_with,
                                        sentences)

SECTIONS = ("entities", "quotes", "figures", "relations", "roles", "events")
SYMMETRIC_PREDICATES = frozenset({"borders", "ally_of"})
TO_KM = {"mi": 1.609344, "km": 1.0}
FIGURE_TOLERANCE = 0.01   # relative: "about 4.5 million" may be written 4,512,000
NOT_FACTS = ("hypothetical", "conditional")   # event modalities that are not reported facts


@dataclass(frozen=True)
class SectionScore:
    prf: PRF
    extra: Mapping[str, float] = field(default_factory=dict)   # type accuracy, span recall, ...

    def to_dict(self) -> dict:
        return {"precision": self.prf.precision, "recall": self.prf.recall, "f1": self.prf.f1,
                "predicted": self.prf.predicted, "gold": self.prf.gold, **self.extra}


@dataclass(frozen=True)
class ArticleScore:
    document: str
    sections: Mapping[str, SectionScore]
    findings: tuple[Finding, ...]
    has_record: bool = True

    @property
    def macro_f1(self) -> float:
        return mean(s.prf.f1 for s in self.sections.values())

    def to_dict(self) -> dict:
        return {"document": self.document, "macro_f1": self.macro_f1, "has_record": self.has_record,
                **{name: s.to_dict() for name, s in self.sections.items()}}


@dataclass(frozen=True)
class GoldFile:
    path: Path
    data: dict

    @property
    def document(self) -> str:
        return str(self.data.get("document") or self.path.name.removesuffix(".gold.json"))

    @property
    def document_id(self) -> str:
        """The id a record of this article carries: the document's file name without extension."""
        return Path(self.document).stem


def read_gold_dir(folder: str | Path) -> list[GoldFile]:
    """Every *.gold.json in `folder`, by name."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError("not a folder", origin=str(folder), remedy="give the folder holding *.gold.json files")
    golds = []
    for path in sorted(folder.glob("*.gold.json")):
        try:
            golds.append(GoldFile(path, json.loads(path.read_text(encoding="utf-8"))))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise InputError(f"not a JSON gold file ({exc})", origin=str(path)) from None
    if not golds:
        raise InputError("holds no *.gold.json files", origin=str(folder),
                         remedy="see docs/accuracy.md for the gold format")
    return golds


class GoldEntities:
    """Maps record entity ids and gold names onto gold entities (by index)."""

    def __init__(self, gold: dict, record: dict) -> None:
        self.gold = gold.get("entities") or []
        self.keys = [{norm(g["name"]), *map(norm, g.get("aliases") or [])} for g in self.gold]
        self.by_id = {e.get("id"): e for e in record.get("entities") or []}

    def index_of(self, entity: dict | None) -> int | None:
        """The gold entity a record entity stands for: by its name, else by a gold name among its aliases."""
        if entity is None:
            return None
        names = [norm(entity.get("name")), *(norm(a) for a in entity.get("aliases") or [])]
        hits = [i for i, keys in enumerate(self.keys) if names[0] in keys]
        if not hits:
            hits = [i for i, g in enumerate(self.gold) if norm(g["name"]) in names]
        if len(hits) > 1:  # one name, several gold entities (Beijing the city, and China)
            hits = [i for i in hits if self.gold[i].get("type") == entity.get("type")] or hits
        return hits[0] if hits else None

    def of_id(self, entity_id: str | None) -> int | None:
        return self.index_of(self.by_id.get(entity_id))

    def named(self, name: str | None) -> int | None:
        key = norm(name)
        return next((i for i, keys in enumerate(self.keys) if key in keys), None)

    def is_any(self, entity_id: str | None, names: Iterable[str]) -> bool:
        """Whether the record entity is one of the gold `names`; a generic actor
        ("protesters") with no gold entity matches by its own name."""
        names = list(names)
        got = self.of_id(entity_id)
        if got is not None and any(self.named(n) == got for n in names):
            return True
        entity = self.by_id.get(entity_id)
        return entity is not None and norm(entity.get("name")) in {norm(n) for n in names}

    def name(self, entity_id: str | None) -> str | None:
        return (self.by_id.get(entity_id) or {}).get("name")


class _Scoring:
    """One gold file against one record; `note` collects findings with their passage."""

    def __init__(self, gold: GoldFile, record: dict) -> None:
        self.gold, self.record = gold.data, record
        self.document = gold.document_id
        self.text = (record.get("document") or {}).get("text") or ""
        self.ents = GoldEntities(self.gold, record)
        self.findings: list[Finding] = []

    def note(self, section: str, kind: str, item: str, context: str = "") -> None:
        self.findings.append(Finding(self.document, section, kind, item, context))

    def at(self, span: object) -> str:
        """The sentence of a record item's [start, end] span."""
        if isinstance(span, (list, tuple)) and len(span) == 2:
            return sentence_at(self.text, span[0], span[1])
        return ""

    def mention_context(self, entity: dict | None) -> str:
        mentions = (entity or {}).get("mentions") or []
        first = mentions[0] if mentions else None
        return self.at(first.get("span") if isinstance(first, dict) else first)

    def optional_filter(self, items: list[dict]) -> list[dict]:
        return [g for g in items if not g.get("optional")]

    # --- sections

    def entities(self) -> SectionScore:
        in_scope = [e for e in self.record.get("entities") or [] if e.get("type") != "DATE"]
        gold = self.gold["entities"]
        seen: set[int] = set()
        right = type_ok = 0
        for e in in_scope:
            i = self.ents.index_of(e)
            if i is None:
                self.note("entities", "false positive", f"{e.get('name')} ({e.get('type')})", self.mention_context(e))
            elif i in seen:
                self.note("entities", "duplicate (not merged)", f"{e.get('name')} -> {gold[i]['name']}",
                          self.mention_context(e))
            else:
                seen.add(i)
                right += 1
                type_ok += e.get("type") == gold[i].get("type")
        required = [i for i, g in enumerate(gold) if not g.get("optional")]
        for i in required:
            if i not in seen:
                self.note("entities", "missed", gold[i]["name"], self.first_sentence_of(gold[i]))
        found = sum(i in seen for i in required)
        return SectionScore(PRF.of(right, len(in_scope), found, len(required)),
                            {"type_accuracy": round(type_ok / len(seen), 3) if seen else 0.0})

    def first_sentence_of(self, gold_entity: dict) -> str:
        for name in (gold_entity["name"], *(gold_entity.get("aliases") or [])):
            found = sentence_with(self.text, name)
            if found:
                return found
        return ""

    def quote_match(self, quote: dict, g: dict) -> tuple[bool, bool]:
        """(words match, speaker matches too)."""
        if norm(g["contains"]) not in norm(quote.get("text")):
            return False, False
        if g.get("speaker") is None:
            return True, True
        return True, self.ents.of_id(quote.get("speaker")) == self.ents.named(g["speaker"])

    def quotes(self) -> SectionScore:
        quotes, golds = self.record.get("quotes") or [], self.gold["quotes"]
        right = 0
        for q in quotes:
            if any(all(self.quote_match(q, g)) for g in golds):
                right += 1
            else:
                self.note("quotes", "false positive or misattributed",
                          f"{one_line(q.get('text') or '', 70)} speaker: {self.ents.name(q.get('speaker'))}",
                          self.at(q.get("span")))
        required = self.optional_filter(golds)
        found = attributed = 0
        for g in required:
            hits = [self.quote_match(q, g) for q in quotes]
            words_hit, full_hit = any(h[0] for h in hits), any(all(h) for h in hits)
            found += words_hit
            attributed += full_hit
            if not full_hit:
                self.note("quotes", "speaker wrong" if words_hit else "missed", f"{g.get('speaker')}: {g['contains']!r}",
                          sentence_with(self.text, g["contains"]))
        return SectionScore(PRF.of(right, len(quotes), attributed, len(required)), {
            "span_recall": round(found / len(required), 3) if required else 1.0,
            "attribution_accuracy": round(attributed / found, 3) if found else 0.0})

    def figures(self) -> SectionScore:
        figures, golds = self.record.get("figures") or [], self.gold["figures"]
        right = 0
        for f in figures:
            if any(figure_matches(f, g) for g in golds):
                right += 1
            else:
                self.note("figures", "false positive", f"{f.get('text')!r} = {f.get('value')} {f.get('unit')}",
                          self.at(f.get("span")))
        required = self.optional_filter(golds)
        found = subject_ok = measure_ok = 0
        for g in required:
            hits = [f for f in figures if figure_matches(f, g)]
            context = sentence_with(self.text, g.get("contains"))
            if not hits:
                self.note("figures", "missed", f"{g.get('contains')!r} = {g['value']} {g['unit']}", context)
                continue
            found += 1
            names = g.get("subject_any") or []
            if not names or any(self.ents.is_any(f.get("subject"), names) or self.ents.is_any(f.get("object"), names)
                                for f in hits):
                subject_ok += 1
            else:
                self.note("figures", "subject wrong", f"{g.get('contains')!r}: gold {names}, got "
                          f"{[self.ents.name(f.get('subject')) for f in hits]}", context)
            words = g.get("measure_any") or []
            if not words or any(any(w in norm(f.get("measure")) for w in words) for f in hits):
                measure_ok += 1
            else:
                self.note("figures", "measure wrong", f"{g.get('contains')!r}: gold {words}, got "
                          f"{[f.get('measure') for f in hits]}", context)
        return SectionScore(PRF.of(right, len(figures), found, len(required)), {
            "subject_accuracy": round(subject_ok / found, 3) if found else 0.0,
            "measure_accuracy": round(measure_ok / found, 3) if found else 0.0})

    def relation_match(self, rel: dict, g: dict) -> bool:
        if rel.get("predicate") not in g.get("predicate_any", [g.get("predicate")]):
            return False
        got = self.ents.of_id(rel.get("subject")), self.ents.of_id(rel.get("object"))
        want = self.ents.named(g["subject"]), self.ents.named(g["object"])
        if want[0] is None:
            return False
        return got == want or (rel.get("predicate") in SYMMETRIC_PREDICATES and got[::-1] == want)

    def relations(self) -> SectionScore:
        return self.pairs_section(
            "relations", self.record.get("relations") or [], self.relation_match,
            lambda r: f"{self.ents.name(r.get('subject'))} {r.get('predicate')} {self.ents.name(r.get('object'))}",
            lambda r: self.at(r.get("span")),
            lambda g: f"{g['subject']} {g.get('predicate') or g.get('predicate_any')} {g['object']}",
            lambda g: self.sentence_with_both(g["subject"], g["object"]))

    def roles(self) -> SectionScore:
        pairs = [(e, r) for e in self.record.get("entities") or [] for r in e.get("roles") or []]
        return self.pairs_section(
            "roles", pairs, lambda pair, g: self.role_match(pair[0], pair[1], g),
            lambda p: f"{p[0].get('name')}: {p[1].get('title')!r} of {self.ents.name(p[1].get('of'))}",
            lambda p: self.mention_context(p[0]),
            lambda g: f"{g['person']}: {g['title_any']} of {g.get('of_any')}",
            lambda g: sentence_with(self.text, g["person"]))

    def role_match(self, entity: dict, role: dict, g: dict) -> bool:
        if self.ents.index_of(entity) != self.ents.named(g["person"]):
            return False
        if not any(norm(w) in norm(role.get("title")) for w in g["title_any"]):
            return False
        return not g.get("of_any") or self.ents.is_any(role.get("of"), g["of_any"])

    def event_match(self, ev: dict, g: dict) -> bool:
        if ev.get("action") not in g["action_any"]:
            return False
        actor_ok = self.ents.is_any(ev.get("actor"), g["actor_any"]) or (
            bool(g.get("actor_may_be_null")) and ev.get("actor") is None)
        target_ok = (self.ents.is_any(ev.get("target"), g["target_any"])
                     or self.ents.is_any(ev.get("location"), g["target_any"]))
        return actor_ok and target_ok

    def events(self) -> SectionScore:
        # Only reported facts count on either side: reporting a gold event marked negated or
        # hypothetical as a plain fact is a false positive.
        events = [e for e in self.record.get("events") or [] if is_reported_fact(e)]
        return self.pairs_section(
            "events", events, self.event_match,
            lambda e: f"{self.ents.name(e.get('actor'))} {e.get('action')} {self.ents.name(e.get('target'))} "
                      f"({e.get('trigger')!r})",
            lambda e: self.at(e.get("span")),
            lambda g: f"{g['actor_any'][0]} {g['action_any']} {g['target_any'][0]}"
                      + (f" - {g['note']}" if g.get("note") else ""),
            lambda g: self.sentence_with_both(g["actor_any"][0], g["target_any"][0]),
            golds=[g for g in self.gold["events"] if is_reported_fact(g)])

    def sentence_with_both(self, first: str, second: str) -> str:
        """A sentence naming both ends of a gold fact, else one naming the first."""
        for sentence in sentences(self.text):
            if first.lower() in sentence.lower() and second.lower() in sentence.lower():
                return " ".join(sentence.split())[:240]
        return sentence_with(self.text, first)

    def pairs_section(self, section: str, predicted: list, matches: Callable[[object, dict], bool],
                      describe: Callable[[object], str], context: Callable[[object], str],
                      describe_gold: Callable[[dict], str], gold_context: Callable[[dict], str],
                      golds: list[dict] | None = None) -> SectionScore:
        """Precision over predictions matching any gold item, recall over required gold items."""
        golds = self.gold[section] if golds is None else golds
        right = 0
        for item in predicted:
            if any(matches(item, g) for g in golds):
                right += 1
            else:
                self.note(section, "false positive", describe(item), context(item))
        required = self.optional_filter(golds)
        found = 0
        for g in required:
            if any(matches(item, g) for item in predicted):
                found += 1
            else:
                self.note(section, "missed", describe_gold(g), gold_context(g))
        return SectionScore(PRF.of(right, len(predicted), found, len(required)))


@cache
def unit_aliases() -> dict[str, str]:
    """resources/unit_aliases.tsv: written form -> unit."""
    raw = resources.files("newsgraph.evaluate").joinpath("resources", "unit_aliases.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in raw.splitlines() if line.strip() and not line.startswith("#"))
    return {alias: unit.strip() for alias, unit in rows}


def unit_of(unit: object) -> str | None:
    if unit is None:
        return None
    return unit_aliases().get(str(unit).strip().lower(), str(unit).strip())


def figure_matches(fig: dict, g: dict) -> bool:
    """Same value (within 1%) in the same unit; miles and kilometres convert."""
    try:
        value = float(fig.get("value"))
    except (TypeError, ValueError):
        return False
    unit, gold_unit, gold_value = unit_of(fig.get("unit")), unit_of(g["unit"]), g["value"]
    if unit in TO_KM and gold_unit in TO_KM:   # both lengths: compare in kilometres
        value, gold_value = value * TO_KM[unit], gold_value * TO_KM[gold_unit]
    elif unit != gold_unit:
        return False
    return abs(value - gold_value) <= FIGURE_TOLERANCE * abs(gold_value)


def is_reported_fact(event: dict) -> bool:
    return not event.get("negated") and event.get("modality") not in NOT_FACTS


def score_article(gold: GoldFile, record: dict | None) -> ArticleScore:
    """One gold file against the record of its article (None: no record, scored as empty)."""
    scoring = _Scoring(gold, record or {"document": {"id": gold.document_id}})
    sections = {name: getattr(scoring, name)() for name in SECTIONS if gold.data.get(name)}
    return ArticleScore(gold.document_id, sections, tuple(scoring.findings), record is not None)


@dataclass(frozen=True)
class SetScore:
    """Means over the articles of a gold folder."""

    articles: tuple[ArticleScore, ...]

    def means(self) -> dict[str, float]:
        out = {}
        for name in SECTIONS:
            scores = [a.sections[name].prf.f1 for a in self.articles if name in a.sections]
            if scores:
                out[name] = mean(scores)
        out["macro_f1"] = mean(a.macro_f1 for a in self.articles)
        # subject and measure accuracy over the figures found; an article that finds none counts 0
        figures = [a.sections["figures"] for a in self.articles if "figures" in a.sections]
        figures = [f for f in figures if f.prf.gold]
        if figures:
            out["figure_subject_accuracy"] = mean(f.extra["subject_accuracy"] for f in figures)
            out["figure_measure_accuracy"] = mean(f.extra["measure_accuracy"] for f in figures)
        return out

    @property
    def findings(self) -> list[Finding]:
        return [f for a in self.articles for f in a.findings]

    def to_dict(self) -> dict:
        return {**self.means(), "articles": len(self.articles),
                "without_record": [a.document for a in self.articles if not a.has_record],
                "per_article": [a.to_dict() for a in self.articles]}


def score_records(golds: Iterable[GoldFile], records: Mapping[str, dict]) -> SetScore:
    """Each gold file against the record whose document id is its document's name (with or
    without extension)."""
    scores = []
    for gold in golds:
        record = records.get(gold.document) or records.get(gold.document_id)
        scores.append(score_article(gold, record))
    return SetScore(tuple(scores))
