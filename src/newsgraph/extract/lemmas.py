"""Lemmas without spaCy's lemmatizer (the pipeline skips it for speed), from lemminflect's
inflection tables: lexicons list lemmas ("say", "spokesman"), tokens come inflected ("said",
"spokesmen"). Only the inflection table is used; lemminflect's lemma table takes seconds to load.
"""
from __future__ import annotations

from functools import lru_cache

from lemminflect import getAllInflections


@lru_cache(maxsize=None)
def forms(lemmas: frozenset[str], upos: str) -> dict[str, str]:
    """Every inflected form of the given lemmas (lower-case), mapped back to its lemma."""
    found: dict[str, str] = {}
    for lemma in sorted(lemmas):
        found[lemma] = lemma
        for variants in getAllInflections(lemma, upos=upos).values():
            for form in variants:
                found.setdefault(form.lower(), lemma)
    return found
