"""Attribution by a colon: a headline "Warren: Trump Is a 'Proven Failure' in Business" and a
transcript turn "TAPPER: Do you think ...".

News headlines put the speaker before a colon and their claim after it. The article's first
paragraph (its title line, where the text carries one) is read this way when the words before the
colon are a short phrase of capitalised words (title case makes the tagger unreliable: "Trump" is
not the verb there) that can name a speaker and is no label ("Exclusive:", "Update:",
`headline_labels.txt`). Further down, "Name: ..." is a speaker's turn only when the name is
written in capitals (TAPPER:) or is a person the article names; other lines are lists or labels.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsgraph.extract import lexicon
from newsgraph.extract.quotes.marks import has_marks, is_mark, paragraphs
from newsgraph.extract.quotes.speakers import can_speak
from newsgraph.model import EntityIndex

_COLON_LINE = re.compile(r"\s*(?P<speaker>[^:\n]{2,60}?)\s*:\s+(?P<claim>\S[^\n]*?)\s*$")
MAX_SPEAKER_TOKENS = 6


@dataclass(frozen=True, slots=True)
class ColonQuote:
    speaker: int                 # token index of the speaker's head
    claim: tuple[int, int]       # character span of the claim
    kind: str                    # direct | mixed | indirect, by its quotation marks


def colon_quotes(doc: Doc, entities: EntityIndex) -> list[ColonQuote]:
    """The headline's attribution and every transcript turn, in text order."""
    found = []
    text = doc.text  # spaCy rebuilds it on every access: once per article
    for number, (start, end) in enumerate(paragraphs(text)):
        quote = _colon_line(doc, text, entities, start, end, headline=number == 0)
        if quote is not None:
            found.append(quote)
    return found


def _colon_line(doc: Doc, text: str, entities: EntityIndex, start: int, end: int, *,
                headline: bool) -> ColonQuote | None:
    match = _COLON_LINE.match(text, start, end)
    if match is None or match.group("speaker").strip().lower() in lexicon.words("headline_labels"):
        return None
    words = doc.char_span(match.start("speaker"), match.end("speaker"), alignment_mode="expand")
    if words is None or not 0 < len(words) <= MAX_SPEAKER_TOKENS:
        return None
    names = [t for t in words if t.is_alpha]
    if not names or not all(t.text[0].isupper() for t in names):
        return None
    head = _head(words)
    if headline:
        ok = can_speak(head, entities) or head.pos_ in {"PROPN", "NOUN", "VERB"}
    else:
        entity = entities.at(words.start_char, words.end_char)
        ok = all(t.is_upper for t in names) or (entity is not None and entity.type == "PERSON")
    if not ok:
        return None
    claim = (match.start("claim"), match.end("claim"))
    return ColonQuote(head.i, claim, _kind(text[claim[0]:claim[1]]))


def _head(words: Span) -> Token:
    """The name's last word ("Sen. Elizabeth Warren" -> Warren), whatever the tagger made of it."""
    return next((t for t in reversed(words) if t.is_alpha), words.root)


def _kind(claim: str) -> str:
    """Direct when the whole claim sits in marks, mixed when some words do, else indirect."""
    stripped = claim.rstrip(".")
    if len(stripped) > 1 and is_mark(stripped[0]) and is_mark(stripped[-1]):
        return "direct"
    return "mixed" if has_marks(claim) else "indirect"
