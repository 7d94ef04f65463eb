"""Streaming story clustering: each new article joins the most similar open topic, and each
topic is divided into stories by the details its articles do not share.

Two levels, as in :mod:`dateline.stories.doc_cluster`:

* **topic** (streaming): an article joins the open topic it is most similar to, or
  starts one.  Similarity mixes content (TF-IDF cosine against the story centroid, with
document frequencies learned as articles stream in), shared entities and
places (Jaccard), and is gated by time: a story whose newest article is older
than ``window_days`` before the newest article seen is *closed* (its merged
events are computed and its centroid dropped), which bounds memory.  Candidate
stories come from an inverted index over each article's top terms and names
(blocking), never from a scan of all stories.  Everything is deterministic for a
given arrival order; :func:`dateline.stories.build_stories` sorts by
(published, id) first so a batch result does not depend on input order.
* **story**: inside a topic, TF-IDF is recomputed with the topic's own document
  frequencies, so what every member shares (the kind of event) weighs little and
  places, participants and other details decide; the topic is cut along its
  spectral ordering while a normalized cut is small enough
  (:func:`dateline.stories.doc_cluster.split_recursive`).  Two earthquakes in
  different countries in the same fortnight become two stories.  The division is
  exact whenever stories are read (:meth:`StoryIndex.stories`, :meth:`StoryIndex.story`)
  and when a topic closes; while articles stream in, a topic is divided anew only
  after it grew by ``split_regrow`` (amortized: a topic of n articles is divided
  O(log n) times), and in between a new article joins the nearest of its stories.

A story is named after its earliest article (``story-`` + a hash of its id), so
the name does not depend on arrival order; when a story divides, the side with
that article keeps the name.
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
from dateline.stories.doc_cluster import split_recursive
from dateline.stories.identity import apply_aliases, person_aliases
from dateline.stories.model import ArticleView, Story
from dateline.stories.normalize import article_view
from dateline.stories.text import content_terms

Vector = dict[str, float]


@dataclass(frozen=True, slots=True)
class StoryConfig:
    """Knobs of the story clusterer (defaults chosen on ECB+ train topics and hand examples)."""

    threshold: float = 0.14  # join a topic at this similarity or above
    entity_weight: float = 0.35
    window_days: int = 14
    centroid_terms: int = 300
    blocking_terms: int = 40
    max_posting: int = 64
    max_vocabulary: int = 500_000  # document-frequency entries kept; hapaxes are pruned beyond
    split_ncut: float = 0.8  # divide a topic where the normalized cut is at most this
    split_min_side: int = 3  # each side of a division keeps at least this many articles
    split_entity_weight: float = 2.0  # names and places count this much in the division
    split_regrow: float = 1.25  # while streaming, divide a topic anew after it grew this much
    split_max_articles: int = 1500  # never divide anew above this size (dense eigensolver)
    coref: CorefConfig = field(default_factory=CorefConfig)


@dataclass(slots=True)
class _OpenStory:
    """An open *topic*: the articles one streaming decision grouped, divided into stories."""

    id: str
    articles: list[ArticleView]
    centroid: dict[str, float]
    names: Counter[str]
    last_day: int | None
    weighted: dict[str, float] | None = None  # IDF-weighted centroid, cached per IDF epoch
    weighted_norm: float = 0.0
    epoch: int = -1
    version: int = 0  # bumped on every membership change
    parts: list[list[str]] | None = None  # article ids of each story, as last divided
    parts_version: int = -1
    parts_exact: bool = False  # parts are a fresh division (not newcomers placed by nearness)
    parts_size: int = 0  # topic size when it was last divided with the eigensolver
    rows: dict[str, Vector] = field(default_factory=dict)  # article id -> split terms
    tfs: dict[str, Vector] = field(default_factory=dict)  # article id -> tf vector
    part_sums: list[Vector] = field(default_factory=list)  # summed tf vector of each part
    part_norms: list[float] = field(default_factory=list)  # IDF-weighted norm, -1 when stale
    norms_epoch: int = -1


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


def _order(view: ArticleView) -> tuple[str, str]:
    return (view.published or "", view.id)


def story_name(articles: Iterable[ArticleView]) -> str:
    """A story's name: a hash of its earliest article's id (by publication date, then id)."""
    first = min(articles, key=_order)
    return "story-" + hashlib.sha1(first.id.encode("utf-8")).hexdigest()[:12]


def split_terms(view: ArticleView, name_weight: float) -> Vector:
    """What divides a topic: term counts (the lede counted once more), names, places, the
    years and months the article names (two floods a year apart are two stories) and the
    figures it states (a magnitude, a toll, a year: two earthquakes differ in them)."""
    row: Vector = {}
    for t in view.terms:
        row["w:" + t] = row.get("w:" + t, 0.0) + 1.0
    for t in content_terms(view.lede):
        row["w:" + t] = row.get("w:" + t, 0.0) + 1.0
    for e in view.entities:
        row["e:" + e] = row.get("e:" + e, 0.0) + name_weight
    for p in view.places:
        row["p:" + p] = row.get("p:" + p, 0.0) + name_weight
    for m in view.periods:
        row["m:" + m] = row.get("m:" + m, 0.0) + name_weight
    for n in view.numbers:
        row["n:" + n] = row.get("n:" + n, 0.0) + 1.0
    return row


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
        self._seen: dict[str, str] = {}  # article id -> topic id
        self._closed_of: dict[str, str] = {}  # article id -> story id, once its topic closed
        self._topics_made = 0
        self._clock: int | None = None
        self._idf_cache: dict[str, float] = {}
        self._idf_n = 0
        self._epoch = 0

    # -- public API ---------------------------------------------------------
    def add(self, record: Any) -> str:
        """Add one article record (contract dict or ArticleRecord); return its story id."""
        view = record if isinstance(record, ArticleView) else article_view(record)
        if view.id in self._seen:  # idempotent: the same article twice changes nothing
            return self._story_of(view.id)
        day = _day(view.published)
        if day is not None and (self._clock is None or day > self._clock):
            self._clock = day
            self._close_stale()
        vec = self._weighted(self._vector(view))
        names = Counter(self._name_features(view))
        best_id, best = self._best_story(vec, names, day)
        if best_id is None or best < self.config.threshold:
            best_id = self._new_topic_id()
            self._open[best_id] = _OpenStory(best_id, [], {}, Counter(), None)
        self._join(self._open[best_id], view, vec, names, day)
        self._seen[view.id] = best_id
        return self._story_of(view.id)

    def extend(self, records: Iterable[Any]) -> list[str]:
        """Add many records in the given order; return their story ids (as of each addition:
        a later article may divide a topic and rename one side)."""
        return [self.add(r) for r in records]

    def story_of(self, article_id: str) -> str:
        """The current story id of an article already added (KeyError if unknown)."""
        return self._story_of(article_id)

    def stories(self) -> list[Story]:
        """All stories (closed ones first as kept, then open ones), events merged."""
        out = list(self._closed.values())
        for topic in self._open.values():
            out.extend(self._freeze(part, closed=False) for part in self._parts(topic, exact=True))
        out.sort(key=lambda s: (s.first_published or "", s.id))
        return out

    def story(self, story_id: str) -> Story:
        """One story by id (raises KeyError with the known ids' count if absent)."""
        if story_id in self._closed:
            return self._closed[story_id]
        n = len(self._closed)
        for topic in self._open.values():
            for part in self._parts(topic, exact=True):
                n += 1
                if story_name(part) == story_id:
                    return self._freeze(part, closed=False)
        raise KeyError(f"no story {story_id!r} among {n} stories")

    def refine(self, rounds: int = 2) -> int:
        """Batch clean-up of the open topics, k-means style: move each article to the open
        topic that now scores best for it (final document frequencies, its own contribution
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
                best_id, best = self._best_story(vectors[aid], names[aid],
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
        """Open topics (each holds one or more stories)."""
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

    def _best_story(self, vec: Vector, names: Counter[str],
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
        story.tfs[view.id] = self._tf_vector(view)  # not ``vec``: refine() passes it IDF-weighted
        story.rows[view.id] = split_terms(view, self.config.split_entity_weight)
        story.version += 1
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
        story.tfs.pop(view.id, None)
        story.rows.pop(view.id, None)
        story.version += 1
        story.weighted = None
        for t, w in self._tf_mass(vec).items():
            if t in story.centroid:
                story.centroid[t] -= w
                if story.centroid[t] <= 1e-9:
                    del story.centroid[t]
        story.names.subtract(names)
        story.names = +story.names

    def _new_topic_id(self) -> str:
        self._topics_made += 1
        return f"topic-{self._topics_made}"

    # -- stories inside a topic ------------------------------------------------
    def _story_of(self, article_id: str) -> str:
        tid = self._seen[article_id]
        if tid not in self._open:  # closed: its stories were frozen under their names
            return self._closed_of[article_id]
        for part in self._parts(self._open[tid]):
            if any(a.id == article_id for a in part):
                return story_name(part)
        raise KeyError(article_id)  # unreachable: every member is in one part

    def _parts(self, topic: _OpenStory, exact: bool = False) -> list[list[ArticleView]]:
        """The stories of a topic (articles in (published, id) order, stories by first
        article).  ``exact``: a fresh division of the current members (cached until the topic
        changes); otherwise, while streaming, the last division with newcomers placed in
        their nearest story, divided anew only once the topic grew by ``split_regrow``."""
        cfg = self.config
        arts = sorted(topic.articles, key=_order)
        by_id = {a.id: a for a in arts}
        if topic.parts is not None and topic.parts_version == topic.version and (
                topic.parts_exact or not exact):
            return [[by_id[i] for i in p] for p in topic.parts]
        n = len(arts)
        divide = topic.parts is None or (n <= cfg.split_max_articles and (
            exact or n >= topic.parts_size * cfg.split_regrow))
        if divide:
            rows = [topic.rows[a.id] for a in arts]
            groups = [[arts[i] for i in g]
                      for g in split_recursive(rows, cfg.split_ncut, cfg.split_min_side)] \
                if n <= cfg.split_max_articles else [arts]
            groups.sort(key=lambda g: _order(g[0]))
            topic.parts_size = n
            self._reset_sums(topic, groups)
        else:  # keep the last division; newcomers join their nearest story, leavers leave
            assert topic.parts is not None
            kept = [[by_id[i] for i in p if i in by_id] for p in topic.parts]
            if any(len(k) != len(p) for k, p in zip(kept, topic.parts, strict=True)):
                groups = [g for g in kept if g]
                self._reset_sums(topic, groups)
            else:
                groups = kept
            placed = {a.id for g in groups for a in g}
            for a in arts:
                if a.id not in placed:
                    self._place(topic, groups, a)
            order = sorted(range(len(groups)), key=lambda k: _order(min(groups[k], key=_order)))
            groups = [sorted(groups[k], key=_order) for k in order]
            topic.part_sums = [topic.part_sums[k] for k in order]
            topic.part_norms = [topic.part_norms[k] for k in order]
        topic.parts = [[a.id for a in g] for g in groups]
        topic.parts_version = topic.version
        topic.parts_exact = divide and n <= cfg.split_max_articles
        return groups

    @staticmethod
    def _reset_sums(topic: _OpenStory, groups: list[list[ArticleView]]) -> None:
        """Summed tf vectors of each story of a topic (for placing newcomers)."""
        topic.part_sums = []
        for g in groups:
            total: Vector = {}
            for a in g:
                for t, w in topic.tfs[a.id].items():
                    total[t] = total.get(t, 0.0) + w
            topic.part_sums.append(total)
        topic.part_norms = [-1.0] * len(groups)

    def _place(self, topic: _OpenStory, groups: list[list[ArticleView]], view: ArticleView) -> None:
        """Put ``view`` in the story of the topic whose IDF-weighted summed content is
        closest (cosine) to its own; a story's norm is cached per IDF epoch."""
        if not groups:
            groups.append([])
            topic.part_sums.append({})
            topic.part_norms.append(-1.0)
        if topic.norms_epoch != self._epoch:
            topic.part_norms = [-1.0] * len(groups)
            topic.norms_epoch = self._epoch
        vec = topic.tfs[view.id]
        best, best_score = 0, -1.0
        for k, total in enumerate(topic.part_sums):
            if topic.part_norms[k] < 0:
                topic.part_norms[k] = math.sqrt(sum((w * self._idf(t)) ** 2 for t, w in total.items()))
            norm = topic.part_norms[k]
            dot = sum(w * total.get(t, 0.0) * self._idf(t) ** 2 for t, w in vec.items())
            score = dot / norm if norm else 0.0
            if score > best_score:
                best, best_score = k, score
        groups[best].append(view)
        total = topic.part_sums[best]
        for t, w in vec.items():
            total[t] = total.get(t, 0.0) + w
        topic.part_norms[best] = -1.0

    def _close_stale(self) -> None:
        assert self._clock is not None
        limit = self._clock - self.config.window_days
        for sid in sorted(self._open):
            last = self._open[sid].last_day
            if last is not None and last < limit:
                self._close(sid)

    def _close(self, sid: str) -> None:
        topic = self._open[sid]
        parts = self._parts(topic, exact=True)
        del self._open[sid]
        for k in list(topic.centroid) + list(topic.names):
            posting = self._postings.get(k)
            if posting is not None:
                posting.discard(sid)
                if not posting:
                    del self._postings[k]
        for part in parts:
            frozen = self._freeze(part, closed=True)
            for a in part:
                self._closed_of[a.id] = frozen.id
            if self._on_close is not None:
                self._on_close(frozen)
            if self._keep_closed:
                self._closed[frozen.id] = frozen

    def _freeze(self, part: list[ArticleView], closed: bool) -> Story:
        articles = tuple(sorted(part, key=_order))
        aliases = person_aliases(articles)  # "Soylu" in one report, "Suleyman Soylu" in another
        if aliases:
            articles = tuple(apply_aliases(a, aliases) for a in articles)
        events = merge_events((m for a in articles for m in a.events), self.config.coref)
        return Story(story_name(articles), articles, events, closed)
