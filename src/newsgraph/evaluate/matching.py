"""Matching helpers shared by the three evaluations: name and word normalisation, precision /
recall / F1, and the findings (misses and false positives) shown to the user with their text.

The rules follow the project's reference scorers (shared/tools/): names compare lower-cased,
without accents, punctuation, honorifics or a leading article; quote words compare as
multisets of folded word tokens.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from newsgraph.errors import InputError

# Dropped from the front of a name before comparing ("President Obama", "the FARC").
HONORIFICS = frozenset({"mr", "ms", "mrs", "dr", "president", "the"})
_NOT_NAME_CHARS = re.compile(r"[^a-z0-9' ]+")
_WORD = re.compile(r"\w+")
_POSSESSIVE = re.compile(r"'s\b")
# Double quotation marks of any style, and the opening single curly quote of headlines; the
# closing single quote is left out because it is also the apostrophe.
QUOTE_MARKS = frozenset('"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2018')


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def norm(text: object) -> str:
    """A name as compared: lower-case, no accents, punctuation, honorifics or leading article."""
    if text is None:
        return ""
    folded = strip_accents(str(text)).replace("\u2019", "'").lower()
    words = _NOT_NAME_CHARS.sub(" ", folded).replace("'", "").split()
    while words and words[0] in HONORIFICS:
        words = words[1:]
    return " ".join(words)


def fold(text: str | None) -> str:
    """Lower-case, no accents, one apostrophe."""
    return strip_accents(text or "").replace("\u2019", "'").replace("\u2018", "'").lower()


def tokens(text: str | None) -> list[str]:
    """Word tokens as quotes compare them: folded, possessive 's and punctuation dropped."""
    return _WORD.findall(_POSSESSIVE.sub("", fold(text)))


def has_quote_marks(text: str | None) -> bool:
    return any(c in QUOTE_MARKS for c in text or "")


@cache
def word_list(name: str) -> tuple[str, ...]:
    """Entries of resources/<name>: comma-separated, '#' starts a comment line."""
    raw = resources.files("newsgraph.evaluate").joinpath("resources", name).read_text(encoding="utf-8")
    entries: list[str] = []
    for line in raw.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            entries.extend(e.strip() for e in line.split(",") if e.strip())
    return tuple(entries)


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 with the counts behind them."""

    precision: float
    recall: float
    f1: float
    predicted: int
    gold: int

    @classmethod
    def of(cls, right_predicted: int, predicted: int, found: int, gold: int) -> "PRF":
        """`right_predicted` of `predicted` are correct; `found` of `gold` required items were found.

        Nothing predicted and nothing to find is perfect; nothing predicted with something to
        find is precision 0."""
        p = right_predicted / predicted if predicted else (0.0 if gold else 1.0)
        r = found / gold if gold else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return cls(round(p, 3), round(r, 3), round(f, 3), predicted, gold)


def mean(values: Iterable[float], digits: int = 3) -> float:
    values = list(values)
    return round(sum(values) / len(values), digits) if values else 0.0


@dataclass(frozen=True)
class Finding:
    """One miss or false positive, with the passage of the article it concerns."""

    document: str
    section: str        # entities, quotes, places, ...
    kind: str           # missed, false positive, wrong speaker, ...
    item: str           # what was missed or wrongly found, in a few words
    context: str = ""   # the sentence of the article it came from, where known

    def line(self) -> str:
        where = f"  «{self.context}»" if self.context else ""
        return f"{self.document}  {self.section} {self.kind}: {self.item}{where}"

    def to_dict(self) -> dict[str, str]:
        return {"document": self.document, "section": self.section, "kind": self.kind,
                "item": self.item, "context": self.context}


# A sentence ends at . ! or ? (and a closing quote) before a space and a capital or an opening
# quote, unless the word is a common abbreviation ("Mr. Xi", "Sept. 11" has no capital after);
# a line break always ends one.
_SENTENCE_END = re.compile(r"(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bMrs)(?<!\bGen)(?<!\bGov)(?<!\bSen)"
                           r"(?<!\bRep)(?<!\bSt)[.!?][\"\u201d\u2019]?\s+(?=[A-Z\"\u201c\u2018(])|\n")


def sentence_at(text: str, start: int, end: int, limit: int = 240) -> str:
    """The sentence around text[start:end], one line, clipped to `limit` characters."""
    if not text or start is None or start < 0 or start > len(text):
        return ""
    window = max(0, start - 2000)   # the lookahead must see past `start`, so search the whole window
    left = max((m.end() for m in _SENTENCE_END.finditer(text, window, start + 2) if m.end() <= start),
               default=window)
    right_match = _SENTENCE_END.search(text, max(end, start))
    right = right_match.end() if right_match else len(text)
    sentence = " ".join(text[left:right].split())
    if len(sentence) <= limit:
        return sentence
    middle = len(" ".join(text[left:start].split()))
    begin = max(0, min(middle - limit // 2, len(sentence) - limit))
    return ("…" if begin else "") + sentence[begin:begin + limit] + "…"


def sentences(text: str) -> list[str]:
    """The sentences of `text`, as sentence_at cuts them."""
    cuts = [0, *(m.end() for m in _SENTENCE_END.finditer(text)), len(text)]
    return [text[a:b] for a, b in zip(cuts, cuts[1:]) if text[a:b].strip()]


def one_line(text: str, limit: int = 90) -> str:
    """`text` on one line, in quotation marks, clipped to about `limit` characters."""
    flat = " ".join((text or "").split())
    return f"“{flat if len(flat) <= limit else flat[:limit - 3] + '...'}”"


def sentence_with(text: str, needle: str | None) -> str:
    """The sentence holding the first occurrence of `needle` (case-insensitive), or ""."""
    if not text or not needle:
        return ""
    at = text.lower().find(needle.lower())
    return sentence_at(text, at, at + len(needle)) if at >= 0 else ""


def read_jsonl(path: str | Path) -> Iterator[dict]:
    """Objects of a JSONL file; a bad line is an InputError naming it."""
    try:
        handle = open(path, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", origin=str(path),
                         remedy="check the path") from None
    with handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"not JSON ({exc.msg})", origin=str(path), line=number,
                                 remedy="one JSON object a line") from None
            if not isinstance(obj, dict):
                raise InputError("not a JSON object", origin=str(path), line=number,
                                 remedy="one JSON object a line")
            yield obj


def records_by_id(records: Iterable[dict]) -> dict[str, dict]:
    """Extraction records keyed by their document id (how every gold set joins them)."""
    return {str((r.get("document") or {}).get("id")): r for r in records}


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    """Characters two [start, end) spans share."""
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def first_findings(findings: Iterable[Finding], n: int) -> list[Finding]:
    """The first `n` misses and the first `n` other findings (false positives, wrong speakers
    or places), in the order found."""
    misses: list[Finding] = []
    others: list[Finding] = []
    for finding in findings:
        bucket = misses if finding.kind == "missed" else others
        if len(bucket) < n:
            bucket.append(finding)
    return misses + others
