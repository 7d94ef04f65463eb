"""Clean scraped article text without losing narrative.

What goes:
- scraper debris lines: "Related image", "Advertisement", share/subscribe/follow
  prompts, "Read more", cookie notices, bare "Photo:"/"Image:" labels,
  copyright lines;
- a line repeated right after itself (scrapers duplicate photo captions).

What is kept and marked:
- photo captions (a line ending in a credit such as "(Name/Agency)" or
  "Photo: Agency", or a ``<figcaption>`` from HTML) are kept once and
  returned as :class:`Caption` spans, so later stages treat them as weak
  evidence;
- the dateline ("BAGHDAD —", "KABUL, Afghanistan (Reuters) -").

The cleaned text is the one that every offset in the output refers to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dateline.records import Caption

# Whole-line debris (case-insensitive, after trimming). Kept deliberately
# narrow: a line is only dropped when it is *entirely* boilerplate.
_DEBRIS_LINE = re.compile(
    r"""^(?:
        related\s+(?:image|images|video|videos|articles?|stories|coverage|content|links?|reading|topics?)
      | (?:image|photo|video|picture|gallery)s?
      | (?:advertisement|advertising|sponsored(?:\s+content)?|ad|promoted)
      | (?:skip\s+to\s+(?:main\s+)?content|skip\s+navigation|back\s+to\s+top|top\s+stories)
      | (?:read|see|watch|view)\s+(?:more|also|next|full\s+(?:story|article)|the\s+full\s+story)\b.{0,80}
      | (?:share|tweet|email|print|comment|save)(?:\s+(?:this|on|via|story|article|page)\b.{0,40})?
      | share\s+(?:this|on)\b.{0,60}
      | (?:subscribe|sign\s+up|register|log\s*in|sign\s+in)\b.{0,100}
      | (?:follow\s+us|like\s+us)\b.{0,80}
      | click\s+here\b.{0,100}
      | (?:copyright|©|\(c\))\s.{0,120}
      | all\s+rights\s+reserved\.?
      | (?:we\s+use\s+cookies|this\s+(?:site|website)\s+uses\s+cookies)\b.{0,200}
      | (?:facebook|twitter|whatsapp|linkedin|reddit|pinterest|email|x)(?:\s*[|•·/,]\s*(?:facebook|twitter|whatsapp|linkedin|reddit|pinterest|email|x))+
      | \d+\s+comments?
      | (?:loading|loading\.\.\.|please\s+wait)
      | (?:continue\s+reading|story\s+continues\s+below(?:\s+advertisement)?)
    )[\s.:!]*$""",
    re.IGNORECASE | re.VERBOSE,
)

# A photo credit at the end of a line: "(Thaier al-Sudani/Reuters)", "(AP Photo/Name)",
# "Photo: Name/AFP via Getty Images", "Credit: Agency".
_CREDIT_TAIL = re.compile(
    r"""(?:
        \(\s*(?P<paren>(?:AP\s+Photo\s*/\s*)?[^()\n]{2,80}?\s*/\s*[^()\n]{2,60}?|[^()\n]{2,40}?\s+for\s+[^()\n]{2,60}?)\s*\)
      | (?:Photo|Photograph|Image|Picture|Credit|Photo\s+credit)\s*:\s*(?P<label>[^\n]{2,100})
    )\s*$""",
    re.VERBOSE,
)

# Dateline at the start of a paragraph: "BAGHDAD —", "KABUL, Afghanistan (Reuters) -",
# "WASHINGTON (AP) —", "NEW DELHI:".
_DATELINE = re.compile(
    r"""^(?P<place>[A-Z][A-Z.'\- ]{1,40}[A-Z.])
        (?:,\s*(?P<region>[A-Z][A-Za-z.'\- ]{1,40}))?
        (?:\s*\((?P<agency>[A-Za-z][A-Za-z .&'-]{0,30})\))?
        \s*(?:[—–]|--?|:)\s+(?=\S)""",
    re.VERBOSE,
)

_BULLET = re.compile(r"^([●•▪■◆►▶·*])(?=\S)")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff]")


@dataclass(frozen=True, slots=True)
class CleanText:
    text: str
    captions: tuple[Caption, ...]
    dateline: str | None
    dateline_span: tuple[int, int] | None
    removed: tuple[str, ...]


def _normalize_line(line: str) -> str:
    line = _ZERO_WIDTH.sub("", line)
    line = _SPACES.sub(" ", line).strip()
    # "●The" → "● The": a glued bullet hides the first word from the tokenizer.
    return _BULLET.sub(r"\1 ", line)


def is_debris(line: str) -> bool:
    """A whole line of scraper boilerplate (never a sentence of narrative)."""
    return bool(_DEBRIS_LINE.match(line)) and len(line) < 220


def caption_credit(line: str) -> str | None:
    """The credit if the line looks like a photo caption, else None."""
    match = _CREDIT_TAIL.search(line)
    if not match:
        return None
    credit = match.group("paren") or match.group("label")
    if credit is None:
        return None
    credit = credit.strip()
    # A parenthetical at the end of a narrative sentence ("(meals ready to eat)")
    # is not a credit: credits name a person or an agency with a slash or "for".
    if match.group("paren") is not None and "/" not in credit and " for " not in credit:
        return None
    return credit


def clean_text(text: str, extra_captions: tuple[str, ...] = ()) -> CleanText:
    """Clean ``text``; ``extra_captions`` (e.g. HTML figcaptions) are kept once, marked."""
    removed: list[str] = []
    kept: list[tuple[str, bool, str | None]] = []  # (line, is_caption, credit)
    previous_key: str | None = None
    seen_captions: set[str] = set()
    for raw in text.split("\n"):
        line = _normalize_line(raw)
        if not line:
            continue
        key = line.casefold()
        if key == previous_key:
            removed.append(line)  # a line repeated right after itself
            continue
        previous_key = key
        if is_debris(line):
            removed.append(line)
            continue
        credit = caption_credit(line)
        if credit is not None:
            if key in seen_captions:
                removed.append(line)
                continue
            seen_captions.add(key)
        kept.append((line, credit is not None, credit))

    for cap in extra_captions:
        line = _normalize_line(cap)
        key = line.casefold()
        if not line or key in seen_captions or any(k[0].casefold() == key for k in kept):
            continue
        seen_captions.add(key)
        kept.append((line, True, caption_credit(line)))

    parts: list[str] = []
    captions: list[Caption] = []
    dateline: str | None = None
    dateline_span: tuple[int, int] | None = None
    offset = 0
    for line, is_caption, credit in kept:
        if parts:
            offset += 2  # paragraph separator "\n\n"
        if is_caption:
            captions.append(Caption(offset, offset + len(line), credit))
        elif dateline is None:
            match = _DATELINE.match(line)
            if match and len(match.group("place").split()) <= 4:
                dateline = match.group("place").strip()
                dateline_span = (offset + match.start("place"), offset + match.end("place"))
        parts.append(line)
        offset += len(line)
    return CleanText("\n\n".join(parts), tuple(captions), dateline, dateline_span, tuple(removed))
