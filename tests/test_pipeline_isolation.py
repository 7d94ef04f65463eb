"""Each Pipeline owns its spaCy model and actor knowledge base: two in one process never interact."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.extract import check_components
from dateline.extract.base import ArticleState, ComponentOrderError
from dateline.pipeline import Pipeline, Settings

TEXT = ("Fighters of the Zorvani Brotherhood attacked a checkpoint held by the Qelmar Watch "
        "near the town on Monday, killing two guards, officials said.")


def _entities(pipeline: Pipeline) -> dict[str, str | None]:
    rec = pipeline.extract_text(TEXT, published="2024-03-04")
    return {e.text: e.canonical for e in rec.extraction.entities}


@pytest.mark.model
def test_two_pipelines_with_different_actor_files_keep_their_own_entities(tmp_path: Path) -> None:
    first = tmp_path / "first.yaml"
    first.write_text("actors:\n  - {canonical: Zorvani Brotherhood, kind: rebels, country: null,\n"
                     "     aliases: [Zorvani Brotherhood]}\n", encoding="utf-8")
    second = tmp_path / "second.csv"
    second.write_text("canonical,kind,country,aliases\nQelmar Watch Militia,militia,,Qelmar Watch\n",
                      encoding="utf-8")
    a = Pipeline(Settings(actor_files=(first,)))
    b = Pipeline(Settings(actor_files=(second,)))
    plain = Pipeline(Settings())
    ents_a, ents_b, ents_plain = _entities(a), _entities(b), _entities(plain)
    # Each pipeline knows its own file's actor, and only that one, whatever the creation order.
    assert ents_a.get("Zorvani Brotherhood") == "Zorvani Brotherhood"
    assert ents_b.get("Qelmar Watch") == "Qelmar Watch Militia"
    assert ents_a.get("Qelmar Watch") != "Qelmar Watch Militia"
    assert ents_b.get("Zorvani Brotherhood") != "Zorvani Brotherhood"
    assert ents_plain.get("Qelmar Watch") != "Qelmar Watch Militia"
    # The models are separate objects with their own ruler patterns; three pipelines do not pile up.
    assert a.nlp is not b.nlp
    n_plain = len(plain.nlp.get_pipe("entity_ruler"))  # type: ignore[arg-type]
    assert len(a.nlp.get_pipe("entity_ruler")) > n_plain  # type: ignore[arg-type]
    assert len(Pipeline(Settings()).nlp.get_pipe("entity_ruler")) == n_plain  # type: ignore[arg-type]
    assert _entities(a) == ents_a  # building b and plain changed nothing in a


def test_component_order_is_checked() -> None:
    class NeedsQuotes:
        name = "needs-quotes"
        requires = ("quotes",)
        assigns = ("events",)

        def __call__(self, state: ArticleState) -> ArticleState:
            return state

    with pytest.raises(ComponentOrderError, match="requires \\['quotes'\\]"):
        check_components([NeedsQuotes()])


@pytest.mark.model
def test_default_stage_order(pipeline: Pipeline) -> None:
    assert [c.name for c in pipeline.components] == ["actors", "times", "places", "quotes", "events", "incidents"]
