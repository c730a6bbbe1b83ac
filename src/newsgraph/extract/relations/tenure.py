"""When an office or membership held: "from 1997 to 2007", "since 2019", "between 2001 and 2005",
"(1997-2007)", "in 2004" after "joined".

Dates come out as ISO prefixes: a year ("2004"), a month ("2004-05") or a day ("2004-05-01").
Only the words of the phrase itself are read, up to the end of its clause: a date elsewhere in
the sentence belongs to something else.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from spacy.tokens import Token

from newsgraph.extract.relations.parse import PHRASE_ENDS, Words

YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
YEAR_RANGE = re.compile(r"^(1[89]\d\d|20\d\d)[-–](1[89]\d\d|20\d\d|\d\d)$")
MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name} | {
    name.lower(): n for n, name in enumerate(calendar.month_abbr) if name}
MAX_WORDS = 12          # how far after a phrase its dates may stand ("..., Prime Minister from 1997")
RANGE_DASHES = frozenset({"-", "–", "—"})
SINCE = frozenset({"since"})
START = frozenset({"from", "between"})
END = frozenset({"to", "until", "till", "through", "and"})
IN = frozenset({"in", "on"})


@dataclass(frozen=True, slots=True)
class Tenure:
    since: str | None = None
    until: str | None = None

    def __bool__(self) -> bool:
        return bool(self.since or self.until)


def _date_at(words: Words, i: int) -> tuple[str, int] | None:
    """An ISO date starting at word i ("1997", "May 2004", "1 May 2004", "May 1, 2004"), and the
    word after it."""
    month = MONTHS.get(words.lower(i).rstrip("."))
    if YEAR.match(words.lower(i)):
        return words.lower(i), i + 1
    if words.lower(i).isdigit() and MONTHS.get(words.lower(i + 1).rstrip(".")) and YEAR.match(words.lower(i + 2)):
        day, month = int(words.lower(i)), MONTHS[words.lower(i + 1).rstrip(".")]
        return f"{words.lower(i + 2)}-{month:02d}-{day:02d}", i + 3
    if month:
        j = i + 1
        day = int(words.lower(j)) if words.lower(j).isdigit() and len(words.lower(j)) <= 2 else None
        j += day is not None
        j += words.lower(j) == ","
        if YEAR.match(words.lower(j)):
            return (f"{words.lower(j)}-{month:02d}" + (f"-{day:02d}" if day else "")), j + 1
    return None


def tenure_after(words: Words, start: int, *, joined: bool = False, verb: Token | None = None) -> Tenure:
    """The tenure stated in the words from `start` to the end of the clause. With `joined` (a
    membership verb), a bare "in 2004" is the start date. With a `verb`, only dates the parse
    hangs on it count ("led Canada from 1997" but not "led Canada to its worst year since 1991")."""
    end = min(len(words), start + MAX_WORDS)
    i = start
    while i < end:
        word = words.lower(i)
        if word in PHRASE_ENDS - {"("} and i > start:
            break
        if verb is not None and word in SINCE | START | IN and words[i].head.i != verb.i:
            i += 1
            continue
        found = _date_at(words, i + 1)
        if word in SINCE and found:
            return Tenure(since=found[0])
        if word in START and found:
            until = _date_at(words, found[1] + 1) if words.lower(found[1]) in END | RANGE_DASHES else None
            return Tenure(found[0], until[0] if until else None)
        if word in IN and found and joined:
            return Tenure(since=found[0])
        if YEAR_RANGE.match(word):
            return _range(word)
        if word == "(" and found and words.lower(found[1]) in RANGE_DASHES:
            until = _date_at(words, found[1] + 1)
            return Tenure(found[0], until[0] if until else None)
        i += 1
    return Tenure()


def _range(word: str) -> Tenure:
    first, last = re.split(r"[-–]", word)
    if len(last) == 2:
        last = first[:2] + last
    return Tenure(first, last)


def ended(tenure: Tenure, verb: Token | None = None) -> bool:
    """An office with an end date is one the person has left (the story tells it as past)."""
    return tenure.until is not None and (verb is None or verb.tag_ in ("VBD", "VBN"))


def held(since: str | None, until: str | None) -> str:
    """A tenure for a table cell: "1997–2007", "since 2019", "until 2007", or ""."""
    if since and until:
        return f"{since}–{until}"
    return f"since {since}" if since else f"until {until}" if until else ""
