"""Feed watching: poll RSS/Atom feeds and sitemaps, fetch new articles politely, ingest them.

    Watcher(WatchSettings(feeds=(...)), sink=ingestor.ingest, state_db=db).run(once=True)
"""

from dateline.watch.feeds import FeedEntry, FeedError, parse_feed
from dateline.watch.fetch import FetchError, PoliteFetcher
from dateline.watch.watcher import PollReport, Watcher, WatchSettings

__all__ = ["FeedEntry", "FeedError", "FetchError", "PollReport", "PoliteFetcher", "WatchSettings", "Watcher",
           "parse_feed"]
