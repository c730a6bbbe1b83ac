"""The only spaCy set-up: `load_nlp()` once per process, `parse()` with `nlp.pipe`."""
from newsgraph.nlp.pipeline import load_nlp, parse

__all__ = ["load_nlp", "parse"]
