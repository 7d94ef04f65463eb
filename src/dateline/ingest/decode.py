"""Bytes to text: binary detection, encoding detection, mojibake repair.

UTF-8 (with or without BOM) is tried first; otherwise charset-normalizer
guesses (cp1252 and latin-1 are the usual cases for scraped news).  Text that
was UTF-8 read as cp1252 ("â€™") is repaired with ftfy.
"""

from __future__ import annotations

import re
import unicodedata

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
    text, encoding, _note = decode_with_note(data, origin)
    return text, encoding


_WESTERN = ("cp1252", "latin_1", "iso8859_15")
_SINGLE_BYTE = ("cp1252", "cp1251", "cp1250", "cp1253", "cp1254", "cp1257", "koi8_r", "iso8859_5", "cp866")


def _mostly_ascii(data: bytes) -> bool:
    high = len(data) - len(data.decode("ascii", errors="ignore"))
    return high * 5 < len(data)
_LETTERS = re.compile(r"[^\W\d_]+")


def _soup_share(text: str) -> float:
    """Share of the words with non-ASCII letters that are mostly non-ASCII letters.

    Western text read right has a few accents in mostly-ASCII words ("café",
    "Müller"); Cyrillic or Greek read as cp1252 gives words made of accented
    Latin letters only ("Àëåêñåé").
    """
    words = [w for w in _LETTERS.findall(text) if not w.isascii()]
    if not words:
        return 0.0
    soup = sum(1 for w in words if sum(not c.isascii() for c in w) * 2 > len(w))
    return soup / len(words)


def _one_script(text: str) -> bool:
    """True when the non-ASCII letters of ``text`` are mostly of one alphabet (Cyrillic, Greek...)."""
    scripts: dict[str, int] = {}
    for c in text:
        if not c.isascii() and c.isalpha():
            try:
                name = unicodedata.name(c).split(" ")[0]
            except ValueError:
                continue
            scripts[name] = scripts.get(name, 0) + 1
    total = sum(scripts.values())
    return bool(total) and max(scripts.values()) / total >= 0.9 and "LATIN" not in max(scripts, key=scripts.get)  # type: ignore[arg-type]


def decode_with_note(data: bytes, origin: str = "") -> tuple[str, str, str | None]:
    """(text, encoding used, a warning when the encoding was a guess that may be wrong)."""
    if not data.strip():
        raise Rejection(Reason.EMPTY, f"{origin or 'input'} is empty", STAGE)
    if data.startswith(b"\xef\xbb\xbf"):
        return repair_text(data[3:].decode("utf-8", errors="replace")), "utf-8-sig", None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return repair_text(data.decode("utf-16")), "utf-16", None
        except UnicodeDecodeError as exc:
            raise Rejection(Reason.UNDECODABLE, f"{origin or 'input'}: broken UTF-16 ({exc})", STAGE) from exc
    if looks_binary(data):
        raise Rejection(Reason.BINARY,
                        f"{origin or 'input'} looks like a binary file, not text or HTML", STAGE)
    try:
        return repair_text(data.decode("utf-8")), "utf-8", None
    except UnicodeDecodeError:
        pass
    sample = data[:200_000]
    best = from_bytes(sample).best()
    if best is not None and best.encoding is not None and best.multi_byte_usage and _mostly_ascii(sample):
        # A few non-ASCII bytes in English text read as CJK (Shift-JIS, Big5) are far more
        # likely a single-byte code page (a Cyrillic name in cp1251): ask again among those.
        alt = from_bytes(sample, cp_isolation=list(_SINGLE_BYTE)).best()
        if alt is not None and alt.encoding is not None:
            best = alt
            cjk_note = f"encoding guessed as {alt.encoding} rather than a CJK encoding; check the text"
        else:
            cjk_note = None
    else:
        cjk_note = None
    single_byte = best is not None and best.encoding is not None and not best.multi_byte_usage
    if best is not None and best.encoding is not None and single_byte and not any(
            enc in _WESTERN for enc in best.could_be_from_charset):
        # A single-byte code page other than Western (cp1251 Cyrillic, cp1253 Greek...):
        # take it when its reading is one alphabet and the cp1252 reading is letter soup.
        try:
            other = sample.decode(best.encoding)
            western = sample.decode("cp1252", errors="replace")
        except (UnicodeDecodeError, LookupError):
            other = western = ""
        if other and _one_script(other) and _soup_share(western) >= 0.5:
            note = cjk_note if _soup_share(western) >= 0.8 else (
                f"encoding guessed as {best.encoding} (not UTF-8); check the non-English names")
            return repair_text(data.decode(best.encoding, errors="replace")), best.encoding, note
    if best is None or best.encoding is None or any(
        enc in _WESTERN for enc in best.could_be_from_charset
    ) or single_byte and best.encoding.startswith(("cp125", "cp7", "iso8859", "mac", "kz", "ptcp", "koi")):
        # Short Western text is often misdetected as another single-byte code
        # page (cp1250, cp775); for English news cp1252 is the right reading.
        try:
            text = data.decode("cp1252")
            encoding = "cp1252"
        except UnicodeDecodeError:
            text = data.decode("latin-1")
            encoding = "latin-1"
        share = _soup_share(text)
        note = (f"encoding guessed as {encoding} (not UTF-8) but {share:.0%} of the accented words look "
                "garbled; save the input as UTF-8") if share >= 0.3 else cjk_note
        return repair_text(text), encoding, note
    encoding = best.encoding
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise Rejection(Reason.UNDECODABLE,
                        f"{origin or 'input'}: cannot decode as {encoding} ({exc})", STAGE) from exc
    note = None if best.multi_byte_usage else f"encoding guessed as {encoding} (not UTF-8); check the text"
    return repair_text(text), encoding, note


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
