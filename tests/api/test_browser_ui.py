"""The web UI in a real browser: Playwright driving Debian's /usr/bin/chromium, headless.

Ingests the example articles through the API (real pipeline), filters, opens
an event and checks that the highlighted evidence in the article text is the
event's evidence; follows a story brief's citation to its sentence; sees a
live update.  Screenshots go to test-artifacts/ (gitignored).
CI installs the browser with .ci/install-browser.sh.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from apihelpers import AUTH, TOKEN, build_store

from dateline.api import ApiSettings, create_app

CHROMIUM = Path("/usr/bin/chromium")
REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "articles"
ARTIFACTS = REPO / "test-artifacts"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]

pytestmark = [
    pytest.mark.browser, pytest.mark.model, pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is missing: run .ci/install-browser.sh"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    db = build_store(tmp_path_factory.mktemp("ui") / "ui.duckdb")
    app = create_app(ApiSettings(db=db, token=TOKEN, published="2020-01-03"))
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    base = f"http://127.0.0.1:{port}"
    articles = []
    for path in sorted(EXAMPLES.iterdir()):
        if path.suffix == ".jsonl":
            articles += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        elif path.suffix in (".html", ".htm"):
            articles.append({"id": path.stem, "html": path.read_text(encoding="utf-8")})
        elif path.suffix == ".txt":
            articles.append({"id": path.stem, "text": path.read_text(encoding="utf-8")})
    resp = httpx.post(f"{base}/api/articles", json={"articles": articles}, headers=AUTH, timeout=300)
    assert resp.status_code == 200, resp.text
    assert resp.json()["inserted"] == len(articles)
    try:
        yield base
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS)
        pg = browser.new_page(viewport={"width": 1440, "height": 1000})
        errors: list[str] = []
        pg.on("pageerror", lambda exc: errors.append(str(exc)))
        pg.goto(server)
        yield pg
        browser.close()
        assert not errors, f"JavaScript errors: {errors}"


def test_filter_open_event_and_check_evidence(server: str, page: object) -> None:
    pg = page  # playwright Page
    pg.wait_for_selector("#events-list button")  # type: ignore[attr-defined]
    pg.wait_for_selector("#map circle.ev")  # type: ignore[attr-defined]
    pg.screenshot(path=str(ARTIFACTS / "ui-01-overview.png"))  # type: ignore[attr-defined]

    expected = httpx.get(f"{server}/api/events", params={"event_type": "ASSAULT", "limit": 500}).json()
    pg.select_option("#f-type", "ASSAULT")  # type: ignore[attr-defined]
    pg.wait_for_function(  # type: ignore[attr-defined]
        "n => document.querySelector('#list-count').textContent.includes(n + ' found')", arg=expected["total"])
    types = pg.locator("#events-list .type").all_inner_texts()  # type: ignore[attr-defined]
    assert types and set(types) == {"ASSAULT"}
    pg.screenshot(path=str(ARTIFACTS / "ui-02-filtered.png"))  # type: ignore[attr-defined]

    first = pg.locator("#events-list button").first  # type: ignore[attr-defined]
    event_id = first.get_attribute("data-id")
    first.click()
    pg.wait_for_selector("#article-text mark.evidence-mark")  # type: ignore[attr-defined]
    detail = httpx.get(f"{server}/api/events/{event_id}").json()
    marks = pg.locator("#article-text mark.evidence-mark").all_inner_texts()  # type: ignore[attr-defined]
    assert [m for m in marks] == [s["text"] for s in detail["evidence"]]
    assert pg.locator("#event-title").inner_text().startswith("ASSAULT")  # type: ignore[attr-defined]
    pg.screenshot(path=str(ARTIFACTS / "ui-03-event.png"))  # type: ignore[attr-defined]


def test_keyboard_reaches_the_events(page: object) -> None:
    pg = page
    pg.focus("#f-q")  # type: ignore[attr-defined]
    pg.keyboard.type("rocket")  # type: ignore[attr-defined]
    # wait for the filtered answer itself, not for a list left over from an earlier test
    with pg.expect_response(lambda r: "/api/events" in r.url and "rocket" in r.url):  # type: ignore[attr-defined]
        pg.keyboard.press("Enter")  # type: ignore[attr-defined]
    pg.wait_for_function("document.querySelector('#list-count').textContent.includes('found')")  # type: ignore[attr-defined]
    pg.focus("#events-list button")  # type: ignore[attr-defined]
    pg.keyboard.press("Enter")  # type: ignore[attr-defined]
    pg.wait_for_function(  # type: ignore[attr-defined]
        "() => { const q = document.querySelector('#panel blockquote');"
        " return q !== null && q.innerText.toLowerCase().includes('rocket'); }", timeout=15_000)
    assert "rocket" in pg.locator("#panel blockquote").first.inner_text().lower()  # type: ignore[attr-defined]


def test_live_update_when_an_article_arrives(server: str, page: object) -> None:
    pg = page
    pg.wait_for_selector("#status:has-text('articles')")  # type: ignore[attr-defined]
    text = ("ADEN, Yemen — Protesters blocked the main road to the port of Aden on Thursday, "
            "demanding unpaid salaries, local officials said.")
    resp = httpx.post(f"{server}/api/articles", json={"id": "live-1", "text": text, "published": "2020-01-02"},
                      headers=AUTH, timeout=120)
    assert resp.status_code == 200
    pg.wait_for_selector("#status.flash", timeout=15_000)  # type: ignore[attr-defined]
    assert "Updated" in pg.locator("#status").inner_text()  # type: ignore[attr-defined]


def test_story_brief_citation_opens_its_sentence(page: object) -> None:
    pytest.importorskip("dateline.stories")
    pg = page
    pg.click("#tab-stories")  # type: ignore[attr-defined]
    pg.wait_for_selector("#stories-list button")  # type: ignore[attr-defined]
    pg.locator("#stories-list button").first.click()  # type: ignore[attr-defined]
    pg.wait_for_selector("#brief a.cite")  # type: ignore[attr-defined]
    cite = pg.locator("#brief a.cite").first  # type: ignore[attr-defined]
    sentence = " ".join((cite.get_attribute("title") or "").split())
    cite.click()
    # the panel may still show the previous test's mark: wait for the cited sentence itself
    pg.wait_for_function(  # type: ignore[attr-defined]
        "(s) => { const m = document.querySelector('#article-text mark'); if (!m) return false;"
        " const t = m.innerText.replace(/\\s+/g, ' ').trim();"
        " return t.length > 0 && (s.includes(t) || t.includes(s)); }",
        arg=sentence, timeout=15_000)
    marked = " ".join(pg.locator("#article-text mark").first.inner_text().split())  # type: ignore[attr-defined]
    assert sentence and (marked == sentence or sentence in marked or marked in sentence)
    pg.screenshot(path=str(ARTIFACTS / "ui-04-story.png"))  # type: ignore[attr-defined]
