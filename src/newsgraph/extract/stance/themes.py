"""Themes of an article from the taxonomy in `resources/themes.tsv` (data, user-extensible).

A theme holds when its trigger lemmas occur at least `MIN_HITS` times: one stray "vote" does
not make an article about elections. Matching is on lower-cased lemmas, so "protesters" and
"protested" both count for `protest`; multi-word triggers match consecutive lemmas.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from newsgraph.extract.lemmas import forms
from newsgraph.extract.lexicon import rows
from newsgraph.extract.registry import Context, TableSection, register
from newsgraph.model import ArticleRecord, Theme

MIN_HITS = 2
MAX_WORDS = 5   # trigger words kept as evidence per theme


@dataclass(frozen=True, slots=True)
class ThemeRow:
    name: str
    gkg: str | None


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[\w']+|[^\w\s]", phrase.lower()))


@lru_cache(maxsize=1)
def triggers() -> dict[str, list[tuple[tuple[str, ...], ThemeRow]]]:
    """First word of a trigger -> (its words, its theme), longest triggers first."""
    table: dict[str, list[tuple[tuple[str, ...], ThemeRow]]] = defaultdict(list)
    for row in rows("themes"):
        theme = ThemeRow(row["theme"], row["gkg"] or None)
        for trigger in row["triggers"].split("|"):
            words = _words(trigger)
            if words:
                table[words[0]].append((words, theme))
    for entries in table.values():
        entries.sort(key=lambda entry: -len(entry[0]))
    return dict(table)


@lru_cache(maxsize=1)
def _inflected() -> dict[str, str]:
    """Inflected forms of every trigger word ("protesters", "protested") -> the trigger word."""
    words = frozenset(w for entries in triggers().values() for words, _ in entries for w in words)
    return {**forms(words, "VERB"), **forms(words, "NOUN")}


def find_themes(doc: Doc) -> list[Theme]:
    lowers = [t.lower_ for t in doc]
    lemmas = [_inflected().get(w, w) for w in lowers]
    hits: dict[ThemeRow, list[tuple[int, int]]] = defaultdict(list)
    table = triggers()
    i = 0
    while i < len(doc):
        match = _match_at(table, lemmas, lowers, i)
        if match is None:
            i += 1
            continue
        length, theme = match
        hits[theme].append((i, i + length))
        i += length
    found = []
    for theme, spans in hits.items():
        if len(spans) < MIN_HITS:
            continue
        words = tuple({doc[s:e].text.lower(): doc[s:e].text for s, e in spans}.values())[:MAX_WORDS]
        first = doc[spans[0][0]:spans[0][1]]
        found.append(Theme(name=theme.name, gkg=theme.gkg, count=len(spans), words=words,
                           span=(first.start_char, first.end_char)))
    return sorted(found, key=lambda t: (-t.count, t.name))


def _match_at(table, lemmas: list[str], lowers: list[str], i: int) -> tuple[int, ThemeRow] | None:
    for key in dict.fromkeys((lemmas[i], lowers[i])):
        for words, theme in table.get(key, ()):
            end = i + len(words)
            if end <= len(lemmas) and all(w in (lemmas[j], lowers[j]) for w, j in zip(words, range(i, end))):
                return len(words), theme
    return None


@register
class ThemeExtractor:
    name = "themes.lexicon.v1"
    section = "themes"
    requires: tuple[str, ...] = ()

    def extract(self, doc: Doc, context: Context) -> list[Theme]:
        return find_themes(doc)

    def table(self, record: ArticleRecord) -> list[TableSection]:
        if not record.themes:
            return []
        return [TableSection("Themes", ("theme", "GKG", "count", "words"),
                             tuple((t.name, t.gkg or "", str(t.count), ", ".join(t.words))
                                   for t in record.themes))]
