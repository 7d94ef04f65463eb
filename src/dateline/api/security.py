"""Security at the edge: bearer-token auth for writes, request-size limits, response headers.

- Writes need ``Authorization: Bearer <token>``; with no token configured
  the server refuses every write (it never falls open).  Tokens are compared
  in constant time.
- :class:`BodyLimit` refuses bodies over the limit: by ``Content-Length`` at once,
  and by counting (reading at most the limit) for chunked bodies.
- Every response carries ``nosniff``, a same-origin CSP and no referrer.
"""

from __future__ import annotations

import hmac
from typing import Any

from fastapi import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dateline.api.problems import ApiProblem, problem_response

CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
       "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")


def require_token(request: Request) -> None:
    """FastAPI dependency: the request must carry the configured bearer token."""
    expected: str | None = request.app.state.settings.token
    if not expected:
        raise ApiProblem(403, "writes are disabled: start the server with a token "
                              "(dateline serve --token-env DATELINE_TOKEN)")
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise ApiProblem(401, "this endpoint needs 'Authorization: Bearer <token>'",
                         headers={"WWW-Authenticate": 'Bearer realm="dateline"'})
    if not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise ApiProblem(403, "the bearer token is not valid for this server")


class BodyLimit:
    """ASGI middleware: 413 for request bodies over ``max_bytes``."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    size = int(value)
                except ValueError:
                    size = -1
                if size < 0 or size > self.max_bytes:
                    await self._reject(scope, receive, send)
                    return
        if scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        # Bodies without a usable Content-Length (chunked) are read here, up to the limit, and replayed.
        chunks: list[bytes] = []
        seen = 0
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            seen += len(chunk)
            if seen > self.max_bytes:
                await self._reject(scope, receive, send)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _reject(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = problem_response(
            413, f"request body is over the {self.max_bytes} byte limit; send fewer articles per request",
            scope.get("path"))
        await response(scope, receive, send)


class SecurityHeaders:
    """ASGI middleware adding defensive headers to every HTTP response."""

    HEADERS: tuple[tuple[bytes, bytes], ...] = (
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"no-referrer"),
        (b"x-frame-options", b"DENY"),
        (b"content-security-policy", CSP.encode()),
    )

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers: list[Any] = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in self.HEADERS if k not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
