"""Gold quotes read straight from a PolNeAR checkout (networkdynamics/PolNeAR, brat standoff):
data/<split>/text/NAME.txt and data/<split>/attributions/NAME_<annotator>.ann.

Every brat event line (E) with a Content span is one gold quote; of several annotators of one
text the alphabetically first is used; a discontinuous content is its fragments joined by a
space. The texts are copyrighted news: they are read in place and never written anywhere.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newsgraph.errors import InputError
from newsgraph.evaluate.matching import has_quote_marks, tokens, word_list

SPLITS = ("train", "dev", "test")
_SPAN_LINE = re.compile(r"T\d+\t")
_EVENT_LINE = re.compile(r"E\d+\t")

Fragment = tuple[int, int]


@dataclass(frozen=True)
class GoldQuote:
    text: str                 # the content, fragments joined by a space
    start: int                # where the content starts (only breaks ties in matching)
    speaker: str | None       # the source as written; None when unattributed
    cue: str | None
    direct: bool              # the content holds quotation marks
    speech: bool | None       # the cue is a verb of saying; None where the corpus does not say


@dataclass(frozen=True)
class GoldArticle:
    id: str
    text: str
    quotes: tuple[GoldQuote, ...]
    annotator: str = ""


class SpeechCues:
    """Whether an attribution cue is a verb of saying (resources/speech_cues.txt)."""

    def __init__(self, entries: tuple[str, ...] | None = None) -> None:
        entries = word_list("speech_cues.txt") if entries is None else entries
        self.phrases = {" ".join(tokens(e)) for e in entries if tokens(e)}
        self.punctuation = {e for e in entries if not tokens(e)}

    def matches(self, cue: str | None) -> bool:
        words = tokens(cue)
        if not words:
            return (cue or "").strip() in self.punctuation
        padded = f" {' '.join(words)} "
        return any(f" {phrase} " in padded for phrase in self.phrases)


def read_brat(path: Path) -> tuple[dict[str, list[Fragment]], list[dict[str, str]]]:
    """Spans {T-id: fragments} and relations [{role: T-id}] of one .ann file."""
    spans: dict[str, list[Fragment]] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if _SPAN_LINE.match(line):
            offsets = fields[1].split(" ", 1)[1]
            spans[fields[0]] = [(int(a), int(b)) for a, b in (part.split() for part in offsets.split(";"))]
        elif _EVENT_LINE.match(line):
            relations.append(dict(role.split(":", 1) for role in fields[1].split()))
        # any other line continues the text of a span across a line break: offsets already read
    return spans, relations


def _gold_quote(text: str, spans: dict[str, list[Fragment]], relation: dict[str, str],
                cues: SpeechCues) -> GoldQuote:
    def fragments(*roles: str) -> list[Fragment]:
        return sorted(f for role in roles if role in relation for f in spans[relation[role]])

    def words(frags: list[Fragment]) -> str | None:
        return " ".join(text[s:e] for s, e in frags) if frags else None

    content = fragments("Content", "Content2")
    content_text = words(content) or ""
    cue = words(fragments("Cue"))
    return GoldQuote(content_text, content[0][0], words(fragments("Source")), cue,
                     has_quote_marks(content_text), cues.matches(cue))


def read_polnear(root: str | Path, split: str = "dev") -> Iterator[GoldArticle]:
    """The split's articles with their gold quotes, in file-name order."""
    base = Path(root) / "data" / split
    if split not in SPLITS or not (base / "text").is_dir():
        raise InputError(f"no PolNeAR split {split!r} here (expected data/{split}/text)", origin=str(root),
                         remedy="give a checkout of networkdynamics/PolNeAR and one of --split "
                                + "|".join(SPLITS))
    cues = SpeechCues()
    for text_path in sorted((base / "text").glob("*.txt")):
        annotations = sorted((base / "attributions").glob(f"{text_path.stem}_*.ann"))
        if not annotations:
            raise InputError("no .ann file for this text", origin=str(text_path))
        text = text_path.read_text(encoding="utf-8")
        spans, relations = read_brat(annotations[0])
        # a few relations have a cue and source but no content: not a quote
        quotes = tuple(_gold_quote(text, spans, r, cues) for r in relations if "Content" in r or "Content2" in r)
        yield GoldArticle(text_path.stem, text, quotes, annotations[0].stem[len(text_path.stem) + 1:])
