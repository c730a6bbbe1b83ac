"""Fuzz: generated hostile texts, JSONL lines, HTML pages and raw files through the readers and
the whole pipeline (issue 17). Whatever comes in: no exception escapes, every span lies inside
its text and runs forwards, every record is strict JSON, and the good articles read alongside
always come out.

The CI run reads FUZZ_EXAMPLES (1,200) generated inputs plus 1,000 byte strings from hypothesis
through the readers alone. A longer run: NEWSGRAPH_FUZZ_EXAMPLES=20000 NEWSGRAPH_FUZZ_SEED=7
pytest tests/test_fuzz.py (bench/fuzz.py times each input).
"""
from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz_inputs import Generator
from newsgraph.ingest import read_inputs
from newsgraph.ingest.fields import parse_json
from newsgraph.errors import InputError
from newsgraph.model import Article, ArticleRecord, Skip
from newsgraph.model.json_text import dumps
from newsgraph.pipeline import extract_records

FUZZ_EXAMPLES = int(os.environ.get("NEWSGRAPH_FUZZ_EXAMPLES", "1200"))
SEED = int(os.environ.get("NEWSGRAPH_FUZZ_SEED", "17"))
GOOD = ("The council of Bergen said on Thursday that it would build a new bridge over the harbour "
        "by 2027, at a cost of 40 million crowns. ") * 2


def write_inputs(folder: Path, count: int, seed: int) -> tuple[list[str], list[str]]:
    """Files holding `count` generated inputs, with a good article before, between and after
    them; returns the paths in reading order and the good articles' ids."""
    gen = Generator(seed)
    n_lines, n_pages = count // 2, count // 4
    n_files = count - n_lines - n_pages
    lines = folder / "fuzz.jsonl"
    lines.write_text("".join(gen.jsonl_line() + "\n" for _ in range(n_lines)), encoding="utf-8",
                     errors="surrogatepass")  # raw surrogates too, not only \ud800 escapes
    pages, files = folder / "pages", folder / "files"
    pages.mkdir()
    files.mkdir()
    for i in range(n_pages):
        (pages / f"p{i:05}.html").write_text(gen.html(), encoding="utf-8", errors="surrogatepass")
    for i in range(n_files):
        (files / f"f{i:05}.{gen.rng.choice(('txt', 'md', 'json', 'csv'))}").write_bytes(gen.raw_bytes())
    goods = []
    for name in ("good-a", "good-b", "good-c", "good-d"):
        (folder / f"{name}.jsonl").write_text(json.dumps({"id": name, "text": GOOD}) + "\n", encoding="utf-8")
        goods.append(str(folder / f"{name}.jsonl"))
    order = [goods[0], str(lines), goods[1], str(pages), goods[2], str(files), goods[3]]
    return order, ["good-a", "good-b", "good-c", "good-d"]


def assert_valid(record: ArticleRecord) -> None:
    text = record.document.text
    spans = [span for entity in record.entities for span in entity.mentions]
    spans += [role.span for entity in record.entities for role in entity.roles if role.span]
    for section in ("quotes", "figures", "relations", "events", "places", "stances", "themes"):
        spans += [fact.span for fact in getattr(record, section) if getattr(fact, "span", None)]
    for start, end in spans:
        assert 0 <= start < end <= len(text), (record.document.origin, start, end)
    strict = dumps(record.to_dict())
    json.loads(strict, parse_constant=lambda constant: pytest.fail(f"bare {constant} in JSON"))
    strict.encode("utf-8")  # no lone surrogate reaches the output


def test_generated_inputs_never_escape_and_good_articles_come_out(tmp_path):
    paths, good_ids = write_inputs(tmp_path, FUZZ_EXAMPLES, SEED)
    read = list(read_inputs(paths))
    assert len(read) >= FUZZ_EXAMPLES  # every input is an article or a skip (an array line: more)
    records = skips = 0
    found = []
    for item in extract_records(read):
        if isinstance(item, Skip):
            skips += 1
            assert item.reason and "\n" not in item.reason
            continue
        records += 1
        assert_valid(item)
        if item.document.id in good_ids:
            assert item.document.text == GOOD
            found.append(item.document.id)
    assert found == good_ids
    assert records > FUZZ_EXAMPLES // 4 and skips > 0  # the generator makes both kinds


@settings(max_examples=1000, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(st.binary(max_size=600), st.sampled_from(["x.txt", "x.md", "x.html", "x.json", "x.jsonl", "x.csv",
                                                 "x.tsv", "x.pdf", "x"]))
def test_readers_turn_any_bytes_into_articles_or_skips(tmp_path_factory, data, name):
    path = tmp_path_factory.mktemp("bytes") / name
    path.write_bytes(data)
    for item in [*read_inputs([str(path)]), *read_inputs(["-"], stdin=io.BytesIO(data))]:
        assert isinstance(item, (Article, Skip))
        if isinstance(item, Article):
            assert item.text.strip()
            item.text.encode("utf-8")  # no lone surrogates


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
                    lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner), max_leaves=30))
def test_any_json_value_is_an_article_or_an_input_error(value):
    line = json.dumps({"text": value, "id": value})
    try:
        parse_json(line)
    except InputError:
        pass
