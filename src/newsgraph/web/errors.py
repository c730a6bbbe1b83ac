"""One JSON shape for every error the server returns: {"ok": false, "error": TEXT, "status": CODE}.

Validation errors, unknown routes and methods, unknown entities or documents, over-long requests
and unexpected failures all come back this way, never as HTML or a traceback.
"""
from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from newsgraph.query import QueryError
from newsgraph.store import StoreError

log = logging.getLogger("newsgraph.web")


class ApiError(Exception):
    """An error the API reports as is, with its HTTP status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


class ErrorBody(BaseModel):
    """What every error looks like, for the OpenAPI documentation."""

    ok: bool = False
    error: str
    status: int


DOCUMENTED = {code: {"model": ErrorBody, "description": text} for code, text in (
    (400, "a parameter is invalid or unknown"), (404, "no such entity, document or route"),
    (413, "request too large"), (500, "unexpected failure"))}


def error_response(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"ok": False, "error": message, "status": status}, status_code=status,
                        headers=headers)


def _validation_message(exc: RequestValidationError) -> str:
    """`limit: Input should be less than or equal to 200` for the first problem found."""
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "path", "body"))
        parts.append(f"{where}: {error.get('msg', 'invalid')}" if where else str(error.get("msg")))
    return "; ".join(parts) or "invalid request"


def document_errors(app: FastAPI) -> None:
    """FastAPI documents validation failures as 422 with its own body; this API answers them
    with 400 in the one error shape (DOCUMENTED, declared on the router), so drop the 422s."""
    build = app.openapi

    def openapi() -> dict:
        if app.openapi_schema is None:
            schema = build()
            for operations in schema.get("paths", {}).values():
                for operation in operations.values():
                    operation.get("responses", {}).pop("422", None)
            for name in ("HTTPValidationError", "ValidationError"):
                schema.get("components", {}).get("schemas", {}).pop(name, None)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def install(app: FastAPI) -> None:
    """Register the handlers that turn every failure into the one error shape."""
    document_errors(app)

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(400, _validation_message(exc))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        return error_response(exc.status_code, str(exc.detail), getattr(exc, "headers", None))

    @app.exception_handler(QueryError)
    async def not_found(request: Request, exc: QueryError) -> JSONResponse:
        # the web layer only passes filters that apply, so a QueryError names something missing
        return error_response(404, exc.reason)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> JSONResponse:
        log.error("database error on %s: %s", request.url.path, exc)
        return error_response(503, f"the database could not answer: {exc.reason}")

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s", request.url.path)
        return error_response(500, "internal error")
