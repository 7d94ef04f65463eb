"""Time to a usable first screen in a real browser, on a store of 100,000 synthetic events.

    PYTHONPATH=src .venv/bin/python bench/ui_first_screen.py [--events 100000] [--runs 5]

Builds the store as bench/api_load.py does, serves the API and the UI with uvicorn on a free
loopback port, and opens the UI in Debian's headless Chromium (Playwright) with an empty cache
each run. "Usable": the event list shows its count and first rows, the map has its clusters and
the facets are filled. Prints one JSON line per run and a summary (target 1.5 s); exits 1 when
the median misses it.
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
READY = ("() => document.querySelector('#list-count')?.textContent.includes('found')"
         " && document.querySelectorAll('#events-list li').length > 0"
         " && document.querySelectorAll('#map circle').length > 0")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    import uvicorn
    from api_load import build  # bench/ is on sys.path (see __main__)
    from playwright.sync_api import sync_playwright

    from dateline.api import ApiSettings, create_app

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "ui.duckdb"
        build(db, args.events)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = int(s.getsockname()[1])
        server = uvicorn.Server(uvicorn.Config(create_app(ApiSettings(db=db)), host="127.0.0.1", port=port,
                                               log_level="warning"))
        threading.Thread(target=server.run, daemon=True).start()
        deadline = time.monotonic() + 30
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        times: list[float] = []
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
            for run in range(args.runs):
                context = browser.new_context(viewport={"width": 1440, "height": 900})
                page = context.new_page()
                start = time.perf_counter()
                page.goto(f"http://127.0.0.1:{port}/")
                page.wait_for_function(READY, timeout=30_000)
                seconds = time.perf_counter() - start
                times.append(seconds)
                print(json.dumps({"run": run, "first_screen_s": round(seconds, 3)}))
                context.close()
            browser.close()
        server.should_exit = True
    median = statistics.median(times)
    print(json.dumps({"events": args.events, "median_first_screen_s": round(median, 3),
                      "worst_s": round(max(times), 3), "target_s": 1.5, "ok": median <= 1.5}))
    return 0 if median <= 1.5 else 1


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(main())
