"""Time expressions -> ISO values: the normaliser figures and events share (registers no extractor).

dateparser does the parsing of written and relative dates ("7 January 2022", "on Friday",
"last year"), anchored on the article's publication date. The few shapes it does not know are
handled here before it: decades ("the early 2000s"), month-of-relative-year ("in August last
year"), ranges ("2019-20"), offsets from another time ("a day earlier"), "then", "in recent years".

`resolved` is True when the value is exact (absolute, or computed from the publication date) and
False when it is only an approximation (qualifiers like "early", "recent", no anchor to count from).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import lru_cache

from dateparser.date import DateDataParser

from newsgraph.extract.figures.numbers import word_value

RECENT_YEARS = 3                 # "in recent years" -> the three years before publication
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = "|".join(MONTHS) + r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec"
_LEADING = re.compile(r"^(?:(?:on|in|at|during|throughout|as of|by|of|since|for)\s+)?(?:the\s+)?", re.I)
_DATEISH = re.compile(
    rf"\b(?:1\d{{3}}|20\d{{2}}|{_MONTH}|{'|'.join(WEEKDAYS)}"
    r"|today|tonight|yesterday|tomorrow|ago|last|next|this|week|month|year|day)\b", re.I)
_QUALIFIERS = ("early|mid|late|earlier|later|end|beginning|start|middle|turn|spring|summer|autumn|fall|winter"
               "|first half|second half")
_PERIODS = {"day": "day", "part_of_day": "day", "week": "day", "month": "month", "year": "year"}


@dataclass(frozen=True, slots=True)
class TimeValue:
    value: str            # ISO: "2022-01-07", "2021-08", "2020", "2000s", or a range "2019/2020"
    granularity: str      # day | month | year | decade | range
    resolved: bool        # True when anchored exactly (absolute or via the publication date)
    text: str


Rule = Callable[[str, "date | None", "TimeValue | None"], "TimeValue | None"]


@lru_cache(maxsize=8192)
def normalize_time(text: str, published: str | None = None,
                   anchor: TimeValue | None = None) -> TimeValue | None:
    """The ISO value of a time expression, or None when it names no time we can place.

    `published` (YYYY-MM-DD) anchors relative expressions; `anchor` is the time an earlier
    sentence set, for "then" and "a day earlier" (without it those count from publication).
    Cached: dateparser takes milliseconds a call and news repeats its time phrases.
    """
    cleaned = _clean(text)
    if not cleaned or "%" in cleaned or "$" in cleaned:
        return None
    base = _date(published)
    for rule in RULES:
        found = rule(cleaned, base, anchor)
        if found is not None:
            return replace(found, text=text)
    return None


def _clean(text: str) -> str:
    text = re.sub(r"\s+", " ", text.strip().strip(".,;:()")).replace("\u2019", "'")
    text = _LEADING.sub("", text, count=1).strip()
    return re.sub(r"^(?:past|previous) (?=week|month|year)", "last ", text, flags=re.I)


def _date(published: str | None) -> date | None:
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def _tv(value: str, granularity: str, resolved: bool) -> TimeValue:
    return TimeValue(value=value, granularity=granularity, resolved=resolved, text="")


def _decade(text: str, base: date | None, anchor: TimeValue | None) -> TimeValue | None:
    """"the 1990s", "the early 2000s", "the mid-'90s" is left alone (century unknown)."""
    match = re.fullmatch(r"(?:(early|mid|late)[- ]?)?(\d{3}0)'?s", text, re.I)
    if not match:
        return None
    return _tv(f"{match[2]}s", "decade", resolved=match[1] is None)


def _qualified(text: str, base: date | None, anchor: TimeValue | None) -> TimeValue | None:
    """"early 2020", "mid-2021", "late last year", "the spring of 2003", "the end of 2021",
    "earlier this month": the period, only approximately."""
    match = re.fullmatch(rf"({_QUALIFIERS})(?: of)?[- ](?:the )?(.+)", text, re.I)
    inner = normalize_time(match[2], base.isoformat() if base else None, anchor) if match else None
    return replace(inner, resolved=False) if inner and inner.granularity != "decade" else None


def _year_range(text: str, base: date | None, anchor: TimeValue | None) -> TimeValue | None:
    """"2019-20", "2019/2020", "2019–2021"."""
    match = re.fullmatch(r"(\d{4})\s*[-\u2013/]\s*(\d{2}|\d{4})", text)
    if not match:
        return None
    end = match[2] if len(match[2]) == 4 else match[1][:2] + match[2]
    return _tv(f"{match[1]}/{end}", "range", True) if end > match[1] else None


def _word_range(text: str, base: date | None, anchor: TimeValue | None) -> TimeValue | None:
    """"between 2019 and 2021", "from March to May 2021": both ends must normalise."""
    match = re.fullmatch(r"between (.+) and (.+)|from (.+?) (?:to|until|through) (.+)", text, re.I)
    if not match:
        return None
    first, last = (g for g in match.groups() if g)
    published = base.isoformat() if base else None
    low, high = normalize_time(first, published, anchor), normalize_time(last, published, anchor)
    if low is None or high is None:
        return None
    return _tv(f"{low.value}/{high.value}", "range", low.resolved and high.resolved)


def _month_of_year(text: str, base: date | None, anchor: TimeValue | None) -> TimeValue | None:
    """"August last year", "March this year" (dateparser knows neither)."""
    match = re.fullmatch(rf"({_MONTH})\.?(?: of)? (last|this|next|the previous|the following) year", text, re.I)
    if not match or base is None:
        return None
    shift = {"last": -1, "the previous": -1, "this": 0, "next": 1, "the following": 1}[match[2].lower()]
    return _tv(f"{base.year + shift:04d}-{_month(match[1]):02d}", "month", True)


def _last_month_named(text: str, base: date | None, anchor: TimeValue | None) -> TimeValue | None:
    """"last August" is the latest August before publication; "next March" the first after it."""
    match = re.fullmatch(rf"(last|next) ({_MONTH})\.?", text, re.I)
    if not match or base is None:
        return None
    month = _month(match[2])
    if match[1].lower() == "last":
        year = base.year if month < base.month else base.year - 1
    else:
        year = base.year if month > base.month else base.year + 1
    return _tv(f"{year:04d}-{month:02d}", "month", True)


def _weekday(text: str, base: date | None, anchor: TimeValue | None) -> TimeValue | None:
    """"on Friday" in news is the latest Friday up to publication, the day itself included
    (dateparser would go back a week when the article appeared on a Friday)."""
    match = re.fullmatch(rf"(last )?({'|'.join(WEEKDAYS)})", text, re.I)
    if not match or base is None:
        return None
    back = (base.weekday() - WEEKDAYS.index(match[2].lower())) % 7
    return _tv((base - timedelta(days=back or (7 if match[1] else 0))).isoformat(), "day", True)


def _weekend(text: str, base: date | None, anchor: TimeValue | None) -> TimeValue | None:
    """"the weekend", "over the weekend" (the latest one, news reports what happened), "this
    weekend" (of the publication week), "last"/"next weekend": its Saturday, approximately."""
    match = re.fullmatch(r"(?:over )?(?:the )?(last|this|next|past|previous)? ?weekend", text, re.I)
    if not match or base is None:
        return None
    which = (match[1] or "").lower()
    saturday = base + timedelta(days=5 - base.weekday())          # Saturday of the publication week
    if which in ("", "past") and saturday > base:
        saturday -= timedelta(weeks=1)                             # "the weekend": the one just gone
    shift = {"last": -1, "previous": -1, "next": 1}.get(which, 0)
    return _tv((saturday + timedelta(weeks=shift)).isoformat(), "day", False)


def _month(word: str) -> int:
    return _ABBR.index(word.lower()[:3]) + 1


_ABBR = tuple(m[:3] for m in MONTHS)
_UNITS = {"day": timedelta(days=1), "week": timedelta(weeks=1)}


def _offset(text: str, base: date | None, anchor: TimeValue | None) -> TimeValue | None:
    """"a day earlier", "two weeks later", "the previous day", "the next day": counted from `anchor`."""
    match = re.fullmatch(r"(a|an|one|\w+|\d+) (day|week|month|year)s? (earlier|later|before|after)", text, re.I)
    if match:
        count = 1.0 if match[1].lower() in ("a", "an") else word_value(match[1])
        unit, sign = match[2].lower(), -1 if match[3].lower() in ("earlier", "before") else 1
    else:
        match = re.fullmatch(r"(previous|following|next(?= day)) (day|week|month|year)"
                             r"|(day|week|month|year) (before|after)", text, re.I)
        if not match:
            return None
        count, unit = 1.0, (match[2] or match[3]).lower()
        sign = -1 if (match[1] or match[4]).lower() in ("previous", "before") else 1
    start = _anchor_date(anchor) or base
    if count is None or start is None:
        return None
    return _shifted(start, unit, int(sign * count), resolved=_anchor_date(anchor) is not None)


def _anchor_date(anchor: TimeValue | None) -> date | None:
    if anchor is None or anchor.granularity != "day":
        return None
    return date.fromisoformat(anchor.value)


def _shifted(start: date, unit: str, count: int, resolved: bool) -> TimeValue:
    if unit in _UNITS:
        return _tv((start + count * _UNITS[unit]).isoformat(), "day", resolved)
    if unit == "month":
        months = start.year * 12 + start.month - 1 + count
        return _tv(f"{months // 12:04d}-{months % 12 + 1:02d}", "month", resolved)
    return _tv(f"{start.year + count:04d}", "year", resolved)


def _then(text: str, base: date | None, anchor: TimeValue | None) -> TimeValue | None:
    """"then", "at the time" (cleaned to "time"): whatever time the story last set; nothing without one."""
    if text.lower() not in ("then", "that time", "time") or anchor is None:
        return None
    return replace(anchor, resolved=False)


def _recent(text: str, base: date | None, anchor: TimeValue | None) -> TimeValue | None:
    """"in recent years", "recently", "in recent months": an approximate window before publication."""
    match = re.fullmatch(r"recent (years|months|weeks|days)|recently|lately", text, re.I)
    if not match or base is None:
        return None
    if match[1] and match[1].lower() == "years":
        return _tv(f"{base.year - RECENT_YEARS}/{base.year}", "range", False)
    if match[1] and match[1].lower() == "months":
        return _tv(f"{_shifted(base, 'month', -6, False).value}/{base.isoformat()[:7]}", "range", False)
    return _tv(base.isoformat()[:7], "month", False)


def _year(text: str, base: date | None, anchor: TimeValue | None) -> TimeValue | None:
    """A bare year ("2019", "in 2020"): the commonest case, answered without dateparser."""
    return _tv(text, "year", True) if re.fullmatch(r"1\d{3}|20\d{2}", text) else None


def _parsed(text: str, base: date | None, anchor: TimeValue | None) -> TimeValue | None:
    """Written and relative dates through dateparser; relative ones only with a publication date."""
    if not _DATEISH.search(text):
        return None
    absolute = re.search(r"\b(?:1\d{3}|20\d{2})\b", text) is not None
    if base is None and not absolute:
        return None
    data = _parser(base or date(2000, 1, 1)).get_date_data(text)
    granularity = _PERIODS.get(data.period or "")
    if data.date_obj is None or granularity is None:
        return None
    value = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}[granularity]
    # a week has no ISO value here: its day stands for it, only approximately
    return _tv(data.date_obj.strftime(value), granularity, data.period != "week")


@lru_cache(maxsize=64)
def _parser(base: date) -> DateDataParser:
    settings = {"RELATIVE_BASE": datetime(base.year, base.month, base.day), "PREFER_DATES_FROM": "past",
                "RETURN_TIME_AS_PERIOD": True, "STRICT_PARSING": False}
    return DateDataParser(languages=["en"], settings=settings)


RULES: tuple[Rule, ...] = (_decade, _qualified, _year_range, _word_range, _month_of_year, _last_month_named,
                           _weekday, _weekend, _offset, _then, _recent, _year, _parsed)
