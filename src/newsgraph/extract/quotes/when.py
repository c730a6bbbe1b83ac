"""When a statement was made, so quotes can be put on a timeline.

The date is a time expression in the quote's sentence outside the quoted words ("he said on
Friday", "In a statement on 3 May, the ministry ..."), anchored on the article's publication
date; else the publication date itself. Dates inside the quotation are what it talks about
("we will leave in 2025"), never when it was said. A quote without a cue (a quotation
paragraph) has no sentence of its own to date it: it takes the article's date.
"""
from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span

from newsgraph.extract.figures.dates import normalize_time

CharSpan = tuple[int, int]


def statement_date(doc: Doc, clause: CharSpan | None, parts: Sequence[CharSpan], published: str | None) -> str | None:
    """ISO date (or month, year) of the statement, else the article's date, else None."""
    if clause is None:
        return published
    sentence = _sentence_of(doc, clause)
    for ent in sentence.ents if sentence is not None else ():
        if ent.label_ != "DATE" or any(s < ent.end_char and ent.start_char < e for s, e in parts) \
                or _line_break_between(doc, min(ent.start_char, clause[0]), max(ent.end_char, clause[1])):
            continue  # words of the quote, or past a paragraph break the parser ran over
        value = normalize_time(ent.text, published)
        if value is not None and value.resolved:
            return value.value
    return published


def _line_break_between(doc: Doc, start: int, end: int) -> bool:
    """Read from the tokens there: `doc.text` is rebuilt on every call (quadratic over an article)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and "\n" in span.text


def _sentence_of(doc: Doc, clause: CharSpan) -> Span | None:
    span = doc.char_span(clause[0], clause[1], alignment_mode="expand")
    return span[0].sent if span is not None and len(span) else None
