"""A GDELT GKG 2.1-style file: one tab-separated line per article, the 27 GKG columns in order.

Filled from our records: persons, organisations, locations (with coordinates from `places`),
quotations, amounts and all names, each with character offsets; themes from the bundled
taxonomy (its GKG name where it has one, else our name in capitals) and V1.5TONE from the
article's tone (extract/stance/tone.py: the same seven fields, computed with VADER's lexicon
instead of GDELT's dictionaries). Columns we do not produce (GCAM, images, counts,
translation) are left empty. What differs from GDELT
is documented in docs/data-model.md: names are resolved corpus entities, not raw strings;
country codes are ISO 3166-1 alpha-2 (GDELT uses FIPS 10-4); near-duplicates are not rows.
"""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from newsgraph.store import Store

COLUMNS = (
    "GKGRECORDID", "V2.1DATE", "V2SOURCECOLLECTIONIDENTIFIER", "V2SOURCECOMMONNAME",
    "V2DOCUMENTIDENTIFIER", "V1COUNTS", "V2.1COUNTS", "V1THEMES", "V2ENHANCEDTHEMES",
    "V1LOCATIONS", "V2ENHANCEDLOCATIONS", "V1PERSONS", "V2ENHANCEDPERSONS", "V1ORGANIZATIONS",
    "V2ENHANCEDORGANIZATIONS", "V1.5TONE", "V2.1ENHANCEDDATES", "V2GCAM", "V2.1SHARINGIMAGE",
    "V2.1RELATEDIMAGES", "V2.1SOCIALIMAGEEMBEDS", "V2.1SOCIALVIDEOEMBEDS", "V2.1QUOTATIONS",
    "V2.1ALLNAMES", "V2.1AMOUNTS", "V2.1TRANSLATIONINFO", "V2EXTRASXML",
)
WEB = "1"  # GDELT source collection 1: web
ORGS = ("ORG", "IGO")
_UNSAFE = re.compile(r"[\t\r\n#;|,]+")


def export(store: Store, out: Path) -> list[Path]:
    docs = store.fetch("SELECT key, caller_id, url, source, published, title FROM documents "
                       "ORDER BY published NULLS LAST, key").dicts()
    names, places = _mentions(store), _places(store)
    quotes, amounts = _quotes(store), _amounts(store)
    themes, tones = _themes(store), _tones(store)
    with out.open("w", encoding="utf-8", newline="") as handle:
        for n, doc in enumerate(docs, start=1):
            key = doc["key"]
            line = _line(n, doc, names.get(key, []), places.get(key, []), quotes.get(key, []),
                         amounts.get(key, []))
            line[COLUMNS.index("V1THEMES")] = ";".join(dict.fromkeys(t for t, _ in themes.get(key, [])))
            line[COLUMNS.index("V2ENHANCEDTHEMES")] = _offsets(themes.get(key, []))
            line[COLUMNS.index("V1.5TONE")] = tones.get(key, "")
            handle.write("\t".join(line) + "\n")
    return [out]


def _themes(store: Store) -> dict[str, list]:
    rows = store.fetch('SELECT doc, coalesce(gkg, upper(name)), "start" FROM themes ORDER BY doc, seq').rows
    return _group((doc, (theme, start)) for doc, theme, start in rows)


def _tones(store: Store) -> dict[str, str]:
    """GKG V1.5TONE: tone, positive, negative, polarity, activity, self/group reference, words."""
    rows = store.fetch("SELECT doc, tone, positive, negative, polarity, activity, self_reference, words "
                       "FROM tones WHERE entity IS NULL").rows
    return {doc: ",".join(_num(v) for v in values) for doc, *values in rows}


def _line(n: int, doc: dict, names: list, places: list, quotes: list, amounts: list) -> list[str]:
    date = (doc["published"] or "").replace("-", "").ljust(8, "0")[:8] + "000000"
    persons = [(name, offset) for name, type_, offset in names if type_ == "PERSON"]
    orgs = [(name, offset) for name, type_, offset in names if type_ in ORGS]
    values = {
        "GKGRECORDID": f"{date}-{n}", "V2.1DATE": date, "V2SOURCECOLLECTIONIDENTIFIER": WEB,
        "V2SOURCECOMMONNAME": _clean(doc["source"] or ""),
        "V2DOCUMENTIDENTIFIER": doc["url"] or doc["caller_id"] or doc["key"],
        "V1LOCATIONS": ";".join(dict.fromkeys(p[0] for p in places)),
        "V2ENHANCEDLOCATIONS": ";".join(p[1] for p in places),
        "V1PERSONS": _unique(persons), "V2ENHANCEDPERSONS": _offsets(persons),
        "V1ORGANIZATIONS": _unique(orgs), "V2ENHANCEDORGANIZATIONS": _offsets(orgs),
        "V2.1QUOTATIONS": "#".join(quotes),
        "V2.1ALLNAMES": _offsets([(name, offset) for name, _, offset in names]),
        "V2.1AMOUNTS": ";".join(amounts) + (";" if amounts else ""),
        "V2EXTRASXML": f"<PAGE_TITLE>{_xml(doc['title'])}</PAGE_TITLE>" if doc["title"] else "",
    }
    return [values.get(column, "") for column in COLUMNS]


def _mentions(store: Store) -> dict[str, list]:
    rows = store.fetch('SELECT m.doc, e.name, e.type, m."start" FROM mentions m '
                       'JOIN entities e ON e.id = m.entity ORDER BY m.doc, m."start"').rows
    return _group((doc, (_clean(name), type_, start)) for doc, name, type_, start in rows)


def _places(store: Store) -> dict[str, list]:
    """GKG location type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state."""
    rows = store.fetch("""
        SELECT p.doc, e.name, e.type, p.country, p.admin1, p.lat, p.lon, p.geonames_id,
               (SELECT min(m."start") FROM mentions m WHERE m.doc = p.doc AND m.entity = p.entity)
        FROM places p JOIN entities e ON e.id = p.entity ORDER BY p.doc, p.seq""").rows
    out = []
    for doc, name, type_, country, admin1, lat, lon, feature, offset in rows:
        kind = _location_type(type_, country)
        head = f"{kind}#{_clean(name)}#{country or ''}#{admin1 or ''}"
        tail = f"{_num(lat)}#{_num(lon)}#{feature or ''}"
        out.append((doc, (f"{head}#{tail}", f"{head}##{tail}#{offset if offset is not None else ''}")))
    return _group(out)


def _location_type(type_: str, country: str | None) -> int:
    us = country == "US"
    return {"COUNTRY": 1, "REGION": 2 if us else 5, "CITY": 3 if us else 4}.get(type_, 4)


def _quotes(store: Store) -> dict[str, list]:
    rows = store.fetch('SELECT doc, "start", "end", cue, text FROM quotes ORDER BY doc, seq').rows
    return _group((doc, f"{start}|{end - start}|{_clean(cue or '')}|{_clean(text or '')}")
                  for doc, start, end, cue, text in rows)


def _amounts(store: Store) -> dict[str, list]:
    rows = store.fetch('SELECT doc, value, coalesce(measure, unit), "start" FROM figures '
                       'ORDER BY doc, seq').rows
    return _group((doc, f"{_num(value)},{_clean(what or '')},{start}") for doc, value, what, start in rows)


def _group(pairs) -> dict[str, list]:
    grouped: dict[str, list] = defaultdict(list)
    for key, value in pairs:
        grouped[key].append(value)
    return grouped


def _unique(pairs: list[tuple[str, int]]) -> str:
    return ";".join(dict.fromkeys(name for name, _ in pairs))


def _offsets(pairs: list[tuple[str, int]]) -> str:
    return ";".join(f"{name},{offset}" for name, offset in pairs)


def _clean(text: str) -> str:
    """GKG fields are delimited by # ; | , and tabs: those characters become spaces."""
    return _UNSAFE.sub(" ", text).strip()


def _num(value) -> str:
    return "" if value is None else f"{float(value):g}"


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
