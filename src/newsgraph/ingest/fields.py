"""One article from named fields: a JSON object (a JSONL line, a .json file) or a CSV/TSV row.

Also JSON parsing that no line can break: numbers of any length, nesting of any depth.
"""
from __future__ import annotations

import json
import re
from collections.abc import Mapping

from newsgraph.errors import InputError
from newsgraph.ingest.html import article_from_html
from newsgraph.ingest.text import check_text, clean_field, clean_text
from newsgraph.model import Article

METADATA = ("title", "source", "url", "published")
MAX_INT_DIGITS = 4000   # Python refuses to convert longer digit strings (sys.int_info)
MAX_DEPTH = 64          # deeper JSON containers (never article fields) are read as null
# A JSON string (escapes included) or one bracket: strings are skipped whole, so brackets
# inside them never count.
JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')


def parse_json(text: str) -> object:
    """json.loads, except that a huge number or a 100,000-deep list in a field nobody reads
    does not make the whole line unreadable. Raises InputError when it is not JSON."""
    try:
        try:
            return json.loads(text, parse_int=_bounded_int)
        except RecursionError:  # the C scanner recurses once per nesting level
            return json.loads(cut_deep(text), parse_int=_bounded_int)
    except json.JSONDecodeError as exc:
        raise InputError(f"not JSON ({exc.msg} at character {exc.pos})",
                         remedy="each line must be one JSON object") from None
    except (ValueError, RecursionError) as exc:
        raise InputError(f"not JSON ({exc.__class__.__name__})",
                         remedy="each line must be one JSON object") from None


def _bounded_int(digits: str) -> int | str:
    """An integer too long to convert stays its digits (it is never an article field)."""
    return int(digits) if len(digits) <= MAX_INT_DIGITS else digits


def cut_deep(text: str, limit: int = MAX_DEPTH) -> str:
    """The JSON text with every container nested deeper than `limit` replaced by null."""
    pieces: list[str] = []
    depth = kept_to = 0
    cut_from: int | None = None
    for match in JSON_TOKEN.finditer(text):
        token = match.group()
        if token[0] == '"':
            continue
        if token in "[{":
            depth += 1
            if depth == limit + 1:
                cut_from = match.start()
        else:
            if depth == limit + 1 and cut_from is not None:
                pieces += [text[kept_to:cut_from], "null"]
                kept_to, cut_from = match.end(), None
            depth -= 1
    pieces.append(text[kept_to:])
    return "".join(pieces)


def article_from_fields(fields: object, origin: str, *, text_field: str = "text") -> Article:
    """An Article from `text_field` (or `html`), with `id`, `title`, `source`, `url`, `published`."""
    if not isinstance(fields, Mapping):
        raise InputError("not a JSON object", remedy="each line must be one JSON object")
    meta = {k: clean_field(_str_or_none(fields.get(k))) for k in METADATA}
    caller_id = clean_field(_str_or_none(fields.get("id")))
    text = fields.get(text_field)
    if isinstance(text, str) and text.strip():
        return Article(text=check_text(text), origin=origin, id=caller_id, **meta)
    html = fields.get("html")
    if isinstance(html, str) and html.strip():
        page = article_from_html(clean_text(html), origin)
        return Article(text=page.text, origin=page.origin, id=caller_id,
                       **{k: meta[k] or clean_field(getattr(page, k)) for k in meta})
    raise InputError(f"has no `{text_field}` or `html`",
                     remedy=f"give each article a non-empty `{text_field}` field")


def _str_or_none(value: object) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    return str(value)
