"""Bytes to text, and the cheap checks that keep junk out of the parser."""
from __future__ import annotations

import codecs
import re

from newsgraph.errors import InputError
from newsgraph.ingest.language import judge_language

# Formats people hand over that hold text we cannot read directly: named, never parsed.
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF"),
    (b"PK\x03\x04", "a ZIP archive (e.g. .docx, .xlsx, .odt or .epub)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file (.doc, .xls, .ppt)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x1f\x8b", "gzip-compressed (name it .jsonl.gz, or decompress it)"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
)
DUCKDB_MAGIC = (8, b"DUCK")
# Longest byte-order marks first: the UTF-32-LE mark starts with the UTF-16-LE one.
BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
SAMPLE = 4096
WIDE_ZERO_SHARE = 0.7     # share of NUL bytes in a column that marks UTF-16/32 text (ASCII-heavy)
MAX_CONTROL_SHARE = 0.01  # C0 control characters (bar tabs and newlines) in real text
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
SURROGATE = re.compile(r"[\ud800-\udfff]")
WORD = re.compile(r"[^\W\d_]{2,}")


def binary_kind(data: bytes) -> str | None:
    """What a known binary format is called, from its first bytes."""
    for signature, kind in SIGNATURES:
        if data.startswith(signature):
            return kind
    offset, magic = DUCKDB_MAGIC
    if data[offset:offset + len(magic)] == magic and b"\x00" in data[:64]:  # not "The big DUCK"
        return "a DuckDB database"
    return None


def decode(data: bytes, origin: str) -> tuple[str, tuple[str, ...]]:
    """Text from bytes: a byte-order mark decides (UTF-8/16/32); UTF-16/32 without one is
    recognised by its NUL bytes; else UTF-8, falling back to cp1252 with a warning."""
    if not data.strip():
        raise InputError("is empty", remedy="give it some article text")
    kind = binary_kind(data)
    if kind:
        raise InputError(f"is {kind}", remedy="extract its text first")
    text, warnings = _decode_text(data, origin)
    sample = text[:SAMPLE]
    if len(CONTROL.findall(sample)) > MAX_CONTROL_SHARE * len(sample):
        raise InputError("looks binary (control bytes)", remedy="pass a text, HTML, JSON or CSV file")
    if not text.strip():
        raise InputError("is empty", remedy="give it some article text")
    return text, warnings


def encoding_of(head: bytes) -> str | None:
    """The encoding a byte-order mark or the NUL pattern of the first bytes shows, if any."""
    for bom, codec in BOMS:
        if head.startswith(bom):  # the codec that drops the mark
            return {"utf-8": "utf-8-sig"}.get(codec, codec[:6])
    return _wide_codec(head[:SAMPLE]) if b"\x00" in head[:SAMPLE] else None


def _decode_text(data: bytes, origin: str) -> tuple[str, tuple[str, ...]]:
    for bom, codec in BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace"), ()
    if b"\x00" in data[:SAMPLE]:
        codec = _wide_codec(data[:SAMPLE])
        if codec is None:
            raise InputError("looks binary (NUL bytes)", remedy="pass a text, HTML, JSON or CSV file")
        return data.decode(codec, errors="replace"), ()
    try:
        return data.decode("utf-8"), ()
    except UnicodeDecodeError as exc:
        warning = (f"{origin}: not valid UTF-8 at byte {exc.start}; read as cp1252 "
                   "(re-save the file as UTF-8 to silence this)")
        return data.decode("cp1252", errors="replace"), (warning,)


def _wide_codec(sample: bytes) -> str | None:
    """UTF-16 or UTF-32 without a byte-order mark: mostly-Latin text has NULs in fixed columns."""
    usable = len(sample) - len(sample) % 4
    if usable < 8:
        return None
    share = [sample[i:usable:4].count(0) / (usable // 4) for i in range(4)]
    zero = [s >= WIDE_ZERO_SHARE for s in share]
    none = [s < 1 - WIDE_ZERO_SHARE for s in share]
    if none[0] and zero[1] and zero[2] and zero[3]:
        return "utf-32-le"
    if zero[0] and zero[1] and zero[2] and none[3]:
        return "utf-32-be"
    if none[0] and zero[1] and none[2] and zero[3]:
        return "utf-16-le"
    if zero[0] and none[1] and zero[2] and none[3]:
        return "utf-16-be"
    return None


def clean_text(text: str) -> str:
    """Characters no later stage can encode become U+FFFD: lone surrogates (from a JSON
    "\\ud800" escape) and NULs. One character for one, so the length stays the same."""
    if SURROGATE.search(text):
        text = SURROGATE.sub("\ufffd", text)
    return text.replace("\x00", "\ufffd") if "\x00" in text else text


def clean_field(value: str | None) -> str | None:
    return None if value is None else clean_text(value)


def check_text(text: str) -> str:
    """The text itself (cleaned), once it is known to be non-empty English."""
    if not text.strip():
        raise InputError("has no text", remedy="give it some article text")
    if not WORD.search(text):
        raise InputError("has no words", remedy="give it some article text")
    text = clean_text(text)
    judge_language(text)
    return text
