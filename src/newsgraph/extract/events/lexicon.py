"""The event extractor's data: PLOVER triggers, light verbs and modality cues, and how they match.

Everything here is read from documented files in `resources/` (see its README):
`plover_triggers.tsv`, `event_light_verbs.txt`, `event_modality.tsv`, `event_forces.txt`,
`event_causatives.txt`.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from lemminflect import getAllInflectionsOOV
from spacy.tokens import Token

from newsgraph.errors import ConfigError
from newsgraph.extract.lemmas import forms
from newsgraph.extract.lexicon import rows, words
from newsgraph.model.records import PLOVER_ACTIONS

NEEDS_OBJECT = "+obj"
NEEDS_INFINITIVE = "+inf"                 # "called Russia to withdraw", "told the army to stop"
# Dependents whose words can satisfy a trigger's requirement.
_VERB_SLOTS = frozenset({"prt", "prep", "dative", "agent"})
_OBJECT_SLOTS = frozenset({"dobj", "nsubjpass", "attr"})
_MODIFIERS = frozenset({"compound", "amod", "nmod"})


@dataclass(frozen=True, slots=True)
class Trigger:
    """One lexicon row: a lemma that names an event of `category` when its requirements hold."""

    lemma: str
    pos: str                              # verb | noun
    category: str
    needs: frozenset[str]                 # any one of these words must be around the trigger
    forbids: frozenset[str]               # none of these may be
    needs_object: bool
    needs_infinitive: bool = False


@dataclass(frozen=True, slots=True)
class Cue:
    word: str
    relation: str                         # aux | neg | det | advmod | mark | prep | governor
    effect: str                           # negated | future | hypothetical | conditional


def _trigger(row: dict[str, str]) -> Trigger:
    if row["category"] not in PLOVER_ACTIONS or row["pos"] not in {"verb", "noun"}:
        raise ConfigError(f"trigger row {row} has an unknown category or part of speech",
                          origin="plover_triggers.tsv", remedy=f"use verb|noun and one of {', '.join(PLOVER_ACTIONS)}")
    parts = {p.strip().lower() for p in row["requires"].split(",") if p.strip()}
    return Trigger(lemma=row["trigger"].lower(), pos=row["pos"], category=row["category"],
                   needs=frozenset(p for p in parts if p[0] not in "!+"),
                   forbids=frozenset(p[1:] for p in parts if p.startswith("!")),
                   needs_object=NEEDS_OBJECT in parts, needs_infinitive=NEEDS_INFINITIVE in parts)


@lru_cache(maxsize=1)
def triggers() -> dict[tuple[str, str], tuple[Trigger, ...]]:
    """(lemma, pos) -> rows, the ones with requirements first (they are more specific)."""
    table: dict[tuple[str, str], list[Trigger]] = {}
    for row in rows("plover_triggers"):
        trig = _trigger(row)
        table.setdefault((trig.lemma, trig.pos), []).append(trig)
    return {key: tuple(sorted(found, key=lambda t: not (t.needs or t.needs_object or t.needs_infinitive)))
            for key, found in table.items()}


@lru_cache(maxsize=1)
def light_verbs() -> frozenset[str]:
    return frozenset(w.lower() for w in words("event_light_verbs"))


@lru_cache(maxsize=1)
def forces() -> frozenset[str]:
    return frozenset(w.lower() for w in words("event_forces"))


@lru_cache(maxsize=1)
def causatives() -> frozenset[str]:
    return frozenset(w.lower() for w in words("event_causatives"))


def is_force(token: Token) -> bool:
    """"troops", "forces", "warplanes"? (see `event_forces.txt`)"""
    return noun_lemma(token) in forces()


@lru_cache(maxsize=1)
def cues() -> dict[tuple[str, str], str]:
    """(word, relation) -> effect."""
    return {(r["cue"].lower(), r["relation"]): r["effect"] for r in rows("event_modality")}


@lru_cache(maxsize=2)
def _inflections(pos: str) -> dict[str, str]:
    """Inflected form -> lemma for every word the event lexicons name as this part of speech."""
    rows_ = [t for found in triggers().values() for t in found]
    if pos == "VERB":
        known = {t.lemma for t in rows_ if t.pos == "verb"} | light_verbs()
    else:
        known = {t.lemma for t in rows_ if t.pos == "noun"} | {w for t in rows_ for w in t.needs | t.forbids}
    known |= {word for word, relation in cues() if relation == "governor"}
    known |= forces() | causatives()
    table = dict(forms(frozenset(known), pos))
    for word in known:                     # words lemminflect's table lacks ("airstrike")
        for variants in getAllInflectionsOOV(word, upos=pos).values():
            for form in variants:
                table.setdefault(form.lower(), word)
    return table


def noun_lemma(token: Token) -> str:
    """"sanctions" -> "sanction" for the words the lexicons know; others as written, lower-cased."""
    return _inflections("NOUN").get(token.lower_, token.lower_)


def lemma(token: Token) -> str:
    """Verbs and auxiliaries as verbs ("lent" -> "lend"), everything else as nouns."""
    if token.pos_ in {"VERB", "AUX"}:
        return _inflections("VERB").get(token.lower_, token.lower_)
    return noun_lemma(token)


def _words_around(token: Token) -> set[str]:
    """Particles, prepositions and object words of a verb; modifiers and prepositions of a noun."""
    found: set[str] = set()
    if token.dep_ == "acl" and token.tag_ == "VBN":
        found.add(noun_lemma(token.head))  # "hostages held by the rebels": the head is the object
    for child in token.children:
        if child.dep_ in _VERB_SLOTS:
            found.add(child.lower_)
            if token.pos_ == "NOUN":           # "a ban on travel"
                found.update(noun_lemma(o) for o in child.children if o.dep_ == "pobj")
        elif child.dep_ in _MODIFIERS:
            found.update(w for w in child.lower_.split("-"))
            found.add(noun_lemma(child))
        elif child.dep_ in _OBJECT_SLOTS:
            found.add(noun_lemma(child))
            found.update(noun_lemma(m) if m.dep_ in _MODIFIERS else m.lower_   # "invested billions in"
                         for m in child.children if m.dep_ in _MODIFIERS or m.dep_ == "prep")
    return found


def has_object(token: Token) -> bool:
    """A transitive use: a direct or indirect object, a passive subject, or a passive participle."""
    return any(c.dep_ in {"dobj", "dative", "nsubjpass", "auxpass"} for c in token.children) or (
        token.dep_ == "acl" and token.tag_ == "VBN") or any(   # "allow the US to push"
        c.dep_ == "ccomp" and {"to"} & {a.lower_ for a in c.children} for c in token.children)


def has_infinitive(token: Token) -> bool:
    """The verb governs a to-infinitive: "urged Russia to withdraw", "refused to lift"."""
    return any(c.dep_ in {"xcomp", "ccomp"} and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
               for c in token.children)


def _fits(trig: Trigger, token: Token, around: set[str]) -> bool:
    if trig.forbids & around:
        return False
    if trig.needs_object and not has_object(token):
        return False
    if trig.needs_infinitive and not has_infinitive(token):
        return False
    return not trig.needs or bool(trig.needs & around)


def trigger_of(token: Token) -> Trigger | None:
    """The lexicon row a verb or common noun token triggers, if any."""
    pos = {"VERB": "verb", "NOUN": "noun"}.get(token.pos_)
    if pos is None:
        return None
    candidates = triggers().get((lemma(token), pos), ())
    if not candidates:
        return None
    around = _words_around(token)
    return next((t for t in candidates if _fits(t, token, around)), None)


def strongest(effects: Iterable[str]) -> str:
    """The modality a set of cues gives: conditional > hypothetical > future > asserted."""
    order = ("asserted", "future", "hypothetical", "conditional")
    return max((e for e in effects if e in order), key=order.index, default="asserted")
