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
from apihelpers import AUTH, TOKEN, build_store, bulk_records, issue_records

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

    # the examples (ingested below) plus hand-made records: nine events at one point in Istanbul, a
    # background event, an event without coordinates, evidence carrying HTML, and 150 more events
    db = build_store(tmp_path_factory.mktemp("ui") / "ui.duckdb", issue_records() + bulk_records())
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
        pg = browser.new_page(viewport={"width": 1440, "height": 900})
        errors: list[str] = []
        pg.on("pageerror", lambda exc: errors.append(str(exc)))
        pg.goto(server)
        yield pg
        browser.close()
        assert not errors, f"JavaScript errors: {errors}"


def test_filter_open_event_and_check_evidence(server: str, page: object) -> None:
    pg = page  # playwright Page
    pg.wait_for_selector("#events-list button")  # type: ignore[attr-defined]
    pg.wait_for_selector("#map circle.cl")  # type: ignore[attr-defined]
    pg.wait_for_selector("#facets button")  # type: ignore[attr-defined]
    pg.wait_for_selector("#timeline rect")  # type: ignore[attr-defined]
    pg.screenshot(path=str(ARTIFACTS / "ui-01-overview.png"))  # type: ignore[attr-defined]

    expected = httpx.get(f"{server}/api/events", params={"event_type": "ASSAULT", "limit": 500}).json()
    pg.select_option("#f-type", "ASSAULT")  # type: ignore[attr-defined]
    pg.wait_for_function(  # type: ignore[attr-defined]
        "n => document.querySelector('#list-count').textContent.includes(n + ' found')", arg=expected["total"])
    types = pg.locator("#events-list .type").all_inner_texts()  # type: ignore[attr-defined]
    assert types and set(types) == {"ASSAULT"}
    pg.wait_for_function(  # type: ignore[attr-defined]
        "() => document.querySelectorAll(\"#facets button[data-facet='event_type']\").length === 1")
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
    # an incident's evidence is every sentence that reports it: one of them names the rockets
    pg.wait_for_function(  # type: ignore[attr-defined]
        "() => [...document.querySelectorAll('#panel blockquote')]"
        ".some(q => q.innerText.toLowerCase().includes('rocket'))", timeout=15_000)
    quotes = pg.locator("#panel blockquote").all_inner_texts()  # type: ignore[attr-defined]
    assert any("rocket" in q.lower() for q in quotes)


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
    stories = pg.locator("#stories-list button")  # type: ignore[attr-defined]
    kirkuk = pg.locator("#stories-list button", has_text="Kirkuk")  # type: ignore[attr-defined]
    (kirkuk.first if kirkuk.count() else stories.first).click()
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


def _wait_list(pg: object, total: int) -> None:
    pg.wait_for_function(  # type: ignore[attr-defined]
        "n => document.querySelector('#list-count').textContent.includes(n + ' found')", arg=total)


def _reset(pg: object) -> None:
    with pg.expect_response(lambda r: "/api/events" in r.url):  # type: ignore[attr-defined]
        pg.click("#f-reset")  # type: ignore[attr-defined]
    pg.wait_for_selector("#events-list button")  # type: ignore[attr-defined]


def test_a_slow_old_answer_does_not_overwrite_a_newer_one(server: str, page: object) -> None:
    """Fault: select ASSAULT, then PROTEST; the ASSAULT answers arrive last and were shown."""
    pg = page
    pg.click("#tab-events")  # type: ignore[attr-defined]
    _reset(pg)
    held: list[object] = []
    pattern = "**/api/*event_type=ASSAULT*"
    pg.route(pattern, lambda route: held.append(route))  # type: ignore[attr-defined]
    try:
        pg.select_option("#f-type", "ASSAULT")  # type: ignore[attr-defined]
        pg.wait_for_function("() => true")  # type: ignore[attr-defined]
        protest = httpx.get(f"{server}/api/events", params={"event_type": "PROTEST"}).json()["total"]
        pg.select_option("#f-type", "PROTEST")  # type: ignore[attr-defined]
        _wait_list(pg, protest)
        assert held, "the ASSAULT requests were not held back"
        with pg.expect_response(lambda r: "event_type=ASSAULT" in r.url and "/api/events" in r.url):  # type: ignore[attr-defined]
            for route in held:
                route.continue_()  # type: ignore[attr-defined]
        pg.wait_for_timeout(500)  # type: ignore[attr-defined]
    finally:
        pg.unroute(pattern)  # type: ignore[attr-defined]
    types = set(pg.locator("#events-list .type").all_inner_texts())  # type: ignore[attr-defined]
    assert types == {"PROTEST"}
    assert f"{protest} found" in pg.locator("#list-count").inner_text()  # type: ignore[attr-defined]


def test_a_refused_filter_clears_the_old_results(server: str, page: object) -> None:
    """Fault: 'Turkey' was refused (422) and the map and timeline kept the previous results."""
    pg = page
    _reset(pg)
    pg.fill("#f-country", "Atlantis")  # type: ignore[attr-defined]
    pg.press("#f-country", "Enter")  # type: ignore[attr-defined]
    pg.wait_for_selector("#events-list li.error")  # type: ignore[attr-defined]
    assert "Atlantis" in pg.locator("#events-list li.error").inner_text()  # type: ignore[attr-defined]
    assert pg.locator("#map circle.cl").count() == 0  # type: ignore[attr-defined]
    assert pg.locator("#timeline rect").count() == 0  # type: ignore[attr-defined]
    assert pg.locator("#facets li").count() == 0  # type: ignore[attr-defined]
    expected = httpx.get(f"{server}/api/events", params={"country": ["Turkey", "Syria"]}).json()["total"]
    assert expected >= 10
    pg.fill("#f-country", "Turkey, Syria")  # type: ignore[attr-defined]
    pg.press("#f-country", "Enter")  # type: ignore[attr-defined]
    _wait_list(pg, expected)
    pg.wait_for_selector("#map circle.cl")  # type: ignore[attr-defined]
    assert "country=Turkey&country=Syria" in pg.url  # type: ignore[attr-defined]
    href = pg.get_attribute("#x-csv", "href")  # type: ignore[attr-defined]
    assert "country=Turkey" in href and "country=Syria" in href and "format=csv" in href
    exported = httpx.get(f"{server}/{href}").text.strip().splitlines()
    assert len(exported) - 1 == expected  # the export is the filtered set


def test_map_clusters_every_matching_event_with_a_legend(server: str, page: object) -> None:
    """Fault: the map drew only the loaded page, one marker per event, no legend, no word on the rest."""
    pg = page
    _reset(pg)
    pg.wait_for_selector("#map circle.cl")  # type: ignore[attr-defined]
    m = httpx.get(f"{server}/api/map", params={"zoom": 0}).json()
    assert m["total"] > 100  # more than a page
    counts = [int(c) for c in pg.locator("#map circle.cl").evaluate_all(  # type: ignore[attr-defined]
        "els => els.map(e => e.dataset.count)")]
    assert sum(counts) == m["located"] and len(counts) == len(m["clusters"])
    assert "fatalities" in pg.locator("#legend").inner_text().lower()  # type: ignore[attr-defined]
    radii = pg.locator("#map circle.cl").evaluate_all("els => els.map(e => +e.getAttribute('r'))")  # type: ignore[attr-defined]
    assert len(set(radii)) > 1  # sized by fatalities
    summary = pg.locator("#map-summary").inner_text()  # type: ignore[attr-defined]
    assert f"{m['total']} matching" in summary and f"{m['unlocated']} without coordinates" in summary
    # Istanbul's nine events are one marker labelled 9; a click lists exactly them and centres the map
    marker = pg.locator("#map circle.cl[data-place='Istanbul']")  # type: ignore[attr-defined]
    assert marker.get_attribute("data-count") == "9"
    marker.dispatch_event("click")
    _wait_list(pg, 9)
    assert set(pg.locator("#events-list .type").all_inner_texts()) == {"COERCE"}  # type: ignore[attr-defined]
    x, y, w, h = (float(v) for v in pg.get_attribute("#map", "viewBox").split())  # type: ignore[attr-defined]
    assert abs(x + w / 2 - (28.97 + 180)) < 1 and abs(y + h / 2 - (90 - 41.01)) < 1 and w < 360
    pg.wait_for_selector("#map circle.cl[data-place='Istanbul']")  # type: ignore[attr-defined]
    pg.wait_for_function(  # type: ignore[attr-defined]
        "() => document.querySelectorAll(\"#facets button[data-facet='country']\").length === 1")
    pg.screenshot(path=str(ARTIFACTS / "ui-05-map-cluster.png"))  # type: ignore[attr-defined]
    pg.click("#zoom-reset")  # type: ignore[attr-defined]
    pg.click("#chips button")  # type: ignore[attr-defined]
    pg.wait_for_selector("#unlocated")  # type: ignore[attr-defined]
    pg.click("#unlocated")  # type: ignore[attr-defined]
    _wait_list(pg, m["unlocated"])
    assert "Kandahar" in pg.locator("#events-list").inner_text()  # type: ignore[attr-defined]


def test_facets_and_fatality_chart_beside_the_list(server: str, page: object) -> None:
    pg = page
    _reset(pg)
    pg.wait_for_selector("#facets button[data-facet='country']")  # type: ignore[attr-defined]
    assert pg.locator("#timeline polyline").count() >= 1  # type: ignore[attr-defined]
    assert "dead" in pg.locator("#tl-summary").inner_text()  # type: ignore[attr-defined]
    tr = pg.locator("#facets button[data-facet='country'][data-value='TR']")  # type: ignore[attr-defined]
    assert tr.locator(".n").inner_text() == "9"
    tr.click()
    _wait_list(pg, 9)
    assert pg.input_value("#f-country") == "TR"  # type: ignore[attr-defined]
    expected = httpx.get(f"{server}/api/events", params={"min_dead": 3}).json()["total"]
    pg.fill("#f-country", "")  # type: ignore[attr-defined]
    pg.fill("#f-dead", "3")  # type: ignore[attr-defined]
    pg.press("#f-dead", "Enter")  # type: ignore[attr-defined]
    _wait_list(pg, expected)


def test_live_update_keeps_the_loaded_pages_and_the_open_event(server: str, page: object) -> None:
    """Fault: a live update reset the list to the first 100 rows and closed the open event."""
    pg = page
    _reset(pg)
    pg.click("#more")  # type: ignore[attr-defined]
    pg.wait_for_function("() => document.querySelectorAll('#events-list button').length > 100")  # type: ignore[attr-defined]
    n_rows = pg.locator("#events-list button").count()  # type: ignore[attr-defined]
    row = pg.locator("#events-list button").nth(n_rows - 3)  # type: ignore[attr-defined]
    event_id = row.get_attribute("data-id")
    row.click()
    pg.wait_for_selector("#article-text mark.evidence-mark")  # type: ignore[attr-defined]
    title = pg.locator("#event-title").inner_text()  # type: ignore[attr-defined]
    scroll = pg.evaluate("() => window.scrollY")  # type: ignore[attr-defined]
    text = ("SANAA, Yemen — Protesters gathered outside the central bank in Sanaa on Wednesday, "
            "demanding unpaid salaries, residents said.")
    resp = httpx.post(f"{server}/api/articles", json={"id": "live-2", "text": text, "published": "2020-01-02"},
                      headers=AUTH, timeout=120)
    assert resp.status_code == 200
    pg.wait_for_function(  # type: ignore[attr-defined]
        "() => document.querySelector('#status').textContent.startsWith('Updated')", timeout=15_000)
    pg.wait_for_timeout(800)  # type: ignore[attr-defined]
    assert pg.locator("#events-list button").count() >= n_rows  # type: ignore[attr-defined]
    assert pg.locator("#event-title").inner_text() == title  # type: ignore[attr-defined]
    current = pg.locator("#events-list button[aria-current='true']")  # type: ignore[attr-defined]
    assert current.count() == 1 and current.get_attribute("data-id") == event_id
    assert abs(pg.evaluate("() => window.scrollY") - scroll) < 50  # type: ignore[attr-defined]


def test_the_filters_live_in_the_url(server: str, page: object) -> None:
    pg = page.context.browser.new_page(viewport={"width": 1440, "height": 900})  # type: ignore[attr-defined]
    try:
        expected = httpx.get(f"{server}/api/events", params={"event_type": "PROTEST", "country": "FR"}).json()
        pg.goto(f"{server}/?event_type=PROTEST&country=France")
        _wait_list(pg, expected["total"])
        assert pg.input_value("#f-type") == "PROTEST" and pg.input_value("#f-country") == "France"
        assert set(pg.locator("#events-list .type").all_inner_texts()) == {"PROTEST"}
        first = pg.locator("#events-list button").first
        first.click()
        pg.wait_for_selector("#article-text mark.evidence-mark")
        assert "event=" in pg.url
        pg.reload()  # the open event comes back too
        pg.wait_for_selector("#article-text mark.evidence-mark")
        assert pg.input_value("#f-type") == "PROTEST"
    finally:
        pg.close()


def test_historical_events_are_off_the_timeline_until_asked_for(server: str, page: object) -> None:
    pg = page
    _reset(pg)
    pg.wait_for_selector("#timeline rect")  # type: ignore[attr-defined]
    first = pg.locator("#tl-axis span").first.inner_text()  # type: ignore[attr-defined]
    assert first >= "1900"
    with pg.expect_response(lambda r: "/api/timeline" in r.url and "historical=true" in r.url):  # type: ignore[attr-defined]
        pg.check("#f-hist")  # type: ignore[attr-defined]
    pg.wait_for_function("() => document.querySelector('#tl-axis span').textContent.startsWith('17')")  # type: ignore[attr-defined]
    pg.uncheck("#f-hist")  # type: ignore[attr-defined]


def test_brief_shows_article_html_as_text(page: object) -> None:
    """Fault: article HTML (<script>, <img onerror>) went through the brief unescaped."""
    pytest.importorskip("dateline.stories")
    pg = page
    pg.click("#tab-stories")  # type: ignore[attr-defined]
    pg.wait_for_selector("#stories-list button")  # type: ignore[attr-defined]
    pg.locator("#stories-list button", has_text="gaza").first.click()  # type: ignore[attr-defined]
    pg.wait_for_selector("#brief a.cite")  # type: ignore[attr-defined]
    assert pg.locator("#brief script, #brief img").count() == 0  # type: ignore[attr-defined]
    assert "<script>" in pg.locator("#brief").inner_text()  # type: ignore[attr-defined]
    pg.click("#tab-events")  # type: ignore[attr-defined]
