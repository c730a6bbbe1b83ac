"""Counts of things, read from the parse: "won 114 seats", "9,000 polling stations", "five Thais".

A library module for the figures extractor (registers nothing). `quantities` finds amounts with a
unit it knows (currencies, percentages, distances, the people-nouns of `units.tsv`); this module
finds the other counts: a number modifying a noun (spaCy's `nummod`), or one whose "of" phrase
names what is counted ("three of four defendants"). The counted noun is the unit, in the plural
and canonical form of `resources/count_units.tsv` ("jets" -> "aircraft"); a noun for people
(`resources/people_nouns.txt`, a nationality, a plural in -ists/-ians/-eers) folds to the unit
`people` and keeps its own word as `Count.of`. A number with no noun of its own counts what the
amount before it counted, people by what happens to them, or is an age set off by commas.
Dates, clock times, ordinals, ranks and phone numbers are never counts: the parse's
DATE/TIME/ORDINAL labels, a "No."/"#" before the number and `resources/not_counted.txt` keep them out.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from lemminflect import getInflection
from spacy.tokens import Doc, Token

from newsgraph.extract.figures.frame import canonical_measure
from newsgraph.extract.figures.quantities import AGE, Amount, Unit, amount_value, hedge
from newsgraph.extract.lemmas import forms
from newsgraph.extract.lexicon import rows, words
from newsgraph.extract.places.gazetteer import gazetteer

NOT_NUMBERS = frozenset({"DATE", "TIME", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
PEOPLE_LABELS = frozenset({"NORP"})
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
AGENT_SUFFIXES = ("ists", "ians", "eers")   # "-ers", "-ants", "-ees" name things too: listed instead
_RANK_BEFORE = re.compile(r"(?:\b(?:no|nos|number|rank(?:ed)?|#)\.?\s*)$", re.I)
_PHONE_LIKE = re.compile(r"\d[\d\s().-]{6,}\d")
_YEAR = re.compile(r"1[89]\d\d|20\d\d")
PEOPLE = Unit("people", "people", "people", None, 1.0)
PEOPLE_MEASURES = frozenset({"killed", "injured", "arrested", "captured", "evacuated", "displaced"})


@dataclass(frozen=True, slots=True)
class Count:
    amount: Amount
    of: str | None = None        # the people-noun a count of `people` was written with ("soldiers")


@lru_cache(maxsize=1)
def _people_forms() -> dict[str, str]:
    return forms(words("people_nouns"), "NOUN")


@lru_cache(maxsize=1)
def _not_counted_forms() -> dict[str, str]:
    listed = words("not_counted")           # lemminflect lacks some ("third" has no noun forms)
    return {**{w + "s": w for w in listed}, **forms(listed, "NOUN")}


@lru_cache(maxsize=1)
def _canonical_units() -> dict[str, str]:
    """Counted noun (any inflection, multi-word allowed) -> the unit it is counted in."""
    found: dict[str, str] = {}
    for row in rows("count_units"):
        for form in _inflections(row["noun"].lower()):
            found[form] = row["unit"]
    return found


def _inflections(phrase: str) -> set[str]:
    """"polling station" -> {"polling station", "polling stations"}: the last word inflected."""
    *first, last = phrase.split()
    return {" ".join([*first, form]) for form in forms(frozenset({last}), "NOUN")}


def is_people_noun(noun: Token) -> bool:
    """"troops", "monks", "Tibetans", "co-sponsors": a noun naming people."""
    lower = noun.lower_
    if lower in _people_forms() or noun.ent_type_ in PEOPLE_LABELS or _is_demonym_plural(noun):
        return True
    if (canonical := _canonical_units().get(lower)) is not None:
        return canonical == "people"                     # "two injuries"; "jets" are aircraft
    if lower in _not_counted_forms():
        return False
    return noun.tag_ in PLURAL_TAGS and lower.endswith(AGENT_SUFFIXES) and noun.pos_ == "NOUN"


def _is_demonym_plural(noun: Token) -> bool:
    """"Thais", "Tibetans": a nationality as a plural noun."""
    return noun.text[:1].isupper() and noun.lower_.endswith("s") and gazetteer().demonym(noun.text[:-1]) is not None


def find_counts(doc: Doc, text: str, amounts: list[Amount]) -> list[Count]:
    """Counts in `doc` (whose text is `text`) that none of `amounts` covers, in order; a number
    standing alone counts what the amount before it in its sentence counted ("won 114 seats to
    the NPP's 107"), or people when it is the subject of a verb ("over 400 returned")."""
    covered = _token_indices(doc, [(a.start, a.end) for a in amounts])
    found: list[Count] = []
    for token in doc:
        if token.i in covered or not _is_count_number(token, text):
            continue
        noun = _counted_noun(token)
        if noun is not None:
            count = _count(doc, text, token, noun)
            covered.update(range(token.i, noun.i + 1))     # "three of four defendants" is one count
        else:
            count = _bare(text, token, sorted([*amounts, *(c.amount for c in found)], key=lambda a: a.start))
        if count is not None:
            found.append(count)
    return found


def _bare(text: str, number: Token, before: list[Amount]) -> Count | None:
    """A number with no noun of its own: elliptical ("to the NPP's 107") or a people subject."""
    if any(c.dep_ in ("nummod", "compound", "quantmod") and not c.like_num and c.pos_ in ("NOUN", "PROPN")
           for c in number.children) or _YEAR.fullmatch(number.text) or number.dep_ == "nummod":
        return None
    start, end = _first_number_token(number).idx, number.idx + len(number.text)
    value = amount_value(text[start:end])
    if value is None or value < 2:
        return None
    unit = _apposed_age(text, number, value) or _elided_unit(number, start, before) or _people_by_verb(number)
    if unit is None:
        return None
    approximate, bound = hedge(text, start, end, unit)
    return Count(Amount(start, end, text[start:end], value, unit, None, approximate, bound))


def _apposed_age(text: str, number: Token, value: float) -> Unit | None:
    """"Maria Lopez, 54, was elected": a small number set off by commas after a person's name."""
    if number.dep_ == "conj" and number.head.like_num:              # "two women, 23 and 27,"
        number = number.head
    head = number.head
    person = head.ent_type_ == "PERSON" or (head.pos_ == "NOUN" and is_people_noun(head))
    if number.dep_ not in ("appos", "npadvmod", "amod") or not person or head.i > number.i:
        return None
    between = text[head.idx + len(head.text):number.idx]
    last = max((t for t in number.subtree if t.like_num), key=lambda t: t.i)
    after = text[last.idx + len(last.text):last.idx + len(last.text) + 2]
    return AGE if value < 125 and re.fullmatch(r"\s*,\s*", between) and after[:1] in (",", ")", ".") else None


def _elided_unit(number: Token, start: int, before: list[Amount]) -> Unit | None:
    """"won 114 seats to the NPP's 107": the unit of the amount before it in the sentence."""
    if number.dep_ not in ("pobj", "appos", "conj", "dobj", "nsubj", "nsubjpass"):
        return None
    sentence = number.sent
    earlier = [a for a in before if sentence.start_char <= a.start and a.end <= start and a.unit.kind != "percent"]
    return earlier[-1].unit if earlier else None


def _people_by_verb(number: Token) -> Unit | None:
    """People by what happens to them: "over 400 returned", "the blast killed 40", "the death
    toll rose to 52" (a verb or a measured subject whose canonical measure counts people)."""
    head = number.head
    if number.dep_ in ("nsubj", "nsubjpass") and head.pos_ == "VERB":
        return PEOPLE
    if number.dep_ == "dobj" and canonical_measure(head.lower_) in PEOPLE_MEASURES:
        return PEOPLE
    if number.dep_ == "pobj" and head.lower_ in ("to", "at") and head.head.pos_ == "VERB":
        subjects = [c for c in head.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        phrase = " ".join(t.lower_ for t in subjects[0].subtree) if subjects else ""
        return PEOPLE if canonical_measure(phrase) in PEOPLE_MEASURES else None
    return None


def _token_indices(doc: Doc, spans: Iterable[tuple[int, int]]) -> set[int]:
    indices: set[int] = set()
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            indices.update(range(span.start, span.end))
    return indices


def _is_count_number(token: Token, text: str) -> bool:
    if not token.like_num or (token.ent_type_ in NOT_NUMBERS and not _lone_date(token)):
        return False
    if token.dep_ == "compound" and token.head.like_num:     # "5.3" of "5.3 million": the head counts
        return False
    if _RANK_BEFORE.search(text, max(0, token.idx - 8), token.idx):
        return False
    around = text[max(0, token.idx - 6):token.idx + len(token.text) + 6]
    return not _PHONE_LIKE.search(around) and not re.fullmatch(r"\d+:\d+|0\d+", token.text)


def _lone_date(token: Token) -> bool:
    """A bare number the tagger alone calls a date ("Maria Lopez, 54,", "to the NPP's 107"): one
    token, digits, not a year, no month or day word beside it."""
    doc = token.doc
    alone = all(doc[i].ent_type_ != "DATE" or not doc[i].is_alpha
                for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc))
    return token.ent_type_ == "DATE" and alone and token.text.isdigit() and not _YEAR.fullmatch(token.text)


def _counted_noun(number: Token) -> Token | None:
    """The noun a number counts: its head ("114 seats", "120-seat parliament" -> seat), or the
    plural object of its own "of" ("three of four defendants")."""
    head = number.head
    if number.dep_ == "nummod" and head.pos_ in ("NOUN", "PROPN") and head.i > number.i:
        return _hyphen_tail(head)
    if number.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj", "conj", "appos"):
        for prep in number.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                objects = [c for c in prep.children if c.dep_ == "pobj" and c.tag_ in PLURAL_TAGS]
                if objects:
                    return objects[0]
    return None


def _hyphen_tail(noun: Token) -> Token:
    """"co-sponsors" parses as "co", "-", "sponsors": the word after the hyphen is the noun."""
    doc = noun.doc
    while noun.i + 2 < len(doc) and doc[noun.i + 1].text == "-" and not noun.whitespace_ \
            and not doc[noun.i + 1].whitespace_ and doc[noun.i + 2].is_alpha:
        noun = doc[noun.i + 2]
    return noun


def _count(doc: Doc, text: str, number: Token, noun: Token) -> Count | None:
    lower = noun.lower_
    if lower in _not_counted_forms() or any(t.tag_ == "JJS" for t in noun.lefts):
        return None                            # "two days", "the two largest carmakers"
    if _refers_back(number, noun) or _is_name(number, noun) or _is_title(noun):
        return None
    singular_ok = noun.i == number.i + 2 and doc[number.i + 1].text in ("-", "\u2013")   # "120-seat"
    if noun.tag_ not in PLURAL_TAGS and not singular_ok and lower not in _canonical_units() \
            and not is_people_noun(noun):
        return None
    start = _first_number_token(number).idx
    end_char = noun.idx + len(noun.text)
    value = amount_value(text[start:number.idx + len(number.text)])
    if value is None or value < 2:
        return None                            # "one man said": an indefinite, not a count
    people = is_people_noun(noun)
    written = text[_hyphen_head(noun).idx:end_char]
    unit = Unit(written, "people", "people", None, 1.0) if people else \
        Unit(written, _unit_name(noun), "count", None, 1.0)
    approximate, bound = hedge(text, start, end_char, unit)
    amount = Amount(start, end_char, text[start:end_char], value, unit, None, approximate, bound)
    return Count(amount, written.lower() if people else None)


def _hyphen_head(noun: Token) -> Token:
    """The first word of a hyphenated noun ("co" of "co-sponsors")."""
    doc = noun.doc
    while noun.i >= 2 and doc[noun.i - 1].text == "-" and not doc[noun.i - 2].whitespace_ \
            and not doc[noun.i - 1].whitespace_ and doc[noun.i - 2].is_alpha:
        noun = doc[noun.i - 2]
    return noun


def _refers_back(number: Token, noun: Token) -> bool:
    """"the two countries", "these three men": a spelled number after a determiner names things
    already counted, it does not count them ("the 61 seats required" does)."""
    determined = any(t.dep_ in ("det", "poss") and t.i < number.i and t.lower_ not in ("a", "an", "some")
                     for t in noun.lefts)
    return determined and not number.text[:1].isdigit()


def _is_name(number: Token, noun: Token) -> bool:
    """"the One People's Project", "Three Gorges": capitalised number and noun mid-sentence."""
    return number.text[:1].isupper() and noun.text[:1].isupper() and not number.is_sent_start


def _is_title(noun: Token) -> bool:
    """"the 2008 Summer Olympics", "Group of 20": a name, unless it names people ("five Thais")."""
    return noun.pos_ == "PROPN" and noun.text[:1].isupper() and not is_people_noun(noun)


def _first_number_token(number: Token) -> Token:
    """"5.3 million": the leftmost number word of the number."""
    first, doc = number, number.doc
    while first.i > 0 and doc[first.i - 1].like_num and doc[first.i - 1].head.i in (number.i, first.i):
        first = doc[first.i - 1]
    return first


def _unit_name(noun: Token) -> str:
    """The unit a noun is counted in: a canonical name ("polling stations", "aircraft") when the
    noun (with a compound modifier) is listed, else the noun in the plural."""
    canonical = _canonical_units()
    compound = [t for t in noun.lefts if t.dep_ == "compound" and t.i == noun.i - 1]
    if compound and (found := canonical.get(f"{compound[0].lower_} {noun.lower_}")):
        return found
    if (found := canonical.get(noun.lower_)) is not None:
        return found
    if noun.tag_ in PLURAL_TAGS:
        return noun.lower_
    return (getInflection(noun.lower_, tag="NNS") or (noun.lower_ + "s",))[0]

