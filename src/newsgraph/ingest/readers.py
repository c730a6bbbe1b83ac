"""Readers: every input a user may hand over becomes a stream of Articles and Skips.

A file, a folder (recursively), `.txt`, `.html`/`.htm`, `.jsonl`/`.jsonl.gz`, or `-` for
standard input. Reading is lazy: a 1 GB JSONL file is never held in memory. A bad input
becomes a Skip with a one-line reason; it never stops the stream.
"""
from __future__ import annotations

import gzip
import io
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from newsgraph.ingest.html import article_from_html
from newsgraph.ingest.text import check_text, decode
from newsgraph.errors import InputError
from newsgraph.model import Article, Skip

TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")

Item = Article | Skip


def read_inputs(paths: Iterable[str], *, stdin: IO[bytes] | None = None) -> Iterator[Item]:
    """Articles and Skips from every path, in order."""
    for raw in paths:
        if raw == "-":
            yield from _read_stdin(stdin or sys.stdin.buffer)
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and _kind(p))
            if not files:
                yield Skip(raw, "folder holds no .txt, .html or .jsonl files")
            for file in files:
                yield from read_file(file)
        elif path.is_file():
            yield from read_file(path)
        else:
            yield Skip(raw, "no such file or folder (check the path)")


def read_file(path: Path) -> Iterator[Item]:
    kind = _kind(path) or "text"
    try:
        if kind == "jsonl":
            opener = gzip.open if path.name.endswith(".gz") else open
            with opener(path, "rb") as handle:
                yield from read_jsonl(handle, str(path))
            return
        data = path.read_bytes()
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield Skip(str(path), f"cannot read: {exc} (check the file and its permissions)")
        return
    yield _guard(lambda: _article_from_bytes(data, str(path), kind), str(path))


def read_jsonl(handle: IO[bytes], origin: str) -> Iterator[Item]:
    """One article per line; a bad line is a Skip naming its line number."""
    lines = iter(io.TextIOWrapper(handle, encoding="utf-8", errors="replace"))
    number = 0
    while True:
        try:
            line = next(lines)
        except StopIteration:
            return
        except (OSError, EOFError) as exc:  # a truncated .gz breaks mid-stream
            yield Skip(origin, f"stopped reading: {exc} (the file is truncated or corrupt)", number + 1)
            return
        number += 1
        if line.strip():
            yield _guard(lambda: _article_from_json(line, origin, number), origin, number)


def _guard(make, origin: str, line: int | None = None) -> Item:
    try:
        return make()
    except InputError as exc:
        return Skip(origin, exc.reason + (f" ({exc.remedy})" if exc.remedy else ""), line)


def _article_from_json(line: str, origin: str, number: int) -> Article:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"not JSON ({exc.msg})", remedy="each line must be one JSON object") from None
    if not isinstance(obj, dict):
        raise InputError("not a JSON object", remedy="each line must be one JSON object")
    meta = {k: _str_or_none(obj.get(k)) for k in ("title", "source", "url", "published")}
    caller_id = _str_or_none(obj.get("id"))
    if isinstance(obj.get("text"), str) and obj["text"].strip():
        text = check_text(obj["text"])
        return Article(text=text, origin=f"{origin}:{number}", id=caller_id, **meta)
    if isinstance(obj.get("html"), str) and obj["html"].strip():
        page = article_from_html(obj["html"], f"{origin}:{number}")
        return Article(text=page.text, origin=page.origin, id=caller_id,
                       **{k: meta[k] or getattr(page, k) for k in meta})
    raise InputError("has no `text` or `html`", remedy="give each line a non-empty `text` field")


def _article_from_bytes(data: bytes, origin: str, kind: str) -> Article:
    if kind == "html":
        text, warnings = decode(data, origin)
        page = article_from_html(text, origin)
        return Article(text=page.text, origin=origin, title=page.title, url=page.url,
                       published=page.published, source=page.source, warnings=warnings)
    text, warnings = decode(data, origin)
    return Article(text=check_text(text), origin=origin, warnings=warnings)


def _read_stdin(stream: IO[bytes]) -> Iterator[Item]:
    data = stream.read()
    head = data.lstrip()[:1]
    if head == b"{":
        yield from read_jsonl(io.BytesIO(data), "<stdin>")
    elif head == b"<":
        yield _guard(lambda: _article_from_bytes(data, "<stdin>", "html"), "<stdin>")
    else:
        yield _guard(lambda: _article_from_bytes(data, "<stdin>", "text"), "<stdin>")


def _kind(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(HTML_SUFFIXES):
        return "html"
    if name.endswith(TEXT_SUFFIXES):
        return "text"
    return None


def _str_or_none(value: object) -> str | None:
    return None if value is None else str(value)
