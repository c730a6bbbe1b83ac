"""The sentiment lexicon: VADER's (vaderSentiment, a well-kept lexicon for news and social text).

Loaded once per process. VADER scores words from -4 to +4 and handles negation ("not good"),
intensifiers ("very") and contrast ("but") when it scores a phrase; `valence` exposes the plain
word scores that tone counts.
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from vaderSentiment.vaderSentiment import NEGATE, SentimentIntensityAnalyzer


@lru_cache(maxsize=1)
def analyzer() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


def valence(word: str) -> float:
    """The lexicon score of one word (lower-cased), 0.0 when the lexicon does not know it."""
    return analyzer().lexicon.get(word.lower(), 0.0)


def compound(text: str) -> float:
    """VADER's normalised score of a phrase, -1 .. +1, negation and intensifiers included."""
    return analyzer().polarity_scores(text)["compound"]


def is_negator(word: str) -> bool:
    return word.lower() in NEGATE or word.lower().endswith("n't")


def deciding_words(words: Iterable[str], sign: float) -> tuple[str, ...]:
    """The words of a phrase that pushed its score the way it went, and any negators."""
    return tuple(w for w in words if is_negator(w) or valence(w) * sign > 0)
