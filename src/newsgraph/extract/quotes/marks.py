"""Quotation-mark scanning: where direct speech sits in the text, balanced or not.

Pure text work (no parse), so it is cheap and testable on its own. Rules of English news copy:
- straight `"` marks are told apart by what surrounds them (an opening mark follows a space or
  the start of a line and precedes a non-space);
- a quotation that runs over several paragraphs leaves the paragraph open and re-opens the next
  one with a mark, so an open paragraph followed by a paragraph opening with a mark continues;
- marks that never close (or never opened) still make a quotation, at lower confidence, that
  ends with its paragraph (or starts with it).
Single curly marks (‘…’) count only where they cannot be apostrophes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = "“«„"
CLOSERS = "”»"
# A single closing mark only counts before a space/punctuation and after punctuation or a letter
# that cannot end a possessive: too ambiguous elsewhere ("Kurds’ demands").
_SINGLE = re.compile(r"(?<![\w’])‘(?=\w)(?P<body>[^‘’\n]{8,}?[.,!?])’(?!\w)")
_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(frozen=True, slots=True)
class Marked:
    """The content of one quotation (marks excluded) and how sure the marks are."""

    start: int
    end: int
    balanced: bool          # both marks found
    paragraphs: int = 1     # how many paragraphs it runs over


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Offsets of non-empty lines: news copy puts one paragraph per line."""
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]


def _kind(text: str, i: int, width: int = 1) -> str:
    """'open' or 'close' for the mark at i (`width` 2 for a doubled apostrophe '')."""
    char = text[i]
    if char in OPENERS:
        return "open"
    if char in CLOSERS:
        return "close"
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    if (before.isspace() or before in "([{—–-:") and not after.isspace():
        return "open"
    return "close"


def _marks(text: str, start: int, end: int, doubled: bool) -> list[tuple[int, str, int]]:
    """(offset, open or close, width) of every double mark; where `doubled`, two apostrophes are
    one: some archives (the NYT's) write ''Like this,'' he said."""
    found = []
    i = start
    while i < end:
        width = 2 if doubled and text.startswith("''", i) else 1 if text[i] in OPENERS + CLOSERS + '"' else 0
        if width:
            found.append((i, _kind(text, i, width), width))
        i += width or 1
    return found


def scan(text: str) -> list[Marked]:
    """Every double-mark quotation in text order, plus balanced single-mark ones."""
    found: list[Marked] = []
    paras = paragraphs(text)
    # '' stands for a quotation mark only in copy without real double marks; beside them it is
    # wiki markup for italics (''Lars'')
    doubled = not any(c in text for c in OPENERS + CLOSERS + '"')
    open_at: int | None = None
    opened_para = 0
    for number, (p_start, p_end) in enumerate(paras):
        for n, (i, kind, width) in enumerate(_marks(text, p_start, p_end, doubled)):
            if kind == "open":
                if open_at is not None and i != p_start:  # the previous one never closed
                    found.append(Marked(open_at, _trim_end(text, open_at, i), False, number - opened_para + 1))
                if open_at is None or i != p_start:
                    open_at, opened_para = i + width, number
            elif open_at is not None:
                found.append(Marked(open_at, i, True, number - opened_para + 1))
                open_at = None
            elif n == 0:  # the paragraph's first mark closes: the quote started with the paragraph
                found.append(Marked(_skip_space(text, p_start), i, False))
        if open_at is not None and not _continues(text, paras, number):
            found.append(Marked(open_at, _trim_end(text, open_at, p_end), False, number - opened_para + 1))
            open_at = None
    found.extend(_singles(text, found))
    return sorted((m for m in found if m.end > m.start), key=lambda m: m.start)


def _continues(text: str, paras: list[tuple[int, int]], number: int) -> bool:
    """An open quotation continues when the next paragraph opens with a mark."""
    if number + 1 >= len(paras):
        return False
    nxt = paras[number + 1][0]
    return text[nxt] in OPENERS + '"' or text.startswith("''", nxt) and not any(c in text for c in OPENERS + '"')


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _singles(text: str, doubles: list[Marked]) -> list[Marked]:
    """British-style ‘…’ quotations that no double-mark quotation already covers."""
    found = []
    for match in _SINGLE.finditer(text):
        start, end = match.start("body"), match.end("body")
        if not any(m.start <= start < m.end for m in doubles):
            found.append(Marked(start, end, True))
    return found


def content(text: str, marked: Marked) -> str:
    """The words of a quotation without marks, paragraph breaks folded to a space."""
    body = text[marked.start:marked.end]
    return re.sub(r"\s*\n\s*[" + OPENERS + '"]?', " ", body).strip()


MARK_CHARS = frozenset(OPENERS + CLOSERS + "\"‘’'")
_ANY_MARK = re.compile(r"[" + OPENERS + CLOSERS + "\"‘]|’(?!\\w)|''")


def has_marks(text: str) -> bool:
    """Whether text holds a quotation mark (a ’ between letters is an apostrophe, not one)."""
    return _ANY_MARK.search(text) is not None


def is_mark(char: str) -> bool:
    """A quotation mark character, or the doubled apostrophe token ('') that stands for one."""
    return char in MARK_CHARS or char in {"''", "``"}
