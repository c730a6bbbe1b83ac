"""`newsgraph ingest` as a user runs it: summary, errors, and SIGKILL in the middle of a run."""
from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from corpus_fixtures import SEED, generated_articles
from newsgraph.cli.main import main
from newsgraph.corpus import ingest
from newsgraph.ingest import read_inputs
from newsgraph.settings import load_settings
from newsgraph.store import Store

NEWSGRAPH = [sys.executable, "-m", "newsgraph.cli.main"]
ARTICLES = 40  # enough that the run is still going when its first commit lands


def _counts(db: Path) -> dict[str, int]:
    with Store.open(db, read_only=True) as store:
        return store.counts()


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("gen") / "generated.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in generated_articles(ARTICLES, sentences=3)), encoding="utf-8")
    return path


def _committed(db: Path, scratch: Path) -> int:
    """Articles committed so far, counted on a copy of the database and its write-ahead log
    (the running ingest holds the file's lock). A copy caught mid-checkpoint may not open or
    may count fewer: that only means "not yet"; it can never count an uncommitted article."""
    for suffix in ("", ".wal"):
        source, target = Path(f"{db}{suffix}"), Path(f"{scratch}{suffix}")
        target.unlink(missing_ok=True)
        try:
            shutil.copyfile(source, target)
        except FileNotFoundError:
            pass
    try:
        with Store.open(scratch) as store:  # opened for writing, so the copied log is replayed
            return store.counts()["documents"]
    except Exception:
        return 0


def _wait_for_first_commit(db: Path, proc: subprocess.Popen, timeout: float = 300) -> None:
    scratch = db.with_name("peek.duckdb")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if _committed(db, scratch) > 0:
            return
        time.sleep(0.05)


def test_sigkill_then_rerun_gives_the_counts_of_an_uninterrupted_run(generated, tmp_path):
    clean = tmp_path / "clean.duckdb"
    with Store.open(clean) as store:
        ingest(store, read_inputs([str(generated)]), load_settings())
    killed = tmp_path / "killed.duckdb"
    Store.open(killed).close()  # schema in place, so the log only grows with articles
    command = [*NEWSGRAPH, "ingest", str(generated), "--db", str(killed)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _wait_for_first_commit(killed, proc)
    assert proc.poll() is None, f"the run ended before it could be killed: {proc.stderr.read()}"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = _counts(killed)["documents"]
    assert 0 < partial < ARTICLES, f"killed after {partial} of {ARTICLES} articles"
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert f"{ARTICLES - partial} article(s) added, {partial} already stored" in done.stderr
    assert _counts(killed) == _counts(clean)


def test_summary_and_default_db_from_environment(tmp_path, monkeypatch, capsys):
    inputs = tmp_path / "in.jsonl"
    inputs.write_text(json.dumps(generated_articles(1, sentences=1)[0]) + '\n{"id": "x"}\n', encoding="utf-8")
    monkeypatch.setenv("NEWSGRAPH_DB", str(tmp_path / "env.duckdb"))
    assert main(["ingest", str(inputs)]) == 0
    captured = capsys.readouterr()
    assert "1 article(s) added" in captured.err and "1 skipped" in captured.err
    assert "1 articles," in captured.out and "1 skips" in captured.out
    assert _counts(tmp_path / "env.duckdb")["skips"] == 1


def test_missing_db_folder_is_one_line(tmp_path, capsys):
    assert main(["ingest", str(SEED), "--db", str(tmp_path / "no" / "c.duckdb")]) == 2
    assert capsys.readouterr().err.strip().splitlines() == [
        f"newsgraph: error: {tmp_path / 'no' / 'c.duckdb'}: folder {str(tmp_path / 'no')!r} does not "
        "exist (create it, or choose another --db)"]
