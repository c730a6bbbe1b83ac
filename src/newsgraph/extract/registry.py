"""Extractors register by versioned name; built-ins enter by the same door as plug-ins.

An extractor is one module in `newsgraph/extract/` (found by `discover()`) or a third-party
object published under the `newsgraph.extractors` entry-point group. It declares the record
section it fills and the sections it needs; the pipeline runs them in dependency order.
"""
from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.metadata import entry_points
from typing import Any, Protocol, runtime_checkable

from spacy.tokens import Doc

from newsgraph.errors import ConfigError
from newsgraph.model import ArticleRecord, Document, EntityIndex

# Sections a fact extractor may fill; "roles" are folded into entities by the pipeline.
SECTIONS = ("roles", "quotes", "figures", "relations", "events", "places", "stances", "tones", "themes")


@dataclass
class Context:
    """What an extractor sees besides the parse: the document, its entities, earlier sections."""

    document: Document
    entities: EntityIndex
    found: dict[str, Sequence[Any]] = field(default_factory=dict)

    def section(self, name: str) -> Sequence[Any]:
        return self.found.get(name, ())


@dataclass(frozen=True)
class TableSection:
    """Plain rows an extractor contributes to `--format table`; the CLI draws them."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@runtime_checkable
class Extractor(Protocol):
    name: str                      # versioned, stored with every row: "quotes.rules.v1"
    section: str                   # one of SECTIONS
    requires: tuple[str, ...]      # sections that must be filled first

    def extract(self, doc: Doc, context: Context) -> Sequence[Any]: ...

    def table(self, record: ArticleRecord) -> Sequence[TableSection]: ...


_REGISTRY: dict[str, Extractor] = {}


def register(extractor: Extractor) -> Extractor:
    """Add an extractor instance; usable as a class decorator (the class is instantiated)."""
    instance = extractor() if isinstance(extractor, type) else extractor
    if instance.section not in SECTIONS:
        raise ConfigError(f"extractor {instance.name!r} fills unknown section {instance.section!r}",
                          remedy=f"use one of {', '.join(SECTIONS)}")
    _REGISTRY[instance.name] = instance
    return extractor


@lru_cache(maxsize=1)
def discover() -> tuple[Extractor, ...]:
    """Import every built-in extractor module and entry-point plug-in, then order by needs."""
    import newsgraph.extract as package

    # Each fact family is a subpackage (extract/places/, extract/quotes/, ...); modules and
    # subpackages whose names start with "_" are helpers and register nothing.
    for info in pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}."):
        if not any(part.startswith("_") for part in info.name.split(".")):
            importlib.import_module(info.name)
    for point in entry_points(group="newsgraph.extractors"):
        register(point.load())
    return _ordered(list(_REGISTRY.values()))


def _ordered(extractors: list[Extractor]) -> tuple[Extractor, ...]:
    done: set[str] = set()
    ordered: list[Extractor] = []
    pending = sorted(extractors, key=lambda e: e.name)
    while pending:
        ready = [e for e in pending if set(e.requires) <= done | {"entities"}]
        if not ready:
            missing = {r for e in pending for r in e.requires} - done - {"entities"}
            raise ConfigError(f"extractors {[e.name for e in pending]} need sections nobody fills: {missing}")
        for extractor in ready:
            ordered.append(extractor)
            pending.remove(extractor)
        done |= {e.section for e in ready if not any(p.section == e.section for p in pending)}
    return tuple(ordered)
