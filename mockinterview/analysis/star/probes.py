"""Follow-ups built from the answer's own words, as an interviewer probes what was just said.

Spans are picked by their grammar and quoted exactly as said, cut where a phrase can end (never on "the",
"with our" or "and we"):
- a decision "we" took ("we decided to rewrite it"): whose call was it?
- a duration ("about three weeks"; not an amount or a date: "three months of data", "a year ago"): what was
  on the critical path?
- a vague result ("it went really well"): what would show it in a number?
- a figure ("forty percent"): how was it measured?
- a named system or tool ("Kafka"): why that one?
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from mockinterview.analysis.language import HESITATIONS, ParserUnavailable, parse
from mockinterview.analysis.numbers import find_quantities
from mockinterview.report import Label


@dataclass(frozen=True, slots=True)
class ProbeSettings:
    """How answer probes are picked."""

    max_probes: int = 2
    """At most this many probes from one answer (each of a different kind)."""

    quote_max_words: int = 8
    """A quoted span is cut at a clause boundary, and to at most this many words."""


DEFAULT_PROBE_SETTINGS = ProbeSettings()

TEMPLATES = {
    "decision": "You said '{span}'. Whose call was it, and what did you weigh?",
    "duration": "You said '{span}'. What was on the critical path?",
    "vague": "You said '{span}'. What number would show that?",
    "figure": "You said '{span}'. How did you measure that?",
    "named": "You mentioned {span}. Why that, and what else did you consider?",
}
"""The question asked about each kind of span, in priority order."""

_DECISION = re.compile(r"\bwe (?:\w+ly |then |all |just |eventually |finally )?(?:decided|chose|agreed|picked|opted|"
                       r"settled on|went with|committed to)\b[^,.;!?]*", re.I)
_DURATION_UNIT = r"(?:minutes?|hours?|days?|weeks?|months?|quarters?|years?|sprints?)"
_VAGUE = re.compile(r"\b(?:successful|success|went well|worked out|a lot better|much better|happy|improved|"
                    r"got better|great work|doing great|strong group|fine now)\b", re.I)
"""Words of a vague outcome ('it was successful'): the span a "what number would show that?" probe quotes."""
_NAMED = re.compile(r"\b([A-Z][a-zA-Z0-9]+)\b")
_NOT_NAMES = frozenset({"I", "I'm", "I'd", "I've", "I'll", "We", "The", "It", "My", "Our", "So", "And", "But",
                        "Then", "That", "This", "They", "He", "She", "OK", "Okay", "Um", "Uh", "Yeah", "Sure"})


def _cut(span: str, n: int) -> str:
    """The first `n` words of a span, not opening on a joining word and ending where a phrase can end."""
    words = span.split()
    ends = _phrase_ends(words)
    words = words[:n]
    while len(words) > 1 and (words[0].lower().strip(_EDGE) in _LEADING or _hesitation(words[0])):
        words.pop(0)
        ends.pop(0)
    while len(words) > 1 and not ends[len(words) - 1]:
        words.pop()
    return " ".join(words).rstrip(".,;:!?")


_OPEN_ENDS = frozenset({"DET", "ADP", "CCONJ", "SCONJ", "PART", "AUX", "INTJ", "PUNCT"})
"""Parts of speech a phrase does not end on ("... with our", "... and we", "... to")."""
_OPEN_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "expl"})
"""A pronoun in these roles waits for what follows it ("and we", "with their")."""
_EDGE = ".,;:!?\"'"


def _phrase_ends(words: list[str]) -> list[bool]:
    """For each word, whether a quote may end on it, read from the parse of the whole span (a fragment misleads
    the tagger: a dangling "the" is read as a pronoun). A hesitation never ends a quote; without the parser, a
    short list of joining words decides."""
    fallback = [w.lower().strip(_EDGE) not in _LEADING | {"the", "a", "to", "of"} and not _hesitation(w)
                for w in words]
    try:
        [doc] = parse([" ".join(words)])
    except ParserUnavailable:
        return fallback
    tokens = [t for t in doc if not t.is_punct]
    out, j = [], 0
    for word in words:
        core = word.strip(_EDGE).replace("\u2019", "'").lower()
        if not core or _hesitation(word):
            out.append(False)
            continue
        while j < len(tokens) and not core.startswith(tokens[j].text.lower()):
            j += 1
        if j == len(tokens):  # the parse does not line up with the words: the plain rule decides
            return out + fallback[len(out):]
        seen = tokens[j].text.lower()
        while j + 1 < len(tokens) and len(seen) < len(core) and core[len(seen):].startswith(tokens[j + 1].text.lower()):
            j += 1
            seen += tokens[j].text.lower()
        last, j = tokens[j], j + 1
        out.append(last.dep_ == "prt" or (last.pos_ not in _OPEN_ENDS
                                          and not (last.pos_ == "PRON" and last.dep_ in _OPEN_DEPS)))
    return out


def _hesitation(word: str) -> bool:
    return bool(HESITATIONS.fullmatch(word.strip(_EDGE)))


def _decision(text: str, n: int) -> str | None:
    m = _DECISION.search(text)
    return _cut(m.group(0), n) if m else None


_LEADING = frozenset({"and", "but", "so", "then", "which", "that", "with", "in", "on", "after", "over", "for"})
"""Words a quote does not start with."""


def _lead_in(text: str, start: int, end: int, n: int) -> str:
    """The exact words from the start of the clause holding text[start:end] up to `end`, at most `n` words
    (the last ones): "the rollout took about three weeks"."""
    clause = max(text.rfind(c, 0, start) for c in ",;:") + 1
    head = text[clause:start].split()
    room = max(0, n - len(text[start:end].split()))
    first = max(0, len(head) - room)
    while 0 < first < len(head) and not head[first][:1].isalpha():
        first -= 1  # start on a word, not inside a figure ("% to 0.3 %")
    keep = head[first:]
    while keep and (keep[0].lower().strip(_EDGE) in _LEADING or _hesitation(keep[0])):
        keep.pop(0)
    begin = text.rfind(" ".join(keep), clause, start) if keep else start
    return text[max(begin, 0):end].strip()


def _duration(text: str, n: int) -> str | None:
    for q in find_quantities(text):
        if q.kind != "duration":
            continue
        m = re.search(re.escape(q.text) + r"\s+" + _DURATION_UNIT + r"\b(?!\s+(?:of|ago|old|later|earlier|before|"
                      r"after|in a row)\b)", text)
        if m:
            return _lead_in(text, m.start(), m.end(), n)
    return None


_UNIT_WORD = r"(?:\s*%|\s+(?:percent|per cent|dollars|euros|pounds|times|x)\b)?"


def _figure(text: str, n: int) -> str | None:
    for q in find_quantities(text):
        if q.kind in ("percent", "money", "ratio"):
            m = re.search(re.escape(q.text) + _UNIT_WORD, text)
            if m:
                return _lead_in(text, m.start(), m.end(), n)
    return None


def _vague(text: str, n: int) -> str | None:
    if find_quantities(text):
        return None
    m = _VAGUE.search(text)
    if not m:
        return None
    clause_start = max(text.rfind(c, 0, m.start()) for c in ",;") + 1
    return _cut(text[clause_start:].strip(), n) or None


def _named(text: str) -> str | None:
    for m in _NAMED.finditer(text):
        name = m.group(1)
        sentence_start = not text[:m.start()].strip() or text[:m.start()].rstrip().endswith((".", "!", "?"))
        if name not in _NOT_NAMES and len(name) > 2 and not sentence_start:
            return name
    return None


def answer_probes(parts: Sequence[tuple[str, str]],
                  settings: ProbeSettings = DEFAULT_PROBE_SETTINGS) -> list[str]:
    """Probes quoting the answer's own words, from its (STAR label, text) parts: at most one per kind, in
    `TEMPLATES` order. Decisions, durations and named systems come from the Task and Action; vague results
    and figures from the Result."""
    n = settings.quote_max_words
    doing = [t for label, t in parts if label in (Label.T, Label.A)]
    results = [t for label, t in parts if label == Label.R]
    finders = {
        "decision": lambda t: _decision(t, n),
        "duration": lambda t: _duration(t, n),
        "vague": lambda t: _vague(t, n),
        "figure": lambda t: _figure(t, n),
        "named": _named,
    }
    where = {"decision": doing, "duration": doing + results, "vague": results, "figure": results,
             "named": doing}
    out: list[str] = []
    for kind, find in finders.items():
        span = next((s for s in map(find, where[kind]) if s), None)
        if span:
            out.append(TEMPLATES[kind].format(span=span))
        if len(out) >= settings.max_probes:
            break
    return out
