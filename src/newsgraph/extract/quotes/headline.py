"""Headline attribution: "Warren: Trump Is a 'Proven Failure' in Business".

News headlines put the speaker before a colon and their claim after it. Only the article's first
paragraph (its title line, where the text carries one) is read this way: further down, "Name: ..."
is a label, a transcript turn or a list, not an attribution. The part before the colon must be a
short name phrase without a verb whose head can speak; the claim is the rest of the line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from newsgraph.extract.quotes.marks import has_marks, is_mark, paragraphs
from newsgraph.extract.quotes.speakers import can_speak
from newsgraph.model import EntityIndex

_HEADLINE = re.compile(r"\s*(?P<speaker>[^:\n]{2,60}?)\s*:\s+(?P<claim>\S[^\n]*?)\s*$")
MAX_SPEAKER_TOKENS = 8
NAME_POS = frozenset({"PROPN", "NOUN"})


@dataclass(frozen=True, slots=True)
class Headline:
    speaker: int                 # token index of the speaker's head
    claim: tuple[int, int]       # character span of the claim
    kind: str                    # direct | mixed | indirect, by its quotation marks


def headline(doc: Doc, entities: EntityIndex) -> Headline | None:
    text = doc.text
    paras = paragraphs(text)
    if not paras:
        return None
    start, end = paras[0]
    match = _HEADLINE.match(text, start, end)
    if match is None or match.group("speaker")[0].isdigit():
        return None
    words = doc.char_span(match.start("speaker"), match.end("speaker"), alignment_mode="expand")
    if words is None or not 0 < len(words) <= MAX_SPEAKER_TOKENS or not words.text[0].isupper() \
            or any(t.tag_.startswith("VB") or t.pos_ == "AUX" for t in words):
        return None
    head = words.root
    if head.pos_ not in NAME_POS or not can_speak(head, entities):
        return None
    claim = (match.start("claim"), match.end("claim"))
    return Headline(head.i, claim, _kind(text[claim[0]:claim[1]]))


def _kind(claim: str) -> str:
    """Direct when the whole claim sits in marks, mixed when some words do, else indirect."""
    stripped = claim.rstrip(".")
    if len(stripped) > 1 and is_mark(stripped[0]) and is_mark(stripped[-1]):
        return "direct"
    return "mixed" if has_marks(claim) else "indirect"
