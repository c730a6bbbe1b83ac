"""Time-expression normalisation against a fixed publication date (Saturday 8 January 2022)."""
from __future__ import annotations

import pytest

from newsgraph.extract.figures.dates import TimeValue, normalize_time

PUBLISHED = "2022-01-08"

# (text, value, granularity, resolved); value None means "no time"
CASES = [
    ("on Friday", "2022-01-07", "day", True),
    ("Friday", "2022-01-07", "day", True),
    ("last Friday", "2022-01-07", "day", True),
    ("on Saturday", "2022-01-08", "day", True),        # the publication day itself
    ("Tuesday morning", "2022-01-04", "day", True),
    ("yesterday", "2022-01-07", "day", True),
    ("in August last year", "2021-08", "month", True),
    ("March this year", "2022-03", "month", True),
    ("last August", "2021-08", "month", True),
    ("last year", "2021", "year", True),
    ("this year", "2022", "year", True),
    ("2019", "2019", "year", True),
    ("In 2020", "2020", "year", True),
    ("since 2013", "2013", "year", True),
    ("March 2021", "2021-03", "month", True),
    ("in December", "2021-12", "month", True),
    ("2022-01-07", "2022-01-07", "day", True),
    ("January 7, 2022", "2022-01-07", "day", True),
    ("7 Jan 2022", "2022-01-07", "day", True),
    ("on Jan. 5", "2022-01-05", "day", True),
    ("the 1990s", "1990s", "decade", True),
    ("the early 2000s", "2000s", "decade", False),
    ("early 2020", "2020", "year", False),
    ("mid-2021", "2021", "year", False),
    ("2019-20", "2019/2020", "range", True),
    ("2019/2020", "2019/2020", "range", True),
    ("between 2019 and 2021", "2019/2021", "range", True),
    ("the spring of 2003", "2003", "year", False),
    ("the end of 2021", "2021", "year", False),
    ("earlier this month", "2022-01", "month", False),
    ("late last year", "2021", "year", False),
    ("last week", "2022-01-01", "day", False),          # a week: its day, approximately
    ("the past week", "2022-01-01", "day", False),
    ("a day earlier", "2022-01-07", "day", False),      # no anchor: counted from publication
    ("two days later", "2022-01-10", "day", False),
    ("the previous day", "2022-01-07", "day", False),
    ("in recent years", "2019/2022", "range", False),
    ("recently", "2022-01", "month", False),
    ("next week", "2022-01-15", "day", False),
    ("last month", "2021-12", "month", True),
    ("next month", "2022-02", "month", True),
    ("five years ago", "2017", "year", True),
    ("on Thursday", "2022-01-06", "day", True),
    ("next Tuesday", "2022-01-11", "day", True),
    ("the weekend", "2022-01-08", "day", False),         # news reports the weekend just gone
    ("over the weekend", "2022-01-08", "day", False),
    ("last weekend", "2022-01-01", "day", False),
    ("next weekend", "2022-01-15", "day", False),
    ("then", None, None, None),                          # nothing to refer back to
    ("17%", None, None, None),
    ("$21 billion", None, None, None),
    ("the border", None, None, None),
]


@pytest.mark.parametrize(("text", "value", "granularity", "resolved"), CASES)
def test_normalize_time(text: str, value: str | None, granularity: str | None, resolved: bool | None) -> None:
    found = normalize_time(text, PUBLISHED)
    if value is None:
        assert found is None
        return
    assert found == TimeValue(value=value, granularity=granularity, resolved=resolved, text=text)


ANCHORED = [
    ("a day earlier", "on Friday", "2022-01-06", "day", True),
    ("the next day", "on Friday", "2022-01-08", "day", True),
    ("a week later", "January 3, 2022", "2022-01-10", "day", True),
    ("then", "in 2013", "2013", "year", False),
    ("at the time", "in August last year", "2021-08", "month", False),
]


@pytest.mark.parametrize(("text", "anchor", "value", "granularity", "resolved"), ANCHORED)
def test_relative_to_anchor(text: str, anchor: str, value: str, granularity: str, resolved: bool) -> None:
    found = normalize_time(text, PUBLISHED, anchor=normalize_time(anchor, PUBLISHED))
    assert (found.value, found.granularity, found.resolved) == (value, granularity, resolved)


@pytest.mark.parametrize(("text", "value"), [("In 2020", "2020"), ("7 January 2022", "2022-01-07"),
                                             ("the 1990s", "1990s"), ("2019-2021", "2019/2021")])
def test_absolute_without_publication_date(text: str, value: str) -> None:
    assert normalize_time(text).value == value


@pytest.mark.parametrize("text", ["on Friday", "last year", "in August last year", "a day earlier",
                                  "in recent years", "in December"])
def test_relative_needs_publication_date(text: str) -> None:
    assert normalize_time(text) is None
