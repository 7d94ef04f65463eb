"""The event scorers score product records (dicts as `dateline extract` writes them): no gold data needed."""

from __future__ import annotations

from typing import Any

from dateline.eval import case2021, india_police, plover_gsr
from dateline.eval.india_police import GoldArticle


def _event(**kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"event_type": "ASSAULT", "mode": None, "acled_sub_event_type": None,
                            "actor": [], "recipient": [], "factuality": "asserted", "dead": None,
                            "size_text": {}, "trigger": None, "trigger_start": None, "evidence": [],
                            "confidence": 0.5}
    return {**base, **kw}


def _record(events: list[dict[str, Any]], text: str = "", status: str = "ok") -> dict[str, Any]:
    return {"status": status, "article": {"text": text} if status == "ok" else None, "events": events}


def test_case2021_label_is_the_main_events_acled_code() -> None:
    rec = _record([_event(acled_sub_event_type="Air/drone strike"), _event(acled_sub_event_type="Grenade")])
    assert case2021.predicted_label(rec) == "AIR_STRIKE"
    assert case2021.predicted_label(_record([_event(), _event(acled_sub_event_type="Grenade")])) == "NONE"
    assert case2021.predicted_label(_record([])) == "NONE"
    assert case2021.predicted_label(_record([], status="rejected")) == "NONE"
    assert set(case2021.CODE_OF_SUB_EVENT.values()) == set(case2021.ACLED_CODES)


def test_case2021_score_counts_no_label_as_wrong() -> None:
    rows = [("1", "a", "AIR_STRIKE"), ("2", "b", "GRENADE")]
    recs = [_record([_event(acled_sub_event_type="Air/drone strike")]), _record([], status="rejected")]
    report = case2021.score(recs, rows)
    assert report["accuracy"] == 0.5 and report["no_label_rate"] == 0.5 and report["n_rejected"] == 1


def test_plover_scores_the_main_event_and_its_actors() -> None:
    gold = [{"event": "FIGHT", "source": [{"actorText": "Syrian army", "code": "SYRMIL"}], "target": []},
            {"event": "AGREE", "source": [], "target": []}]
    recs = [_record([_event(actor=[{"text": "the army", "name": None, "country": None}]),
                     _event(event_type="AGREE")]),
            _record([_event(event_type="ASSAULT"), _event(event_type="AGREE")])]
    report = plover_gsr.score(recs, gold)
    assert report["event_type_accuracy"] == 0.5
    assert report["event_type_any_accuracy"] == 1.0
    assert report["source_actor_match"] == 1.0


def test_india_sentences_are_found_in_cleaned_text_despite_whitespace_and_mojibake() -> None:
    text = "Police arrested two men.\n\nThe mob was dispersed — police said."
    sents = ["Police  arrested two men. ", "\n", "The mob was dispersed â€” police said."]
    assert india_police.sentence_starts(text, sents) == [0, None, text.index("The mob")]


def test_india_labels_sentences_from_record_events() -> None:
    text = "Police arrested two men. Police opened fire, killing one."
    gold = [GoldArticle(1, text, "2002-03-01", (("Police arrested two men.", frozenset({"ARREST"})),
                                                 ("Police opened fire, killing one.",
                                                  frozenset({"KILL", "FORCE"}))))]
    police = [{"text": "Police", "name": None, "country": None, "sector": "police"}]
    events = [_event(event_type="COERCE", mode="arrest", actor=police, trigger="arrested",
                     trigger_start=text.index("arrested")),
              _event(actor=police, trigger="killing", trigger_start=text.index("killing"), dead=1)]
    report = india_police.score([_record(events, text)], gold)
    assert report["kill_f1"] == report["arrest_f1"] == report["force_f1"] == 1.0
    assert report["n_unlocated"] == 0
