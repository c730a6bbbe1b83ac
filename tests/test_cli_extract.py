"""`newsgraph extract` as a user runs it: every input kind and every output format (issue 2)."""
import gzip
import json
import subprocess
import sys

from newsgraph.cli.main import main

from conftest import SEED_TEXT

TEXT = ("Russian President Vladimir Putin met Chinese leader Xi Jinping in Moscow on Friday. "
        "Xi said the two countries would deepen cooperation.\r\n")
PAGE = """<html><head><title>Leaders meet in Moscow</title>
<meta property="og:url" content="https://news.example.org/2022/01/07/leaders-meet">
<meta name="date" content="2022-01-07"></head>
<body><nav>Home | World | Politics</nav><article><h1>Leaders meet in Moscow</h1>
<p>Russian President Vladimir Putin met Chinese leader Xi Jinping in Moscow on Friday, officials said.</p>
<p>Xi said the two countries would deepen cooperation on energy and security in Central Asia.</p>
</article><footer>Copyright</footer></body></html>"""


def extract(argv, capsys):
    status = main(["extract", *argv])
    out, err = capsys.readouterr()
    assert status == 0, err
    return out


def test_plain_text_offsets_point_into_the_users_file(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_bytes(TEXT.encode("utf-8"))
    record = json.loads(extract([str(path), "--format", "json"], capsys))
    assert record["document"]["text"] == TEXT  # exactly the decoded input, CRLF included
    xi = next(e for e in record["entities"] if e["name"] == "Xi Jinping")
    assert {TEXT[s:e] for s, e in xi["mentions"]} == {"Xi Jinping", "Xi"}


def test_json_is_an_object_for_one_and_an_array_for_several(tmp_path, capsys):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(TEXT, encoding="utf-8")
    one = json.loads(extract([str(tmp_path / "a.txt")], capsys))
    several = json.loads(extract([str(tmp_path)], capsys))  # a folder, read recursively
    assert isinstance(one, dict) and isinstance(several, list) and len(several) == 2


def test_html_page_gives_main_text_and_metadata(tmp_path, capsys):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    record = json.loads(extract([str(path)], capsys))
    doc = record["document"]
    assert doc["title"] == "Leaders meet in Moscow"
    assert doc["published"] == "2022-01-07"
    assert doc["url"] == "https://news.example.org/2022/01/07/leaders-meet"
    assert "Home | World" not in doc["text"] and "deepen cooperation" in doc["text"]
    assert {"Vladimir Putin", "Xi Jinping", "Russia", "China"} <= {e["name"] for e in record["entities"]}


def test_jsonl_gz_streams_one_record_per_line(tmp_path, capsys):
    path = tmp_path / "dump.jsonl.gz"
    rows = [{"id": f"wire-{i}", "text": TEXT, "title": f"T{i}", "published": "2022-01-07", "source": "Wire"}
            for i in range(3)]
    path.write_bytes(gzip.compress("\n".join(json.dumps(r) for r in rows).encode()))
    lines = extract([str(path), "--format", "jsonl"], capsys).splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["document"]["id"] for r in records] == ["wire-0", "wire-1", "wire-2"]
    assert records[0]["document"]["source"] == "Wire" and records[0]["document"]["published"] == "2022-01-07"


def test_table_lists_entities_by_type_with_counts_and_aliases(capsys):
    out = extract([str(SEED_TEXT), "--format", "table"], capsys)
    assert "Entities" in out
    xi_line = next(line for line in out.splitlines() if "Xi Jinping" in line)
    assert "PERSON" in xi_line and "Xi" in xi_line.split("Xi Jinping", 1)[1]
    assert "Collective Security Treaty Organization" in out


def test_stdin_in_a_real_process():
    result = subprocess.run([sys.executable, "-m", "newsgraph.cli.main", "extract", "-", "--format", "jsonl"],
                            input=TEXT.encode(), capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr.decode()
    record = json.loads(result.stdout)
    assert record["document"]["text"] == TEXT and record["document"]["origin"] == "<stdin>"


def test_debug_shows_the_traceback_for_an_internal_error(monkeypatch, tmp_path):
    import pytest

    import newsgraph.pipeline as pipeline
    monkeypatch.setattr(pipeline, "resolve_entities", lambda *_: 1 / 0)
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    with pytest.raises(ZeroDivisionError):
        main(["--debug", "extract", str(tmp_path / "a.txt")])
