"""Attribution frames: from one cue token to its content span and source.

PolNeAR-style attribution is wide: a source's statements, thoughts,
intentions and stances.  Each function here reads the dependency parse around
one cue (see :mod:`dateline.extract.quotes.lexicon`) and returns a
:class:`Frame` or ``None``:

* :func:`verb_frame` — "X said (that) Y", "X wants to Y", "X criticized Y",
  "X called for Y", "Y was endorsed by X", "X is expected to Y", "X seems to Y";
  for communication verbs whose complement the small parser lost, the rest
  of the clause ("Y, X said." / "X said: Y");
* :func:`noun_frame` — "X's claim that Y", "her call for Y";
* :func:`document_frame` — "In a poll/interview, Y" (source: the document);
* :func:`to_frame` — "To X, Y appeared ..." (= according to X).

Offsets are character offsets into the Doc's text; content spans are clipped
to the cue's paragraph ``[lo, hi)`` and trimmed of edge punctuation.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from dateline.extract.quotes.lexicon import CueLexicon, cue_lemma, cue_lexicon

TRIM = " \t\n\u00a0,;:—–-"
# Verbs whose object is the addressee, not the content ("told reporters").
ADDRESSEE_OBJECT = frozenset(
    {"tell", "ask", "remind", "inform", "assure", "reassure", "warn", "urge", "advise",
     "instruct", "order", "notify", "promise", "answer", "press", "push", "call"})
# Nouns naming the holder of a stance: "X is a critic of Y", "X, a supporter of Y".
HOLDER_NOUNS = frozenset({"supporter", "advocate", "proponent", "defender", "opponent", "critic",
                          "champion", "backer", "admirer"})
# Opinion polls: "Y in the latest poll" attributes Y to the poll.
POLLS = frozenset({"poll", "polls", "survey", "surveys", "polling"})
# Addressee verbs whose passive keeps the question: "X was asked why Y".
ASKING = frozenset({"ask", "question", "press"})
# Objects that carry no content ("said so", "told them").
EMPTY_OBJECTS = frozenset({"so", "this", "that", "it", "one", "nothing", "something"})
# Prepositional objects that are set phrases, not topics ("spoke on condition
# of anonymity", "on behalf of", "on the record").
IDIOM_OBJECTS = frozenset({"condition", "behalf", "record", "background"})
PERSON_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# Relative words: as the subject of an agentless passive ("which was filed")
# they are no content of their own.
RELATIVE_WORDS = frozenset({"which", "that", "who", "whom", "what"})
# "find" with a plain object reports a finding only when a study finds it
# ("a poll found broad support for X"); people "find a home", "found himself".
FINDING_VERBS = frozenset({"find"})
STUDIES = frozenset({"study", "studies", "paper", "research", "researcher", "economist", "analyst",
                     "scientist", "expert", "investigator", "inquiry", "probe", "panel", "commission"})
# Verbs that put a document out: when the document itself speaks ("released
# files that showed X"), the document's own cue carries the attribution.
RELEASE_VERBS = frozenset({"release", "issue", "publish", "file"})
# A fallback clause after a bare "said" must be no longer than this many
# tokens after the cue for "Y, X said in an interview." to count.
TAIL_AFTER_CUE = 10


@dataclass(frozen=True, slots=True)
class Frame:
    """One attribution found from a cue: content, cue and source spans."""

    start: int
    end: int
    cue: tuple[int, int]
    source_tok: Token | None
    source: tuple[int, int] | None
    priority: int
    fallback: bool = False


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past whitespace and edge punctuation."""
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    return start, end


def subtree_span(tok: Token, lo: int, hi: int) -> tuple[int, int]:
    """Character span of ``tok``'s subtree restricted to ``[lo, hi)``."""
    toks = [t for t in tok.subtree if lo <= t.idx < hi]
    if not toks:
        return tok.idx, tok.idx + len(tok.text)
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def cue_span(verb: Token) -> tuple[int, int]:
    """The verb plus an adjacent particle ("pointed out")."""
    end = verb.idx + len(verb.text)
    for child in verb.children:
        if child.dep_ == "prt" and child.i == verb.i + 1:
            end = child.idx + len(child.text)
    return verb.idx, end


def _own_subject(tok: Token, verb: Token) -> Token | None:
    """``tok``'s own subject: the one nearest the cue where a parse gives two
    ("“...,” Mr. Obama added" with the quote's noun as a second ``nsubj``)."""
    subs = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")
            and (c.lower_ not in ("it", "there") or tok is verb and c.dep_ == "nsubj")]
    if not subs:
        return None
    best = min(subs, key=lambda c: abs(c.i - verb.i))
    if best.lower_ == "that" and tok.dep_ == "relcl" and tok.head.pos_ in ("NOUN", "PROPN"):
        return tok.head  # "documents that showed X": the documents show (PolNeAR keeps "who")
    if best.lower_ == "that":
        return None  # a bare "that" is rarely the source PolNeAR marks
    if best.dep_ == "nsubjpass" and tok is verb:
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
        return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
    return best


def _noun_holder(noun: Token) -> tuple[Token | None, Token | None]:
    """(speaker, verb to climb to) for a cue hanging off a noun: "his policy of
    attacking X" -> his; "mounted a campaign to condemn X" -> the verb."""
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    if poss is not None:
        return poss, None
    if noun.dep_ in ("dobj", "attr") and noun.head.pos_ in ("VERB", "AUX"):
        return None, noun.head
    prep = noun.head
    if noun.dep_ == "pobj" and prep.dep_ == "prep" and prep.head.pos_ == "VERB":
        return None, prep.head  # "X looked for opportunities to present himself as Y"
    return None, None


def _written_by(noun: Token) -> bool:
    """A document put out by the subject of the verb governing it ("X shot back
    in an article stating Y", "X gave a speech attacking Y"): X speaks."""
    return noun.lemma_.lower() in cue_lexicon().documents and noun.dep_ in ("dobj", "pobj")


def _inverted_speaker(verb: Token) -> Token | None:
    """'“Why now?” asked the reporter': a speech verb after its quoted clause,
    no subject, and the speaker parsed as its object."""
    kids = list(verb.children)
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in kids) or not any(
            c.dep_ == "ccomp" and c.i < verb.i for c in kids):
        return None
    if cue_lemma(verb.lemma_.lower(), verb.lower_) not in cue_lexicon().speech:
        return None
    obj = next((c for c in kids if c.dep_ == "dobj" and c.i > verb.i), None)
    if obj is None or obj.pos_ not in ("NOUN", "PROPN") or obj.i - verb.i > 3:
        return None
    return obj


def _infinitive(tok: Token) -> bool:
    """A "to" infinitive ("a briefing to brag that ...")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def subject(verb: Token) -> Token | None:
    """The speaker token of a cue verb: its own subject or passive agent, else
    inherited up the clause ("X said and added", "X was careful not to
    mention", "X won by talking about", "his policy of attacking")."""
    tok: Token = verb
    inverted = _inverted_speaker(verb)
    if inverted is not None:
        return inverted
    for _ in range(5):
        own = _own_subject(tok, verb)
        if own is not None:
            return own
        if tok is verb and any(c.dep_ == "nsubjpass" for c in tok.children):
            return None  # an agentless passive has no speaker
        head = tok.head
        if head is tok:
            return None
        if (tok.dep_ == "acl" or tok.dep_ == "relcl" and _infinitive(tok)) and head.pos_ in ("NOUN", "PROPN"):
            if _finite_acl(tok) or tok.tag_ == "VBG" and not _written_by(head):
                return head  # "Democrats urging him to quit": the noun speaks
            holder, up = _noun_holder(head)
            if holder is not None or up is None:
                return holder
            tok = up
        elif tok.dep_ == "pcomp" and head.dep_ == "prep":
            gov = head.head
            if gov.pos_ in ("VERB", "AUX"):
                tok = gov
            elif gov.pos_ == "ADJ" and gov.dep_ == "acomp":
                tok = gov.head  # "X has been aggressive in pushing Y"
            elif gov.pos_ == "NOUN":
                holder, up = _noun_holder(gov)
                if holder is not None or up is None:
                    return holder
                tok = up
            else:
                return None
        elif tok.dep_ in ("conj", "xcomp", "advcl", "acomp"):
            tok = head
        else:
            return None
    return None


def source_span(tok: Token | None, lo: int, hi: int, text: str) -> tuple[int, int] | None:
    """The source's span: its whole subtree (PolNeAR keeps relative clauses and
    appositions in the source), trimmed."""
    if tok is None:
        return None
    start, end = subtree_span(tok, lo, hi)
    cut = next((c for c in tok.children if _finite_acl(c)), None)
    if cut is not None and cut.left_edge.idx > start and cut.doc[cut.left_edge.i - 1].text == ",":
        end = cut.left_edge.idx  # "X, ..., called Y and said Z": the source stops at "called"
    return trim(text, start, end)


def _finite_acl(tok: Token) -> bool:
    """A finite verb the parser hung on a noun as ``acl`` ("The mayor, speaking
    on the radio, called X and said Y" with "called" under "mayor"): a verb of
    the noun's own clause, the noun its subject."""
    return tok.dep_ == "acl" and tok.tag_ in ("VBD", "VBZ", "VBP") and not any(
        c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)


def make_frame(text: str, span: tuple[int, int], cue: tuple[int, int], src: Token | None,
          lo: int, hi: int, priority: int, fallback: bool = False) -> Frame | None:
    start, end = trim(text, max(lo, span[0]), min(hi, span[1]))
    if start < cue[0] < end:  # clip the content to one side of its cue
        start, end = (cue[1], end) if end - cue[1] >= cue[0] - start else (start, cue[0])
        start, end = trim(text, start, end)
    if end - start < 2:
        return None
    source = source_span(src, lo, hi, text)
    if source is not None and src is not None and source[0] < cue[0] < source[1] and src.idx < cue[0]:
        # "Democrats urging him to quit", "the deal the senator criticized":
        # the source's subtree holds the cue; keep the part before it
        source = trim(text, source[0], min(cue[0], start) if start > source[0] else cue[0])
        for rel in (" that", " which"):  # "files that showed X": the files, not "that"
            if text[source[0]:source[1]].endswith(rel):
                source = trim(text, source[0], source[1] - len(rel))
    if source is not None and source[0] < end and start < source[1]:
        if fallback:
            return None  # the subject inside the content: the parse went astray
        src, source = None, None  # keep the content, drop the misparsed source
    return Frame(start, end, cue, src, source, priority, fallback)


def _complement(verb: Token, lex: CueLexicon, lemma: str) -> tuple[Token, Token | None, Token | None] | None:
    """(content head, last token to extend to, preposition) for a cue verb."""
    kids = list(verb.children)
    for dep in ("ccomp", "xcomp"):
        comp = next((c for c in kids if c.dep_ == dep and (c.i > verb.i or dep == "ccomp" and lemma in lex.speech)), None)
        if comp is not None and (dep == "ccomp" or comp.pos_ in ("VERB", "AUX")):
            return comp, None, None
    if lemma in lex.speech:  # "said in a statement that ...": the clause hangs off the noun
        for c in kids:
            if c.dep_ != "prep" or c.i < verb.i:
                continue
            for obj in (g for g in c.children if g.dep_ == "pobj"):
                clause = next((g for g in obj.children if g.dep_ in ("acl", "ccomp", "relcl")
                               and any(m.dep_ == "mark" and m.lower_ == "that" for m in g.children)), None)
                if clause is not None:
                    return clause, None, None
    preps = lex.prep.get(lemma, frozenset())
    for c in kids:
        if c.dep_ == "advcl" and c.i > verb.i and any(
                m.dep_ == "mark" and m.lower_ in preps and m.i == verb.i + 1 for m in c.children):
            return c, None, verb.doc[verb.i + 1]
        if c.dep_ == "prep" and c.lower_ in preps and c.i > verb.i:
            pobj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None and pobj.lemma_.lower() not in IDIOM_OBJECTS:
                return pobj, None, c
    if lemma in ADDRESSEE_OBJECT and lemma not in ("call",):
        return None
    if _needs_prep(verb, lex, lemma):
        return None
    dobj = next((c for c in kids if c.dep_ == "dobj" and c.i > verb.i), None)
    if dobj is None or dobj.lower_ in EMPTY_OBJECTS and lemma not in lex.stance:
        return None
    tail = next((c for c in kids if (c.dep_ in ("oprd", "ccomp") or c.dep_ == "prep" and c.lower_ == "as")
                 and c.i > dobj.i), None)
    if lemma in lex.as_only and (tail is None or tail.lower_ != "as"):
        return None
    return dobj, tail, None


def verb_frame(verb: Token, lex: CueLexicon, lo: int, hi: int, text: str) -> Frame | None:
    """The attribution a cue verb heads, if any."""
    lemma = cue_lemma(verb.lemma_.lower(), verb.lower_)
    kids = list(verb.children)
    prio = lex.priority(lemma)
    nxt = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if lemma in lex.colon and lemma not in lex.speech:
        return _fallback_frame(verb, lo, hi, text, prio) if nxt is not None and nxt.text == ":" else None
    if any(c.dep_ == "nsubjpass" for c in kids):
        return _passive_frame(verb, lex, lemma, lo, hi, text)
    if lemma in lex.raising:
        if _cue_complement(verb, lex):
            return None  # "X seemed to mock Y": the inner cue speaks, X its source
        return _raising_frame(verb, lo, hi, text)
    if lemma not in lex.verbs or verb.dep_ in ("amod", "compound"):
        return None
    if verb.dep_ == "xcomp" and subject(verb) is None:
        return None  # "it is worth noting that ...": nobody holds it
    if lemma in lex.needs_that and lemma not in lex.speech | lex.stance:
        comp = next((c for c in kids if c.dep_ == "ccomp" and c.i > verb.i
                     and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
        if comp is None:
            return None
        return make_frame(text, subtree_span(comp, lo, hi), cue_span(verb), subject(verb), lo, hi, prio)
    found = _complement(verb, lex, lemma)
    cue = cue_span(verb)
    if found is not None:
        head, tail, prep = found
        if lemma in RELEASE_VERBS and _speaks(head, lex):
            return None
        if lemma in FINDING_VERBS and head.dep_ == "dobj" and tail is None and not _document(subject(verb), lex):
            return None  # "found himself", "find a home"; but "a poll found broad support"
        span = subtree_span(head, lo, hi)
        if tail is not None:
            span = (span[0], max(span[1], subtree_span(tail, lo, hi)[1]))
        if prep is not None and prep.i == verb.i + 1:
            cue = (cue[0], prep.idx + len(prep.text))
        return make_frame(text, span, cue, subject(verb), lo, hi, prio)
    if lemma in lex.speech:
        frame = _fallback_frame(verb, lo, hi, text, prio)
        if frame is not None:
            return frame
    if verb.dep_ == "advcl" and lemma in lex.speech and any(c.dep_ == "mark" and c.lower_ == "as" for c in kids):
        # "..., as the minister warned"; not "as they celebrated" (a time clause)
        return _as_frame(verb, lo, hi, text, prio)
    if lemma in lex.as_only or lemma in lex.needs_that or lemma in ADDRESSEE_OBJECT:
        return None
    if _needs_prep(verb, lex, lemma):
        return None
    return _right_frame(verb, lo, hi, text, prio)


def _cue_complement(verb: Token, lex: CueLexicon, subj: Token | None = None) -> bool:
    """Whether a raising verb's infinitive is itself a cue verb ("seemed to
    mock", "is expected to endorse"): that verb heads the attribution, its
    subject climbing to the raising verb's."""
    if subj is None:
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None and verb.dep_ == "conj":
        subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subj is None or not (subj.lower_ in ("he", "she", "they", "i", "we", "who")
                            or subj.ent_type_ in PERSON_LABELS):
        return False  # a person or group seems to do it, not a poll or a plan
    return any(c.dep_ == "xcomp" and c.i > verb.i and c.pos_ == "VERB"
               and cue_lemma(c.lemma_.lower(), c.lower_) in lex.verbs
               and not any(a.dep_ in ("aux", "auxpass") and a.lower_ != "to" for a in c.children)
               for c in verb.children)  # not "seems to have found" (an inference)


def _needs_prep(verb: Token, lex: CueLexicon, lemma: str) -> bool:
    """A verb listed only with its prepositions ("rely on", "hit back at") is a
    cue only through them: no object reading unless its particle is there
    ("pointed out the flaws")."""
    if lemma not in lex.prep or lemma in lex.speech or lemma in lex.stance:
        return False
    return not any(c.dep_ == "prt" and c.lower_ in lex.prep[lemma] for c in verb.children)


def _document(tok: Token | None, lex: CueLexicon) -> bool:
    """Whether a source is a document, poll or study ("the report", "a 2014 paper")."""
    return tok is not None and tok.lemma_.lower() in lex.documents | STUDIES


def _speaks(noun: Token, lex: CueLexicon) -> bool:
    """Whether a noun heads its own cue clause ("files that showed", "a
    statement saying")."""
    return any(c.dep_ in ("relcl", "acl") and cue_lemma(c.lemma_.lower(), c.lower_) in lex.verbs
               for c in noun.children)


def _as_frame(verb: Token, lo: int, hi: int, text: str, prio: int) -> Frame | None:
    """"..., as the minister warned": the clause it modifies is the content."""
    head = verb.head
    if head is verb:
        return None
    sub = list(verb.subtree)
    left, right = sub[0].idx, sub[-1].idx + len(sub[-1].text)
    h_lo, h_hi = subtree_span(head, lo, hi)
    span = (h_lo, left) if left - h_lo >= h_hi - right else (right, h_hi)
    return make_frame(text, span, cue_span(verb), subject(verb), lo, hi, prio)


# Dependents right of a cue that are not its content ("said Monday", "also").
_NOT_CONTENT_DEPS = frozenset({"punct", "advmod", "npadvmod", "aux", "auxpass", "neg", "prt", "cc",
                               "conj", "mark", "nsubj", "nsubjpass", "dative", "prep", "agent"})


def _right_frame(verb: Token, lo: int, hi: int, text: str, prio: int) -> Frame | None:
    """The parser gave the cue no complement of a known kind: take its right
    dependents (the content often hangs off it under another label)."""
    kids = [c for c in verb.children if c.i > verb.i and c.dep_ not in _NOT_CONTENT_DEPS
            and c.ent_type_ not in ("DATE", "TIME")]
    if not kids:
        return None
    span = (subtree_span(kids[0], lo, hi)[0], subtree_span(kids[-1], lo, hi)[1])
    return make_frame(text, span, cue_span(verb), subject(verb), lo, hi, prio, fallback=True)


def _passive_frame(verb: Token, lex: CueLexicon, lemma: str, lo: int, hi: int,
                   text: str) -> Frame | None:
    """"Y was endorsed by X" (content Y, source X); "Y is expected to Z"."""
    kids = list(verb.children)
    subj = next(c for c in kids if c.dep_ == "nsubjpass")
    agent = next((c for c in kids if c.dep_ == "agent"), None)
    src = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
    aux = [c for c in kids if c.dep_ in ("auxpass", "aux") and c.i < verb.i]
    cue = (aux[-1].idx if aux else verb.idx, verb.idx + len(verb.text))
    comp = next((c for c in kids if c.dep_ == "xcomp" and c.i > verb.i), None)
    if lemma in lex.passive_raising and comp is not None:
        if _cue_complement(verb, lex, subj):
            return None  # "X is expected to endorse Y": the inner cue speaks, X its source
        s = subtree_span(subj, lo, hi)
        e = subtree_span(comp, lo, hi)
        start, end = trim(text, s[0], e[1])
        if end - start < 3:
            return None
        return Frame(start, end, cue, src, source_span(src, lo, hi, text), 1)
    if src is None and lemma in lex.prep:  # "X was asked about Y"
        prep = next((c for c in kids if c.dep_ == "prep" and c.lower_ in lex.prep[lemma]
                     and c.i > verb.i), None)
        obj = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None) if prep else None
        if obj is not None:
            return make_frame(text, subtree_span(obj, lo, hi), cue, None, lo, hi, 1)
    if src is None and lemma in ADDRESSEE_OBJECT:  # "X was asked why Y" / "was asked a question"
        asked = next((c for c in kids if c.dep_ in ("ccomp", "dobj") and c.i > verb.i), None)
        if asked is None or lemma not in ASKING:
            return None
        return make_frame(text, subtree_span(asked, lo, hi), cue, None, lo, hi, 1)
    if lemma not in lex.verbs:
        return None
    if subj.lower_ in RELATIVE_WORDS and src is None:
        return None  # "the complaint, which was filed": a relative word is no content
    span = subtree_span(subj, lo, hi)
    as_ = next((c for c in kids if c.dep_ == "prep" and c.lower_ == "as" and c.i > verb.i), None)
    if as_ is not None:  # "X was described as Y"
        span = (span[0], subtree_span(as_, lo, hi)[1])
    return make_frame(text, span, cue, src, lo, hi, 2 if src is not None else 1)


def _raising_frame(verb: Token, lo: int, hi: int, text: str) -> Frame | None:
    """"X seems/appears to Y": content from the subject to the complement."""
    kids = list(verb.children)
    subj = next((c for c in kids if c.dep_ == "nsubj"), None)
    if subj is None and verb.dep_ == "conj":  # "X won and appears to Y": the shared subject
        subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    comp = next((c for c in kids if c.dep_ in ("xcomp", "acomp", "attr", "ccomp") and c.i > verb.i), None)
    if subj is None or comp is None or subj.lower_ in ("it", "there"):
        return None
    to = next((c for c in kids if c.dep_ == "prep" and c.lower_ == "to"), None)
    src = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
    start, end = trim(text, subtree_span(subj, lo, hi)[0], subtree_span(comp, lo, hi)[1])
    if end - start < 3:
        return None
    return Frame(start, end, (verb.idx, verb.idx + len(verb.text)), src,
                 source_span(src, lo, hi, text), 1)


def _fallback_frame(verb: Token, lo: int, hi: int, text: str, prio: int) -> Frame | None:
    """A communication verb without complement: "Y, X said." or "X said: Y"."""
    sent = verb.sent
    s_lo, s_hi = max(sent.start_char, lo), min(sent.end_char, hi)
    src = subject(verb)
    if src is None or verb.dep_ in ("acl", "pcomp", "xcomp", "relcl"):
        return None
    cue = cue_span(verb)
    left = min(cue[0], src.left_edge.idx) if src is not None and src.i > sent.start else cue[0]
    sub_end = max(t.idx + len(t.text) for t in verb.subtree)
    after = [t for t in sent if t.idx >= sub_end and not t.is_punct]
    if len(text[s_lo:left].split()) >= 3 and len(after) <= 2 and len(
            [t for t in verb.subtree if t.i > verb.i and not t.is_punct]) <= TAIL_AFTER_CUE:
        return make_frame(text, (s_lo, left), cue, src, lo, hi, prio, fallback=True)
    nxt = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if nxt is not None and nxt.text in (":", ",") and len(text[cue[1]:s_hi].split()) >= 3:
        return make_frame(text, (nxt.idx + 1, s_hi), cue, src, lo, hi, prio, fallback=True)
    return None


def noun_frame(noun: Token, lex: CueLexicon, lo: int, hi: int, text: str) -> Frame | None:
    """"X's claim that Y", "his call for Y", "the decision to Y"."""
    content: Token | None = None
    prep: Token | None = None
    for c in noun.children:
        if c.i <= noun.i:
            continue
        if c.dep_ in ("acl", "ccomp") and c.pos_ in ("VERB", "AUX"):
            content = c
            break
        if c.dep_ == "prep" and c.lower_ in lex.noun_preps:
            obj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                content, prep = obj, c
                break
    if content is None:
        return None
    src = next((c for c in noun.children if c.dep_ == "poss"), None)
    if src is None:
        by = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
        src = next((g for g in by.children if g.dep_ == "pobj"), None) if by else None
    if src is None and noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
        src = subject(noun.head)  # "X voiced support for"
    if src is None and noun.dep_ == "attr" and noun.lemma_.lower() in HOLDER_NOUNS:
        src = subject(noun.head)  # "X is a fierce critic of Y"
    if src is None and noun.dep_ == "appos" and noun.lemma_.lower() in HOLDER_NOUNS:
        src = noun.head  # "Jane Roe, a supporter of X,"
    if src is None and (prep is None or noun.lemma_.lower() not in lex.unsourced_nouns):
        return None  # only stance nouns stand without a holder ("support for X")
    cue = (noun.idx, noun.idx + len(noun.text))
    if prep is not None and prep.i == noun.i + 1:
        cue = (cue[0], prep.idx + len(prep.text))
    return make_frame(text, subtree_span(content, lo, hi), cue, src, lo, hi, 1)


def document_frame(prep: Token, lex: CueLexicon, lo: int, hi: int, text: str) -> Frame | None:
    """"In a new poll, Y" / "Y, in an interview": the clause is the document's."""
    if prep.lower_ != "in" or prep.dep_ not in ("prep", "ROOT"):
        return None
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if obj is None or obj.lemma_.lower() not in lex.documents:
        return None
    if obj.lemma_.lower() not in POLLS:  # a poll speaks wherever the parser hangs it
        if prep.head.dep_ != "ROOT" or cue_lemma(prep.head.lemma_.lower(), prep.head.lower_) in lex.verbs:
            return None
    sent = prep.sent
    s_lo, s_hi = max(sent.start_char, lo), min(sent.end_char, hi)
    pp_lo, pp_hi = subtree_span(prep, lo, hi)
    span = (pp_hi, s_hi) if pp_lo - s_lo <= 2 else (s_lo, pp_lo)
    return make_frame(text, span, (prep.idx, prep.idx + len(prep.text)), obj, lo, hi, 1)


def to_frame(prep: Token, sent: Span, lo: int, hi: int, text: str) -> Frame | None:
    """Sentence-initial "To X, Y ..." where X names a person or organisation: Y is
    attributed to X (as with "according to X")."""
    if prep.lower_ != "to" or prep.i != sent.start or prep.dep_ != "prep":
        return None
    doc = prep.doc
    comma = next((t for t in doc[prep.i + 1: min(sent.end, prep.i + 14)] if t.text == ","), None)
    if comma is None or comma.i == prep.i + 1:
        return None
    named = doc[prep.i + 1: comma.i]
    if not any(t.ent_type_ in PERSON_LABELS or t.pos_ == "PROPN" for t in named):
        return None
    if any(t.pos_ in ("VERB", "AUX") for t in named):
        return None
    obj = next((t for t in reversed(named) if t.head is prep or t.pos_ == "PROPN"), named.root)
    s_hi = min(sent.end_char, hi)
    frame = make_frame(text, (comma.idx + 1, s_hi), (prep.idx, prep.idx + len(prep.text)), None,
                  lo, hi, 3)
    if frame is None:
        return None
    return Frame(frame.start, frame.end, frame.cue, obj,
                 (named.start_char, named.end_char), 3)


def second_complement(verb: Token, lex: CueLexicon, lo: int, hi: int, text: str,
                      first: Frame) -> Frame | None:
    """A communication verb with clausal complements on both sides
    ("“A,” she said, adding that B" parsed flat, "A; B, he told the AP, C"):
    :func:`verb_frame` takes the left one; the right one is content too."""
    lemma = cue_lemma(verb.lemma_.lower(), verb.lower_)
    if lemma not in lex.speech:
        return None
    comps = [c for c in verb.children if c.dep_ == "ccomp"]
    right = [c for c in comps if c.i > verb.i]
    if not right or not any(c.i < verb.i for c in comps) or first.start >= verb.idx:
        return None
    return make_frame(text, subtree_span(right[0], lo, hi), cue_span(verb), subject(verb), lo, hi,
                 lex.priority(lemma))
