"""Is an article English? py3langid (a naive Bayes identifier over byte n-grams) on its prose.

Only the prose is judged: lines with enough words. Result tables, stock prices and lists are
mostly names and numbers, on which any identifier guesses; they cannot make an English article
"not English". An article is skipped only when the identifier is confident its prose is in
another language (setting `foreign_language_confidence`).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from newsgraph.errors import InputError
from newsgraph.settings import load_settings

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

PROSE_LINE_WORDS = 6       # a line with fewer words is a heading, a table row or a list item
MIN_PROSE_WORDS = 20       # less prose than this cannot be judged: the article passes
SAMPLE_CHARS = 5000        # enough prose for a confident answer; the cost stays flat
WORD = re.compile(r"[^\W\d_]{2,}")


@lru_cache(maxsize=1)
def identifier() -> "LanguageIdentifier":
    """Loaded once per process, when the first article is judged (about 0.6 s)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def prose_of(text: str, limit: int = SAMPLE_CHARS) -> str:
    """The article's prose lines, up to `limit` characters: what a language can be told from."""
    kept: list[str] = []
    size = words = 0
    for line in _lines(text):
        count = len(WORD.findall(line))
        if count >= PROSE_LINE_WORDS:
            kept.append(line)
            size += len(line)
            words += count
            if size >= limit:
                break
    return "\n".join(kept) if words >= MIN_PROSE_WORDS else ""


def _lines(text: str):
    """Non-blank lines, lazily: a text of half a million newlines costs one pass."""
    for match in re.finditer(r"[^\n]*\S[^\n]*", text):
        yield match.group()


def language_of(text: str) -> tuple[str, float] | None:
    """(ISO 639-1 code, probability) of the prose, or None when there is too little prose."""
    prose = prose_of(text)
    if not prose:
        return None
    code, probability = identifier().classify(prose[:SAMPLE_CHARS])
    return code, probability


def judge_language(text: str) -> None:
    """Raise an InputError when the prose is confidently not English."""
    found = language_of(text)
    if found is None:
        return
    code, probability = found
    if code != "en" and probability >= load_settings().foreign_language_confidence:
        raise InputError(f"is not in English (its prose reads as {code!r}; newsgraph reads English news)",
                         remedy="translate it first or leave it out")
