"""Streaming story clustering: each new article joins the most similar open story or starts one.

Similarity mixes content (TF-IDF cosine against the story centroid, with
document frequencies learned as articles stream in), shared entities and
places (Jaccard), and is gated by time: a story whose newest article is older
than ``window_days`` before the newest article seen is *closed* (its merged
events are computed and its centroid dropped), which bounds memory.  Candidate
stories come from an inverted index over each article's top terms and names
(blocking), never from a scan of all stories.  Everything is deterministic for a
given arrival order; :func:`dateline.stories.build_stories` sorts by
(published, id) first so a batch result does not depend on input order.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dateline.stories.coref import CorefConfig, merge_events
from dateline.stories.model import ArticleView, Story
from dateline.stories.normalize import article_view

Vector = dict[str, float]


@dataclass(frozen=True, slots=True)
class StoryConfig:
    """Knobs of the story clusterer (defaults tuned on ECB+ train topics and hand examples)."""

    threshold: float = 0.14
    entity_weight: float = 0.35
    window_days: int = 14
    centroid_terms: int = 300
    blocking_terms: int = 40
    max_posting: int = 64
    max_vocabulary: int = 500_000  # document-frequency entries kept; hapaxes are pruned beyond
    coref: CorefConfig = field(default_factory=CorefConfig)


@dataclass(slots=True)
class _OpenStory:
    id: str
    articles: list[ArticleView]
    centroid: dict[str, float]
    names: Counter[str]
    last_day: int | None
    weighted: dict[str, float] | None = None  # IDF-weighted centroid, cached per IDF epoch
    weighted_norm: float = 0.0
    epoch: int = -1


def _day(published: str | None) -> int | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


def _cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b.get(t, 0.0) for t, w in a.items())
    na = math.sqrt(sum(w * w for w in a.values()))
    nb = math.sqrt(sum(w * w for w in b.values()))
    return dot / (na * nb) if na and nb else 0.0


class StoryIndex:
    """Incremental story clusterer; an explicit object (no module state) holding open stories.

    ``add(record)`` returns the id of the story the article joined.  Closed
    stories are kept as frozen :class:`Story` summaries (or handed to
    ``on_close`` and dropped when ``keep_closed`` is False).
    """

    def __init__(self, config: StoryConfig | None = None,
                 on_close: Callable[[Story], None] | None = None, keep_closed: bool = True) -> None:
        self.config = config or StoryConfig()
        self._on_close = on_close
        self._keep_closed = keep_closed
        self._df: Counter[str] = Counter()
        self._n_docs = 0
        self._open: dict[str, _OpenStory] = {}
        self._closed: dict[str, Story] = {}
        self._postings: dict[str, set[str]] = defaultdict(set)
        self._seen: dict[str, str] = {}
        self._clock: int | None = None
        self._idf_cache: dict[str, float] = {}
        self._idf_n = 0
        self._epoch = 0

    # -- public API ---------------------------------------------------------
    def add(self, record: Any) -> str:
        """Add one article record (contract dict or ArticleRecord); return its story id."""
        view = record if isinstance(record, ArticleView) else article_view(record)
        if view.id in self._seen:  # idempotent: the same article twice changes nothing
            return self._seen[view.id]
        day = _day(view.published)
        if day is not None and (self._clock is None or day > self._clock):
            self._clock = day
            self._close_stale()
        vec = self._weighted(self._vector(view))
        names = Counter(self._name_features(view))
        best_id, best = self._best_story(view, vec, names, day)
        if best_id is None or best < self.config.threshold:
            best_id = self._new_story_id(view)
            self._open[best_id] = _OpenStory(best_id, [], {}, Counter(), None)
        self._join(self._open[best_id], view, vec, names, day)
        self._seen[view.id] = best_id
        return best_id

    def extend(self, records: Iterable[Any]) -> list[str]:
        """Add many records in the given order; return their story ids."""
        return [self.add(r) for r in records]

    def stories(self) -> list[Story]:
        """All stories (closed ones first as kept, then open ones), events merged."""
        out = list(self._closed.values()) + [self._freeze(s, closed=False) for s in self._open.values()]
        out.sort(key=lambda s: (s.first_published or "", s.id))
        return out

    def story(self, story_id: str) -> Story:
        """One story by id (raises KeyError with the known ids' count if absent)."""
        if story_id in self._open:
            return self._freeze(self._open[story_id], closed=False)
        if story_id in self._closed:
            return self._closed[story_id]
        raise KeyError(f"no story {story_id!r} among {len(self._open) + len(self._closed)} stories")

    def refine(self, rounds: int = 2) -> int:
        """Batch clean-up of the open stories, k-means style: move each article to the open
        story that now scores best for it (final document frequencies, its own contribution
        removed), ``rounds`` times.  Returns how many moves were made.  Streaming users may
        skip it; :func:`dateline.stories.build_stories` runs it before closing.
        """
        moves = 0
        for _ in range(rounds):
            vectors = {a.id: self._weighted(self._tf_vector(a)) for s in self._open.values()
                       for a in s.articles}
            names = {a.id: Counter(self._name_features(a)) for s in self._open.values()
                     for a in s.articles}
            assignment = {a.id: sid for sid, s in self._open.items() for a in s.articles}
            views = {a.id: a for s in self._open.values() for a in s.articles}
            wanted: dict[str, str] = {}
            for aid in sorted(assignment):
                current = assignment[aid]
                self._unjoin(self._open[current], views[aid], vectors[aid], names[aid])
                best_id, best = self._best_story(views[aid], vectors[aid], names[aid],
                                                 _day(views[aid].published))
                # alone in its story, an article leaves only for a story above the threshold
                own = self._score(vectors[aid], names[aid], self._open[current]) \
                    if self._open[current].articles else self.config.threshold
                self._join(self._open[current], views[aid], vectors[aid], names[aid],
                           _day(views[aid].published))
                leave = best_id is not None and best > max(own, self.config.threshold) + 1e-9
                wanted[aid] = best_id if leave and best_id is not None else current
            changed = [aid for aid in sorted(wanted) if wanted[aid] != assignment[aid]]
            if not changed:
                break
            for aid in changed:
                self._unjoin(self._open[assignment[aid]], views[aid], vectors[aid], names[aid])
                self._join(self._open[wanted[aid]], views[aid], vectors[aid], names[aid],
                           _day(views[aid].published))
                self._seen[aid] = wanted[aid]
            emptied = {sid for sid, s in self._open.items() if not s.articles}
            for sid in emptied:
                del self._open[sid]
            if emptied:
                for posting in self._postings.values():
                    posting -= emptied
            moves += len(changed)
        return moves

    def close_all(self) -> None:
        """Close every open story (end of a batch)."""
        for sid in sorted(self._open):
            self._close(sid)

    @property
    def open_count(self) -> int:
        return len(self._open)

    # -- internals -----------------------------------------------------------
    def _vector(self, view: ArticleView) -> Vector:
        """Length-normalized log term frequencies; IDF is applied at scoring time, with the
        document frequencies of *now*, so early articles do not keep stale weights."""
        self._n_docs += 1
        for t in set(view.terms):
            self._df[t] += 1
        if len(self._df) > self.config.max_vocabulary:
            # bounded memory: forget terms seen once (they count as unseen, nearly the same IDF)
            self._df = Counter({t: c for t, c in self._df.items() if c > 1})
            self._idf_cache.clear()
        self._refresh_idf()
        return self._tf_vector(view)

    @staticmethod
    def _tf_vector(view: ArticleView) -> Vector:
        tf = Counter(view.terms)
        vec = {t: 1.0 + math.log(c) for t, c in tf.items()}
        norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
        return {t: w / norm for t, w in vec.items()}

    def _refresh_idf(self) -> None:
        """Start a new IDF epoch when the collection grew enough (every doc up to 400 docs, then
        every 0.5% growth, at most every 256 docs): cached weights stay deterministic for a
        given arrival order."""
        if self._n_docs - self._idf_n >= min(256, max(1, self._idf_n // 200)):
            self._idf_cache.clear()
            self._idf_n = self._n_docs
            self._epoch += 1

    def _idf(self, term: str) -> float:
        cached = self._idf_cache.get(term)
        if cached is None:
            idf = math.log((self._n_docs + 1) / (self._df.get(term, 0) + 1)) + 1.0
            cached = self._idf_cache[term] = idf * idf  # squared: background words of big
            # stories must not attract unrelated articles
        return cached

    def _weighted(self, vec: Vector) -> Vector:
        return {t: w * self._idf(t) for t, w in vec.items()}

    @staticmethod
    def _name_features(view: ArticleView) -> list[str]:
        return [f"e:{e}" for e in view.entities] + [f"p:{p}" for p in view.places]

    def _best_story(self, view: ArticleView, vec: Vector, names: Counter[str],
                    day: int | None) -> tuple[str | None, float]:
        common = max(50, self._n_docs // 50)  # background words are no evidence for blocking
        top = sorted(((t, w) for t, w in vec.items() if self._df.get(t, 0) <= common),
                     key=lambda kv: (-kv[1], kv[0]))[: self.config.blocking_terms]
        keys = [t for t, _ in top] + list(names)
        vnorm = math.sqrt(sum(w * w for w in vec.values()))
        candidates: set[str] = set()
        for k in keys:
            posting = self._postings.get(k, set())
            if len(posting) <= self.config.max_posting:  # a key shared by many stories blocks nothing
                candidates |= posting
        best_id, best = None, 0.0
        for sid in sorted(candidates):
            story = self._open.get(sid)
            if story is None:
                continue
            if day is not None and story.last_day is not None and \
                    abs(day - story.last_day) > self.config.window_days:
                continue
            score = self._score(vec, names, story, vnorm)
            if score > best:
                best_id, best = sid, score
        return best_id, best

    def _score(self, vec: Vector, names: Counter[str], story: _OpenStory,
               vnorm: float | None = None) -> float:
        if story.weighted is None or story.epoch != self._epoch:
            story.weighted = self._weighted(story.centroid)
            story.weighted_norm = math.sqrt(sum(w * w for w in story.weighted.values()))
            story.epoch = self._epoch
        cw = story.weighted
        dot = sum(w * cw.get(t, 0.0) for t, w in vec.items())
        if vnorm is None:
            vnorm = math.sqrt(sum(w * w for w in vec.values()))
        content = dot / (vnorm * story.weighted_norm) if vnorm and story.weighted_norm else 0.0
        if not names or not story.names:
            return content
        shared = sum(1 for n in names if n in story.names)
        jacc = shared / (len(names) + len(story.names) - shared)
        overlap = shared / len(names)
        w = self.config.entity_weight
        return (1 - w) * content + w * max(jacc, 0.5 * overlap)

    def _join(self, story: _OpenStory, view: ArticleView, vec: Vector,
              names: Counter[str], day: int | None) -> None:
        story.articles.append(view)
        story.weighted = None
        for t, w in self._tf_mass(vec).items():  # tf-only mass; IDF is applied when scoring
            story.centroid[t] = story.centroid.get(t, 0.0) + w
        if len(story.centroid) > self.config.centroid_terms * 2:
            kept = sorted(story.centroid.items(), key=lambda kv: (-kv[1] * self._idf(kv[0]), kv[0]))
            story.centroid = dict(kept[: self.config.centroid_terms])
            for t, _ in kept[self.config.centroid_terms:]:
                self._postings[t].discard(story.id)
        story.names.update(names)
        for k in list(story.centroid) + list(names):
            self._postings[k].add(story.id)
        if day is not None:
            story.last_day = day if story.last_day is None else max(story.last_day, day)

    def _tf_mass(self, vec: Vector) -> Vector:
        """Undo the IDF weighting of ``vec`` and length-normalize: what a centroid accumulates."""
        tf = {t: w / self._idf(t) for t, w in vec.items()}
        norm = math.sqrt(sum(w * w for w in tf.values())) or 1.0
        return {t: w / norm for t, w in tf.items()}

    def _unjoin(self, story: _OpenStory, view: ArticleView, vec: Vector, names: Counter[str]) -> None:
        """Exact inverse of :meth:`_join` for content and names (used by :meth:`refine`)."""
        story.articles = [a for a in story.articles if a.id != view.id]
        story.weighted = None
        for t, w in self._tf_mass(vec).items():
            if t in story.centroid:
                story.centroid[t] -= w
                if story.centroid[t] <= 1e-9:
                    del story.centroid[t]
        story.names.subtract(names)
        story.names = +story.names

    def _new_story_id(self, view: ArticleView) -> str:
        return "story-" + hashlib.sha1(view.id.encode("utf-8")).hexdigest()[:12]

    def _close_stale(self) -> None:
        assert self._clock is not None
        limit = self._clock - self.config.window_days
        for sid in sorted(self._open):
            last = self._open[sid].last_day
            if last is not None and last < limit:
                self._close(sid)

    def _close(self, sid: str) -> None:
        story = self._open.pop(sid)
        for k in list(story.centroid) + list(story.names):
            posting = self._postings.get(k)
            if posting is not None:
                posting.discard(sid)
                if not posting:
                    del self._postings[k]
        frozen = self._freeze(story, closed=True)
        if self._on_close is not None:
            self._on_close(frozen)
        if self._keep_closed:
            self._closed[sid] = frozen

    def _freeze(self, story: _OpenStory, closed: bool) -> Story:
        articles = tuple(sorted(story.articles, key=lambda a: (a.published or "", a.id)))
        events = merge_events((m for a in articles for m in a.events), self.config.coref)
        return Story(story.id, articles, events, closed)
