"""Events named inside another event's cause, response or sequence phrase.

"retaliate for the airstrikes on Sunday", "in response to a rocket attack near
Kirkuk", "after American airstrikes killed 25": the inner event is a separate,
earlier act.  It keeps only its own modifiers (the time and place inside the
embedded phrase, relative clause included), is not governed by the outer verb's
modality ("vowed to retaliate for the airstrikes": the airstrikes happened), and
its time and place are not lent to the outer event.

Also here: background markers ("in the past few months", "years ago", "once")
and relative-pronoun sources resolved to their antecedent.
"""

from __future__ import annotations

from spacy.tokens import Token

# Heads whose "for/to/over/against" object is the act being answered.
_RESPONSE = {"retaliate", "retaliation", "respond", "response", "revenge", "avenge",
             "reprisal", "reply", "react", "reaction", "punish", "punishment", "payback",
             "retribution", "vengeance", "answer"}
_RESPONSE_PREPS = {"for", "to", "over", "against"}
_SEQUENCE = {"after", "following"}  # "after the airstrikes": an earlier act, whatever the head
_STOP = {"ROOT", "ccomp", "xcomp", "parataxis"}
_RELATIVE = {"which", "who", "whom", "that", "whose"}


def embedding_root(trigger: Token, max_up: int = 4) -> Token | None:
    """The token heading the cause/response/sequence phrase holding ``trigger``, if any.

    The phrase is the subtree of that token: the preposition ("for the airstrikes
    on Sunday that killed 25") or the adverbial clause ("after airstrikes killed 25").
    """
    cur = trigger
    for _ in range(max_up):
        head = cur.head
        if head is cur:
            return None
        if cur.dep_ in ("pobj", "pcomp") and head.dep_ == "prep":
            prep = head.lower_
            if prep in _SEQUENCE or (prep in _RESPONSE_PREPS
                                     and head.head.lemma_.lower() in _RESPONSE):
                return head
        if cur.dep_ == "advcl":
            marks = {c.lower_ for c in cur.children if c.dep_ == "mark"}
            if marks & _SEQUENCE or ("for" in marks and head.lemma_.lower() in _RESPONSE):
                return cur
        if cur.dep_ == "dobj" and head.lemma_.lower() == "follow":
            return cur  # "the protest followed airstrikes on Sunday": the earlier act
        if cur.dep_ in _STOP:
            return None
        cur = head
    return None


def embedded_scope(trigger: Token) -> tuple[int, int] | None:
    """Character range of the embedding phrase holding ``trigger`` (see ``embedding_root``)."""
    root = embedding_root(trigger)
    if root is None:
        return None
    end_tok = root.right_edge
    gov = root.head
    if root.dep_ == "prep" and gov.pos_ == "NOUN" and gov.lemma_.lower() in _RESPONSE:
        # "retaliation for the attack near Kirkuk on Friday that killed ...": the parser
        # hangs the attack's own date and relative clause on the response noun
        if gov.right_edge.i > end_tok.i:
            end_tok = gov.right_edge
    end_tok = _trailing_modifiers(end_tok)
    return root.left_edge.idx, end_tok.idx + len(end_tok.text)


_ANCHOR_ENTS = {"DATE", "TIME", "GPE", "LOC", "FAC"}
_ANCHOR_PREPS = {"on", "in", "near", "at", "last", "this", "early", "late"}


def _trailing_modifiers(end_tok: Token) -> Token:
    """Extend over a time or place right after the phrase ("for the attack | on Friday"),
    which the parser often hangs on the governing verb instead."""
    doc = end_tok.doc
    j = end_tok.i + 1
    limit = end_tok.sent.end if end_tok.doc.has_annotation("SENT_START") else len(doc)
    while j < limit:
        tok = doc[j]
        if tok.ent_type_ in _ANCHOR_ENTS:
            end_tok = tok
        elif not (tok.lower_ in _ANCHOR_PREPS and j + 1 < limit
                  and doc[j + 1].ent_type_ in _ANCHOR_ENTS):
            break
        j += 1
    return end_tok


def is_sequence_phrase(trigger: Token) -> bool:
    """Whether the embedding phrase is a bare "after/following X": the outer act usually
    shares X's day and place ("arrested 20 after clashes on Monday in Patna"), so X's
    time and place stay available to it, unlike a cause ("retaliate for X on Sunday")."""
    root = embedding_root(trigger)
    if root is None:
        return False
    if root.dep_ == "prep":
        return root.lower_ in _SEQUENCE
    return root.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in _SEQUENCE for c in root.children)


def is_embedding_link(tok: Token) -> bool:
    """Whether the arc from ``tok`` to its head enters a cause/response/sequence phrase
    from inside (so factuality must not climb past it)."""
    head = tok.head
    if head is tok:
        return False
    if tok.dep_ == "prep" and tok.lower_ in _SEQUENCE:
        return True
    if tok.dep_ == "prep" and tok.lower_ in _RESPONSE_PREPS and head.lemma_.lower() in _RESPONSE:
        return True
    if tok.dep_ == "dobj" and head.lemma_.lower() == "follow":
        return True
    if tok.dep_ == "advcl":
        marks = {c.lower_ for c in tok.children if c.dep_ == "mark"}
        return bool(marks & _SEQUENCE or ("for" in marks and head.lemma_.lower() in _RESPONSE))
    return False


_PAST_UNITS = {"month", "year", "decade"}


def background_marked(trigger: Token) -> bool:
    """ "in the past few months", "years ago", "once", "for years": a background event.

    Looks at the trigger's own modifiers and, for a noun, at the verb it hangs from.
    """
    holders = [trigger]
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.head is not trigger:
        holders.append(trigger.head)
    for holder in holders:
        for child in holder.children:
            low = child.lower_
            if low == "once" and child.dep_ == "advmod":
                return True
            if child.dep_ == "prep" and low in ("in", "over", "during", "for"):
                for obj in child.children:
                    if obj.dep_ != "pobj" or obj.lemma_.lower() not in _PAST_UNITS:
                        continue
                    mods = {m.lower_ for m in obj.children}
                    if low == "for" and obj.tag_ == "NNS" and obj.lemma_.lower() in (
                            "year", "decade") and not any(m.like_num for m in obj.children):
                        return True  # "for years", "for decades"
                    if obj.tag_ == "NNS" and mods & {"past", "last"} and low != "for":
                        return True  # "in the past few months", "over the last years"
            if child.dep_ in ("advmod", "npadvmod") and _years_ago(child):
                return True
    return False


def _years_ago(tok: Token) -> bool:
    """ "years ago", "decades ago" (long past), not "two days ago"."""
    words = list(tok.subtree)
    return any(t.lower_ == "ago" for t in words) and any(
        t.lemma_.lower() in ("year", "decade") and t.tag_ == "NNS" for t in words)


def relative_antecedent(tok: Token) -> Token | None:
    """The noun a relative pronoun stands for ("the militia, which had vowed" → militia).

    Returns ``tok`` itself when it is no relative pronoun, None when no antecedent."""
    if tok.lower_ not in _RELATIVE:
        return tok
    verb = tok.head
    if verb.dep_ in ("relcl", "acl") and verb.head is not verb:
        return verb.head
    return None
