"""Security: one test per promise (token auth, size limits, parameterized SQL, files, CORS, headers)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from apihelpers import AUTH, TOKEN, FakePipeline, build_store
from fastapi.testclient import TestClient

from dateline.api import ApiSettings, create_app

ARTICLE = {"id": "sec-1", "text": "Soldiers opened fire on protesters in the square. Witnesses fled."}


def _client(tmp_path: Path, **kw: object) -> TestClient:
    db = build_store(tmp_path / "sec.duckdb")
    settings = ApiSettings(db=db, pipeline_factory=FakePipeline, **{"token": TOKEN, **kw})  # type: ignore[arg-type]
    return TestClient(create_app(settings))


@pytest.fixture()
def client(tmp_path: Path) -> Iterator[TestClient]:
    with _client(tmp_path) as c:
        yield c


def test_writes_need_the_bearer_token(client: TestClient) -> None:
    missing = client.post("/api/articles", json=ARTICLE)
    assert missing.status_code == 401 and missing.headers["www-authenticate"].startswith("Bearer")
    assert missing.headers["content-type"] == "application/problem+json"
    wrong = client.post("/api/articles", json=ARTICLE, headers={"Authorization": "Bearer not-the-token"})
    assert wrong.status_code == 403
    basic = client.post("/api/articles", json=ARTICLE, headers={"Authorization": f"Basic {TOKEN}"})
    assert basic.status_code == 401
    assert client.get("/api/status").json()["articles"] == 3  # nothing was written
    assert client.post("/api/articles", json=ARTICLE, headers=AUTH).status_code == 200


def test_no_token_configured_means_no_writes(tmp_path: Path) -> None:
    with _client(tmp_path, token=None) as c:
        resp = c.post("/api/articles", json=ARTICLE, headers={"Authorization": "Bearer "})
        assert resp.status_code in (401, 403)
        resp = c.post("/api/articles", json=ARTICLE, headers={"Authorization": "Bearer anything"})
        assert resp.status_code == 403 and "disabled" in resp.json()["detail"]


def test_body_size_limits(tmp_path: Path) -> None:
    with _client(tmp_path, max_body_bytes=10_000, max_batch=3) as c:
        big = {"id": "big", "text": "x" * 20_000}
        resp = c.post("/api/articles", json=big, headers=AUTH)
        assert resp.status_code == 413 and resp.headers["content-type"] == "application/problem+json"

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it streams
            yield b'{"id": "chunked", "text": "'
            for _ in range(30):
                yield b"y" * 1000
            yield b'"}'

        resp = c.post("/api/articles", content=chunks(), headers={**AUTH, "Content-Type": "application/json"})
        assert resp.status_code == 413
        many = {"articles": [{"text": f"Story {i}. End."} for i in range(4)]}
        assert c.post("/api/articles", json=many, headers=AUTH).status_code == 413
        assert c.get("/api/status").json()["articles"] == 3


def test_article_text_limit(tmp_path: Path) -> None:
    with _client(tmp_path, max_article_chars=100) as c:
        resp = c.post("/api/articles", json={"text": "z" * 101}, headers=AUTH)
        assert resp.status_code == 413


@pytest.mark.parametrize("evil", [
    "'; DROP TABLE events; --", "%' OR '1'='1", "\\", "_", "\" OR 1=1 --", "') UNION SELECT * FROM articles --",
])
def test_sql_injection_is_inert(client: TestClient, evil: str) -> None:
    for name in ("q", "actor"):
        resp = client.get("/api/events", params={name: evil})
        assert resp.status_code == 200 and resp.json()["total"] == 0, (name, evil)
    assert client.get("/api/quotes", params={"speaker": evil}).json()["total"] == 0
    assert client.get("/api/events/" + evil.replace("/", "")).status_code in (404, 422)
    assert client.get("/api/events").json()["total"] == 4  # the tables are intact


@pytest.mark.parametrize("path", [
    "/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2f..%2fetc%2fpasswd",
    "/static/../../store.py", "/%2e%2e%2fdb.py",
])
def test_no_files_outside_the_static_folder(client: TestClient, path: str) -> None:
    resp = client.get(path)
    assert resp.status_code in (400, 404), (path, resp.status_code)
    assert "root:" not in resp.text and "import" not in resp.text


def test_cors_closed_by_default(client: TestClient) -> None:
    origin = {"Origin": "https://evil.example"}
    get = client.get("/api/events", headers=origin)
    assert "access-control-allow-origin" not in get.headers
    pre = client.options("/api/articles", headers={**origin, "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in pre.headers


def test_cors_opens_only_for_configured_origins(tmp_path: Path) -> None:
    with _client(tmp_path, cors_origins=("https://analyst.example",)) as c:
        ok = c.get("/api/events", headers={"Origin": "https://analyst.example"})
        assert ok.headers["access-control-allow-origin"] == "https://analyst.example"
        other = c.get("/api/events", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers


def test_security_headers(client: TestClient) -> None:
    for path in ("/", "/api/events", "/api/events/nope"):
        h = client.get(path).headers
        assert h["x-content-type-options"] == "nosniff"
        assert "default-src 'self'" in h["content-security-policy"]
        assert h["x-frame-options"] == "DENY"


def test_internal_errors_do_not_leak(tmp_path: Path) -> None:
    class Broken:
        def pipe(self, items: object, known: object = None) -> object:
            raise RuntimeError("secret internal detail /home/x")

    db = build_store(tmp_path / "b.duckdb")
    with TestClient(create_app(ApiSettings(db=db, token=TOKEN, pipeline_factory=Broken)),
                    raise_server_exceptions=False) as c:
        resp = c.post("/api/articles", json=ARTICLE, headers=AUTH)
        assert resp.status_code == 500 and resp.headers["content-type"] == "application/problem+json"
        assert "secret" not in resp.text
