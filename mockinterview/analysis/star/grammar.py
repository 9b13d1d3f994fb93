"""Grammar features of one parsed sentence, for the learned STAR+ judgements.

They describe how a sentence is built, not which words a few answers used: who is the subject of each clause
(the speaker, the team, someone else, a thing), tense, mood and voice, negation, "if" and "because" clauses
and who they are about, figures and hedged estimates, and named things. Lemmas and lemma pairs are added as
plain bag-of-words features so a learned model can weigh them; no word list decides anything on its own.
The closed classes below (pronouns, hedges) are grammar, not phrases.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import numpy as np

from mockinterview.analysis.numbers import FRACTIONS, MULTIPLIERS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

FIRST_SG = frozenset({"i", "me", "myself"})
FIRST_PL = frozenset({"we", "us", "ourselves"})
SECOND = frozenset({"you", "yourself"})
THIRD_PERSON = frozenset({"he", "she", "they", "him", "her", "them", "someone", "somebody", "nobody", "everyone",
                          "everybody", "anyone", "people", "who"})
DEMONSTRATIVE = frozenset({"it", "this", "that", "these", "those", "which", "what", "something", "everything",
                           "nothing", "anything"})
PRONOUN_LEMMAS = frozenset({"i", "we", "my", "our", "me", "us", "myself", "ourselves", "ours", "mine"})
"""First-person words, left out of judgements that must not depend on "I" versus "we"."""

QUANTITY_ENTS = frozenset({"CARDINAL", "PERCENT", "MONEY", "QUANTITY"})
TIME_ENTS = frozenset({"DATE", "TIME"})
NAME_ENTS = frozenset({"ORG", "PRODUCT", "PERSON", "GPE", "FAC", "LOC", "NORP", "WORK_OF_ART", "LAW", "EVENT"})
HEDGES = frozenset({"about", "around", "roughly", "approximately", "nearly", "almost", "over", "under",
                    "maybe", "estimate", "estimated", "guess", "somewhere", "close", "probably"})
"""Words that soften a figure; a hedged figure is still a figure ("roughly $500K")."""

DISCOURSE = frozenset({"so", "and", "but", "then", "like", "yeah", "okay", "well", "also"})
"""Words skipped when finding how a sentence really starts."""

CLAUSE_DEPS = frozenset({"ROOT", "conj", "advcl", "ccomp", "relcl", "xcomp", "parataxis"})
_YEAR = re.compile(r"(?:19|20)\d\d")

Features = dict[str, float]
Adder = Callable[..., None]


def person(tok: Token) -> str:
    """Who a subject is: I, we, you, other (people or a group), there, it, ours ("our team"), or thing."""
    low = tok.lower_
    if low in FIRST_SG:
        return "I"
    if low in FIRST_PL:
        return "we"
    if low in SECOND:
        return "you"
    if low == "there":
        return "there"
    if low in THIRD_PERSON or tok.ent_type_ in ("PERSON", "ORG", "NORP") or tok.pos_ == "PROPN":
        return "other"
    if low in DEMONSTRATIVE:
        return "it"
    if any(c.lower_ in ("other", "another", "their", "his", "her") for c in tok.children):
        return "other"
    if tok.pos_ == "NOUN" and any(c.lower_ in ("my", "our") for c in tok.children):
        return "ours"
    return "thing"


def verb_frame(v: Token) -> dict[str, bool | str]:
    """Tense, modal, aspect, voice and negation of a verb, from its auxiliaries and morphology."""
    auxes = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
    lemmas = [a.lemma_.lower() for a in auxes]
    texts = [a.lower_ for a in auxes]
    modal = next((a.lower_ for a in auxes if a.tag_ == "MD"), "")
    if modal == "'d":
        modal = "would"
    tense = ""
    fin = [a for a in auxes if "Fin" in a.morph.get("VerbForm", [])] or (
        [v] if "Fin" in v.morph.get("VerbForm", []) else [])
    if fin:
        t = fin[0].morph.get("Tense", [])
        tense = t[0].lower() if t else ""
    return {
        "modal": modal,
        "tense": tense,
        "perfect": "have" in lemmas and v.tag_ == "VBN",
        "pluperfect": "had" in texts and v.tag_ == "VBN",
        "passive": any(c.dep_ in ("auxpass", "nsubjpass") for c in v.children),
        "agent": any(c.dep_ == "agent" for c in v.children),
        "progressive": v.tag_ == "VBG" and "be" in lemmas,
        "negated": any(c.dep_ == "neg" for c in v.children),
    }


def clauses(doc: Doc) -> Iterator[tuple[Token, Token | None]]:
    """Each verb that heads a clause, with its subject (or None)."""
    for t in doc:
        if t.pos_ not in ("VERB", "AUX") or t.dep_ not in CLAUSE_DEPS:
            continue
        if t.pos_ == "AUX" and t.dep_ != "ROOT":
            continue
        subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
        if subj is None and t.dep_ == "conj" and t.head.pos_ in ("VERB", "AUX"):
            subj = next((c for c in t.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        yield t, subj


def _subject_of(v: Token) -> str:
    subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return person(subj) if subj is not None else "none"


def quantities(doc: Doc) -> list[str]:
    """The figures a sentence states: number entities (cardinal, percent, money, quantity), durations and
    counts of time, number tokens and ratio words ("halved", "a third of"), hedged or not. Years, ordinals and
    a lone "one" are not figures."""
    found: list[str] = []
    seen: set[int] = set()
    for e in doc.ents:
        if e.label_ in QUANTITY_ENTS:
            words = [t for t in e if not t.is_punct]
            if e.label_ == "CARDINAL" and len(words) == 1 and words[0].lower_ in ("one", "a", "an"):
                continue
        elif not (e.label_ in TIME_ENTS and any(t.like_num for t in e) and not _YEAR.fullmatch(e.text)):
            continue
        found.append(e.text)
        seen.update(t.i for t in e)
    for t in doc:
        if t.i in seen or not t.like_num or t.pos_ != "NUM" and not t.text[:1].isdigit() or t.lower_ == "one" \
                or _YEAR.fullmatch(t.text):
            continue
        found.append(t.text)
    for t in doc:
        if t.i in seen:
            continue
        hyphen = t.i + 1 < len(doc) and doc[t.i + 1].text == "-"
        if (t.lower_ in MULTIPLIERS and not hyphen) or (t.lower_ in FRACTIONS and t.i > 0
                                                        and doc[t.i - 1].lower_ in ("a", "by", "one", "in")):
            found.append(t.text)
    return found


def states_change(doc: Doc) -> bool:
    """True when a figure is the size of a change or one of its ends: the object of "by", "from" or "to"
    ("cut by 30%", "went from 40 minutes to 6")."""
    for t in doc:
        if not (t.like_num or t.ent_type_ in QUANTITY_ENTS):
            continue
        head = t
        while head.dep_ != "ROOT" and head.dep_ != "prep":
            head = head.head
        if head.dep_ == "prep" and head.lower_ in ("by", "from", "to"):
            return True
    return False


def features(doc: Doc, *, lexical: bool = True, bigrams: bool = True, persons: bool = True,
             stop: bool = True, context: bool = False) -> Features:
    """Sparse features of one parsed sentence. `persons` False leaves out who the subjects are and the
    first-person words (for judgements that must not depend on "I" versus "we"); `stop` False leaves out
    stop words except negations; `bigrams` adds lemma pairs; `context` adds the parser's own sentence
    encoding (`context_vector`), so words the training data never used still land near words it did.

    Kept on the Doc per option set, so the several judgements of an answer compute them once; callers must not
    change the returned dict."""
    key = f"mockinterview:features:{lexical:d}{bigrams:d}{persons:d}{stop:d}{context:d}"
    cached: Features | None = doc.user_data.get(key)
    if cached is None:
        cached = _features(doc, lexical=lexical, bigrams=bigrams, persons=persons, stop=stop)
        if context:
            cached.update((f"ctx{i}", float(v)) for i, v in enumerate(context_vector(doc)))
        doc.user_data[key] = cached
    return cached


CONTEXT_SCALE = 3.0
"""Length of the sentence encoding as a feature vector (it is normalised to unit length first), so its weights
are regularised on the same footing as the 0/1 features."""


def context_vector(doc: Doc) -> list[float]:
    """The mean of the pipeline's contextual token encodings (its tok2vec layer, `Doc.tensor`: the small English
    pipeline has no word vectors), scaled to length `CONTEXT_SCALE`; empty when the pipeline kept no encodings."""
    rows = np.asarray(doc.tensor, dtype=float)
    if rows.ndim != 2 or not rows.size:
        return []
    mean = rows.mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return [float(x) * CONTEXT_SCALE / norm for x in mean] if norm else []


def _features(doc: Doc, *, lexical: bool, bigrams: bool, persons: bool, stop: bool) -> Features:
    f: Features = {}

    def add(name: str, v: float = 1.0) -> None:
        f[name] = f.get(name, 0.0) + v

    words = [t for t in doc if not t.is_punct and not t.is_space]
    n = len(words)
    add("len:" + ("1-5" if n <= 5 else "6-12" if n <= 12 else "13-25" if n <= 25 else "26+"))
    if lexical:
        lem = [t.lemma_.lower() for t in words]
        for t, w in zip(words, lem, strict=True):
            if (persons or w not in PRONOUN_LEMMAS) and (stop or not t.is_stop or t.dep_ == "neg"):
                add("w=" + w)
        if bigrams:
            for a, b in zip(lem, lem[1:], strict=False):
                if persons or not {a, b} & PRONOUN_LEMMAS:
                    add(f"b={a}_{b}")
    content = [t for t in words if t.pos_ != "INTJ" and t.lower_ not in DISCOURSE]
    if content:
        add("first=" + content[0].lemma_.lower())
        add("firstpos=" + content[0].pos_)
    if words and words[0].pos_ == "INTJ":
        add("opens_intj")
    add("intj", min(3, sum(t.pos_ == "INTJ" for t in words)))
    if doc.text.rstrip().endswith("?"):
        add("question")
    _clause_features(doc, add, lexical=lexical, persons=persons)
    qs = quantities(doc)
    if qs:
        add("qty")
        add("qty_n", min(4, len(qs)))
        if any(t.lower_ in HEDGES for t in doc):
            add("qty_hedged")
    for e in doc.ents:
        add("ent=" + e.label_)
    propn = [t for t in words if t.pos_ == "PROPN" and t.i > 0]
    if propn:
        add("propn", min(4, len(propn)))
    names = [e for e in doc.ents if e.label_ in NAME_ENTS]
    if names:
        add("named", min(3, len(names)))
    if any(t.is_upper and len(t.text) >= 2 and t.lower_ != "ok" for t in words):
        add("acronym")
    compounds = [t for t in doc if t.dep_ == "compound" and t.pos_ in ("NOUN", "PROPN")]
    if compounds:
        add("compound", min(4, len(compounds)))
    return f


def _clause_features(doc: Doc, add: Adder, *, lexical: bool, persons: bool) -> None:
    """Subject x tense/mood/voice of every clause; "if" and "because" clauses and who they are about."""
    n_i = n_we = n_other = 0
    for v, subj in clauses(doc):
        p = person(subj) if subj is not None else "none"
        if not persons and p in ("I", "we", "ours"):
            p = "self"
        fr = verb_frame(v)
        tense = fr["tense"] or ("modal" if fr["modal"] else "nonfin")
        mood = ("would_have" if fr["modal"] in ("would", "could", "should", "might") and fr["perfect"]
                else fr["modal"] or tense)
        add(f"subj={p}")
        add(f"subj={p}|{mood}")
        add(f"mood={mood}")
        if v.dep_ == "ROOT":
            add(f"root={p}|{mood}")
            add(f"rootlemma={v.lemma_.lower()}")
        if fr["passive"]:
            add("passive_agent" if fr["agent"] else "passive_noagent")
            add(f"passive|{p}")
        if fr["pluperfect"]:
            add(f"pluperfect|{p}")
        if fr["progressive"]:
            add(f"progressive|{p}")
        if fr["negated"]:
            add(f"neg|{p}")
            add(f"neg|{p}|{mood}")
        if lexical and p in ("I", "we", "other", "ours", "thing", "you"):
            add(f"sv={p}_{v.lemma_.lower()}")
        if lexical and subj is not None and subj.pos_ in ("NOUN", "PROPN"):
            add(f"subjnoun={subj.lemma_.lower()}{'|neg' if fr['negated'] else ''}")
        n_i += p == "I"
        n_we += p == "we"
        n_other += p in ("other", "ours", "thing")
    if n_i and not n_we:
        add("clauses_I_only")
    if n_we > n_i:
        add("clauses_we_more")
    if n_other > n_i + n_we:
        add("clauses_others_more")
    for t in doc:
        if t.dep_ == "mark" and t.lower_ in ("if", "unless"):
            fr = verb_frame(t.head)
            add(f"if|{_subject_of(t.head)}|{'plup' if fr['pluperfect'] else fr['tense'] or 'x'}")
        if t.lower_ in ("because", "since") and t.dep_ in ("mark", "prep"):
            neg = any(c.dep_ == "neg" for c in t.head.children)
            add(f"because|{_subject_of(t.head)}{'|neg' if neg else ''}")
            subj = next((c for c in t.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if lexical and subj is not None and subj.pos_ in ("NOUN", "PROPN"):
                add(f"because_noun={subj.lemma_.lower()}")


def subject_pronouns(doc: Doc) -> tuple[int, int]:
    """How many clauses of the sentence have "I", and how many "we", as their subject."""
    i = sum(1 for t in doc if t.dep_ in ("nsubj", "nsubjpass") and t.lower_ == "i")
    we = sum(1 for t in doc if t.dep_ in ("nsubj", "nsubjpass") and t.lower_ == "we")
    return i, we
