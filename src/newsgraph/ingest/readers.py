"""Readers: every input a user may hand over becomes a stream of Articles and Skips.

A file, a folder (recursively), `.txt`, `.md`, `.html`/`.htm`, `.json` (one article object or
an array of them), `.jsonl`/`.jsonl.gz`, `.csv`/`.tsv` (one article per row), or `-` for
standard input. Reading is lazy: a 1 GB JSONL file is never held in memory. A bad input becomes
a Skip with a one-line reason; it never stops the stream: every error of a line, a row or a
file is caught where it happens (the traceback goes to the debug log, shown by --debug).
"""
from __future__ import annotations

import gzip
import io
import logging
import os
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO

from newsgraph.errors import InputError
from newsgraph.ingest.fields import article_from_fields, parse_json
from newsgraph.ingest.html import article_from_html
from newsgraph.ingest.markdown import markdown_to_text
from newsgraph.ingest.tables import DELIMITERS, read_table
from newsgraph.ingest.text import SAMPLE, binary_kind, check_text, clean_field, decode, encoding_of
from newsgraph.model import Article, Skip

log = logging.getLogger("newsgraph")

KINDS = {  # name ending -> kind; longer endings first
    ".jsonl.gz": "jsonl", ".ndjson.gz": "jsonl", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".json": "json", ".html": "html", ".htm": "html", ".txt": "text", ".text": "text",
    ".md": "markdown", ".markdown": "markdown", **{suffix: "table" for suffix in DELIMITERS},
}
# Found in a folder, these are named ("is a PDF; extract its text first"), not passed over.
BINARY_SUFFIXES = (".pdf", ".doc", ".docx", ".odt", ".rtf", ".epub", ".xls", ".xlsx", ".ppt", ".pptx")
STREAM_ERRORS = (OSError, EOFError, zlib.error, UnicodeError)  # a corrupt or truncated file mid-read

Item = Article | Skip


def read_inputs(paths: Iterable[str], *, stdin: IO[bytes] | None = None,
                text_column: str | None = None) -> Iterator[Item]:
    """Articles and Skips from every path, in order."""
    for raw in paths:
        if raw == "-":
            yield from _contained(_read_stdin(stdin or sys.stdin.buffer), "<stdin>")
            continue
        path = Path(raw)
        try:
            if path.is_dir():
                yield from _read_folder(path, text_column)
            elif path.is_file():
                yield from read_file(path, text_column=text_column)
            else:
                yield Skip(raw, "no such file or folder (check the path)")
        except OSError as exc:  # e.g. a path that is too long, or a folder we may not list
            yield Skip(raw, f"cannot read: {exc.strerror or exc} (check the path and its permissions)")


def _read_folder(folder: Path, text_column: str | None) -> Iterator[Item]:
    """Every readable file under the folder, sorted; a subfolder that cannot be listed is
    reported, not passed over in silence."""
    unreadable: list[OSError] = []
    files = []
    for root, dirs, names in os.walk(folder, onerror=unreadable.append):
        dirs.sort()
        files += [Path(root) / name for name in names if _wanted(name)]
    for error in unreadable:
        yield Skip(str(error.filename or folder), f"cannot read the folder: {error.strerror} "
                   "(check its permissions)")
    if not files and not unreadable:
        yield Skip(str(folder), "folder holds no .txt, .md, .html, .json, .jsonl or .csv files")
    for file in sorted(files):
        yield from read_file(file, text_column=text_column)


def _wanted(name: str) -> bool:
    return kind_of(name) is not None or name.lower().endswith(BINARY_SUFFIXES)


def read_file(path: Path, *, text_column: str | None = None) -> Iterator[Item]:
    """The articles of one file; anything that goes wrong is a Skip naming the file."""
    kind = kind_of(path.name) or "text"
    origin = str(path)
    if kind == "jsonl":
        yield from _contained(_read_jsonl_file(path), origin)
    elif kind == "table":
        yield from _contained(read_table(path, text_column), origin)
    else:
        try:
            data = path.read_bytes()
        except OSError as exc:
            yield Skip(origin, f"cannot read: {exc.strerror or exc} (check the file and its permissions)")
            return
        yield from _contained(_from_bytes(data, origin, kind), origin)


def _read_jsonl_file(path: Path) -> Iterator[Item]:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rb") as handle:
        yield from read_jsonl(handle, str(path))


def read_jsonl(handle: IO[bytes], origin: str, *, first_line: int = 1) -> Iterator[Item]:
    """One article per line; a bad line is a Skip naming its line number (counted from
    `first_line`, for a byte range of a larger file)."""
    lines = iter(io.TextIOWrapper(handle, encoding="utf-8-sig", errors="replace"))
    number = first_line - 1
    while True:
        try:
            line = next(lines)
        except StopIteration:
            return
        except STREAM_ERRORS as exc:  # a truncated or corrupt .gz breaks mid-stream
            yield Skip(origin, f"stopped reading: {exc} (the file is truncated or corrupt)", number + 1)
            return
        number += 1
        if line.strip():
            yield _guard(lambda: article_from_fields(parse_json(line), f"{origin}:{number}"), origin, number)


def read_bytes(data: bytes, origin: str) -> Iterator[Item]:
    """The articles of a file's bytes fetched from anywhere (an fsspec URL): its kind from its
    name; binary formats and tables (which need a local file and --text-column) are Skips."""
    kind = kind_of(origin) or "text"
    found = binary_kind(data[:SAMPLE])
    if found:
        yield Skip(origin, f"is {found} (extract its text first)")
    elif kind == "table":
        yield Skip(origin, "tables (.csv, .tsv) are read from local files (copy it here first)")
    else:
        yield from _contained(_from_bytes(data, origin, kind), origin)


def _from_bytes(data: bytes, origin: str, kind: str) -> Iterator[Item]:
    if kind == "json":
        yield from _read_json_document(data, origin)
    else:
        yield _guard(lambda: _article_from_bytes(data, origin, kind), origin)


def _read_json_document(data: bytes, origin: str) -> Iterator[Item]:
    """A .json file: one article object, or an array of them (a Skip per bad item).
    One object per line (JSONL under a .json name) is read as JSONL."""
    try:
        text, _ = decode(data, origin)
        value = parse_json(text)
    except InputError as exc:
        if "Extra data" in exc.reason:
            yield from read_jsonl(io.BytesIO(text.encode("utf-8", "replace")), origin)
            return
        yield _skip(origin, exc)
        return
    if not isinstance(value, list):
        yield _guard(lambda: article_from_fields(value, origin), origin)
        return
    for number, item in enumerate(value, start=1):
        yield _guard(lambda: article_from_fields(item, f"{origin}[{number}]"), f"{origin}[{number}]")


def _article_from_bytes(data: bytes, origin: str, kind: str) -> Article:
    text, warnings = decode(data, origin)
    if kind == "html":
        page = article_from_html(text, origin)
        return Article(text=page.text, origin=origin, title=clean_field(page.title), url=clean_field(page.url),
                       published=clean_field(page.published), source=clean_field(page.source),
                       warnings=warnings)
    if kind == "markdown":
        md = markdown_to_text(text)
        return Article(text=check_text(md.text), origin=origin, title=md.title, url=md.url,
                       published=md.published, source=md.source, warnings=warnings)
    return Article(text=check_text(text), origin=origin, warnings=warnings)


def _read_stdin(stream: IO[bytes]) -> Iterator[Item]:
    data = stream.read()
    encoding = encoding_of(data[:SAMPLE])
    if encoding:  # UTF-16/32 (or a UTF-8 mark): to plain UTF-8 before looking at it
        data = data.decode(encoding, errors="replace").encode("utf-8", errors="replace")
    head = data.lstrip()[:1]
    if head == b"{":
        yield from read_jsonl(io.BytesIO(data), "<stdin>")
    elif head == b"[":
        yield from _read_json_document(data, "<stdin>")
    else:
        yield from _from_bytes(data, "<stdin>", "html" if head == b"<" else "text")


def _guard(make: Callable[[], Article], origin: str, line: int | None = None) -> Item:
    """The article `make` returns, or a Skip with the reason: an InputError's own words, or for
    any other error its kind (the traceback goes to the debug log)."""
    try:
        return make()
    except InputError as exc:
        return _skip(origin, exc, line)
    except Exception as exc:  # RecursionError included
        log.debug("reading %s failed", origin, exc_info=True)
        return Skip(origin, f"cannot read ({exc.__class__.__name__}: {_first_line(exc)}; "
                    "rerun with --debug for the traceback)", line)


def _contained(items: Iterator[Item], origin: str) -> Iterator[Item]:
    """Items from a reader; an error that escapes it ends that input with a Skip, not the run."""
    try:
        yield from items
    except STREAM_ERRORS as exc:
        yield Skip(origin, f"stopped reading: {_first_line(exc)} (check the file and its permissions)")
    except Exception as exc:
        log.debug("reading %s failed", origin, exc_info=True)
        yield Skip(origin, f"stopped reading ({exc.__class__.__name__}: {_first_line(exc)}; "
                   "rerun with --debug for the traceback)")


def _skip(origin: str, exc: InputError, line: int | None = None) -> Skip:
    return Skip(origin, exc.reason + (f" ({exc.remedy})" if exc.remedy else ""), line)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:200] if text else exc.__class__.__name__


def kind_of(name: str) -> str | None:
    lowered = name.lower()
    for ending, kind in KINDS.items():
        if lowered.endswith(ending):
            return kind
    return None
