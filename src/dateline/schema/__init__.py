"""JSON Schema of the output contract, derived from the record dataclasses.

``output_schema()`` builds the schema from :mod:`dateline.records`, so the
schema cannot drift from the code; ``output.schema.json`` beside this file is
the committed snapshot (a test fails when they differ: changing the
contract is a visible, reviewed change).  Regenerate with
``python -m dateline.schema > src/dateline/schema/output.schema.json``.
"""

from __future__ import annotations

import dataclasses
import json
import re
import types
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from dateline import records

SNAPSHOT = Path(__file__).with_name("output.schema.json")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _type_schema(tp: Any) -> dict[str, Any]:
    origin = get_origin(tp)
    if tp is type(None):
        return {"type": "null"}
    if tp is str:
        return {"type": "string"}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
    if tp is float:
        return {"type": "number"}
    if tp is Any:
        return {}
    if origin is Literal:
        return {"enum": list(get_args(tp))}
    if origin in (Union, types.UnionType):
        return {"anyOf": [_type_schema(a) for a in get_args(tp)]}
    if origin is tuple:
        args = get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": _type_schema(args[0])}
        return {"type": "array", "prefixItems": [_type_schema(a) for a in args],
                "minItems": len(args), "maxItems": len(args)}
    if origin is list:
        return {"type": "array", "items": _type_schema(get_args(tp)[0])}
    if origin is dict:
        return {"type": "object", "additionalProperties": _type_schema(get_args(tp)[1])}
    if dataclasses.is_dataclass(tp):
        return {"$ref": "#/$defs/" + getattr(tp, "__name__", str(tp))}
    raise TypeError(f"no JSON schema for {tp!r}")


def _dataclass_schema(cls: type) -> dict[str, Any]:
    hints = get_type_hints(cls)
    props = {f.name: _type_schema(hints[f.name]) for f in dataclasses.fields(cls)}
    return {"type": "object", "properties": props, "required": list(props),
            "additionalProperties": True}


def output_schema() -> dict[str, Any]:
    """The schema of one output record (``dateline/2``)."""
    defs = {cls.__name__: _dataclass_schema(cls) for cls in (
        records.Entity, records.TimeExpr, records.Place, records.Quote, records.ActorRef,
        records.EventLocation, records.Span, records.Claim, records.EventMention, records.Event,
        records.Caption)}
    article_fields = {
        "title": {"type": ["string", "null"]}, "author": {"type": ["string", "null"]}, "url": {"type": ["string", "null"]},
        "source": {"type": ["string", "null"]},
        "published": {"anyOf": [{"type": "string", "format": "date"}, {"type": "null"}]},
        "language": {"type": ["string", "null"]}, "dateline": {"type": ["string", "null"]},
        "text": {"type": "string"},
        "captions": {"type": "array", "items": {"$ref": "#/$defs/Caption"}},
        "warnings": {"type": "array", "items": {"type": "string"}},
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://dateline.invalid/schema/dateline-2.json",
        "title": "dateline article record",
        "description": "One record per input article, as written by `dateline extract` (schema dateline/2).",
        "type": "object",
        "required": ["schema", "id", "article", "status", "error", "rejection",
                     "entities", "times", "places", "quotes", "events"],
        "properties": {
            "schema": {"const": records.SCHEMA_VERSION},
            "id": {"type": "string", "minLength": 1},
            "article": {"type": "object", "properties": article_fields, "required": list(article_fields),
                        "additionalProperties": True},
            "status": {"enum": ["ok", "rejected"]},
            "error": {"type": ["string", "null"]},
            "rejection": {"anyOf": [{"type": "null"}, {
                "type": "object", "required": ["stage", "reason", "origin"],
                "properties": {"stage": {"type": ["string", "null"]}, "reason": {"type": ["string", "null"]},
                               "origin": {"type": ["string", "null"]}}}]},
            "entities": {"type": "array", "items": {"$ref": "#/$defs/Entity"}},
            "times": {"type": "array", "items": {"$ref": "#/$defs/TimeExpr"}},
            "places": {"type": "array", "items": {"$ref": "#/$defs/Place"}},
            "quotes": {"type": "array", "items": {"$ref": "#/$defs/Quote"}},
            "events": {"type": "array", "items": {"$ref": "#/$defs/Event"}},
        },
        "additionalProperties": True,
        "$defs": defs,
    }


def load_snapshot() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    return data


def validate_record(record: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` if ``record`` breaks the contract (schema + offsets)."""
    import jsonschema

    jsonschema.validate(record, load_snapshot())
    text = record["article"]["text"]
    for key in ("entities", "times", "places", "quotes"):
        for item in record[key]:
            if text[item["start"]:item["end"]] != item["text"]:
                raise jsonschema.ValidationError(f"{key}: offsets {item['start']}:{item['end']} "
                                                 f"do not give {item['text']!r}")
    for ev in record["events"]:
        if ev["event_type"] not in records.PLOVER_TYPES:
            raise jsonschema.ValidationError(f"event {ev['id']}: {ev['event_type']!r} is not a PLOVER type")
        if ev["factuality"] not in records.FACTUALITY:
            raise jsonschema.ValidationError(f"event {ev['id']}: factuality {ev['factuality']!r}")
        if ev["date_precision"] not in (None, "day", "week", "month", "year"):
            raise jsonschema.ValidationError(f"event {ev['id']}: date_precision {ev['date_precision']!r}")
        if ev["date"] is not None and not _ISO_DAY.match(ev["date"]):
            raise jsonschema.ValidationError(f"event {ev['id']}: date {ev['date']!r} is not YYYY-MM-DD")
        for span in ev["evidence"]:
            if not 0 <= span["start"] <= span["end"] <= len(text):
                raise jsonschema.ValidationError(f"event {ev['id']}: evidence span outside the text")



__all__ = ["output_schema", "load_snapshot", "validate_record"]
