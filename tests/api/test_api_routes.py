"""The REST API over a store built from hand-made records (no NLP model needed)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from apihelpers import AUTH, TOKEN, FakePipeline, build_store
from fastapi.testclient import TestClient

from dateline.api import ApiSettings, create_app


@pytest.fixture()
def client(tmp_path: Path) -> Iterator[TestClient]:
    db = build_store(tmp_path / "api.duckdb")
    app = create_app(ApiSettings(db=db, token=TOKEN, pipeline_factory=FakePipeline))
    with TestClient(app) as c:
        yield c


def test_events_list_has_totals_and_pages(client: TestClient) -> None:
    page = client.get("/api/events", params={"limit": 2}).json()
    assert page["total"] == 4 and len(page["items"]) == 2 and page["next_offset"] == 2
    last = client.get("/api/events", params={"limit": 2, "offset": 2}).json()
    assert len(last["items"]) == 2 and last["next_offset"] is None
    ids = {e["id"] for e in page["items"]} | {e["id"] for e in last["items"]}
    assert len(ids) == 4
    dates = [e["date"] for e in page["items"] + last["items"]]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize(("params", "expected"), [
    ({"event_type": "ASSAULT"}, {"mosul-1:e1", "lagos-1:e1"}),
    ({"event_type": ["PROTEST", "COERCE"]}, {"paris-1:e1", "mosul-1:e2"}),
    ({"acled_event_type": "Protests"}, {"paris-1:e1"}),
    ({"factuality": "reported"}, {"lagos-1:e1"}),
    ({"country": "IQ"}, {"mosul-1:e1", "mosul-1:e2"}),
    ({"country": "IRQ"}, {"mosul-1:e1", "mosul-1:e2"}),
    ({"country": "Nigeria"}, {"lagos-1:e1"}),
    ({"actor": "POLICE"}, {"mosul-1:e2"}),
    ({"q": "roadside bomb"}, {"mosul-1:e1"}),
    ({"date_from": "2021-03-05", "date_to": "2021-03-05"}, {"lagos-1:e1"}),
    ({"bbox": "-10,40,20,55"}, {"paris-1:e1"}),
    ({"bbox": "170,-90,10,90"}, {"paris-1:e1", "lagos-1:e1"}),  # crosses the antimeridian
    ({"q": "100%"}, set()),  # LIKE wildcards in q are literal
])
def test_event_filters(client: TestClient, params: dict[str, object], expected: set[str]) -> None:
    resp = client.get("/api/events", params=params)
    assert resp.status_code == 200, resp.text
    got = {f"{e['article_id']}:{e['id'].split(':', 1)[1]}" for e in resp.json()["items"]}
    assert got == expected


def test_event_detail_has_evidence_and_source(client: TestClient) -> None:
    first = client.get("/api/events", params={"q": "roadside"}).json()["items"][0]
    ev = client.get(f"/api/events/{first['id']}").json()
    assert ev["evidence"][0]["text"].startswith("MOSUL, Iraq — A roadside bomb struck")
    assert ev["article"]["id"] == "mosul-1" and ev["article"]["title"] == "Report mosul-1"
    art = client.get(f"/api/articles/{ev['article_key']}").json()
    span = ev["evidence"][0]
    assert art["text"][span["start"]:span["end"]] == span["text"]
    assert art["text"][ev["trigger_start"]:ev["trigger_end"]] == "struck"
    assert client.get("/api/articles/mosul-1").json()["key"] == ev["article_key"]  # by id too


def test_timeline_counts_per_day(client: TestClient) -> None:
    tl = client.get("/api/timeline").json()
    assert tl["total"] == 4 and tl["undated"] == 0
    assert {b["date"]: b["count"] for b in tl["buckets"]} == {"2021-03-02": 2, "2021-03-05": 1, "2021-03-06": 1}


def test_quotes(client: TestClient) -> None:
    page = client.get("/api/quotes", params={"speaker": "dubois"}).json()
    assert page["total"] == 1 and page["items"][0]["text"] == "We cannot live like this,"
    assert client.get("/api/quotes", params={"speaker": "nobody"}).json()["total"] == 0


def test_exports(client: TestClient) -> None:
    jl = client.get("/api/export", params={"format": "jsonl"})
    assert jl.status_code == 200 and jl.headers["content-type"].startswith("application/x-ndjson")
    assert {json.loads(x)["id"] for x in jl.text.splitlines()} == {"mosul-1", "paris-1", "lagos-1"}
    rows = list(csv.DictReader(io.StringIO(client.get("/api/export", params={"format": "csv"}).text)))
    assert len(rows) == 4 and {r["plover_event_type"] for r in rows} == {"ASSAULT", "COERCE", "PROTEST"}
    pq_resp = client.get("/api/export", params={"format": "parquet"})
    assert pq.read_table(io.BytesIO(pq_resp.content)).num_rows == 4


def test_errors_are_problem_json(client: TestClient) -> None:
    for path, status in (("/api/events/nope", 404), ("/api/events/abc:e9", 404), ("/api/articles/zzz", 404),
                         ("/api/events?bbox=1,2,3", 422), ("/api/events?event_type=FIGHT", 422),
                         ("/api/events?limit=0", 422), ("/api/events?country=Atlantis", 422),
                         ("/api/events?date_from=yesterday", 422), ("/api/stories/none/brief", 404)):
        resp = client.get(path)
        assert resp.status_code == status, (path, resp.text)
        assert resp.headers["content-type"] == "application/problem+json", path
        body = resp.json()
        assert body["status"] == status and body["detail"], path


def test_ingest_one_and_batch_with_duplicates(client: TestClient) -> None:
    one = client.post("/api/articles", json={"id": "n1", "text": "Rebels shelled the town. More later."},
                      headers=AUTH)
    assert one.status_code == 200, one.text
    assert one.json()["articles"][0]["status"] == "ok"
    batch = client.post("/api/articles", headers=AUTH, json={"articles": [
        {"id": "n1", "text": "Rebels shelled the town. More later."}, {"id": "n2", "text": "   "},
        {"id": "n3", "text": "Police fired tear gas. Then it rained."}]}).json()
    assert [a["status"] for a in batch["articles"]] == ["duplicate", "rejected", "ok"]
    assert batch["skipped"] == 1 and batch["rejected"] == 1
    status = client.get("/api/status").json()
    assert status["articles"] == 3 + 3 and status["generation"] >= 2
    assert client.get("/api/events", params={"q": "tear gas"}).json()["total"] == 1


def test_ingest_needs_text_or_html(client: TestClient) -> None:
    resp = client.post("/api/articles", json={"title": "no body"}, headers=AUTH)
    assert resp.status_code == 422 and resp.headers["content-type"] == "application/problem+json"
    resp = client.post("/api/articles", json={"text": "x", "unexpected": 1}, headers=AUTH)
    assert resp.status_code == 422


def test_stories_and_briefs(client: TestClient) -> None:
    pytest.importorskip("dateline.stories")
    stories = client.get("/api/stories").json()
    assert stories["total"] >= 1
    sid = stories["items"][0]["id"]
    md = client.get(f"/api/stories/{sid}/brief", params={"format": "md"})
    assert md.status_code == 200 and md.headers["content-type"].startswith("text/markdown")
    html = client.get(f"/api/stories/{sid}/brief", params={"format": "html"})
    assert html.headers["content-type"].startswith("text/html") and "<article" in html.text
    js = client.get(f"/api/stories/{sid}/brief", params={"format": "json"}).json()
    assert js["story_id"] == sid and js["sources"]


def test_ui_is_served(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "<title>dateline</title>" in page.text
    assert client.get("/app.js").status_code == 200
    assert "cdn" not in page.text.lower()


def test_stories_update_incrementally_after_a_write(client: TestClient) -> None:
    pytest.importorskip("dateline.stories")
    from dateline.stories import build_stories

    cache = client.app.state.stories  # type: ignore[attr-defined]
    before = client.get("/api/stories").json()
    assert cache.added_last == sum(s["n_articles"] for s in before["items"])  # first read: all
    resp = client.post("/api/articles", headers=AUTH, json={
        "id": "mosul-9", "published": "2021-03-06",
        "text": "Militants struck a checkpoint near Mosul on Saturday, killing two soldiers."})
    assert resp.status_code == 200, resp.text
    after = client.get("/api/stories").json()
    assert cache.added_last == 1  # only the new article was added, not the whole store again
    assert sum(s["n_articles"] for s in after["items"]) == \
        sum(s["n_articles"] for s in before["items"]) + 1
    # the same stories as building them from the whole store at once
    db = client.app.state.db  # type: ignore[attr-defined]
    with db.read_store() as store:
        full = build_stories(list(store.records(status="ok")))
    assert sorted(sorted(s.article_ids) for s in full) == \
        sorted(sorted(s["article_ids"]) for s in after["items"])
    assert client.get("/api/stories").json() == after  # no write: served from the cache
