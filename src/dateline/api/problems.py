"""Errors as RFC 9457 problem details (``application/problem+json``), for every route.

Callers' mistakes (bad filters, unknown ids, a missing token) get a 4xx with a
``detail`` that says how to fix the request; an unexpected failure gets a
500 without internals (the traceback goes to the log).
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"

# What each error answer means, as documented in the OpenAPI document.
ANSWERS = {
    400: "malformed request body (not JSON)",
    401: "no bearer token",
    403: "wrong token, or writes disabled",
    404: "no such resource",
    413: "body, batch or article over its size limit",
    422: "invalid parameter or body: `detail` says which and why (`errors` lists them)",
    500: "unexpected server error (details in the server log)",
    503: "feature not available in this install",
}


def answers(*codes: int) -> dict[int | str, dict[str, Any]]:
    """``responses=`` for a route: each error answer it can give, with its problem+json body
    (every route may also answer 500)."""
    return {code: {"description": ANSWERS[code]} for code in (*codes, 500)}


def document_problems(doc: dict[str, Any]) -> dict[str, Any]:
    """Give every 4xx/5xx answer in an OpenAPI document the ``application/problem+json`` body
    (FastAPI documents its own 422 as ``application/json`` with another schema)."""
    from dateline.api.models import Problem

    schemas = doc.setdefault("components", {}).setdefault("schemas", {})
    schemas["Problem"] = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    ref = {"$ref": "#/components/schemas/Problem"}
    for item in doc.get("paths", {}).values():
        for op in item.values():
            for code, answer in op.get("responses", {}).items():
                if str(code)[0] in "45":
                    answer["content"] = {PROBLEM_JSON: {"schema": ref}}
                    answer["description"] = ANSWERS.get(int(code), answer.get("description", ""))
    for unused in ("HTTPValidationError", "ValidationError"):
        schemas.pop(unused, None)
    return doc


class ApiProblem(Exception):
    """Raised by routes for a caller's mistake; becomes a problem response."""

    def __init__(self, status: int, detail: str, headers: dict[str, str] | None = None,
                 errors: list[dict[str, Any]] | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.headers = headers
        self.errors = errors


def problem_response(status: int, detail: str | None, instance: str | None = None,
                     errors: list[dict[str, Any]] | None = None,
                     headers: dict[str, str] | None = None) -> JSONResponse:
    try:
        title = HTTPStatus(status).phrase
    except ValueError:
        title = "Error"
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    if instance:
        body["instance"] = instance
    if errors is not None:
        body["errors"] = errors
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _clean_errors(errors: Any) -> list[dict[str, Any]]:
    out = []
    for err in errors:
        out.append({"loc": [str(x) for x in err.get("loc", ())], "msg": str(err.get("msg", "")),
                    "type": str(err.get("type", ""))})
    return out


def install(app: FastAPI) -> None:
    """Register the problem handlers on ``app`` and document them in its OpenAPI document."""
    build_openapi = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = document_problems(build_openapi())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

    @app.exception_handler(ApiProblem)
    async def _api_problem(request: Request, exc: ApiProblem) -> JSONResponse:
        return problem_response(exc.status, exc.detail, request.url.path, errors=exc.errors, headers=exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return problem_response(exc.status_code, str(exc.detail), request.url.path,
                                headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = _clean_errors(exc.errors())
        where = "; ".join(f"{'.'.join(e['loc'])}: {e['msg']}" for e in errors[:5])
        if any(e["type"] == "json_invalid" for e in errors):
            return problem_response(400, f"the body is not valid JSON: {where}", request.url.path, errors=errors)
        return problem_response(422, f"invalid request: {where}", request.url.path, errors=errors)

    @app.exception_handler(Exception)
    async def _internal(request: Request, _exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s", request.url.path)
        return problem_response(500, "internal error; the server log has the details", request.url.path)
