import pytest

from dateline.errors import Reason, Rejection
from dateline.ingest.decode import decode_bytes, looks_binary, repair_text

SENTENCE = "Protesters gathered in the café on Tuesday, saying “enough” to the naïve plan."


def test_utf8_passes_unchanged() -> None:
    text, enc = decode_bytes(SENTENCE.encode("utf-8"))
    assert text == SENTENCE and enc == "utf-8"


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_legacy_western_encodings_are_detected(encoding: str) -> None:
    sentence = SENTENCE if encoding == "cp1252" else SENTENCE.replace("“", '"').replace("”", '"')
    text, enc = decode_bytes(sentence.encode(encoding))
    assert text == sentence
    assert enc in ("cp1252", "latin-1")


def test_utf16_with_bom() -> None:
    text, _ = decode_bytes(SENTENCE.encode("utf-16"))
    assert text == SENTENCE


@pytest.mark.parametrize("wrong", ["cp1252", "latin-1"])
def test_mojibake_is_repaired(wrong: str) -> None:
    sentence = "The militia’s leaders said the café was closed — “for now”."
    broken = sentence.encode("utf-8").decode(wrong, errors="ignore" if wrong == "cp1252" else "strict")
    assert "Ã©" in broken
    fixed = repair_text(broken)
    assert "militia’s leaders" in fixed and "café" in fixed


def test_empty_is_rejected() -> None:
    with pytest.raises(Rejection) as info:
        decode_bytes(b"  \n\t ", "empty.txt")
    assert info.value.reason is Reason.EMPTY
    assert "empty.txt is empty" in info.value.message


@pytest.mark.parametrize("blob", [
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    bytes(range(256)) * 20,
])
def test_binary_is_rejected(blob: bytes) -> None:
    assert looks_binary(blob)
    with pytest.raises(Rejection) as info:
        decode_bytes(blob, "photo.bin")
    assert info.value.reason is Reason.BINARY
    assert "binary" in info.value.message
