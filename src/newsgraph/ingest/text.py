"""Bytes to text, and the cheap checks that keep junk out of the parser."""
from __future__ import annotations

import re

from newsgraph.errors import InputError
from newsgraph.settings import load_settings

# The most frequent English function words: their share of the words tells English from not.
ENGLISH_WORDS = frozenset(
    "the of and to in a is that for on with as by was said it at from he his be are has have "
    "an not this which but were its will they who had their been after also would she her more "
    "than about one we there or new over".split())
MIN_WORDS_TO_JUDGE = 20
WORD = re.compile(r"[A-Za-z]+")


def decode(data: bytes, origin: str) -> tuple[str, tuple[str, ...]]:
    """UTF-8 text (a BOM dropped), falling back to cp1252 with a warning."""
    if not data.strip():
        raise InputError("is empty", remedy="give it some article text")
    if b"\x00" in data[:4096]:
        raise InputError("looks binary (NUL bytes)", remedy="pass a text, HTML or JSONL file")
    try:
        return data.decode("utf-8-sig"), ()
    except UnicodeDecodeError as exc:
        warning = (f"{origin}: not valid UTF-8 at byte {exc.start}; read as cp1252 "
                   "(re-save the file as UTF-8 to silence this)")
        return data.decode("cp1252", errors="replace"), (warning,)


def check_text(text: str) -> str:
    """The text itself, once it is known to be non-empty English prose."""
    if not text.strip():
        raise InputError("has no text", remedy="give it some article text")
    words = WORD.findall(text[:20000])
    if len(words) >= MIN_WORDS_TO_JUDGE:
        share = sum(w.lower() in ENGLISH_WORDS for w in words) / len(words)
        if share < load_settings().min_english_ratio:
            raise InputError("is not in English (newsgraph reads English news)",
                             remedy="translate it first or leave it out")
    elif not words:
        raise InputError("has no words", remedy="give it some article text")
    return text
