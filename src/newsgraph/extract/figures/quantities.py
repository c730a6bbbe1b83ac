"""Amounts in text: number, scale, unit, range and hedge, found by one pattern built from the lexicons.

A library module for the figures extractor (registers nothing). It knows how numbers are written,
not what they mean in the sentence: that is `figures.py`. Units (`resources/units.tsv`), scale words
(`scales.tsv`), number words (`number_words.tsv`) and hedges (`hedges.tsv`) are data.
A number with neither a unit nor a currency is not an amount, so bare years never become figures
(counts of other things come from the parse: `counts.py`). Matching is linear in the text: one
pass of one pattern, and a range the pattern joined wrongly is re-read in place, never by
re-scanning the text before it. Non-finite or absurd values (beyond `MAX_VALUE`) are no amounts.
"""
from __future__ import annotations

import math
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from newsgraph.extract.lexicon import rows
from newsgraph.extract.figures.numbers import digits_value, number_words, scales, spelled_value

_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_NO_EXPONENT = r"(?![eE][+-]?\d|\d)"      # "$1e400" is no "$1", nor "$14e3" "$1"
MAX_VALUE = 1e18                           # beyond any real budget or count: a typo or an attack
_AGE = re.compile(r"\b(?i:age[ds]?)\s+(?P<num>\d{1,3})(?![\d.,]\d)\b")
# durations followed by these are time expressions ("two days later"), not figures
_FUNCTION_WORDS = r"(?i:on|of|in|at|for|to|the|and|or|with|by|from|than|per|a|an|as)\b"
_TIME_AFTER = re.compile(r"\s+(?:ago|later|earlier|before|after)\b", re.I)


@dataclass(frozen=True, slots=True)
class Unit:
    surface: str
    code: str             # stored in Figure.unit: USD, percent, mi, people, year ...
    kind: str             # currency | percent | length | area | mass | volume | flow | people | duration
    base: str | None      # unit of Figure.normalized; None keeps the stated unit
    factor: float


# "age 64", "a 900-year-old temple": an age, not a period
AGE = Unit("years", "year", "age", None, 1.0)


@dataclass(frozen=True, slots=True)
class Amount:
    start: int
    end: int
    text: str
    value: float
    unit: Unit
    value_high: float | None = None
    approximate: bool = False
    bound: str | None = None      # "min" | "max"


@lru_cache(maxsize=1)
def units() -> dict[tuple[str, str], Unit]:
    """(position, surface as matched) -> Unit; words keyed lower-case, codes and symbols as written."""
    found: dict[tuple[str, str], Unit] = {}
    for row in rows("units"):
        unit = Unit(row["surface"], row["unit"], row["kind"], row["base"] or None, float(row["factor"] or 1))
        key = row["surface"] if _is_code(row["surface"]) else row["surface"].lower()
        for position in (("pre", "post") if row["position"] == "both" else (row["position"],)):
            found[(position, key)] = unit
    return found


@lru_cache(maxsize=1)
def hedges() -> dict[tuple[str, str], tuple[str, frozenset[str]]]:
    """(position, phrase) -> (approx | min | max, unit kinds it does not qualify)."""
    return {(r["position"], r["phrase"].lower()): (r["kind"], frozenset(r["not_for"].split(",")) - {""})
            for r in rows("hedges")}


def _is_code(surface: str) -> bool:
    """Symbols and upper-case codes match exactly: "US" must not read as "us", nor "pp" as "PP"."""
    return not surface.isalpha() or surface.isupper()


def _alternation(surfaces: list[str]) -> str:
    """Longest first, so "barrels per day" wins over "barrels"; words case-insensitive and whole."""
    parts = []
    for surface in sorted(set(surfaces), key=len, reverse=True):
        escaped = re.escape(surface).replace(r"\ ", r"\s+")
        if _is_code(surface):
            parts.append(escaped + (r"\b" if surface[-1].isalnum() else ""))
        else:
            parts.append(rf"(?i:{escaped})\b")
    return "|".join(parts)


@lru_cache(maxsize=1)
def pattern() -> re.Pattern[str]:
    pre = _alternation([s for p, s in units() if p == "pre"])
    post = _alternation([s for p, s in units() if p == "post"])
    # a word between a count and a people-noun: "2,000 Russian troops"; never before a participle
    # or adjective ("160,000 birds killed" counts birds, not people)
    people = _alternation([s for (p, s), u in units().items() if p == "post" and u.kind == "people"
                           and not re.fullmatch(r"\w+ed|dead|missing", s)])
    full_scale = "|".join(w for w, (_, glued) in scales().items() if not glued)
    glued = "|".join(w for w, (_, g) in scales().items() if g)
    units_words = (w for w, (_, kind) in number_words().items() if kind == "unit")
    first = "|".join(sorted(units_words, key=len, reverse=True))
    word = first + "|" + full_scale
    # a spelled number starts with a number word: "millions of people", "several hundred" are no amounts
    spelled = rf"(?:{first})(?:(?:\s+and\s+|[\s-])(?:{word}))*"
    amount = (rf"{_DIGITS}{_NO_EXPONENT}(?:\s?(?i:{glued})\b|[\s-]?(?i:{full_scale})\b)?|(?i:{spelled})\b"
              rf"|(?i:an?\s+(?:hundred|{full_scale}))\b|(?i:{full_scale})(?=-)")
    def one(pre_name: str, num_name: str) -> str:
        return rf"(?:(?P<{pre_name}>{pre})\s?)?(?P<{num_name}>{amount})"
    # one word may stand between a count and its noun ("2,000 Russian troops"), for people only
    return re.compile(
        rf"(?<![\w.,$£€¥=#])(?:{one('pre', 'num')})"
        rf"(?:\s*(?P<sep>-|\u2013|\bto\b|\band\b)\s*{one('pre2', 'num2')})?"
        rf"(?:(?:\s?|-)(?:(?P<post>{post})(?P<old>-old\b)?|(?!{_FUNCTION_WORDS}\s)[A-Za-z]+\s(?P<people>{people})))?")


def find_amounts(text: str) -> list[Amount]:
    """Every amount with a unit in `text`, in order."""
    found = [a for match in pattern().finditer(text) for a in _amounts(text, match)]
    found = sorted(_without_overlaps(_ages(text), found), key=lambda a: a.start)
    return sorted(_without_overlaps(found, _vague_amounts(text)), key=lambda a: a.start)


def _without_overlaps(found: list[Amount], more: list[Amount]) -> list[Amount]:
    """`found` plus those of `more` that overlap none of them (both lists in text order)."""
    taken = sorted((a.start, a.end) for a in found)
    starts = [s for s, _ in taken]
    kept = list(found)
    for amount in more:
        i = bisect_left(starts, amount.end)         # `found` spans do not overlap: check the last before
        if i == 0 or taken[i - 1][1] <= amount.start:
            kept.append(amount)
    return kept


def _ages(text: str) -> list[Amount]:
    """"John Smith, age 64," "aged 19": an age in years."""
    return [Amount(m.start(), m.end(), m[0], float(m["num"]), AGE) for m in _AGE.finditer(text)]


@lru_cache(maxsize=1)
def _vague_pattern() -> re.Pattern[str]:
    """"thousands of protesters", "tens of thousands of people", "hundreds of millions of dollars"."""
    plural = "hundreds|" + "|".join(w for w, (_, glued) in scales().items() if not glued and w.endswith("s"))
    nouns = _alternation([s for (p, s), u in units().items() if p == "post" and u.kind in ("people", "currency")])
    return re.compile(rf"(?i:\b(?P<tens>tens\s+of\s+)?(?P<scale>{plural})\s+of\s+(?:(?P<scale2>{plural})\s+of\s+)?)"
                      rf"(?P<unit>{nouns})")


def _vague_amounts(text: str) -> list[Amount]:
    """Plural scale words give a lower bound, approximately: "thousands" is at least 1,000."""
    found = []
    for match in _vague_pattern().finditer(text):
        unit = units().get(("post", match["unit"].lower())) or units().get(("post", match["unit"]))
        if unit is None:
            continue
        value = 10.0 if match["tens"] else 1.0
        for word in (match["scale"], match["scale2"]):
            if word:
                value *= 100.0 if word.lower() == "hundreds" else scales()[word.lower()][0]
        found.append(Amount(match.start(), match.end(), match[0], value, unit, None, True, "min"))
    return found


def _amounts(text: str, match: re.Match[str], joined: bool = True) -> list[Amount]:
    unit = AGE if match["old"] else _unit_of(match)
    if unit is None or (unit.kind == "duration" and _TIME_AFTER.match(text, match.end())):
        return []
    if _year_before_noun(text, match, unit) or _is_name(text, match) or re.match(r"0\d", match["num"]):
        return []                                                # the last: "0815 hours" is a clock time
    if joined and match["sep"] and not _is_range(text, match):
        return _split(text, match)
    value = amount_value(match["num"])
    high = amount_value(match["num2"]) if joined and match["num2"] else None
    if value is None or (joined and match["num2"] and high is None):
        return []
    if high is not None and value < high and _scale_of(match["num"]) is None:
        value *= _scale_of(match["num2"]) or 1    # "$5-6bn": the scale of the high end applies to both
    approximate, bound = hedge(text, match.start(), match.end(), unit)
    return [Amount(match.start(), match.end(), text[match.start():match.end()], value, unit,
                   high, approximate, bound)]


def _year_before_noun(text: str, match: re.Match[str], unit: Unit) -> bool:
    """"In 2020 protesters stormed ...": a year, not a count of protesters."""
    if unit.kind in ("currency", "percent") or not re.fullmatch(r"1[89]\d\d|20\d\d", match["num"]):
        return False
    before = text[max(0, match.start() - 10):match.start()]
    return re.search(r"\b(?:in|since|by|during|until|from|of|before|after)\s+$", before, re.I) is not None


def _is_name(text: str, match: re.Match[str]) -> bool:
    """"the One People's Project": a capitalised number and noun inside a sentence are a name."""
    unit = match["post"] or match["people"] or ""
    if not (match["num"][:1].isupper() and unit[:1].isupper()):
        return False
    return not re.search(r"(?:^|[.!?\n])\W*$", text[max(0, match.start() - 3):match.start()])


def _unit_of(match: re.Match[str]) -> Unit | None:
    if match["post"] or match["people"]:
        surface = re.sub(r"\s+", " ", match["post"] or match["people"])
        return units().get(("post", surface)) or units().get(("post", surface.lower()))
    pre = match["pre2"] or match["pre"]
    return units().get(("pre", pre)) if pre else None


def _is_range(text: str, match: re.Match[str]) -> bool:
    """"and" joins a range only after "between"; "from X to Y" is a change, not a range."""
    before = text[max(0, match.start() - 12):match.start()].lower()
    if match["sep"].lower() == "and":
        return before.rstrip().endswith("between")
    return not (match["sep"].lower() == "to" and before.rstrip().endswith("from"))


def _split(text: str, match: re.Match[str]) -> list[Amount]:
    """Two amounts the pattern joined ("from $5bn to $6bn", "3 and 4 percent"): read each alone,
    in place (the pattern re-run on each part's own stretch of text; never recursively)."""
    offset = match.start("pre2") if match["pre2"] else match.start("num2")
    parts = []
    for start, end in ((match.start(), match.start("sep")), (offset, match.end())):
        part = pattern().match(text, start, end)
        if part is not None:
            parts.extend(_amounts(text, part, joined=False))
    return parts


def amount_value(text: str) -> float | None:
    """"21 billion" -> 2.1e10, "5bn" -> 5e9, "two million" -> 2e6, "a million" -> 1e6, "trillion" -> 1e12."""
    text = text.strip()
    digits = re.match(_DIGITS, text)
    if digits:
        number = digits_value(digits[0])
        value = None if number is None else number * (_scale_of(text) or 1)
    else:
        words = re.split(r"[\s-]+", text)
        value = spelled_value(["one" if w.lower() in ("a", "an") else w for w in words])
    return value if value is not None and math.isfinite(value) and abs(value) <= MAX_VALUE else None


def _scale_of(text: str) -> float | None:
    tail = re.sub(rf"^{_DIGITS}[\s-]?", "", text.strip()).lower()
    return scales()[tail][0] if tail in scales() else None


@lru_cache(maxsize=1)
def _hedge_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Up to two hedges right before an amount ("up to about"), one right after ("or more")."""
    def alternation(position: str) -> str:
        return "|".join(re.escape(p) for p in sorted((p for pos, p in hedges() if pos == position),
                                                     key=len, reverse=True))
    pre = alternation("pre")
    return (re.compile(rf"(?:\b({pre})\s+)?\b({pre})\s+$", re.I),
            re.compile(rf"\s+({alternation('post')})\b(?!\s+than)", re.I))


def hedge(text: str, start: int, end: int, unit: Unit) -> tuple[bool, str | None]:
    """Hedge words right before the amount ("around 17%") or right after ("or more")."""
    before, after = _hedge_patterns()
    pre = before.search(text, max(0, start - 30), start)
    found = [("pre", p.lower()) for p in (pre.groups() if pre else ()) if p]
    if (post := after.match(text, end)) is not None:
        found.append(("post", post[1].lower()))
    kinds = [hedges()[key][0] for key in found if unit.kind not in hedges()[key][1]]
    approximate = "approx" in kinds
    bound = next((k for k in kinds if k != "approx"), None)
    return approximate, bound
