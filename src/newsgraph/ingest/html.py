"""HTML pages: main text, title, date, URL and site name, taken with trafilatura."""
from __future__ import annotations

import logging
import unicodedata
from dataclasses import dataclass

import trafilatura

from newsgraph.errors import InputError
from newsgraph.ingest.text import check_text

MIN_MAIN_WORDS = 8

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # its warnings are ours to word


@dataclass(frozen=True)
class Page:
    text: str
    origin: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = None


def article_from_html(html: str, origin: str) -> Page:
    """The page's main text (NFC-normalised) and metadata; an error when there is no main text."""
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                          include_tables=False)
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        raise InputError(f"cannot parse the HTML ({exc.__class__.__name__})",
                         remedy="check that it is a web page") from None
    text = unicodedata.normalize("NFC", (doc.text or "")) if doc is not None else ""
    if len(text.split()) < MIN_MAIN_WORDS:  # a menu or a login box is not an article
        raise InputError("HTML page has no main text", remedy="pass the article page, not an index or a login page")
    return Page(check_text(text), origin, title=doc.title, url=doc.url, published=_date(doc.date),
                source=doc.sitename or doc.hostname)


def _date(value: str | None) -> str | None:
    return value[:10] if value else None
