"""The word lists off_question reads stories through: setbacks, successes, owning a setback, disagreement,
developing someone, the setting, and the roles people hold relative to the speaker.

They are general lexicons, read through the parse (who is the subject, what is negated, whose it is) in
`offq_features`; the sentence models learn how much each reading counts.
"""

from __future__ import annotations

import re

FAIL_LEMMAS = {"fail", "failure", "miss", "lose", "loss", "mistake", "error", "wrong", "break", "crash", "outage",
               "incident", "downtime", "cancel", "revert", "rollback", "slip", "delay", "late", "overrun",
               "complaint", "complain", "reject", "churn", "flop", "botch", "overpromise", "underestimate",
               "overconfident", "regret", "sting", "painful", "damage", "scrap", "bug", "regression", "problem",
               "issue", "throttle", "collapse", "worse", "brutal", "negative", "overrule", "refund", "shortfall",
               "gap", "misread", "skip", "burn", "quit", "fire", "unhappy", "angry", "frustrated", "behind",
               "stall", "hurt", "disappoint", "embarrass", "blame", "fault", "apologize", "apologise",
               "terminate", "lost", "wasted", "waste"}
"""Lemmas of setbacks: things going wrong, being lost, missed or undone."""

RESOLVE_VERBS = {"fix", "solve", "resolve", "reduce", "cut", "eliminate", "prevent", "avoid", "handle", "address",
                 "remove", "halve", "lower", "minimize", "minimise", "mitigate", "contain", "stop", "end", "clear",
                 "close", "patch", "absorb", "recover", "survive", "tackle", "debug", "diagnose", "investigate",
                 "find", "catch", "spot", "detect", "notice", "uncover", "discover", "surface", "identify", "flag",
                 "trace", "reproduce", "track", "turn", "chase", "triage"}
"""Verbs that fix, prevent or find a problem: a setback as their object is being dealt with, not suffered."""

DECLINE_VERBS = {"drop", "fall", "decline", "disappear", "shrink", "stop", "vanish", "ease", "subside"}
"""Verbs that say a problem went away: a setback as their subject is ending ("complaints dropped")."""

HYPOTHETICAL = {"would", "could", "might", "may", "if", "whether", "unless", "'d"}
"""Auxiliaries and subordinators that make a setback hypothetical ("what happens when it fails", "so a
regression would fail the build"), not something that happened."""

SUCCESS_LEMMAS = {"improve", "increase", "reduce", "cut", "save", "hit", "exceed", "beat", "win", "grow",
                  "promote", "adopt", "succeed", "success", "successful", "double", "triple", "halve", "stable",
                  "faster", "better", "raise", "renew", "award", "praise", "achieve", "deliver", "ship", "finish",
                  "complete", "recover", "reach", "proud", "gain", "lift", "boost", "solve", "fix", "pass",
                  "approve", "welcome", "thank"}
"""Lemmas of things working out."""

OWN_PHRASES = re.compile(r"\b(?:my (?:mistake|fault|miss|call|decision|error|bad)|(?:was|is) (?:on )?me\b|"
                         r"(?:it|that) was mine|i own(?:ed)? (?:it|that|the)|i was wrong|i got it wrong|"
                         r"i should have|i shouldn'?t have|i hadn'?t|i didn'?t (?:check|test|ask|plan|think|"
                         r"listen|notice|raise|catch|verify)|"
                         r"without (?:checking|testing|asking|verifying|validating|consulting))\b")
"""The speaker owning a setback."""

OWNED_IN_REFLECTION = re.compile(r"\b(?:my (?:mistake|fault|miss|error)|(?:was|is) (?:on )?me\b|i was wrong|"
                                 r"i got it wrong|(?:it|that) was mine)")
"""Owning a setback outright ("that was my mistake"): in a Reflection it says the story is a failure of the
speaker's own, where "next time I would" is hindsight any story has."""

CONFLICT_LEMMAS = {"disagree", "disagreement", "conflict", "argue", "argument", "clash", "dispute", "object",
                   "objection", "oppose", "resist", "refuse", "overrule", "block", "tension", "friction",
                   "frustrate", "frustration", "furious", "upset", "defensive", "heated", "debate", "challenge",
                   "confront", "escalate", "mediate", "compromise", "pushback", "odds", "contest", "dismiss",
                   "veto", "protest", "fight", "split", "skeptical", "resentment", "tense", "criticize",
                   "criticise", "unfair"}
"""Lemmas of disagreement and its resolution."""

CONFLICT_PHRASES = re.compile(r"\b(?:push(?:ed|ing)? back|said no|say no|told (?:him|her|them|the \w+) no|"
                              r"back and forth|middle ground|split the difference|(?:didn'?t|did not|wouldn'?t|"
                              r"don'?t) (?:agree|accept|want)|(?:his|her|their) side|both sides|"
                              r"(?:thought|felt|believed) (?:that )?(?:it|this|that|the \w+) was (?:a mistake|wrong|"
                              r"too risky|unrealistic)|went against|stand up to|stood up to|not (?:his|her|their) "
                              r"problem|took credit)\b")
"""Phrases of disagreement the lemmas miss."""

DEVELOP_LEMMAS = {"mentor", "mentee", "coach", "teach", "train", "tutor", "guide", "sponsor", "pair", "shadow",
                  "onboard", "feedback", "delegate", "develop", "grow", "nurture", "mentorship", "mentoring",
                  "apprentice", "protégé", "confidence", "encourage", "empower", "vouch", "career", "stretch"}
"""Lemmas of helping someone grow."""

GROWTH_VERBS = {"grow", "promote", "lead", "run", "own", "present", "become", "learn", "improve", "take",
                "step", "shine", "captain", "mentor", "coach", "succeed"}
"""Verbs whose third-person subject is someone growing."""

NONWORK_LEMMAS = {"volunteer", "volunteering", "charity", "club", "league", "hobby", "weekend", "neighbourhood",
                  "neighborhood", "neighbour", "neighbor", "community", "church", "mosque", "temple", "synagogue",
                  "scout", "choir", "band", "marathon", "family", "daughter", "son", "kid", "child", "wife",
                  "husband", "father", "mother", "dad", "mom", "mum", "parent", "grandmother", "grandfather",
                  "niece", "nephew", "sister", "brother", "spare", "personal", "fundraiser", "fundraising",
                  "nonprofit", "pantry", "shelter", "hospice", "open-source", "hackathon", "rec", "amateur",
                  "garden", "home", "house", "holiday", "vacation", "trip", "friend", "university", "college",
                  "teenager", "sophomore", "association", "pta", "troop", "coop", "co-op", "treasurer"}
"""Lemmas of life outside work."""

WORK_LEMMAS = {"company", "employer", "job", "role", "manager", "director", "vp", "ceo", "cto", "client",
               "customer", "team", "colleague", "office", "salary", "revenue", "quarter", "sprint", "roadmap",
               "production", "deploy", "stakeholder", "shift", "unit", "department", "org", "organization",
               "organisation", "startup", "contract", "deal", "quota", "boss", "hire", "hiring", "career",
               "promotion", "performance", "budget", "board", "audit", "compliance", "vendor", "release"}
"""Lemmas of the workplace."""

OUTSIDE_WORK = re.compile(r"\b(?:outside (?:of )?(?:my |your |the )?(?:work|job|day job|office)|"
                          r"outside (?:my|your) (?:day |teaching |nursing )?job|not (?:really )?from work|"
                          r"rather than (?:from )?my job|(?:my|your) (?:own|free|spare) time|side project|"
                          r"personal (?:life|project|challenge)|away from (?:work|the office|your job)|"
                          r"not from the (?:hospital|office|clinic|classroom))\b")
"""Phrases that put a story outside work."""

AT_WORK = re.compile(r"\b(?:at work|on the job|at (?:my|your) (?:job|company|workplace|employer)|in (?:my|your) "
                     r"(?:job|workplace|current (?:role|job|position))|(?:my|your) (?:employer|workplace))\b")
"""Phrases that put a story at work."""
LEADERSHIP = {"manager", "boss", "director", "vp", "ceo", "cto", "cfo", "cpo", "coo", "cio", "ciso", "executive",
              "exec", "leadership", "founder", "president", "board", "supervisor", "superintendent", "dean",
              "chair", "chief", "principal", "gm", "management", "head", "leader", "owner", "partner", "lead",
              "skip"}
"""Nouns that can name someone above the speaker (qualified by the parse: see `offq_features.is_leadership`)."""

PEER_MANAGER = {"product", "program", "project", "account", "hiring", "community", "office", "contact", "case",
                "store", "release", "marketing", "brand", "property", "asset", "success", "shift", "general"}
"""Compounds that make "X manager" / "X lead" a colleague's job title rather than the speaker's boss."""

PEERS = {"peer", "colleague", "coworker", "co-worker", "teammate", "counterpart", "engineer", "designer",
         "analyst", "scientist", "developer", "architect", "volunteer", "member", "nurse", "teacher", "coach",
         "team", "teams", "consultant", "contractor", "vendor", "partner", "researcher", "pm", "sre", "producer",
         "department", "group", "function", "side", "parent", "neighbour", "neighbor", "committee"}
"""Nouns naming people at the speaker's level or on another team."""

PEER_MARKERS = {"fellow"}
"""Modifiers that make any noun a peer ("a fellow pharmacist")."""

MENTEES = {"report", "mentee", "junior", "intern", "apprentice", "trainee", "grad", "hire", "student",
           "assistant", "protégé", "protege", "newcomer", "sophomore", "freshman", "resident", "fellow",
           "learner", "player", "kid", "se"}
"""Nouns naming someone the speaker manages, teaches or mentors."""

CUSTOMERS = {"customer", "client", "user", "buyer", "patient", "claimant", "merchant", "shopper", "guest",
             "subscriber", "account", "family", "families", "player", "donor", "tenant", "carrier", "shipper"}
"""Nouns naming the people served."""

GROUPS = {"team", "teams", "department", "group", "function", "side", "org", "organization", "organisation", "squad",
          "crew", "unit"}
"""Nouns naming a group: "my team", "our department", the team "I ran" is the speaker's own side."""

LEAD_VERBS = {"lead", "run", "manage", "head", "own", "supervise"}
"""Verbs whose object, with the speaker as subject, is the speaker's own group ("I ran the platform team")."""

GUIDES = {"manager", "lead", "mentor", "coach", "supervisor", "teacher", "tutor"}
"""Nouns that, as "his/her X" after "as", make the speaker the guide of the person named ("as her mentor")."""
