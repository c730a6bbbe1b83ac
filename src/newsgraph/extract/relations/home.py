"""The article's home state: whose "President" an unowned "President Bush" is.

News names its own country's officers without the country ("President Lee agreed", "Justice
Minister Kim said") and the headline names the country the story is about ("South Korean police
clamp down..."). The home state is the first state the headline names, by name or demonym, that
the article also mentions; with no headline, the state named first in the article's first
sentence. None when neither names one.
"""
from __future__ import annotations

import re

from newsgraph.extract.places.gazetteer import gazetteer
from newsgraph.model import Document, Entity, EntityIndex

MAX_NAME_WORDS = 3      # "United Arab Emirates"


def _states_named(text: str) -> list[str]:
    """ISO codes of the states a short text names, in order: names, aliases and demonyms
    ("South Korean", "Ghanaians", "Thai-Cambodian")."""
    words = re.findall(r"[\w.’']+", text.replace("-", " "))
    found: list[str] = []
    i = 0
    while i < len(words):
        for size in range(min(MAX_NAME_WORDS, len(words) - i), 0, -1):
            iso = _iso(" ".join(words[i:i + size]))
            if iso:
                found.append(iso)
                i += size
                break
        else:
            i += 1
    return found


def _iso(name: str) -> str | None:
    gaz = gazetteer()
    known = gaz.lookup(name) or gaz.demonym(name)
    if known is None and name.endswith("s"):
        known = gaz.demonym(name[:-1])  # "Ghanaians"
    if known is None or known.type != "COUNTRY":
        return None
    return known.country


def home_state(document: Document, index: EntityIndex) -> Entity | None:
    if not document.title:
        return None
    states = {e.country: e for e in index.entities if e.type == "COUNTRY" and e.country}
    return next((states[iso] for iso in _states_named(document.title) if iso in states), None)
