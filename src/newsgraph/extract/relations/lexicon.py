"""The role and relation lexicons as typed tables, read once from `extract/resources/`.

- `titles.tsv`: offices and occupations, the relation each implies with its owner, and whether
  it is an office of a state (whose owner, unnamed, is the article's home state);
- `title_subordinates.txt`: words that make a title a deputy's ("deputy director");
- `role_former.txt`: words that mark an office as left ("former", "ex-", "then-", "late");
- `relation_triggers.tsv`: words that state a relation and where its two sides sit in the parse.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from newsgraph.extract import lexicon

# How large a place is: a thing lies in a strictly larger one (a region may lie in a region).
PLACE_SIZE = {"ORG": 0, "LOCATION": 0, "CITY": 1, "REGION": 2, "COUNTRY": 3}
STATE_SCOPE = "state"     # titles.tsv scope of an office a state has (president, foreign minister)
SUBORDINATE_RELATION = "affiliated_with"  # a deputy works for the body, and does not lead it


def title_words(title: str) -> tuple[str, ...]:
    """A title as spaCy tokenises it: "secretary-general" -> secretary, -, general."""
    return tuple(re.findall(r"\w+|[^\w\s]", title.lower()))


@dataclass(frozen=True, slots=True)
class Title:
    relation: str           # the predicate the title implies with its owner, or ""
    scope: str              # "state" for an office of a state, else ""


@dataclass(frozen=True, slots=True)
class Titles:
    """The title lexicon, keyed by token sequence."""

    entries: dict[tuple[str, ...], Title]
    longest: int

    def ending_at(self, words: list[Token], end: int) -> int | None:
        """Start of the longest title whose last token is words[end], or None."""
        for size in range(min(self.longest, end + 1), 0, -1):
            if tuple(t.lower_ for t in words[end - size + 1:end + 1]) in self.entries:
                return end - size + 1
        return None

    def starting_at(self, words: list[Token] | Doc, start: int) -> int | None:
        """End (exclusive) of the longest title starting at words[start], or None."""
        for size in range(min(self.longest, len(words) - start), 0, -1):
            if tuple(t.lower_ for t in words[start:start + size]) in self.entries:
                return start + size
        return None

    def entry(self, title: str) -> tuple[Title, tuple[str, ...]] | None:
        """The lexicon entry a title ends with ("Russian energy minister" -> "energy minister"),
        and the words before it ("deputy")."""
        words = title_words(title)
        for cut in range(len(words)):
            if words[cut:] in self.entries:
                return self.entries[words[cut:]], words[:cut]
        return None


@lru_cache(maxsize=1)
def titles() -> Titles:
    entries = {title_words(row["title"]): Title(row["relation"], row.get("scope", ""))
               for row in lexicon.rows("titles")}
    return Titles(entries, max(map(len, entries)))


def relation_for(title: str, owner_type: str | None = None) -> str | None:
    """The relation a title implies ("senior researcher" -> affiliated_with). A deputy's title
    ("deputy director", "vice president") implies no leadership: it gives affiliated_with with
    an organisation and nothing with a state."""
    found = titles().entry(title)
    if found is None:
        return None
    entry, before = found
    if entry.relation and not set(before) & lexicon.words("title_subordinates"):
        return entry.relation
    return SUBORDINATE_RELATION if owner_type in ("ORG", "IGO") else None


def membership_body(name: str) -> bool:
    """Whether one belongs to the named body rather than works for it ("the Labour Party")."""
    return bool(set(title_words(name)) & lexicon.words("member_bodies"))


def state_office(title: str) -> bool:
    """Whether the title is an office a state has ("President", "justice minister")."""
    found = titles().entry(title)
    return found is not None and found[0].scope == STATE_SCOPE


def former_marks() -> frozenset[str]:
    """ "former", "ex-", "then-", "outgoing", "late": an office no longer held (or not yet)."""
    return frozenset(word.lower() for word in lexicon.words("role_former"))


@dataclass(frozen=True, slots=True)
class Trigger:
    word: str
    kind: str                       # noun | verb | include
    predicate: str
    object_preps: frozenset[str]
    subject_preps: frozenset[str]
    modifier: str                   # subject | object | pair | ""
    fallback: str                   # preceding | ""


@lru_cache(maxsize=1)
def triggers() -> dict[tuple[str, str], Trigger]:
    """Triggers by (word, kind); the same word may be a noun and a verb ("borders")."""
    found = {}
    for row in lexicon.rows("relation_triggers"):
        found[(row["word"].lower(), row["kind"])] = Trigger(
            row["word"].lower(), row["kind"], row["predicate"], _set(row["object_preps"]),
            _set(row["subject_preps"]), row["modifier"], row["fallback"])
    return found


def _set(cell: str) -> frozenset[str]:
    return frozenset(part.strip() for part in cell.split(";") if part.strip())
