"""Quotes with their speakers: direct, indirect, mixed, and crowd chants.

Works on the parsed Doc it is given (no second parse), in four passes:

1. quoted spans: curly, straight or doubled-apostrophe quotation marks, per
   paragraph; an opening mark with no close runs to the paragraph end
   (multi-paragraph quotes);
2. attribution cues of the lexicon (:mod:`dateline.extract.quotes.lexicon`):
   communication verbs ("said", "tweeted", "warned" ...), intention and
   stance verbs ("wants to", "called for", "criticized"), passives, raising
   verbs, nominal cues ("his claim that"), each read through its parse frame
   (:mod:`dateline.extract.quotes.frames`); the content is widened to any
   quoted span it touches; "according to X", "In a poll, ..." and "To X, ..."
   attach the rest of the sentence to X;
3. quoted spans left without a cue continue the previous quote's speaker when
   they open the next paragraph or follow in the same paragraph; other
   quotations of four words or more are kept with the speaker unknown;
4. chants, slogans and graffiti ("shouting “...”", "chants of “...”",
   "slogans read: “...”") are kind ``chant`` with the crowd as speaker.

Offsets: ``start``/``end`` of a quote are its *content* span as PolNeAR marks
it: quotation marks included, a leading "that" included, trailing commas and
the attribution excluded.  Speakers resolve through the article's actors
(pronouns, "the spokesman", "it" -> the organisation).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from dateline.extract.actors import PERSON_ROLE_NOUNS, ActorInfo, ArticleActors
from dateline.extract.base import DocContext
from dateline.extract.quotes.colon import colon_frames
from dateline.extract.quotes.frames import (
    Frame,
    cue_span,
    document_frame,
    noun_frame,
    second_complement,
    source_span,
    subject,
    subtree_span,
    to_frame,
    trim,
    verb_frame,
)
from dateline.extract.quotes.fronted import fronted_object_frame
from dateline.extract.quotes.lexicon import cue_lemma, cue_lexicon
from dateline.extract.quotes.stance import adjective_frame
from dateline.records import Quote

# Verbs that attribute a quotation they stand next to ("“...,” she said").
SPEECH_LEMMAS = frozenset(
    """say tell add note claim argue insist state declare announce warn explain write tweet
    report confirm deny suggest acknowledge admit assert contend maintain allege reply respond
    answer recall predict estimate caution complain stress emphasize emphasise indicate reveal
    testify vow pledge promise threaten demand agree concede concede observe remark joke quip
    conclude signal hint speculate propose recommend post comment counter charge accuse
    believe think feel hope fear worry expect know show find learn hear ask urge order
    announce boast brag lament mourn praise criticize criticise blame question wonder
    declare proclaim acknowledge disclose estimate forecast guess imply mention point
    reiterate repeat retort reassure assure insist underscore highlight shout cry scream
    yell chant plead pray swear tweet continue""".split()
)
CHANT_CUE_RE = re.compile(
    r"(?i)\b(chant(?:s|ed|ing)?(?:\s+of)?|shout(?:s|ed|ing)?|scream(?:s|ed|ing)?|"
    r"yell(?:s|ed|ing)?|cr(?:y|ies|ied|ying)(?:\s+of)?|slogans?|graffiti|banners?|placards?|"
    r"signs?)\b[^“\"\n.]{0,40}$"
)
CROWD_SECTORS = frozenset({"protesters"})
_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "they", "it", "who", "me", "us", "them",
                       "which", "that", "this"})
QUOTE_OPEN = "“\""
# A curly quote closes with ”, or with a stray “ or " right after , . ? ! when a
# lower-case word follows ("“Not now,“ he said").
_CURLY_RE = re.compile(r"(?:“|^”)[^“”\n]*?(?:”|(?<=[,.?!])[“\"](?=\s+[a-z])|$)", re.MULTILINE)
# "“...” ― Jane Doe": a dash and a name after a quote
_DASH_NAME_RE = re.compile(r"^\s*([―—–]|--)\s*([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})[\s.]*$")
# "Jane Doe: text" / 'Jane Doe - "text"' — a speaker label opening a paragraph
# (transcripts, headlines, quote lists)
# Labels that head a paragraph without naming a speaker.
_NOT_SPEAKER_LABELS = frozenset(
    {"update", "note", "editor's note", "editor’s note", "photo", "photos", "related", "read more",
     "source", "sources", "watch", "video", "q", "a", "correction", "warning", "breaking",
     "advertisement", "click here", "see also", "more", "listen", "tags", "image", "credit"})
_LABEL_RE = re.compile(r"^([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s?(:|(?<=\s)[-–—](?=\s+[\"“]))\s+(\S.*)$")
_STRAIGHT_RE = re.compile(r"\"[^\"\n]*(?:\"|$)", re.MULTILINE)
# A straight opening mark closed by a curly one ("...”), as careless editing leaves.
_MIXED_RE = re.compile(r"\"(?=\S)[^\"“”\n]*”")
# Doubled apostrophes as quotation marks (''...''), as some archives print them.
_DOUBLED_RE = re.compile(r"''(?:(?!'').)*?(?:''|$)", re.MULTILINE)
# Markup left in the text ("<tweet author=... >"): a tag's words are no cue.
_TAG_RE = re.compile(r"<[A-Za-z/][^<>\n]{0,300}>")


@dataclass(frozen=True, slots=True)
class _Quoted:
    start: int  # includes the marks
    end: int

    def words(self, text: str) -> int:
        return len(text[self.start:self.end].split())


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    kind: str
    cue: Token | None
    cue_span: tuple[int, int] | None
    source: tuple[int, int] | None
    speaker: ActorInfo | None
    priority: int = 2


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Line ranges (a blank line or a newline ends a paragraph)."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def quoted_spans(text: str) -> list[_Quoted]:
    """Curly, straight and doubled-apostrophe quoted spans, marks included,
    never crossing a newline."""
    spans = [_Quoted(m.start(), m.end()) for m in _CURLY_RE.finditer(text)]
    for pattern, shortest in ((_MIXED_RE, 2), (_STRAIGHT_RE, 2), (_DOUBLED_RE, 4)):
        taken = [(q.start, q.end) for q in spans]
        for m in pattern.finditer(text):
            if not any(s < m.end() and m.start() < e for s, e in taken) and m.end() - m.start() > shortest:
                spans.append(_Quoted(m.start(), m.end()))
    return sorted(spans, key=lambda q: q.start)


def _verb_tagged_noun(tok: Token) -> bool:
    """A verb the tagger read as a noun ("polls show most voters support him"
    with "support" a NOUN): it has a subject and an object or clause of its own."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    deps = {c.dep_ for c in tok.children}
    return "nsubj" in deps and bool(deps & {"dobj", "ccomp", "xcomp"})


def _para_of(paras: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for s, e in paras:
        if s <= pos <= e:
            return s, e
    return pos, pos






class _Extractor:
    """One article's quote extraction (state for one call only)."""

    def __init__(self, ctx: DocContext, actors: ArticleActors) -> None:
        self.ctx = ctx
        self.doc: Doc = ctx.doc
        self.text = ctx.article.text
        self.actors = actors
        self.paras = paragraphs(self.text)
        self.quoted = quoted_spans(self.text)
        self.found: list[_Found] = []

    # ---------------------------------------------------------------- pieces
    def _widen_to_quotes(self, start: int, end: int) -> tuple[int, int]:
        for q in self.quoted:
            if q.start < end and start < q.end:
                start, end = min(start, q.start), max(end, q.end)
        return start, end

    def _kind(self, start: int, end: int) -> str:
        inner = [q for q in self.quoted if q.start >= start and q.end <= end]
        if not inner:
            return "indirect"
        outside = end - start - sum(q.end - q.start for q in inner)
        return "direct" if outside <= 3 else "mixed"

    def _speaker(self, src: Token | None, span: tuple[int, int] | None) -> ActorInfo | None:
        if src is None or span is None:
            return None
        sp = self.doc.char_span(span[0], span[1], alignment_mode="expand")
        if sp is None:
            return None
        root = sp.root
        if root.lemma_.lower() in PERSON_ROLE_NOUNS and any(
                c.dep_ == "det" and c.lower_ in ("the", "this") for c in root.children):
            for name, role in self.actors.roles.items():
                if role.split()[-1].lower().rstrip("s") == root.lower_.rstrip("s"):
                    return self.actors.previous_named(name)
        return self.actors.resolve_span(sp, skip=[(q.start, q.end) for q in self.quoted])

    # ---------------------------------------------------------------- passes
    def reporting_verbs(self) -> None:
        """Verb and noun cues of the lexicon, read through their parse frames."""
        lex = cue_lexicon()
        verbs, nouns = lex.verbs | lex.raising, lex.nouns
        tags = [(m.start(), m.end()) for m in _TAG_RE.finditer(self.text)]
        for tok in self.doc:
            if tags and any(s <= tok.idx < e for s, e in tags):
                continue
            lemma = cue_lemma(tok.lemma_.lower(), tok.lower_)
            frame: Frame | None = None
            if lemma in verbs and (tok.pos_ in ("VERB", "AUX") or _verb_tagged_noun(tok)):
                if lemma in lex.speech and self._parenthetical(tok):
                    continue
                frame = verb_frame(tok, lex, *_para_of(self.paras, tok.idx), self.text)
                if frame is None:
                    frame = fronted_object_frame(tok, lex, *_para_of(self.paras, tok.idx), self.text)
                elif frame is not None:
                    extra = second_complement(tok, lex, *_para_of(self.paras, tok.idx), self.text,
                                              frame)
                    if extra is not None:
                        self._add_frame(extra)
            elif tok.pos_ == "NOUN" and lemma in nouns:
                frame = noun_frame(tok, lex, *_para_of(self.paras, tok.idx), self.text)
            elif tok.pos_ == "ADJ" and lemma in lex.adjectives:
                frame = adjective_frame(tok, lex, *_para_of(self.paras, tok.idx), self.text)
            if frame is not None:
                self._add_frame(frame)

    def clause_sources(self) -> None:
        """"In a poll, ..." and "To X, ..." where no other cue of the sentence
        speaks outside their content."""
        lex = cue_lexicon()
        cued = [f.cue_span[0] for f in self.found if f.cue_span is not None]
        for sent in self.doc.sents:
            here = [c for c in cued if sent.start_char <= c < sent.end_char]
            for tok in sent:
                if tok.lower_ not in ("in", "to"):
                    continue
                lo, hi = _para_of(self.paras, tok.idx)
                frame = (to_frame(tok, sent, lo, hi, self.text) if tok.lower_ == "to"
                         else document_frame(tok, lex, lo, hi, self.text))
                # another cue of the sentence speaks, unless it sits inside this
                # frame's content ("In a poll, most voters were unhappy with X")
                if frame is not None and all(frame.start <= c < frame.end for c in here):
                    self._add_frame(frame)
                    break

    def _add_frame(self, frame: Frame) -> None:
        start, end = self._widen_to_quotes(frame.start, frame.end)
        if frame.source is not None and frame.source[0] < end and start < frame.source[1]:
            return
        self.found.append(_Found(start, end, self._kind(start, end), None, frame.cue,
                                 frame.source, self._speaker(frame.source_tok, frame.source),
                                 frame.priority))

    def _parenthetical(self, verb: Token) -> bool:
        """'Rather, he said in an interview, it appears ...': the verb is a comma-
        bounded aside whose head clause is the content."""
        head = verb.head
        if verb.dep_ not in ("ccomp", "parataxis") or head is verb or head.pos_ not in ("VERB", "AUX"):
            return False
        sub = list(verb.subtree)
        left = verb.doc[sub[0].i - 1] if sub[0].i > 0 else None
        right = verb.doc[sub[-1].i + 1] if sub[-1].i + 1 < len(verb.doc) else None
        if right is None or right.text != "," or (left is not None and left.text not in (",", "\n", "\n\n")
                                                   and not left.is_space and sub[0].dep_ != "advmod"):
            return False
        if head.i < sub[0].i:
            return False
        lo, hi = _para_of(self.paras, verb.idx)
        start = right.idx + 1
        end = min(hi, max(t.idx + len(t.text) for t in head.subtree))
        start, end = trim(self.text, start, end)
        if end - start >= 3:
            start, end = self._widen_to_quotes(start, end)
            src = subject(verb)
            source = source_span(src, lo, hi, self.text)
            self.found.append(_Found(start, end, self._kind(start, end), verb, cue_span(verb),
                                     source, self._speaker(src, source), 3))
        return True

    def according_to(self) -> None:
        for tok in self.doc:
            if tok.lower_ != "according" or tok.i + 1 >= len(self.doc):
                continue
            to = self.doc[tok.i + 1]
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if to.lower_ != "to" or pobj is None:
                continue
            lo, hi = _para_of(self.paras, tok.idx)
            sent = tok.sent
            s_lo, s_hi = max(sent.start_char, lo), min(sent.end_char, hi)
            source = trim(self.text, *subtree_span(pobj, lo, hi))
            if tok.idx - s_lo < s_hi - source[1]:
                start, end = source[1], s_hi
            else:
                start, end = s_lo, tok.idx
            start, end = trim(self.text, start, end)
            if end - start < 3:
                continue
            start, end = self._widen_to_quotes(start, end)
            self.found.append(_Found(start, end, self._kind(start, end), tok,
                                     (tok.idx, to.idx + len(to.text)), source,
                                     self._speaker(pobj, source), 3))

    def chants(self) -> list[_Found]:
        out = []
        for q in self.quoted:
            lo, _ = _para_of(self.paras, q.start)
            before = self.text[max(lo, q.start - 60): q.start]
            m = CHANT_CUE_RE.search(before)
            if m is None:
                continue
            cue_start = max(lo, q.start - 60) + m.start(1)
            crowd = self._crowd_before(q.start)
            out.append(_Found(q.start, q.end, "chant", None,
                              (cue_start, cue_start + len(m.group(1))),
                              crowd[0] if crowd else None, crowd[1] if crowd else None))
        return out

    def _crowd_before(self, pos: int) -> tuple[tuple[int, int], ActorInfo] | None:
        kb = self.actors.kb
        here = self.doc.char_span(pos, pos + 1, alignment_mode="expand")
        for tok in reversed(self.doc[: here.start if here is not None else len(self.doc)]):
            if pos - tok.idx > 1500:
                break
            if tok.pos_ == "NOUN" and kb.sector_of(tok.lemma_) in CROWD_SECTORS:
                name = tok.lemma_.lower() + ("s" if not tok.lemma_.endswith("s") else "")
                if kb.sector_of(tok.lemma_) == "protesters" and tok.lemma_ in ("supporter", "crowd", "mob"):
                    name = "protesters"
                country = None
                return (tok.idx, tok.idx + len(tok.text)), ActorInfo(name, "protesters", country)
        return None

    def adjacent(self) -> None:
        """Quotes attributed by a verb right before or after them ("Trump said, “...”",
        "“...” Clinton said.") or by a dash and a name ("“...” ― Jane Doe")."""
        covered = [(f.start, f.end) for f in self.found]
        for q in self.quoted:
            if any(s <= q.start and q.end <= e for s, e in covered) or q.words(self.text) < 1:
                continue
            lo, hi = _para_of(self.paras, q.start)
            dash = _DASH_NAME_RE.match(self.text[q.end:hi])
            if dash:
                src = (q.end + dash.start(2), q.end + dash.end(2))
                sp = self.doc.char_span(*src, alignment_mode="expand")
                info = self.actors.resolve_span(sp) if sp is not None else None
                cue = (q.end + dash.start(1), q.end + dash.end(1))
                self.found.append(_Found(q.start, q.end, "direct", None, cue, src, info))
                continue
            verb = self._verb_near(q, lo, hi)
            if verb is None or q.words(self.text) < 2 and not self._said_right_after(q, verb):
                continue
            src_tok = subject(verb)
            source = source_span(src_tok, lo, hi, self.text)
            if source is not None and source[0] < q.end and q.start < source[1]:
                source, src_tok = None, None
            self.found.append(_Found(q.start, q.end, "direct", verb, cue_span(verb), source,
                                     self._speaker(src_tok, source), 3))

    def _said_right_after(self, q: _Quoted, verb: Token) -> bool:
        """A one-word quote counts only as '"Savage," she said': a comma inside
        the marks and the verb within three words after them."""
        inner = self.text[q.start:q.end].rstrip("”\"'")
        return inner.endswith((",", "?", "!")) and verb.idx >= q.end and len(
            self.text[q.end:verb.idx].split()) <= 3

    def _verb_near(self, q: _Quoted, lo: int, hi: int) -> Token | None:
        after = self.doc.char_span(q.end, min(hi, q.end + 80), alignment_mode="expand")
        closes = self.text[q.start:q.end].rstrip("”\"'").endswith((",", "?", "!"))
        if after is not None:
            for tok in after:
                if tok.text in ("“", "\"", "''", ".", "?", "!") and tok.i > after.start or "\n" in tok.text:
                    break
                if tok.lemma_.lower() in SPEECH_LEMMAS and tok.pos_ in ("VERB", "AUX"):
                    return tok
                if closes and tok.pos_ == "VERB" and tok.dep_ == "ROOT" and len(
                        self.text[q.end:tok.idx].split()) <= 4:
                    return tok  # "“…,” Trump shot back.": any verb heading the tag
        before = self.doc.char_span(max(lo, q.start - 60), q.start, alignment_mode="contract")
        if before is not None:
            for tok in reversed(before):
                if tok.text in ("”", "\"", "''", ".", "?", "!") or "\n" in tok.text:
                    break
                if tok.lemma_.lower() in SPEECH_LEMMAS and tok.pos_ in ("VERB", "AUX"):
                    return tok
        return None

    def colon_clauses(self) -> None:
        """"X went even further: Y" and "X issued this statement:" + next paragraph,
        where no cue found so far covers the content."""
        covered = [(f.start, f.end) for f in self.found]
        for frame in colon_frames(self.doc, self.paras, self.text):
            if not any(s < frame.end and frame.start < e for s, e in covered):
                self._add_frame(frame)

    def labelled_lines(self) -> None:
        """'Name: text' paragraphs: the label is the source, the rest the content."""
        for lo, hi in self.paras:
            m = _LABEL_RE.match(self.text[lo:hi])
            if m is None or m.group(1).lower() in _NOT_SPEAKER_LABELS or len(m.group(3).split()) < 3:
                continue
            src = (lo + m.start(1), lo + m.end(1))
            sp = self.doc.char_span(*src, alignment_mode="expand")
            if sp is None or not any(t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
                                     or t.pos_ == "PROPN" for t in sp):
                continue
            start, end = trim(self.text, lo + m.start(3), hi)
            self.found.append(_Found(start, end, self._kind(start, end), None,
                                     (lo + m.start(2), lo + m.end(2)), src,
                                     self.actors.resolve_span(sp), 3))

    def continuations(self) -> None:
        covered = [(f.start, f.end) for f in self.found]
        ordered = sorted(self.found, key=lambda f: f.start)
        for q in self.quoted:
            if any(s <= q.start and q.end <= e for s, e in covered) or q.words(self.text) < 4:
                continue
            prev = [f for f in ordered if f.end <= q.start]
            if prev and prev[-1].kind == "chant":
                continue
            speaker, source = None, None
            if prev:
                last = prev[-1]
                q_para = _para_of(self.paras, q.start)
                l_para = _para_of(self.paras, last.start)
                opens_para = self.text[q_para[0]: q.start].strip() == ""
                adjacent = q_para == l_para or (
                    opens_para and self._previous_para(q_para) == l_para)
                if adjacent and last.kind in ("direct", "mixed"):
                    speaker, source = last.speaker, last.source
            # a continuation keeps the previous quote's speaker (and mention: PolNeAR
            # links one source to several quoted pieces); any other quotation of
            # four words or more is still someone's words (PolNeAR marks ~9 in 10
            # of them): kept, speaker unknown
            self.found.append(_Found(q.start, q.end, "direct", None, None, source, speaker))

    def _previous_para(self, para: tuple[int, int]) -> tuple[int, int] | None:
        idx = self.paras.index(para) if para in self.paras else -1
        return self.paras[idx - 1] if idx > 0 else None

    # ---------------------------------------------------------------- result
    def run(self) -> tuple[Quote, ...]:
        self.reporting_verbs()
        self.according_to()
        self.clause_sources()
        chant_found = self.chants()
        chant_ranges = [(c.start, c.end) for c in chant_found]
        self.found = [f for f in self.found if not any(s == f.start and e == f.end
                                                       for s, e in chant_ranges)]
        # chants count as covered for the passes below
        self.found.extend(chant_found)
        self.adjacent()
        self.labelled_lines()
        self.colon_clauses()
        self.continuations()
        self.found = [f for f in self.found if f.kind != "chant"]
        self.surface_sources()
        kept = self._drop_nested(self.found) + chant_found
        kept.sort(key=lambda f: (f.start, f.end))
        return tuple(self._to_quote(f) for f in kept)

    def surface_sources(self) -> None:
        """A quote with a cue but no source: read "<quote> NAME said" off the surface.

        The small parser sometimes breaks "“…,” Trump tweeted" (the name as a
        modifier of the quoted verb); when only a short noun phrase stands
        between the quote and its cue, that phrase is the source.
        """
        for i, f in enumerate(self.found):
            if f.source is not None or f.cue_span is None or not f.end <= f.cue_span[0] <= f.end + 60:
                continue
            between = self.doc.char_span(f.end, f.cue_span[0], alignment_mode="expand")
            if between is None:
                continue
            words = [t for t in between if not t.is_punct and not t.is_space]
            if not words or len(words) > 5 or words[-1].pos_ not in ("PROPN", "NOUN", "PRON"):
                continue
            if any(t.pos_ in ("VERB", "AUX", "ADP", "SCONJ", "CCONJ") for t in words):
                continue
            span = (words[0].idx, words[-1].idx + len(words[-1].text))
            phrase = self.doc[words[0].i: words[-1].i + 1]
            self.found[i] = _Found(f.start, f.end, f.kind, f.cue, f.cue_span, span,
                                   self._speaker(phrase.root, span), f.priority)

    def _main_clause(self, f: _Found) -> bool:
        """A cue that heads its sentence, outside quotation marks, with a named
        or noun-phrase source ("X said ...", not "he thinks"): a main-clause
        attribution in its own right even where another content spans it."""
        if f.cue_span is None or f.source is None:
            return False
        if any(q.start < f.cue_span[0] < q.end for q in self.quoted):
            return False
        if self.text[f.source[0]:f.source[1]].lower() in _PRONOUNS:
            return False
        tok = self.doc.char_span(f.cue_span[0], f.cue_span[1], alignment_mode="expand")
        return tok is not None and any(t.dep_ == "ROOT" for t in tok)

    def _drop_nested(self, found: list[_Found]) -> list[_Found]:
        """PolNeAR gives each token one role: drop an attribution whose cue lies
        inside another's content (the inner one), or, where two contain each
        other's cues, the weaker (lower priority, then no source, then shorter content).
        Main-clause attributions (:meth:`_main_clause`) are kept."""
        def inside(f: _Found, g: _Found) -> bool:
            return (f.cue_span is not None and g.start <= f.cue_span[0] < g.end
                    and not self._main_clause(f))

        def rank(f: _Found) -> tuple[int, bool, int]:
            return f.priority, f.source is not None, f.end - f.start

        out: list[_Found] = []
        for f in found:
            if any(g is not f and inside(f, g) and (not inside(g, f) or rank(g) > rank(f))
                   for g in found):
                continue
            if any((g.start, g.end) == (f.start, f.end) for g in out):
                continue
            out.append(f)
        return out

    def _to_quote(self, f: _Found) -> Quote:
        speaker_text = self.text[f.source[0]: f.source[1]] if f.source else None
        canonical = f.speaker.canonical if f.speaker else None
        role = self.actors.roles.get(canonical) if canonical else None
        cue = self.text[f.cue_span[0]: f.cue_span[1]] if f.cue_span else None
        kind = f.kind if f.kind in ("direct", "indirect", "mixed", "chant") else "indirect"
        return Quote(
            text=self.text[f.start: f.end], start=f.start, end=f.end,
            kind=kind,  # type: ignore[arg-type]
            cue=cue, speaker=canonical, speaker_text=speaker_text,
            speaker_start=f.source[0] if f.source else None,
            speaker_end=f.source[1] if f.source else None,
            speaker_role=role,
            cue_start=f.cue_span[0] if f.cue_span else None,
            cue_end=f.cue_span[1] if f.cue_span else None,
        )


def extract_quotes(ctx: DocContext, actors: ArticleActors) -> tuple[Quote, ...]:
    """All quotes of one article, in text order; speakers resolve through the article's ``actors``."""
    return _Extractor(ctx, actors).run()


def speaker_span(doc: Doc, quote: Quote) -> Span | None:
    """The speaker's span in ``doc`` (None if the quote has none)."""
    if quote.speaker_start is None or quote.speaker_end is None:
        return None
    return doc.char_span(quote.speaker_start, quote.speaker_end, alignment_mode="expand")
