"""Hostile inputs at the readers (no spaCy): every resource bounded, metadata repaired, nothing lost.

Big inputs are generated here, in tmp_path, and the limits are lowered through
the environment (DATELINE_MAX_ARTICLE_BYTES, DATELINE_MAX_INPUT_BYTES) so the
cases stay fast while still being far over the limits.
"""

from __future__ import annotations

import gzip
import io
import json
import time
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ARTICLE
from dateline.errors import Reason
from dateline.ingest.bounded import Limits, LineReader
from dateline.ingest.prepare import prepare
from dateline.ingest.sources import BadInput, read_inputs, record_to_raw
from dateline.records import RawDocument
from dateline.scale.partitions import plan_partitions, read_partition

GOOD = json.dumps({"id": "good", "text": ARTICLE}).encode() + b"\n"
MB = 1024 * 1024


def _good(i: int) -> bytes:
    return json.dumps({"id": f"good-{i}", "text": ARTICLE}).encode() + b"\n"


def _bomb(path: Path, line_bytes: int, blank: int = 0) -> Path:
    """A gzip batch: 3 good lines, one huge line (or a blank flood), 3 good lines; written in chunks."""
    with gzip.open(path, "wb", compresslevel=6) as gz:
        for i in range(3):
            gz.write(_good(i))
        if line_bytes:
            gz.write(b'{"id": "bomb", "text": "')
            block = b"A" * MB
            for _ in range(line_bytes // MB):
                gz.write(block)
            gz.write(b'"}\n')
        block = b"\n" * MB
        for _ in range(blank // MB):
            gz.write(block)
        for i in range(3, 6):
            gz.write(_good(i))
    return path


def _ids(items: list) -> list[str | None]:
    return [it.id for it in items]


def test_gzip_bomb_line_is_rejected_with_bounded_memory(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("DATELINE_MAX_ARTICLE_BYTES", str(MB))
    path = _bomb(tmp_path / "bomb.jsonl.gz", 64 * MB)
    assert path.stat().st_size < MB  # a small file ...
    tracemalloc.start()
    items = list(read_inputs([str(path)]))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 8 * MB, peak  # ... that expands to 64 MB in one line: never held whole
    assert _ids(items) == ["good-0", "good-1", "good-2", None, "good-3", "good-4", "good-5"]
    bad = items[3]
    assert isinstance(bad, BadInput) and bad.reason == Reason.TOO_LARGE and bad.origin.endswith(":4")
    assert "1.0 MB" in bad.message


def test_blank_line_flood_is_skipped_at_stream_speed(tmp_path: Path) -> None:
    path = _bomb(tmp_path / "blank.jsonl.gz", 0, blank=64 * MB)
    start = time.perf_counter()
    items = list(read_inputs([str(path)]))
    elapsed = time.perf_counter() - start
    assert _ids(items) == [f"good-{i}" for i in range(6)]
    assert items[3].origin.endswith(f":{4 + 64 * MB}")  # line numbers still count the blank lines
    assert elapsed < 5, elapsed  # was a Python loop per blank line


def test_input_limit_stops_a_batch_with_a_rejection(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "many.jsonl"
    path.write_bytes(b"".join(_good(i) for i in range(50)))
    monkeypatch.setenv("DATELINE_MAX_INPUT_BYTES", str(len(_good(0)) * 10 + 5))
    items = list(read_inputs([str(path)]))
    assert _ids(items)[:10] == [f"good-{i}" for i in range(10)]
    assert len(items) == 11
    last = items[-1]
    assert isinstance(last, BadInput) and last.reason == Reason.TOO_LARGE
    assert "DATELINE_MAX_INPUT_BYTES" in last.message and "after 10" in last.message


def test_stdin_jsonl_over_the_article_limit_is_read_line_by_line() -> None:
    """Stdin was cut at 20 MB without a word: the lines after the cut got no record."""
    line = _good(0)
    n = (21 * MB) // len(line) + 1
    data = line * n + _good(99)
    items = list(read_inputs(["-"], stdin=io.BytesIO(data)))
    assert len(items) == n + 1
    assert items[-1].id == "good-99" and isinstance(items[-1], RawDocument)


def test_stdin_single_article_over_the_limit_is_rejected(monkeypatch) -> None:
    monkeypatch.setenv("DATELINE_MAX_ARTICLE_BYTES", "1000")
    items = list(read_inputs(["-"], stdin=io.BytesIO(ARTICLE.encode() * 10)))
    assert len(items) == 1 and isinstance(items[0], BadInput) and items[0].reason == Reason.TOO_LARGE


@pytest.mark.parametrize("key", ["id", "title", "source", "author", "url"])
def test_lone_surrogate_in_metadata_is_repaired(key: str) -> None:
    raw_line = '{"text": ' + json.dumps(ARTICLE) + ', "' + key + '": "Kabul \\ud800 report"}'
    item = record_to_raw(json.loads(raw_line), "batch.jsonl:1")
    assert isinstance(item, RawDocument)
    value = getattr(item, key)
    assert value == "Kabul \ufffd report"
    json.dumps(value, ensure_ascii=False).encode("utf-8")  # was UnicodeEncodeError downstream


def test_unusable_metadata_is_a_typed_rejection() -> None:
    item = record_to_raw({"text": ARTICLE, "id": "x" * 5000}, "b:1")
    assert isinstance(item, BadInput) and item.reason == Reason.BAD_METADATA and "'id'" in item.message
    item = record_to_raw({"text": ARTICLE, "title": {"nested": 1}}, "b:2")
    assert isinstance(item, BadInput) and item.reason == Reason.BAD_METADATA


_META_TEXT = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=40)
_META_VALUE = st.one_of(st.none(), _META_TEXT, st.integers(), st.floats(allow_nan=True), st.booleans(),
                        st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=3), st.integers(),
                                                                             max_size=2))


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["id", "title", "source", "url", "published", "language", "author",
                                        "text", "html"]), _META_VALUE))
def test_any_metadata_gives_an_item_whose_strings_encode(obj: dict) -> None:
    item = record_to_raw(obj, "fuzz:1")
    assert isinstance(item, (RawDocument, BadInput))
    if isinstance(item, RawDocument):
        for key in ("id", "title", "source", "url", "published", "language", "author"):
            value = getattr(item, key)
            assert value is None or isinstance(value, str)
            if value is not None:
                value.encode("utf-8")


def _reference_lines(data: bytes, limit: int) -> list[tuple[int, int, int, bytes | None]]:
    out = []
    pos = 0
    for i, line in enumerate(data.split(b"\n"), 1):
        full = line + b"\n" if pos + len(line) < len(data) else line
        if full and full.strip():
            out.append((i, pos, pos + len(full), None if len(full) > limit else full))
        pos += len(full)
    return out


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([b"\n", b"  \n", b"\t\n\n", b'{"a": 1}\n', b"xyz", b"   ", b"x" * 30 + b"\n",
                                 b"\r\n", b"\xff\xfe\n"]), max_size=25),
       st.integers(min_value=1, max_value=40), st.sampled_from([1, 2, 5, 64]))
def test_line_reader_matches_a_plain_split(parts: list[bytes], limit: int, chunk: int) -> None:
    """Hypothesis target for the readers: the bounded reader sees the same lines as split()."""
    import dateline.ingest.bounded as bounded

    data = b"".join(parts)
    old = bounded.CHUNK
    bounded.CHUNK = chunk
    try:
        got = [(ln.lineno, ln.start, ln.end, ln.data) for ln in LineReader(io.BytesIO(data), Limits(limit))]
    finally:
        bounded.CHUNK = old
    assert got == _reference_lines(data, limit)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_readers_never_raise_on_any_bytes(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    d = tmp_path_factory.mktemp("fuzz")
    for name in ("a.jsonl", "a.txt", "a.html"):
        (d / name).write_bytes(data)
        for item in read_inputs([str(d / name)]):
            assert isinstance(item, (RawDocument, BadInput))
    gz = d / "b.jsonl.gz"
    gz.write_bytes(data)  # not gzip at all, mostly
    items = list(read_inputs([str(gz)]))
    assert all(isinstance(i, (RawDocument, BadInput)) for i in items)


def test_dask_planning_is_bounded_too(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("DATELINE_MAX_ARTICLE_BYTES", str(MB))
    path = _bomb(tmp_path / "bomb.jsonl.gz", 64 * MB, blank=8 * MB)
    tracemalloc.start()
    parts = plan_partitions([str(path)], size=2)
    items = [it for p in parts for it in read_partition(p)]
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 8 * MB, peak
    assert _ids(items) == ["good-0", "good-1", "good-2", None, "good-3", "good-4", "good-5"]
    assert items[3].reason == Reason.TOO_LARGE


def test_dask_planning_over_the_input_limit(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "many.jsonl"
    path.write_bytes(b"".join(_good(i) for i in range(9)))
    monkeypatch.setenv("DATELINE_MAX_INPUT_BYTES", str(len(_good(0)) * 5 + 3))
    parts = plan_partitions([str(path)], size=2)
    items = [it for p in parts for it in read_partition(p)]
    assert _ids(items) == [f"good-{i}" for i in range(5)] + [None]
    assert items[-1].reason == Reason.TOO_LARGE


CYRILLIC_EN = ("MOSCOW (Reuters) - Russian opposition politician Алексей Навальный was detained at a Moscow "
               "airport on Sunday after flying home from Germany, his spokeswoman Кира Ярмыш said.")


def test_cp1251_cyrillic_name_in_english_decodes_right() -> None:
    art = prepare(RawDocument(data=CYRILLIC_EN.encode("cp1251"), kind="text", origin="ru.txt"))
    assert "Алексей Навальный" in art.text and "Кира Ярмыш" in art.text


def test_cp1251_misread_as_cjk_is_corrected_with_a_warning() -> None:
    text = "Police in Moscow detained the activist Навальный on Monday, his spokeswoman said. Dozens were held."
    art = prepare(RawDocument(data=text.encode("cp1251"), kind="text", origin="ru.txt"))
    assert "Навальный" in art.text
    assert any("encoding guessed" in w for w in art.warnings)


def test_short_chinese_article_is_not_accepted_as_english() -> None:
    zh = "喀布尔 — 枪手周一袭击了警察检查站，打死三名警察。内政部说，塔利班否认与袭击有关。警方逮捕了两名嫌疑人。"
    from dateline.errors import Rejection

    with pytest.raises(Rejection) as err:
        prepare(RawDocument(data=zh, kind="text", origin="zh.txt"))
    assert err.value.reason in (Reason.NOT_ENGLISH, Reason.LANGUAGE_UNCERTAIN)


def test_western_text_still_reads_as_cp1252() -> None:
    text = "PARIS — The café owner, François Müller, said on Monday that police had closed the street."
    art = prepare(RawDocument(data=text.encode("cp1252"), kind="text", origin="fr.txt"))
    assert "François Müller" in art.text and not any("encoding" in w for w in art.warnings)
