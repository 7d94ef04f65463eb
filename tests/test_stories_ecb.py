"""ECB+ reader and trigger coreference on a tiny hand-written corpus in CAT format."""

from __future__ import annotations

from pathlib import Path

from dateline.eval.trigger_coref import lemma_baseline
from dateline.stories.doc_cluster import average_link
from dateline.stories.ecb import read_corpus

DOC = """<Document doc_name="{name}" doc_id="x">
<token t_id="1" sentence="0" number="0">Rebels</token>
<token t_id="2" sentence="0" number="1">attacked</token>
<token t_id="3" sentence="0" number="2">the</token>
<token t_id="4" sentence="0" number="3">town</token>
<token t_id="5" sentence="1" number="0">Nobody</token>
<token t_id="6" sentence="1" number="1">{verb}</token>
<Markables>
<ACTION_OCCURRENCE m_id="1"><token_anchor t_id="2"/></ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="2"><token_anchor t_id="6"/></ACTION_OCCURRENCE>
<HUMAN_PART_ORG m_id="3"><token_anchor t_id="1"/></HUMAN_PART_ORG>
<ACTION_OCCURRENCE m_id="9" TAG_DESCRIPTOR="t9_attack" instance_id="ACT1"/>
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="1" note="ACT1"><source m_id="1"/><target m_id="9"/></CROSS_DOC_COREF>
</Relations>
</Document>
"""


def write_corpus(root: Path) -> None:
    (root / "ECB+" / "9").mkdir(parents=True)
    for name, verb in (("9_1ecb.xml", "died"), ("9_2ecbplus.xml", "fled")):
        (root / "ECB+" / "9" / name).write_text(DOC.format(name=name, verb=verb), encoding="utf-8")
    (root / "ECBplus_coreference_sentences.csv").write_text(
        "Topic,File,Sentence Number\n9,1ecb,0\n9,1ecb,1\n9,2ecbplus,0\n", encoding="utf-8")


def test_reader_keeps_validated_event_mentions_with_gold_clusters(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    docs = read_corpus(tmp_path)
    assert [d.subtopic for d in docs] == ["9_ecb", "9_ecbplus"]
    first, second = docs
    assert [m.gold for m in first.events] == ["X:ACT1", "S:9_1ecb.xml:2"]
    assert [m.token_ids for m in second.events] == [(2,)]  # sentence 1 is not validated there
    assert first.events[0].gold == second.events[0].gold


def test_average_link_merges_above_threshold_only() -> None:
    import numpy as np

    sim = np.array([[1, 0.9, 0.1], [0.9, 1, 0.2], [0.1, 0.2, 1]])
    assert average_link(sim, 0.5) == [[0, 1], [2]]
    assert average_link(sim, 0.95) == [[0], [1], [2]]


class _M:
    def __init__(self, key: str, lemma: str) -> None:
        self.key, self.lemma = key, lemma


def test_lemma_baseline_groups_by_lemma() -> None:
    ms = [_M("a", "attack"), _M("b", "die"), _M("c", "attack")]
    assert sorted(sorted(g) for g in lemma_baseline(ms)) == [["a", "c"], ["b"]]  # type: ignore[arg-type]
