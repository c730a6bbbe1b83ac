"""`newsgraph serve [--db FILE] [--host 127.0.0.1] [--port 8765]`: the page and the JSON API."""
from __future__ import annotations

import argparse
import sys

from newsgraph.cli.options import add_db_option, db_path
from newsgraph.settings import load_settings

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765


def add_command(commands) -> None:
    parser = commands.add_parser(
        "serve", help="serve the analyst's page and the JSON API over the database",
        description="Opens the database read-only and serves the page at / and the API under "
                    "/api (documented at /docs). Listens on 127.0.0.1 unless --host says "
                    "otherwise; anything else is reachable by others and is warned about.")
    add_db_option(parser)
    parser.add_argument("--dataset", metavar="URL", default=None,
                        help="serve a Parquet dataset written by `newsgraph process` (a folder or an "
                             "fsspec URL) instead of --db: loaded at start-up into a temporary "
                             "database, nothing written beside the dataset")
    parser.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST})")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT,
                        help=f"port to listen on (default {DEFAULT_PORT}; 0 picks a free one)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # imported here so other commands do not pay for loading the web stack
    import uvicorn

    from newsgraph.web import bind_warning, create_app

    if not 0 <= args.port <= 65535:
        print(f"newsgraph: error: --port {args.port} is not a port (0-65535)", file=sys.stderr)
        return 2
    if args.dataset:
        args.db = _load_dataset(args.dataset)
    settings = load_settings().with_overrides(db=db_path(args))
    app = create_app(settings, host=args.host)
    warning = bind_warning(args.host)
    if warning:
        print(f"newsgraph: warning: {warning}", file=sys.stderr)
    print(f"newsgraph: serving {settings.db} at http://{_url_host(args.host)}:{args.port}/ "
          "(Ctrl-C stops)", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="debug" if args.debug else "warning",
                limit_concurrency=64, h11_max_incomplete_event_size=16 * 1024, server_header=False)
    return 0


def _load_dataset(url: str) -> str:
    """The dataset in a temporary corpus database (removed when the server stops): corpus-wide
    entity resolution needs every article, so the records are resolved once, here."""
    import atexit
    import shutil
    import tempfile
    from pathlib import Path

    from newsgraph.corpus import ingest_dataset
    from newsgraph.store import Store

    folder = tempfile.mkdtemp(prefix="newsgraph-dataset-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    db = str(Path(folder) / "dataset.duckdb")
    with Store.open(db) as store:
        summary = ingest_dataset(store, url, load_settings())
    print(f"newsgraph: loaded {summary.stored} article(s) from {url} in {summary.seconds:.1f} s",
          file=sys.stderr)
    return db


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host
