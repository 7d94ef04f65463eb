"""Bytes to text: binary detection, encoding detection, mojibake repair.

UTF-8 (with or without BOM) is tried first; otherwise charset-normalizer
guesses (cp1252 and latin-1 are the usual cases for scraped news).  Text that
was UTF-8 read as cp1252 ("â€™") is repaired with ftfy.
"""

from __future__ import annotations

import ftfy
from charset_normalizer import from_bytes

from dateline.errors import Reason, Rejection

STAGE = "decode"

# Control bytes other than \t \n \r \f; many of them mean binary data.
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
_BINARY_MAGIC = (
    b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"\x7fELF",
    b"MZ", b"\x00\x00\x01\x00", b"RIFF", b"OggS", b"ID3",
)
# ftfy on huge texts is slow; texts above this get only the cheap checks.
_FTFY_MAX_CHARS = 2_000_000


def looks_binary(data: bytes) -> bool:
    """True for files that are not text in any encoding (images, PDFs, archives, executables)."""
    if not data:
        return False
    if data.startswith(_BINARY_MAGIC):
        return True
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(sample.count(bytes([b])) for b in _CONTROL)
    return controls / len(sample) > 0.05


def decode_bytes(data: bytes, origin: str = "") -> tuple[str, str]:
    """Return (text, encoding_used).  Raises :class:`Rejection` for binary or undecodable input."""
    if not data.strip():
        raise Rejection(Reason.EMPTY, f"{origin or 'input'} is empty", STAGE)
    if data.startswith(b"\xef\xbb\xbf"):
        return repair_text(data[3:].decode("utf-8", errors="replace")), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return repair_text(data.decode("utf-16")), "utf-16"
        except UnicodeDecodeError as exc:
            raise Rejection(Reason.UNDECODABLE, f"{origin or 'input'}: broken UTF-16 ({exc})", STAGE) from exc
    if looks_binary(data):
        raise Rejection(Reason.BINARY,
                        f"{origin or 'input'} looks like a binary file, not text or HTML", STAGE)
    try:
        return repair_text(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:200_000]).best()
    western = ("cp1252", "latin_1", "iso8859_15")
    if best is None or best.encoding is None or any(
        enc in western for enc in best.could_be_from_charset
    ) or not best.multi_byte_usage and best.encoding.startswith(("cp125", "cp7", "iso8859", "mac")):
        # Short Western text is often misdetected as another single-byte code
        # page (cp1250, cp775); for English news cp1252 is the right reading.
        try:
            return repair_text(data.decode("cp1252")), "cp1252"
        except UnicodeDecodeError:
            return repair_text(data.decode("latin-1")), "latin-1"
    encoding = best.encoding
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise Rejection(Reason.UNDECODABLE,
                        f"{origin or 'input'}: cannot decode as {encoding} ({exc})", STAGE) from exc
    return repair_text(text), encoding


def repair_text(text: str) -> str:
    """Fix mojibake and normalize odd characters without changing clean text."""
    if len(text) <= _FTFY_MAX_CHARS and not text.isascii():
        text = ftfy.fix_text(
            text,
            normalization="NFC",
            uncurl_quotes=False,
            fix_latin_ligatures=True,
            fix_character_width=True,
            unescape_html=False,
            explain=False,
        )
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
