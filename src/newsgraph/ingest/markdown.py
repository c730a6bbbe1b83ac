"""Markdown articles: the prose without the markup, the first heading as the title.

markdown-it-py (CommonMark) parses the file; each paragraph, heading after the first, list item
and quoted paragraph becomes one paragraph of plain text (emphasis, link targets and inline
HTML dropped, link text kept). Code blocks are not prose and are left out. A YAML front
matter block (`---` lines) gives `title`, `date`/`published`, `url` and `source`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
FRONT_FIELD = re.compile(r"^(\w+)[ \t]*:[ \t]*(.*?)[ \t]*$", re.M)
FRONT_NAMES = {"title": "title", "date": "published", "published": "published", "url": "url",
               "source": "source"}
INLINE_TEXT = {"text": None, "code_inline": None, "softbreak": " ", "hardbreak": "\n"}


@dataclass(frozen=True)
class MarkdownText:
    text: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    source: str | None = None


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark")


def markdown_to_text(source: str) -> MarkdownText:
    meta: dict[str, str] = {}
    front = FRONT_MATTER.match(source)
    if front:
        for name, value in FRONT_FIELD.findall(front.group(1)):
            if name.lower() in FRONT_NAMES and value:
                meta[FRONT_NAMES[name.lower()]] = value.strip("'\"")
        source = source[front.end():]
    paragraphs: list[str] = []
    title = meta.pop("title", None)
    heading = False
    for token in _parser().parse(source):
        if token.type == "heading_open":
            heading = True
        elif token.type == "inline":
            line = _plain(token).strip()
            if heading and title is None and not paragraphs:
                title = line or None
            elif line:
                paragraphs.append(line)
        elif token.type == "heading_close":
            heading = False
    published = meta.get("published")
    return MarkdownText("\n\n".join(paragraphs), title=title, published=published[:10] if published else None,
                        url=meta.get("url"), source=meta.get("source"))


def _plain(inline: Token) -> str:
    parts = []
    for child in inline.children or ():
        if child.type in INLINE_TEXT:
            parts.append(INLINE_TEXT[child.type] or child.content)
    return "".join(parts)
