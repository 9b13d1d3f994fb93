"""What off_question reads in one parsed sentence: features for its sentence models, and the people named.

Sentence features are lemmas (marked when negated), who does what (`i:` a verb whose subject is the speaker,
`my:` a noun the speaker possesses) and designed cues: general lexicons (`offq_lexicon`) read through the
parse. People are nouns through the role lexicon and the parse: "my director" is leadership, "the product
manager" a peer, "a junior engineer" someone the speaker develops, "I was the engineering manager" the speaker.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mockinterview.analysis.star.offq_lexicon import (
    AT_WORK,
    CONFLICT_LEMMAS,
    CONFLICT_PHRASES,
    CUSTOMERS,
    DECLINE_VERBS,
    DEVELOP_LEMMAS,
    FAIL_LEMMAS,
    GROUPS,
    GROWTH_VERBS,
    GUIDES,
    HYPOTHETICAL,
    LEAD_VERBS,
    LEADERSHIP,
    MENTEES,
    NONWORK_LEMMAS,
    OUTSIDE_WORK,
    OWN_PHRASES,
    OWNED_IN_REFLECTION,
    PEER_MANAGER,
    PEER_MARKERS,
    PEERS,
    RESOLVE_VERBS,
    SUCCESS_LEMMAS,
    WORK_LEMMAS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_SKIP_POS = {"PUNCT", "SPACE", "DET", "SYM", "X", "NUM"}
_THIRD = {"he", "she", "him", "her", "they", "them"}
_NEGATORS = ("no", "zero", "without", "never")
_ONE_OTHER = {"he", "she", "him", "her", "his", "himself", "herself"}


def sentence_features(doc: Doc) -> list[str]:
    """Features of one sentence or clause for the setting model: lemmas (`neg:` when negated, "didn't work"
    -> neg:work), `i:` + a verb whose subject is the speaker, `my:` + a noun the speaker possesses, and the
    setting cues."""
    feats: list[str] = []
    negated: set[int] = set()
    for t in doc:
        if t.dep_ == "neg" or t.lower_ in ("never", "nobody", "nothing", "no"):
            head = t.head
            negated.add(head.i)
            negated.update(c.i for c in head.children if c.dep_ in ("dobj", "acomp", "xcomp", "attr", "prep"))
    for t in doc:
        if t.pos_ in _SKIP_POS or not t.text.strip():
            continue
        lem = t.lemma_.lower()
        if not re.fullmatch(r"[a-z][a-z'\-]*", lem):
            continue
        feats.append(("neg:" if t.i in negated else "l:") + lem)
        if t.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ == "i"
                                             for c in t.children):
            feats.append("i:" + lem)
        if t.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "poss" and c.lower_ in ("my", "our") for c in t.children):
            feats.append("my:" + lem)
    feats += ["cue:" + c for c in cue_features(doc) if c in ("nonwork", "work", "outside_work")]
    return feats


def _negated(t: Token) -> bool:
    if any(c.dep_ == "neg" for c in t.children):
        return True
    return t.dep_ in ("dobj", "xcomp", "acomp", "attr") and any(c.dep_ == "neg" for c in t.head.children)


def _governor(t: Token) -> Token:
    """The verb a word belongs to: itself when it is a verb, else the nearest verb above it."""
    v = t
    while v.pos_ not in ("VERB", "AUX") and v.head.i != v.i:
        v = v.head
    return v


def _resolved(t: Token) -> bool:
    """A setback being dealt with: the object of a verb that fixes or finds it ("fixed the crash", "caught
    two regressions"), or the subject of one that ends it ("complaints dropped")."""
    head = t.head.head if t.dep_ == "pobj" else t.head
    if t.dep_ in ("dobj", "nsubjpass", "pobj", "conj", "attr") and head.lemma_.lower() in RESOLVE_VERBS:
        return True
    return t.dep_ == "nsubj" and t.head.lemma_.lower() in DECLINE_VERBS


def _hypothetical(t: Token) -> bool:
    """A setback that did not happen: under would/could/might or if/whether."""
    v = _governor(t)
    return any(c.dep_ in ("aux", "mark") and c.lower_ in HYPOTHETICAL for c in v.children)


def _named(t: Token) -> bool:
    """A person's name (the parser's proper noun in a person's slot; entity recognition is not run)."""
    return t.pos_ == "PROPN" and t.dep_ in ("nsubj", "nsubjpass", "dobj", "dative", "pobj", "conj")


def _subject(t: Token, who: set[str], names: bool = False) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") and (c.lower_ in who or names and _named(c)) for c in t.children)


def cue_features(doc: Doc) -> list[str]:
    """Designed features of a sentence: setbacks, successes and who owns them; disagreements; someone being
    developed; the setting. A setback word used as a modifier ("incident review", "crash-free") names none."""
    low = doc.text.lower().replace("’", "'")
    f: list[str] = []
    for t in doc:
        if not (t.is_alpha or "-" in t.text):
            continue
        lem = t.lemma_.lower()
        neg = _negated(t) or any(c.lower_ in _NEGATORS[:3] for c in t.children) or (
            t.i > 0 and doc[t.i - 1].lower_ in _NEGATORS) or (t.dep_ == "pobj" and t.head.lower_ == "without")
        subj_i = _subject(t, {"i"})
        if lem in FAIL_LEMMAS:
            modifier = t.dep_ in ("compound", "amod", "nmod") and t.head.lemma_.lower() not in FAIL_LEMMAS
            free = t.i + 2 < len(doc) and doc[t.i + 1].text == "-" and doc[t.i + 2].lower_ in ("free", "proof")
            if modifier or free:
                pass
            elif _resolved(t):
                f.append("fail_resolved")
            elif _hypothetical(t):
                f.append("fail_hypo")
            else:
                f.append("fail_neg" if neg else "fail")
                if subj_i and not neg:
                    f.append("fail_i")
                if any(c.dep_ == "poss" and c.lower_ == "my" for c in t.children):
                    f.append("fail_my")
        if lem in SUCCESS_LEMMAS:
            f.append("success_neg" if neg else "success")
        if lem in CONFLICT_LEMMAS:
            f.append("conflict_neg" if neg and lem not in ("tension", "friction") else "conflict")
            if subj_i:
                f.append("conflict_i")
        if lem in DEVELOP_LEMMAS:
            f.append("develop")
            objs = [c for c in t.children if c.dep_ in ("dobj", "dative", "pobj")]
            if subj_i and any(o.lower_ in _THIRD or _named(o) for o in objs):
                f.append("develop_i_person")
        if lem in GROWTH_VERBS and _subject(t, {"he", "she"}, names=True):
            f.append("growth_third")
        if lem in NONWORK_LEMMAS:
            f.append("nonwork")
        if lem in WORK_LEMMAS:
            f.append("work")
    for flag, pattern in (("own", OWN_PHRASES), ("own_outright", OWNED_IN_REFLECTION),
                          ("conflict_phrase", CONFLICT_PHRASES), ("outside_work", OUTSIDE_WORK)):
        if pattern.search(low):
            f.append(flag)
    if any(t.lower_ in _THIRD or _named(t) for t in doc):
        f.append("person")
    if re.search(r"\b(?:but|however|although|unfortunately)\b", low):
        f.append("contrast")
    if re.search(r"\b(?:would have|could have|next time|if i did it again|looking back)\b", low):
        f.append("hindsight")
    if any(t.dep_ == "nsubj" and t.lower_ == "i" for t in doc):
        f.append("i_subject")
    return f


CUE_SETS = {
    "outcome": ("fail", "fail_neg", "fail_resolved", "fail_hypo", "fail_i", "fail_my", "success", "success_neg",
                "own", "contrast", "hindsight", "i_subject"),
    "conflict": ("conflict", "conflict_neg", "conflict_i", "conflict_phrase", "person", "contrast"),
    "develop": ("develop", "develop_i_person", "growth_third", "person"),
}
"""The designed cues each sentence model reads."""


def cue_subset(cues: list[str], model: str) -> list[str]:
    """The cues `model` ("outcome", "conflict" or "develop") reads."""
    return [c for c in cues if c in CUE_SETS[model]]


def question_features(doc: Doc) -> list[str]:
    """Question features: lemma unigrams and bigrams ("outside work", "at work" are pairs that matter), the
    roles the question names and its explicit setting phrases."""
    lems = [t.lemma_.lower() for t in doc if not t.is_punct and t.text.strip()]
    cues = {"qrole:" + p.role for p in people(doc, 0)}
    low = doc.text.lower()
    if OUTSIDE_WORK.search(low):
        cues.add("qcue:outside_work")
    if AT_WORK.search(low):
        cues.add("qcue:at_work")
    return ["q:" + w for w in lems] + ["q2:" + a + "_" + b for a, b in itertools.pairwise(lems)] + sorted(cues)


# ---- people ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Party:
    """A person or group in the story and their relation to the speaker."""

    role: str
    """"leadership", "peer", "mentee", "customer" or "person" (a name, relation unknown)."""
    text: str
    unit: int
    """Index of the sentence or clause that names them."""
    singular: bool = True
    """One person ("my director"), not a group ("the executives")."""


def _is_speaker_role(t: Token) -> bool:
    """"I was the engineering manager", "As security lead, ...": the noun names the speaker."""
    if t.dep_ in ("attr", "appos") and any(c.lower_ == "i" for c in t.head.children if c.dep_ == "nsubj"):
        return True
    if t.dep_ == "pobj" and t.head.lower_ == "as":
        poss = [c.lower_ for c in t.children if c.dep_ == "poss"]
        return not poss or poss[0] == "my"
    return False


def is_leadership(t: Token) -> bool:
    """Whether a noun from `LEADERSHIP` names someone above the speaker: "my manager", "the CEO", "head of
    sales", "the principal"; not "the product manager" or "principal engineer"."""
    lem = t.lemma_.lower()
    comps = {c.lemma_.lower() for c in t.children if c.dep_ in ("compound", "amod")}
    poss = {c.lower_ for c in t.children if c.dep_ == "poss"}
    if lem in ("lead", "manager", "leader", "owner", "partner", "head") and comps & PEER_MANAGER:
        return False
    if lem in ("manager", "lead", "boss", "supervisor", "skip"):
        return bool(poss & {"my", "our"}) or bool(comps & {"senior", "engineering", "line", "direct"})
    if lem in ("owner", "partner", "leader"):
        return bool(comps & {"senior", "business", "managing", "founding", "product"}) or "senior" in t.head.lower_
    if lem == "head":
        return any(c.dep_ == "prep" and c.lower_ == "of" for c in t.children) or bool(comps)
    if lem == "principal":
        return t.pos_ == "NOUN"
    return lem in LEADERSHIP


def refers_to_someone(doc: Doc) -> bool:
    """Whether the sentence refers to one other person by a pronoun ("she agreed", "I told him", "his plan")."""
    return any(t.lower_ in _ONE_OTHER and t.pos_ == "PRON" for t in doc)


def _modifier(t: Token) -> bool:
    """A noun that modifies another ("the customer-facing release", "the account-linking code", "a peer
    review"): it names no one."""
    return t.dep_ in ("compound", "npadvmod")


def _speaker_side(t: Token, poss: list[str]) -> bool:
    """A group that is the speaker's own side: "my team", "our department", the team "I ran"."""
    if t.lemma_.lower() not in GROUPS:
        return False
    if poss and poss[0] in ("my", "our"):
        return True
    return t.dep_ == "dobj" and t.head.lemma_.lower() in LEAD_VERBS and _subject(t.head, {"i", "we"})


_ABOVE = re.compile(r"\b(?:someone|somebody|anyone) (?:more )?(?:senior|above me)\b|\bhigher up\b|\bup the chain\b")


def people(doc: Doc, unit: int) -> list[Party]:
    """The people named in one sentence, each with its relation to the speaker; a noun modifying another and
    the speaker's own group name no one else."""
    out: list[Party] = []
    for t in doc:
        if t.pos_ not in ("NOUN", "PROPN"):
            continue
        lem = t.lemma_.lower()
        poss = [c.lower_ for c in t.children if c.dep_ == "poss"]
        if t.dep_ == "pobj" and t.head.lower_ == "as" and lem in GUIDES and poss and poss[0] in (
                "his", "her", "their"):
            out.append(Party("mentee", f"{poss[0]} (as {poss[0]} {t.text})", unit))
            continue
        if _is_speaker_role(t) or _modifier(t) or _speaker_side(t, poss):
            continue
        span = " ".join(c.text for c in t.subtree)[:60]
        one = t.tag_ in ("NN", "NNP")
        if lem in LEADERSHIP and is_leadership(t):
            out.append(Party("leadership", span, unit, one))
        elif lem in MENTEES or (lem in ("engineer", "member", "nurse", "analyst", "developer") and "my" in poss):
            out.append(Party("mentee", span, unit, one))
        elif lem in CUSTOMERS:
            out.append(Party("customer", span, unit, one))
        elif lem in PEERS or lem in ("manager", "lead", "leader", "owner", "partner") or any(
                c.lower_ in PEER_MARKERS for c in t.children if c.dep_ == "amod"):
            out.append(Party("peer", span, unit, one))
        elif _named(t):
            out.append(Party("person", t.text, unit))
    if _ABOVE.search(doc.text.lower()):
        out.append(Party("leadership", doc.text[:60], unit))
    return out
