"""Shared by the web tests: a real corpus database built by `newsgraph ingest`, and the app served
by a real uvicorn server on a free 127.0.0.1 port in a background thread."""
from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn

from newsgraph.cli.main import main
from newsgraph.settings import Settings
from newsgraph.web import create_app

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "kazakhstan-china-russia.txt"

# An article whose text carries markup: the page must show it as text, never run it.
HOSTILE = ("Markup in the news\n\nPresident Emmanuel Macron said on Monday that France would "
           "<script>window.__pwned = 1</script> support the talks in Geneva. \"We will not accept "
           "<img src=x onerror=\"window.__pwned = 2\"> threats,\" Macron said.\n")

_built: dict[str, Path] = {}


def build_corpus(tmp_path_factory) -> Path:
    """Ingest the seed article and the hostile one once per test session."""
    if "db" not in _built:
        folder = tmp_path_factory.mktemp("web-corpus")
        hostile = folder / "hostile.txt"
        hostile.write_text(HOSTILE, encoding="utf-8")
        db = folder / "corpus.duckdb"
        assert main(["ingest", str(SEED), str(hostile), "--db", str(db)]) == 0
        _built["db"] = db
    return _built["db"]


@contextmanager
def serving(db: Path) -> Iterator[tuple[str, object]]:
    """(base URL, app) of a real server over `db`, stopped on exit."""
    app = create_app(Settings(db=str(db)))
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}", app
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
