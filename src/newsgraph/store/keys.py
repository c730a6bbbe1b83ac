"""Deterministic keys: the same text or the same entity always gets the same id."""
from __future__ import annotations

import hashlib
import re
import unicodedata

_SPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """NFC, one space for every run of whitespace, no edges: copies that differ only in
    line wrapping or a trailing newline are the same document."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def document_key(text: str) -> str:
    """The document key: SHA-1 of the normalised text."""
    return hashlib.sha1(normalise_text(text).encode("utf-8")).hexdigest()


def fold(name: str) -> str:
    """A name as compared: case, curly apostrophes, full stops and spacing do not tell names
    apart ("U.S." is "US", "George W. Bush" is "George W Bush")."""
    return _SPACE.sub(" ", name.replace("\u2019", "'").replace(".", "")).strip().casefold()


def tidy(name: str) -> str:
    """A name as stored: one space between words, none at the edges."""
    return _SPACE.sub(" ", name).strip()


def entity_id(family: str, name: str, country: str | None) -> str:
    """A corpus entity id derived from what first defined it, so a rebuild gives the same ids."""
    digest = hashlib.sha1(f"{family}|{fold(name)}|{country or ''}".encode("utf-8")).hexdigest()
    return f"E{digest[:12]}"


def skip_key(origin: str, line: int | None, reason: str) -> str:
    return hashlib.sha1(f"{origin}|{line}|{reason}".encode("utf-8")).hexdigest()
