"""Bad input: one clear line naming the file (and line) and the remedy; the batch goes on (issue 2)."""
import gzip
import json

import pytest

from newsgraph.cli.main import main

ENGLISH = "The minister said on Friday that the talks with the delegation would continue next week. "


def run(argv, capsys):
    status = main(["extract", *argv, "--format", "jsonl"])
    out, err = capsys.readouterr()
    return status, [json.loads(line) for line in out.splitlines()], err


@pytest.mark.parametrize("name, content, message", [
    ("empty.txt", b"", "is empty"),
    ("blank.txt", b"   \n\n  ", "is empty"),
    ("binary.txt", b"\x00\x01\x02PNG\x00" * 40, "looks binary"),
    ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" * 20,
     "is a PDF (extract its text first)"),
    ("letter.docx", b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 4, "is a ZIP archive"),
    ("german.txt", ("Die Regierung hat am Freitag beschlossen, dass die Verhandlungen mit der "
                    "Delegation in der kommenden Woche fortgesetzt werden sollen, sagte ein Sprecher "
                    "des Ministeriums in Berlin. ").encode() * 2, "is not in English"),
    ("nomain.html", b"<html><head><title>Index</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
     "HTML page has no main text"),
])
def test_bad_file_gets_one_line_naming_it(tmp_path, capsys, name, content, message):
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text(ENGLISH * 3, encoding="utf-8")
    status, records, err = run([str(bad), str(good)], capsys)
    assert status == 0  # one article succeeded
    assert len(records) == 1 and records[0]["document"]["text"] == ENGLISH * 3
    lines = [line for line in err.splitlines() if line.startswith("newsgraph: skipped")]
    assert len(lines) == 1 and str(bad) in lines[0] and message in lines[0]
    assert "Traceback" not in err


def test_cp1252_falls_back_with_a_warning(tmp_path, capsys):
    path = tmp_path / "legacy.txt"
    path.write_bytes((ENGLISH + "The caf\xe9 owner said \x93no\x94. ").encode("latin-1") * 2)
    status, records, err = run([str(path)], capsys)
    assert status == 0
    assert "café" in records[0]["document"]["text"] and "“no”" in records[0]["document"]["text"]
    assert "not valid UTF-8" in err and str(path) in err


def test_jsonl_bad_lines_are_named_by_number(tmp_path, capsys):
    path = tmp_path / "dump.jsonl"
    lines = [json.dumps({"id": "a1", "text": ENGLISH}), "{not json", json.dumps({"id": "a3", "title": "x"}),
             json.dumps(["a", "list"]), json.dumps({"id": "a5", "text": ENGLISH * 2})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    status, records, err = run([str(path)], capsys)
    assert status == 0
    assert [r["document"]["id"] for r in records] == ["a1", "a5"]
    assert f"{path}:2: not JSON" in err
    assert f"{path}:3: has no `text` or `html`" in err
    assert f"{path}:4: not a JSON object" in err


def test_nothing_succeeded_exits_non_zero(tmp_path, capsys):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    status, records, err = run([str(path), str(tmp_path / "missing.txt")], capsys)
    assert status == 1 and records == []
    assert "no such file or folder" in err and "missing.txt" in err


def test_truncated_gzip_keeps_what_was_read(tmp_path, capsys):
    path = tmp_path / "dump.jsonl.gz"
    data = gzip.compress("\n".join(json.dumps({"id": f"a{i}", "text": ENGLISH}) for i in range(50)).encode())
    path.write_bytes(data[: len(data) // 2 + 30])
    status, records, err = run([str(path)], capsys)
    assert "truncated or corrupt" in err or "skipped" in err
    assert "Traceback" not in err


def test_extractor_failure_is_a_skip_not_a_crash(monkeypatch, tmp_path, capsys):
    import newsgraph.pipeline as pipeline

    def broken(*_args, **_kwargs):
        raise ValueError("boom")

    monkeypatch.setattr(pipeline, "resolve_entities", broken)
    path = tmp_path / "a.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    status, records, err = run([str(path)], capsys)
    assert status == 1 and records == []
    assert "extraction failed (ValueError: boom)" in err and "--debug" in err


# -- issue 17: nothing a hostile file can do loses a good article ------------------------------

GOOD = ("Officials in Lyon said on Monday that the regional council would raise its transport "
        "budget by 4 percent next year. ") * 3
GOOD2 = ("The mayor of Leeds told reporters on Tuesday that the city would open two new "
         "libraries before the winter. ") * 3


def _zlib_broken_gzip() -> bytes:
    """A gzip whose deflate stream breaks in the middle (zlib.error, not a clean end)."""
    import random
    import zlib
    data = gzip.compress("\n".join(json.dumps({"id": f"z{i}", "text": ENGLISH * (1 + i % 3)})
                                   for i in range(200)).encode())
    for seed in range(500):
        rng, broken = random.Random(seed), bytearray(data)
        for _ in range(5):
            broken[rng.randrange(len(data) // 3, 2 * len(data) // 3)] = rng.randrange(256)
        try:
            gzip.decompress(bytes(broken))
        except zlib.error:
            return bytes(broken)
        except Exception:
            continue
    raise AssertionError("no seed breaks the stream")


HOSTILE = {
    "huge-number.jsonl": json.dumps({"id": "n1", "text": ENGLISH}).replace("}", ', "n": ' + "9" * 4301 + "}"),
    "deep-list.jsonl": json.dumps({"id": "d1", "text": ENGLISH})[:-1] + ', "x": ' + "[" * 100_000 + "]" * 100_000 + "}",
    "surrogate.jsonl": '{"id": "s1", "text": "%s \\ud800 and \\udfff."}' % ENGLISH,
    "nul.jsonl": '{"id": "u1", "text": "%s \\u0000 end."}' % ENGLISH,
    "broken.jsonl.gz": _zlib_broken_gzip,
    "report.pdf": b"%PDF-1.4\n" + bytes(range(256)) * 8,
    "newlines.txt": "\n" * 500_000 + ENGLISH * 2,
    "huge-number.json": '{"text": "%s", "views": 1e400, "n": %s}' % (ENGLISH, "7" * 5000),
    "utf16.txt": (ENGLISH * 2).encode("utf-16"),
    "nonsense.json": b"{\"text\": [[[[",
    "row.csv": 'text,id\n"%s",c1\n"unterminated,c2\n' % ENGLISH,
    "binary.md": bytes(range(256)) * 20,
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_good_articles_around_a_hostile_input_come_out(tmp_path, capsys, name):
    content = HOSTILE[name]() if callable(HOSTILE[name]) else HOSTILE[name]
    hostile = tmp_path / name
    hostile.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "good2.txt").write_text(GOOD2, encoding="utf-8")
    status, records, err = run([str(tmp_path / "good.txt"), str(hostile), str(tmp_path / "good2.txt")], capsys)
    texts = [r["document"]["text"] for r in records]
    assert status == 0 and texts[0] == GOOD and texts[-1] == GOOD2, err
    assert "Traceback" not in err


@pytest.mark.parametrize("name, expected", [
    ("huge-number.jsonl", ["n1"]), ("deep-list.jsonl", ["d1"]), ("surrogate.jsonl", ["s1"]), ("nul.jsonl", ["u1"]),
])
def test_a_hostile_field_nobody_reads_does_not_lose_its_article(tmp_path, capsys, name, expected):
    path = tmp_path / name
    path.write_text(HOSTILE[name], encoding="utf-8")
    status, records, err = run([str(path)], capsys)
    assert [r["document"]["id"] for r in records] == expected, err
    assert "\ud800" not in records[0]["document"]["text"]


def test_a_broken_gzip_keeps_the_lines_before_the_break(tmp_path, capsys):
    path = tmp_path / "dump.jsonl.gz"
    path.write_bytes(_zlib_broken_gzip())
    status, records, err = run([str(path)], capsys)
    assert status == 0 and records and "truncated or corrupt" in err and "Traceback" not in err


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be",
                                      "utf-8-sig"])
def test_utf16_and_utf32_with_or_without_a_byte_order_mark(tmp_path, encoding):
    from newsgraph.ingest import read_inputs
    path = tmp_path / "wide.txt"
    path.write_bytes((GOOD + "Le café ouvrira à 8 h, a-t-il dit.").encode(encoding))
    [article] = read_inputs([str(path)])
    assert article.text == GOOD + "Le café ouvrira à 8 h, a-t-il dit."


def test_json_file_with_one_article_or_an_array(tmp_path):
    from newsgraph.ingest import read_inputs
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"id": "j1", "title": "Budget", "text": GOOD}), encoding="utf-8")
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"id": "j2", "text": GOOD}, {"id": "j3"}, "text", {"id": "j4", "text": GOOD2}]),
                    encoding="utf-8")
    items = list(read_inputs([str(one), str(many)]))
    assert [(i.id, i.title) for i in items[:1]] == [("j1", "Budget")]
    assert [getattr(i, "id", None) for i in items[1:]] == ["j2", None, None, "j4"]
    assert items[2].message() == f"{many}[2]: has no `text` or `html` (give each article a non-empty `text` field)"
    assert items[3].reason.startswith("not a JSON object")


def test_csv_and_tsv_rows_with_a_text_column(tmp_path, capsys):
    path = tmp_path / "articles.csv"
    path.write_text(f'id,headline,body\nr1,Budget,"{GOOD}"\nr2,Libraries,"{GOOD2}"\n', encoding="utf-8")
    status, records, err = run([str(path)], capsys)
    assert status == 1 and "has no `text` column" in err and "--text-column" in err and "body" in err
    status, records, err = run([str(path), "--text-column", "body"], capsys)
    assert [r["document"]["id"] for r in records] == ["r1", "r2"]
    assert records[0]["document"]["text"] == GOOD
    tsv = tmp_path / "articles.tsv"
    tsv.write_text(f"id\ttext\ttitle\nt1\t{GOOD}\tBudget\n", encoding="utf-8")
    status, records, err = run([str(tsv)], capsys)
    assert [(r["document"]["id"], r["document"]["title"]) for r in records] == [("t1", "Budget")]


def test_markdown_is_read_without_its_markup(tmp_path):
    from newsgraph.ingest import read_inputs
    path = tmp_path / "story.md"
    path.write_text("---\ndate: 2024-05-02\nsource: Example Wire\n---\n# Council raises budget\n\n"
                    f"{GOOD}\n\nThe **mayor** said [the plan](http://example.org/plan) was *fair*.\n\n"
                    "- first point\n\n```\ncode()\n```\n", encoding="utf-8")
    [article] = read_inputs([str(path)])
    assert article.title == "Council raises budget" and article.published == "2024-05-02"
    assert article.source == "Example Wire"
    assert article.text == f"{GOOD.strip()}\n\nThe mayor said the plan was fair.\n\nfirst point"


@pytest.mark.parametrize("text", [
    "Results of the county cricket matches on Saturday:\nSurrey 312 and 140-2 beat Kent 205 and 245\n"
    "Essex 401-8 drew with Somerset 355\nYorkshire 289 lost to Lancashire 290-6\n"
    "Durham 199 and 205 lost to Sussex 330 and 75-1\nWarwickshire 250 drew with Hampshire 260-9\n",
    "Closing prices in London on Friday:\nRio 4,512 up 12\nGlencore 431.5 down 2.3\n"
    "Aviva 402.1 unchanged\nTesco 288.9 up 1.4\nUnilever 4,101 down 35\nBarratt 450.2 up 6.0\n",
    "Xi Jinping met Kassym-Jomart Tokayev and Shavkat Mirziyoyev in Astana on Tuesday.",
])
def test_english_tables_scores_and_names_are_english(tmp_path, text):
    from newsgraph.ingest import read_inputs
    path = tmp_path / "table.txt"
    path.write_text(text, encoding="utf-8")
    [article] = read_inputs([str(path)])
    assert article.text == text


def test_unreadable_entries_in_a_folder_are_reported(tmp_path):
    import os
    from newsgraph.ingest import read_inputs
    (tmp_path / "ok.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing-target.txt")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.5\n" + bytes(range(256)))
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text(GOOD2, encoding="utf-8")
    locked.chmod(0)
    try:
        messages = [i.message() for i in read_inputs([str(tmp_path)]) if hasattr(i, "reason")]
    finally:
        locked.chmod(0o755)
    assert any(str(tmp_path / "gone.txt") in m and "cannot read" in m for m in messages)
    assert f"{tmp_path / 'scan.pdf'}: is a PDF (extract its text first)" in messages
    if os.geteuid() != 0:  # root reads a chmod-000 folder anyway
        assert any(str(locked) in m and "cannot read the folder" in m for m in messages)


def test_stdin_with_a_lone_surrogate_and_utf16(capsys):
    import io
    from newsgraph.ingest import read_inputs
    line = '{"id": "in1", "text": "%s \\ud800"}\n' % GOOD
    [article] = read_inputs(["-"], stdin=io.BytesIO(line.encode("utf-8")))
    assert article.id == "in1" and article.text.endswith("\ufffd")
    [article] = read_inputs(["-"], stdin=io.BytesIO(GOOD.encode("utf-16")))
    assert article.text == GOOD


# -- parsing and extraction: isolation and a time budget -----------------------------------------

def test_a_text_over_the_parser_limit_is_parsed_in_chunks(nlp, monkeypatch):
    from newsgraph.model import Article, ArticleRecord
    from newsgraph.pipeline import extract_records
    long_text = "\n\n".join(f"Paragraph {i}. Officials in Lyon met the mayor of Leeds on Monday." for i in range(40))
    monkeypatch.setattr(nlp, "max_length", 600)
    items = [Article(GOOD, "a"), Article(long_text, "long"), Article(GOOD2, "b")]
    records = list(extract_records(items))
    assert [type(r) for r in records] == [ArticleRecord] * 3
    long_record = records[1]
    assert long_record.document.text == long_text
    names = {long_text[s:e] for entity in long_record.entities for s, e in entity.mentions}
    assert {"Lyon", "Leeds"} <= names


def test_chunks_cover_the_text_and_end_at_paragraphs():
    from newsgraph.nlp.pipeline import chunk_bounds
    text = "".join(f"Sentence {i} of the report. " + ("\n\n" if i % 7 == 6 else "") for i in range(300))
    bounds = chunk_bounds(text, 500)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:]))
    assert all(end - start <= 500 for start, end in bounds)
    assert all(text[:end].endswith("\n\n") for _, end in bounds[:-1])
    assert chunk_bounds("x" * 1200, 500) == [(0, 500), (500, 1000), (1000, 1200)]


def test_a_failure_inside_a_parse_batch_costs_only_its_article():
    from newsgraph.model import Article, ArticleRecord, Skip
    from newsgraph.pipeline import extract_records
    items = [Article(GOOD, "a"), Article(GOOD + " \ud800", "bad"), Article(GOOD2, "b")]  # past the reader
    records = list(extract_records(items))
    assert [type(r) for r in records] == [ArticleRecord, Skip, ArticleRecord]
    assert records[1].origin == "bad" and "UnicodeEncodeError" in records[1].reason


def test_an_article_over_its_time_budget_is_a_skip_with_the_reason():
    from dataclasses import replace
    from newsgraph.model import Article, Skip
    from newsgraph.pipeline import extract_records
    from newsgraph.settings import load_settings
    tight = replace(load_settings(), article_seconds=1e-6)
    [skip] = list(extract_records([Article(GOOD, "slow")], tight))
    assert isinstance(skip, Skip) and "time budget" in skip.reason and "article_seconds" in skip.reason
    [record] = list(extract_records([Article(GOOD, "fine")]))
    assert record.document.text == GOOD


def test_time_budget_stops_a_loop_that_catches_exceptions():
    from newsgraph.budget import OverBudget, time_budget
    with pytest.raises(OverBudget):
        with time_budget(0.05):
            while True:
                try:
                    sum(range(1000))
                except Exception:  # an extractor's own handler cannot swallow the budget
                    pass


# -- valid output --------------------------------------------------------------------------------

def test_backwards_spans_blank_quotes_and_infinite_figures_are_dropped():
    from dataclasses import replace
    from corpus_fixtures import synthetic_record
    from newsgraph.model.valid import checked
    record = synthetic_record()
    quote, figure = record.quotes[0], record.figures[0]
    bad = replace(record, quotes=(quote, replace(quote, id="q2", text="", span=(57, 52))),
                  figures=(figure, replace(figure, id="f2", value=float("inf")),
                           replace(figure, id="f3", value=1e300), replace(figure, id="f4", span=(0, 10**6))))
    clean = checked(bad)
    assert [q.id for q in clean.quotes] == ["q1"] and [f.id for f in clean.figures] == ["f1"]
    assert checked(record) is record


def test_json_output_is_strict():
    from newsgraph.model.json_text import dumps
    text = dumps({"a": float("nan"), "b": [float("inf"), 1.5], "c": "\u00e9"})
    assert json.loads(text, parse_constant=lambda c: pytest.fail(f"bare {c}")) == {"a": None, "b": [None, 1.5], "c": "é"}
    from newsgraph.web.app import StrictJSONResponse  # every API response
    assert StrictJSONResponse({"x": float("-inf")}).body == b'{"x":null}'


# -- the database reaches nothing outside itself -------------------------------------------------

OUTSIDE = [
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM read_text('/etc/hostname')",
    "SELECT * FROM read_blob('/etc/hostname')",
    "SELECT * FROM glob('/etc/*')",
    "SELECT * FROM read_parquet('https://example.org/data.parquet')",
    "SELECT * FROM sqlite_scan('/tmp/x.db', 't')",
]


@pytest.mark.parametrize("statement", OUTSIDE)
def test_sql_cannot_read_outside_the_database(corpus, capsys, statement):
    import newsgraph
    from newsgraph.store import StoreError
    assert main(["sql", statement, "--db", str(corpus)]) == 2
    out, err = capsys.readouterr()
    assert "root:" not in out and err.startswith("newsgraph: error:")
    for write in (False, True):
        copy = corpus.parent / f"copy-{write}.duckdb"
        if write and not copy.exists():
            copy.write_bytes(corpus.read_bytes())
        with newsgraph.open(copy if write else corpus, write=write) as db, pytest.raises(StoreError):
            db.sql(statement)


def test_a_file_that_is_not_duckdb_is_named_before_duckdb_opens_it(tmp_path, capsys):
    import sqlite3
    lite = tmp_path / "notes.sqlite"
    with sqlite3.connect(lite) as connection:
        connection.execute("CREATE TABLE t (x)")
    text = tmp_path / "notes.txt"
    text.write_text(GOOD, encoding="utf-8")
    for path, kind in ((lite, "is an SQLite database"), (text, "is not a DuckDB database")):
        assert main(["ingest", str(text), "--db", str(path)]) == 2
        assert capsys.readouterr().err.startswith(f"newsgraph: error: {path}: {kind} (choose another --db")
        assert main(["sql", "SELECT 1", "--db", str(path)]) == 2
        assert kind in capsys.readouterr().err


def test_a_long_text_is_parsed_within_the_time_budget(nlp, monkeypatch):
    from dataclasses import replace
    from newsgraph.model import Article, Skip
    from newsgraph.pipeline import extract_records
    from newsgraph.settings import load_settings
    monkeypatch.setattr(nlp, "max_length", 300)
    tight = replace(load_settings(), article_seconds=1e-6)
    [skip] = list(extract_records([Article(GOOD * 3, "long")], tight))
    assert isinstance(skip, Skip) and skip.reason.startswith("parsing took longer than")
    assert "article_seconds" in skip.reason


def test_dataset_sql_reads_only_its_folder(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq
    from newsgraph.scale import query_dataset
    (tmp_path / "documents").mkdir()
    pq.write_table(pa.table({"key": ["k1", "k2"]}), tmp_path / "documents" / "part-0.parquet")
    assert query_dataset(tmp_path, "SELECT count(*) FROM documents")[1] == [(2,)]
    for statement in OUTSIDE[:5]:
        with pytest.raises(Exception, match="disabled by configuration|Permission"):
            query_dataset(tmp_path, statement)


def test_ingest_stores_every_article_around_an_over_long_one(nlp, monkeypatch, tmp_path):
    from newsgraph.corpus import ingest
    from newsgraph.ingest import read_inputs
    from newsgraph.settings import load_settings
    from newsgraph.store import Store
    monkeypatch.setattr(nlp, "max_length", 400)  # GOOD2 * 3 is over it: parsed in chunks
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": i, "text": t}) + "\n"
                              for i, t in (("a", GOOD), ("long", GOOD2 * 3), ("b", ENGLISH * 2))), encoding="utf-8")
    with Store.open(tmp_path / "c.duckdb") as store:
        summary = ingest(store, read_inputs([str(source)]), load_settings())
        ids = {row[0] for row in store.fetch("SELECT caller_id FROM documents").rows}
    assert summary.stored == 3 and summary.skips == 0 and ids == {"a", "long", "b"}


def test_an_exponent_too_large_for_a_float_is_no_figure(extract):
    record = extract("The deficit reached $1e400 last year, officials said. Debt rose to 1e309 dollars.")
    assert [(f.text, f.value) for f in record.figures if f.value in (1.0, float("inf"))] == []
