"""The output schema is derived from the records and snapshot-tested; records validate against it."""

from __future__ import annotations

import json

import jsonschema
import pytest

from conftest import ARTICLE
from dateline.errors import Reason
from dateline.pipeline import rejected_record
from dateline.schema import SNAPSHOT, load_snapshot, output_schema, validate_record


def test_schema_matches_snapshot() -> None:
    # Changing the contract must be deliberate: regenerate the snapshot with
    # `python -m dateline.schema > src/dateline/schema/output.schema.json` and say why.
    assert output_schema() == load_snapshot(), f"{SNAPSHOT} is out of date"


def test_schema_is_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(load_snapshot())


def test_rejected_record_validates() -> None:
    rec = rejected_record("x.txt", Reason.EMPTY, "x.txt is empty", "decode").to_dict()
    validate_record(rec)
    assert rec["status"] == "rejected" and rec["rejection"]["reason"] == "empty"


@pytest.mark.model
def test_extracted_record_validates_and_offsets_hold(pipeline) -> None:
    rec = pipeline.extract_text(ARTICLE, published="2021-03-01").to_dict()
    validate_record(rec)
    json.dumps(rec)  # serializable


def test_offsets_check_catches_a_bad_record() -> None:
    rec = rejected_record("x.txt", Reason.EMPTY, "empty", "decode").to_dict()
    rec["status"] = "ok"
    rec["article"]["text"] = "abc"
    rec["entities"] = [{"text": "zz", "label": "ORG", "start": 0, "end": 2, "canonical": None,
                        "kind": None, "country": None}]
    with pytest.raises(jsonschema.ValidationError):
        validate_record(rec)
