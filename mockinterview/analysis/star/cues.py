"""Cue features for the STAR+ labeler: named phrase patterns, pronouns, quantities and position.

Every feature has a short human description so a label can show the cue that decided it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mockinterview.analysis.numbers import CHANGE, find_quantities

_ACT = (
    r"start(?:ed)?|built|wrote|designed|set up|added|pulled|ran|changed|proposed|created|rewrote|migrated|moved|"
    r"split|introduced|scripted|deleted|removed|asked|told|met|paired|offered|negotiated|escalated|rolled|fixed|"
    r"found|compared|measured|profiled|instrumented|interviewed|tested|picked|put|went through|spent|sat|"
    r"made sure|made the call|checked|replaced|reused|broke|cut|defined|presented|showed|demoed|priced|counted|"
    r"listed|worked out|turned|scheduled|trained|kept|invited|had (?:her|him|them)|declared|redirected|briefed|"
    r"suggested|scoped|set|took|got|called|personally|implemented|refactored|deployed|automated|documented|"
    r"wrote up|reached out|organized|organised|ran|built out|shadowed|sampled|analyzed|analysed|traced|"
    r"reproduced|isolated|patched|tuned|indexed|cached|batched|sharded|load tested|benchmarked|looked|worked|"
    r"focused|followed up|sent|posted|tagged|coordinated|convinced|pushed|explained|shared|decided|used|also"
)

CUES: dict[str, tuple[str, str]] = {
    # name: (description, regex on lowercase text)
    "open_ok": ("a preamble ('sure', 'okay')", r"^(?:um,? |uh,? )?(?:sure|okay|ok|yeah|yes|right|hmm|alright)\b"),
    "open_phrase": ("a preamble phrase", r"happy to\b|let me think|comes? to mind|good (?:one|example)|"
                    r"best example|from outside (?:of )?(?:my )?(?:day )?(?:job|work)|if that'?s (?:okay|ok|alright|"
                    r"all right|fine)|stop me if|i'?ll (?:pick|give you|go with|talk about)|"
                    r"(?:this|that) one (?:still )?stings|this one is|i think the one"),
    "close_phrase": ("a closing remark", r"that'?s (?:the|about|my|probably|basically) (?:story|it|one|best|the one)|"
                     r"go (?:deeper|into (?:the )?(?:details|more))|happy to go into|so yeah|that'?s about it|"
                     r"i can (?:go|talk|share)|any questions|^thank you\b|thanks for (?:watching|listening)"),
    "s_place": ("scene-setting ('at my last company', 'years ago')",
                r"\bat my (?:last|previous|current|old|first) (?:company|job|role|team|employer)|\bwhen i (?:joined|"
                r"moved|started|became)|\b(?:years?|months?) ago\b|\bat (?:that|the) (?:time|point)\b|\bback then\b|"
                r"\buntil then\b|\bat the time\b|^(?:so )?(?:at|in) (?:a|an|my|our) "),
    "s_state": ("a description of how things were", r"\bthere (?:was|were|had been)\b|\bwe had (?:a|an|just|about)\b|"
                r"\b(?:was|were) (?:\w+ing)\b|\bhad been\b|\bnobody (?:really )?(?:owned|knew|wanted|understood)\b|"
                r"\bthe (?:problem|issue|challenge|context|situation) was\b|\bon top of that\b|\bused to\b|"
                r"\b(?:it|this|that) was (?:a|an|the)\b|\bwas (?:taking|costing|failing|running)\b"),
    "s_history": ("background history", r"\b(?:the|our) (?:company|team|org|organization) (?:was|had)\b|"
                  r"\bhad (?:just |already )?(?:been|gone|moved|left|inherited|grown|started)\b|\breorg|"
                  r"\bthe year before\b|\bpreviously\b|\bbefore i (?:arrived|joined|got there)\b"),
    "t_role": ("the speaker's role or goal ('I owned', 'my goal was')",
               r"\bi (?:was|am) (?:responsible|accountable|the (?:\w+ )?(?:lead|owner|one|manager|commander|engineer "
               r"on)|on point|on call|the hiring)|\bmy (?:job|goal|role|responsibility|task|mandate|target)\b|"
               r"\bi owned\b|\bi took (?:on|ownership|it on)|\bi decided to (?:take|own|fix)|\bi volunteered|"
               r"\bi offered to\b|\bit was on me\b|\bi was asked to\b|\bi needed to\b|\bthe (?:goal|commitment|"
               r"mandate|ask) (?:was|i)\b|\bi set (?:myself )?(?:a|the) (?:goal|target)|\bwasn'?t (?:my|really my) "
               r"(?:job|area|role)|\bit was my (?:change|project|call|job)|\bi wanted to (?:fix|get|make|cut)|"
               r"\bi had to (?:figure|decide|get|make|recommend|deliver)|\bas (?:the|her|his|their|a) (?:\w+ )?"
               r"(?:lead|mentor|manager|owner)\b|\bi was (?:the one|leading)\b|\bto own\b"),
    "a_i": ("something the speaker did ('I built', 'I wrote')", rf"\bi (?:{_ACT})\b"),
    "a_we": ("something the team did ('we built')", rf"\bwe (?:{_ACT})\b"),
    "a_seq": ("a step in a sequence ('first', 'then')", r"^(?:and )?(?:so )?(?:first|then|next|after that,? i|"
              r"so i|so the first thing|i started by|before (?:i|we|anything|building|shipping|the)|instead of|"
              r"for the (?:rollout|launch|cutover|migration)|once we|when (?:her|his|their|the) )"),
    "a_method": ("how it was done ('by', 'so that', 'instead of')",
                 r"\b(?:so that|so (?:every|nobody|they|it|we) |instead of|rather than|behind a (?:feature )?flag|"
                 r"in (?:shadow|staging)|one-on-one|one on one|design doc|runbook|postmortem|pull request)\b"),
    "r_change": ("a change in a measure ('went from ... to', 'dropped by')", CHANGE.pattern),
    "r_verb": ("an outcome verb ('dropped', 'shipped', 'saved')",
               r"\b(?:dropped|fell|rose|grew|doubled|tripled|halved|saved|saves|shipped|launched|passed|finished|"
               r"delivered|renewed|adopted|promoted|stopped|stayed|went down|went up|came in|hit|caught|cut)\b"),
    "r_outcome": ("an outcome phrase ('in the end', 'as a result')",
                  r"\b(?:in the end|as a result|by the end|ended up|since then|eventually|after (?:that|the fix|"
                  r"the change|launch)|within (?:a|one|two|three|four|six|\w+) (?:weeks?|months?|quarters?|days?)|"
                  r"the result|haven'?t had|ever since|more importantly|turned out)\b"),
    "r_vague": ("a vague outcome ('it was successful')",
                r"\b(?:successful|success|went well|worked out|a lot better|much better|happy|improved|"
                r"got better|great work|doing great|strong group|fine now)\b"),
    "r_others": ("others' reaction ('the customer renewed')",
                 r"\b(?:(?:she|he|they|the (?:team|customer|vp|director|coordinator|manager)) (?:said|told|renewed|"
                 r"agreed|chose|asked|adopted|expanded|was promoted|got)|told my boss)\b"),
    "x_reflect": ("a reflection ('looking back', 'I learned', 'next time')",
                  r"\blooking back\b|\bin hindsight\b|\bi (?:learned|learnt|took away|realized)\b|\blesson\b|"
                  r"\bnext time\b|\bif i (?:did|had to do|were to do|could do) (?:it|this|that) (?:again|over)|"
                  r"\bi'?d (?:do|have|also|build|set|push|involve|bring|get|pair|put|start|write|spend|keep|"
                  r"probably)\b|\bi would (?:have|do|also|start|build|set|involve)\b|\bi should have\b|"
                  r"\bnow i (?:always|try|ask|do|make|start|write|budget|never)\b|\bdo differently\b|"
                  r"\btaught me\b|\bwhat i took\b|\bchanged how i\b|\bi now\b|\bi'?ve used that\b|"
                  r"\bwhat i (?:learned|took|take)\b|\bthe takeaway\b|\bi always\b"),
    "x_general": ("a general truth ('it's better to', 'you have to')",
                  r"\b(?:is usually|is always|are usually|you have to|you need to|you don'?t need|it'?s better to|"
                  r"it'?s worth|works best|beats|goes much better|only counts if|is a (?:product|signal|sign))\b"),
    "o_meta": ("talking about the answer itself", r"\b(?:example|story|question|this one|that one)\b"),
}
"""Phrase cues: name -> (description, pattern)."""

_COMPILED = {k: re.compile(p) for k, (_, p) in CUES.items()}
_I = re.compile(r"\b(?:i|i'm|i'd|i've|i'll|me|my|myself)\b")
_WE = re.compile(r"\b(?:we|we're|we'd|we've|we'll|us|our|ours)\b")
_PROPER = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-zA-Z]+[A-Z0-9]?\w*|\b[A-Z]{2,}\w*")

POSITION_BUCKETS = (0.1, 0.3, 0.7, 0.88, 1.01)
"""Upper edges of the relative-position buckets (share of the answer's time before the unit)."""

DESCRIPTIONS = {k: d for k, (d, _) in CUES.items()} | {
    "starts_i": "it starts with 'I'", "starts_we": "it starts with 'we'",
    "starts_other": "its subject is someone or something else", "no_person": "no 'I' or 'we' in it",
    "has_i": "first person singular", "has_we": "first person plural",
    "quantity": "a number", "quantities2": "several numbers", "percent_or_money": "a percentage or money amount",
    "short": "a very short remark", "first": "the first thing said", "last": "the last thing said",
    "would": "a conditional ('would')", "past_perfect": "past perfect ('had been')",
    "names": "named systems or tools",
} | {f"pos{i}": f"its position ({('opening', 'first third', 'middle', 'last part', 'very end')[i]} of the answer)"
     for i in range(len(POSITION_BUCKETS))}
"""Feature name -> what it means, for explanations."""


@dataclass(frozen=True, slots=True)
class Features:
    """Feature values of one unit and the phrase that fired each cue."""

    values: dict[str, float]
    evidence: dict[str, str]


def extract(text: str, rel_pos: float | None, *, first: bool, last: bool) -> Features:
    """Features of one sentence or clause at relative position `rel_pos` (0..1) in the answer.

    `rel_pos` None leaves the position out (the live pass, before the answer's length is known).
    """
    low = text.lower().replace("’", "'")
    low = re.sub(r"\s+", " ", re.sub(r"[^a-z0-9'$%,.;:?! -]", " ", low)).strip()
    vals: dict[str, float] = {}
    ev: dict[str, str] = {}
    for name, rx in _COMPILED.items():
        m = rx.search(low)
        if m:
            vals[name] = 1.0
            ev[name] = m.group(0).strip(" ,.")
    n_words = len(low.split())
    subject = re.match(r"^(?:(?:and|so|then|but|also|anyway|basically|um|uh|like|now|yeah|okay),? )*(\w+(?:'\w+)?)",
                       low)
    first_word = subject.group(1) if subject else ""
    if first_word in ("i", "i'd", "i'm", "i've", "i'll"):
        vals["starts_i"] = 1.0
    elif first_word in ("we", "we'd", "we're", "we've", "our"):
        vals["starts_we"] = 1.0
    elif first_word in ("the", "it", "there", "this", "that", "they", "he", "she", "their", "his", "her", "its",
                        "a", "an", "which", "nobody", "everyone", "people", "most", "half"):
        vals["starts_other"] = 1.0
        ev["starts_other"] = first_word
    n_i, n_we = len(_I.findall(low)), len(_WE.findall(low))
    if n_i:
        vals["has_i"] = 1.0
    if not n_i and not n_we:
        vals["no_person"] = 1.0
    if n_we:
        vals["has_we"] = 1.0
    qs = find_quantities(text)
    if qs:
        vals["quantity"] = 1.0
        ev["quantity"] = qs[0].text
    if len(qs) >= 2:
        vals["quantities2"] = 1.0
        ev["quantities2"] = ", ".join(q.text for q in qs[:3])
    if any(q.kind in ("percent", "money") for q in qs):
        vals["percent_or_money"] = 1.0
        ev["percent_or_money"] = next(q.text for q in qs if q.kind in ("percent", "money"))
    if n_words <= 6:
        vals["short"] = 1.0
    if first:
        vals["first"] = 1.0
    if last:
        vals["last"] = 1.0
    if re.search(r"\b(?:would|'d)\b|\w'd\b", low):
        vals["would"] = 1.0
    if re.search(r"\bhad (?:been|\w+ed)\b", low):
        vals["past_perfect"] = 1.0
    names = [m.group(0) for m in _PROPER.finditer(text) if m.group(0) not in ("I", "I'm", "I'd", "I've")]
    if names:
        vals["names"] = 1.0
        ev["names"] = names[0]
    for i, edge in enumerate(POSITION_BUCKETS if rel_pos is not None else ()):
        if rel_pos is not None and rel_pos < edge:
            vals[f"pos{i}"] = 1.0
            break
    vals["bias"] = 1.0
    return Features(vals, ev)


def pronoun_counts(text: str) -> tuple[int, int]:
    """("I" count, "we" count) in a text: subject pronouns only ("I", "we")."""
    low = text.lower().replace("’", "'")
    return (len(re.findall(r"\bi\b|\bi'(?:m|d|ve|ll)\b", low)), len(re.findall(r"\bwe\b|\bwe'(?:re|d|ve|ll)\b", low)))
