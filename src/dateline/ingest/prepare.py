"""From a raw input item to a :class:`CleanArticle`, or a typed rejection.

Stages: decode (bytes → text) → html (main text + metadata) → clean → language.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date, datetime
from functools import lru_cache

from dateline.errors import Reason, Rejection
from dateline.ingest.clean import clean_text
from dateline.ingest.decode import decode_with_note, repair_text
from dateline.ingest.html import extract_html
from dateline.records import CleanArticle, RawDocument

MIN_WORDS = 5
# Only this much text is needed to tell the language.
_LANG_SAMPLE = 6000
_LANG_MIN_PROB = 0.80
_WORD = re.compile(r"[^\W\d_]{2,}")
# Below this many words a non-English guess is a rejection (language_uncertain), not a warning.
_SHORT_WORDS = 60
_SHORT_MIN_PROB = 0.5


def _latin_share(text: str) -> float:
    """Share of the letters (in a sample) that are Latin: English news is almost all Latin."""
    sample = text[:_LANG_SAMPLE]
    letters = [c for c in sample if c.isalpha()]
    if not letters:
        return 1.0
    latin = sum(1 for c in letters if c.isascii() or "LATIN" in unicodedata.name(c, ""))
    return latin / len(letters)


def content_hash(text: str) -> str:
    """The article's identity in the store: a hash of its cleaned text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


@lru_cache(maxsize=1)
def _language_identifier():  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """ISO 639-1 code and probability of the text's language (py3langid)."""
    lang, prob = _language_identifier().classify(text[:_LANG_SAMPLE])
    return str(lang), float(prob)


def read_published(value: str | None) -> tuple[date | None, str | None]:
    """Parse a publication date once: (date, ISO datetime or None).  Bad values give (None, None)."""
    if not value:
        return None, None
    value = value.strip()
    try:
        if len(value) == 10:
            return date.fromisoformat(value), None
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        return moment.date(), moment.isoformat()
    except ValueError:
        return None, None


def parse_published(value: str | None) -> tuple[str | None, str | None]:
    """Normalize a publication date: (ISO date, ISO datetime or None).  Bad values give (None, None)."""
    day, moment = read_published(value)
    return (day.isoformat() if day is not None else None), moment


def prepare(raw: RawDocument, default_published: str | None = None) -> CleanArticle:
    """Decode, extract, clean and check one article.  Raises :class:`Rejection`."""
    warnings: list[str] = []
    if isinstance(raw.data, bytes):
        text, _encoding, note = decode_with_note(raw.data, raw.origin)
        if note:
            warnings.append(note)
    else:
        if not raw.data.strip():
            raise Rejection(Reason.EMPTY, f"{raw.origin}: the article text is empty", "decode")
        text = repair_text(raw.data)

    title, url, source, published, author = raw.title, raw.url, raw.source, raw.published, raw.author
    extra_captions: tuple[str, ...] = ()
    if raw.kind == "html":
        page = extract_html(text, raw.origin)
        text = page.text
        extra_captions = page.captions
        title = title or page.title
        url = url or page.url
        source = source or page.site
        published = published or page.published
        author = author or page.author

    cleaned = clean_text(text, extra_captions)
    if len(_WORD.findall(cleaned.text)) < MIN_WORDS:
        if raw.kind == "html":
            raise Rejection(Reason.NO_ARTICLE_BODY,
                            f"{raw.origin}: no article body found in the HTML (only "
                            f"{len(cleaned.text)} characters of text outside navigation and boilerplate)",
                            "html")
        raise Rejection(Reason.TOO_SHORT if cleaned.text.strip() else Reason.EMPTY,
                        f"{raw.origin}: no article text left after cleaning "
                        f"(fewer than {MIN_WORDS} words)", "clean")

    language = (raw.language or "").lower()[:2] or None
    if language is None:
        lang, prob = detect_language(cleaned.text)
        latin = _latin_share(cleaned.text)
        if lang != "en" and (prob >= _LANG_MIN_PROB or latin < 0.5):
            raise Rejection(Reason.NOT_ENGLISH,
                            f"{raw.origin}: the article is in '{lang}' (p={prob:.2f}, "
                            f"{latin:.0%} Latin letters); only English is supported for now", "language")
        n_words = len(_WORD.findall(cleaned.text[:_LANG_SAMPLE]))
        if lang != "en" and n_words < _SHORT_WORDS and prob >= _SHORT_MIN_PROB:
            # Short texts: too little evidence to process as English against the detector.
            raise Rejection(Reason.LANGUAGE_UNCERTAIN,
                            f"{raw.origin}: a short text ({n_words} words) detected as '{lang}' "
                            f"(p={prob:.2f}); give the record a language field ('en') to process it",
                            "language")
        if lang != "en":
            warnings.append(f"language uncertain ({lang}, p={prob:.2f}); processed as English")
        language = "en"
    elif language != "en":
        raise Rejection(Reason.NOT_ENGLISH,
                        f"{raw.origin}: the record says language '{language}'; "
                        "only English is supported for now", "language")

    pub_date, pub_time = read_published(published)
    if published and pub_date is None:
        warnings.append(f"unreadable publication date {published!r} ignored")
    if pub_date is None and default_published:
        pub_date, pub_time = read_published(default_published)
    if pub_date is None:
        warnings.append("no publication date: relative times stay unresolved")

    return CleanArticle(
        id=raw.id or content_hash(cleaned.text),
        text=cleaned.text,
        origin=raw.origin,
        title=title,
        url=url,
        source=source,
        published=pub_date,
        published_time=pub_time,
        language=language,
        dateline=cleaned.dateline,
        dateline_span=cleaned.dateline_span,
        captions=cleaned.captions,
        removed=cleaned.removed,
        warnings=tuple(warnings),
        author=author,
    )
