"""Numbers as written in news text: digits with separators, scale words and spelled-out words.

A library module (registers no extractor): figures and dates read numbers through it. The words
are data (`resources/number_words.tsv`, `resources/scales.tsv`), so users can extend them.
"""
from __future__ import annotations

import re
from functools import lru_cache

from newsgraph.extract.lexicon import rows

# "1,100", "21", "3.5"; "1 100" is not accepted (a space usually separates two numbers).
DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")


@lru_cache(maxsize=1)
def number_words() -> dict[str, tuple[float, str]]:
    """word -> (value, kind) with kind "unit" or "hundred"; scale words come from scales()."""
    return {r["word"].lower(): (float(r["value"]), r["kind"]) for r in rows("number_words")}


@lru_cache(maxsize=1)
def scales() -> dict[str, tuple[float, bool]]:
    """scale word -> (multiplier, may be glued to digits)."""
    return {r["word"].lower(): (float(r["multiplier"]), r["attached"] == "yes") for r in rows("scales")}


def full_scale(word: str) -> float | None:
    """Multiplier of a free-standing scale word ("million"), not of a bare letter like "m"."""
    found = scales().get(word.lower())
    return found[0] if found and not found[1] else None


def digits_value(text: str) -> float | None:
    """"1,100" -> 1100.0; None when `text` is not a plain written number."""
    text = text.strip()
    return float(text.replace(",", "")) if DIGITS.match(text) else None


def spelled_value(words: list[str]) -> float | None:
    """Value of spelled-out words: ["two", "hundred", "and", "fifty"] -> 250; None if any word is not a number."""
    parts = [p for w in words for p in w.lower().split("-") if p and p != "and"]
    if not parts:
        return None
    total = group = 0.0
    seen = False
    for part in parts:
        if part in number_words():
            value, kind = number_words()[part]
            group = (group or 1) * value if kind == "hundred" else group + value
        elif (scale := full_scale(part)) is not None:
            total += (group or 1) * scale
            group = 0.0
        else:
            return None
        seen = True
    return total + group if seen else None


def word_value(word: str) -> float | None:
    """One token as a number: digits ("1,100") or a spelled word ("six", "twenty-five")."""
    return digits_value(word) if word[:1].isdigit() else spelled_value([word])
