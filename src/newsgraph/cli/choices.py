"""Names the command-line parser offers as choices, kept here so building the parser imports
nothing heavy. `tests/test_cli_startup.py` checks each against the registry it mirrors."""
from __future__ import annotations

QUERIES = ("entities", "quotes", "figures", "relations", "events")   # query.tables.NAMED
EXPORT_FORMATS = ("jsonl", "parquet", "csv", "graphml", "gkg")       # export.EXPORTERS
ENGINES = ("local", "dask")                                          # scale.executor.ENGINES
DEFAULT_LIMIT = 50                                                   # query.filters.DEFAULT_LIMIT
EVAL_SPLITS = ("train", "dev", "test")                               # evaluate.polnear.SPLITS
EVAL_THRESHOLD = 0.5                                                 # evaluate.quotes.DEFAULT_THRESHOLD
