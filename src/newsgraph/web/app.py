"""`create_app(settings)`: the analyst's page and its JSON API, over a read-only corpus database.

The page (static/index.html, app.js, app.css and the vendored cytoscape) and the OpenAPI page
(/docs, vendored swagger-ui) are served by this app itself, so everything works offline.
"""
from __future__ import annotations

import ipaddress
import threading
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from newsgraph.model.json_text import dumps
from newsgraph.settings import Settings
from newsgraph.store import Store
from newsgraph.web import errors, routes

STATIC = Path(__file__).parent / "static"
MAX_BODY = 16 * 1024       # bytes; the API only reads, so a request needs no body to speak of
MAX_URL = 4096             # characters of path and query string
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1", "[::1]")

# The page loads only its own files; article text is data, never markup (see app.js).
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
# swagger-ui's page starts itself with one inline script
DOCS_CSP = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
    "style-src 'self'", "style-src 'self' 'unsafe-inline'")


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def bind_warning(host: str) -> str | None:
    """The warning to print when the server listens beyond this machine, else None."""
    if is_loopback(host):
        return None
    return (f"serving on {host}: anyone who can reach this address can read the whole corpus "
            "(there is no login); use --host 127.0.0.1 to keep it to this machine")


def create_app(settings: Settings, *, host: str = "127.0.0.1") -> FastAPI:
    """The app over `settings.db`, opened read-only. `host` is the address the server binds:
    when it is a loopback address, requests must name a loopback host too, so a web page
    elsewhere cannot reach the API through DNS rebinding."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.store.close()

    app = FastAPI(title="newsgraph", version=_version(), lifespan=lifespan,
                  description="Entities, quotes, figures, relations and events of a newsgraph "
                              "corpus. Read-only; every list takes `q`, `limit` and `offset`.",
                  docs_url=None, redoc_url=None, default_response_class=StrictJSONResponse)
    app.state.store = Store.open(settings.db, read_only=True)
    app.state.lock = threading.Lock()
    app.state.local_only = is_loopback(host)
    errors.install(app)
    app.include_router(routes.router)
    _add_pages(app)
    app.middleware("http")(_guard)
    return app


async def _guard(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    """Size and host checks before routing; security headers on every answer."""
    length = request.headers.get("content-length", "0")
    url_size = len(request.url.path) + len(request.url.query)
    if not length.isdigit() or int(length) > MAX_BODY:
        return errors.error_response(413, f"request body larger than {MAX_BODY} bytes")
    if "chunked" in request.headers.get("transfer-encoding", "").lower():
        return errors.error_response(411, "send a Content-Length; chunked bodies are not accepted")
    if url_size > MAX_URL:
        return errors.error_response(414, f"request URL longer than {MAX_URL} characters")
    if request.app.state.local_only and not is_loopback(_host_name(request)):
        return errors.error_response(400, "this server answers requests for localhost only")
    response = await call_next(request)
    docs = request.url.path == "/docs"
    response.headers["Content-Security-Policy"] = DOCS_CSP if docs else CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Frame-Options"] = "DENY"
    return response


def _host_name(request: Request) -> str:
    host = request.headers.get("host", "")
    if host.startswith("["):
        return host.split("]")[0] + "]"
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _add_pages(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/openapi.json", title="newsgraph API",
                                   swagger_js_url="/static/vendor/swagger-ui-bundle.js",
                                   swagger_css_url="/static/vendor/swagger-ui.css",
                                   swagger_favicon_url="/static/favicon.svg")


class StrictJSONResponse(JSONResponse):
    """Strict JSON (model/json_text.py): a NaN or infinity in the data is null, not a failed
    request (Starlette refuses them) and never a bare NaN."""

    def render(self, content: object) -> bytes:
        return dumps(content, separators=(",", ":")).encode("utf-8")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version("newsgraph")
    except PackageNotFoundError:
        return "0"
