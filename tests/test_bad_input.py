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
