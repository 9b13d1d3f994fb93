"""The contract's flags, each decided by a documented rule and kept with the words that triggered it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from mockinterview.analysis.numbers import CHANGE, Quantity, find_quantities
from mockinterview.analysis.star.cues import CUES, pronoun_counts
from mockinterview.analysis.star.labeler import Unit
from mockinterview.analysis.star.section_timing import SectionTiming
from mockinterview.analysis.targets import DEFAULT_TARGETS, CoachingTargets
from mockinterview.report import Delivery, Flag, Label


@dataclass(frozen=True, slots=True)
class FlagSettings:
    """How the judgement flags decide. The time, share and rate limits are `CoachingTargets`: long_situation
    is a Situation share above `situation_share` or a challenge later than `challenge_by_s`; too_short and
    too_long are a duration under `ideal_from_s` or over `over_from_s`; filler_heavy is `filler_heavy_per_min`
    or more."""

    long_situation_min_s: float = 20.0
    """long_situation by share only when the Situation itself lasts at least this long: a 15 s setup in a
    one-minute answer is a large share but not "history instead of the challenge"."""

    we_heavy_min_we: int = 3
    """we_heavy needs at least this many "we" in the Action part..."""

    we_heavy_ratio: float = 0.5
    """...and "we" making up at least this share of "I" + "we" there."""

    generic_min_concrete: int = 3
    """generic: fewer than this many distinct named systems, tools or technical terms in the whole answer."""

    blame_min_points: float = 2.0
    """blame: blame cues adding up to this many points (strong cues 2, weaker ones 1)."""


BLAME_CUES: tuple[tuple[float, str], ...] = (
    (2.0, r"\b(?:not|wasn'?t|isn'?t|was not|is not) (?:really |entirely )?(?:my|our|its|the team'?s) fault\b"),
    (2.0, r"\bif (?:the|they|he|she|other|our|aws|\w+'s) [^.]{0,60}?had (?:done|been|given|stayed|listened|told|"
          r"delivered|followed|responded|made)\b"),
    (2.0, r"\b(?:didn'?t|did not|never) (?:do|did) their (?:part|job)\b|\bdone their part\b"),
    (2.0, r"\b(?:out of|outside (?:of )?) ?(?:my|our) control\b|\bgot blamed for\b|\bunder the bus\b"),
    (2.0, r"\bhad not taken it seriously\b|\bdidn'?t take it seriously\b"),
    (1.0, r"\bwithout (?:telling|asking|consulting|informing|involving) (?:anyone|us|me)\b"),
    (2.0, r"\b(?:didn'?t|did not|never) (?:treat|see|consider) it as a priority\b"),
    (1.0, r"\bwas (?:not|n'?t) realistic\b|\bunrealistic\b"),
    (1.0, r"\btook \w+ (?:days|weeks) to (?:even )?(?:respond|reply|answer)\b"),
    (1.0, r"\b(?:the )?requirements (?:kept )?chang|\bkept changing\b"),
    (1.0, r"\b(?:didn'?t|did not) (?:have|give us|get) enough (?:resources|time|people|headcount|support)\b"),
    (1.0, r"\b(?:damage|mistakes?) (?:was|were) (?:already )?(?:done|made) before\b|"
          r"\bbefore i (?:arrived|got there)\b"),
    (1.0, r"\b(?:very |really |too )?(?:rigid|incompetent|unreasonable|difficult to work with)\b"),
    (1.0, r"\b(?:constantly|always|kept) (?:delayed|late|slipping)\b|\bnever approved\b"),
    (1.0, r"\bbecause (?:the|they|he|she|our|other) [\w ]{0,30}(?:didn'?t|did not|never|wouldn'?t|refused)\b"),
)
"""(points, pattern): words that pin a failure on other people or circumstances."""

OWNING = re.compile(r"\bi should have\b|\bmy (?:mistake|fault|decision|call)\b|\bi (?:missed|skipped|owned)\b|"
                    r"\binstead of (?:blaming|framing)\b|\btook responsibility\b")
"""Sentences that own the failure; blame cues inside them do not count."""

_TECH_WORDS = """
api apis sdk endpoint endpoints database databases sql nosql postgres postgresql mysql sqlite redis kafka
cache caching cached queue queues latency p99 p95 p50 throughput index indexes schema shard sharding replica
kubernetes k8s docker container containers pod pods cluster clusters terraform ansible ci cd pipeline pipelines
jenkins circleci github gitlab aws gcp azure s3 ec2 lambda ses sns sqs dynamodb cdn dns tls http https grpc rest
graphql json csv microservice microservices monolith serverless canary rollback rollout runbook postmortem
pagerduty datadog grafana prometheus splunk sentry airflow snowflake spark flink bigquery dbt elasticsearch
solr django rails react android ios swift kotlin java golang go rust python typescript javascript node
heap gc profiler pprof benchmark benchmarks fuzzing parser compiler regex websocket webhook oauth sso saml
xgboost model retrain retrained shadow drift alerting alerts alert dashboard dashboards sla slo slos sli
stripe twilio sendgrid launchdarkly amplitude greenhouse jira bazel testcontainers dag dags etl warehouse
load-test idempotent idempotency serializer encoder allocations allocation memory cpu deploy deploys
deployment ansible vm vms iops disk ssd bandwidth nginx haproxy envoy istio linkerd mongodb cassandra
"""
TECH_TERMS = frozenset(_TECH_WORDS.split())
"""Named systems, tools and technical terms that make a story concrete."""

PROPER_STOP = frozenset({
    "I", "I'm", "I'd", "I've", "I'll", "VP", "CTO", "CEO", "CFO", "PM", "HR", "OK", "Okay", "So", "And", "But",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October", "November", "December", "Q1", "Q2", "Q3",
    "Q4", "Um", "Uh", "Then", "The", "We", "It", "My", "Our",
})
"""Capitalised words that are not named systems or tools."""


@dataclass(slots=True)
class Findings:
    """What the flag rules saw, kept so feedback can quote it."""

    flags: list[Flag] = field(default_factory=list)
    action_i: int = 0
    action_we: int = 0
    we_quotes: list[str] = field(default_factory=list)
    result_quantities: list[Quantity] = field(default_factory=list)
    result_text: str = ""
    has_change: bool = False
    vague_results: list[str] = field(default_factory=list)
    reflection_quotes: list[str] = field(default_factory=list)
    blame_quotes: list[str] = field(default_factory=list)
    blame_points: float = 0.0
    concrete: list[str] = field(default_factory=list)
    situation_share: float = 0.0
    challenge_after_s: float | None = None


def _sentences_of(units: Sequence[Unit], labels: str) -> list[str]:
    return [u.text for u in units if u.label in labels]


def concrete_terms(units: Sequence[Unit]) -> list[str]:
    """Distinct named systems, tools and technical terms, in order of first mention."""
    seen: dict[str, str] = {}
    for u in units:
        for i, w in enumerate(u.words):
            raw = w.text.strip(".,!?;:\"'()")
            low = raw.lower()
            named = (i > 0 and raw[:1].isupper() and raw not in PROPER_STOP and not u.words[i - 1].text.endswith(
                (".", "?", "!")))
            if (low in TECH_TERMS or named) and low not in seen:
                seen[low] = raw
    return list(seen.values())


_REFLECT = re.compile(CUES["x_reflect"][1] + "|" + CUES["x_general"][1])
_VAGUE = re.compile(CUES["r_vague"][1])


def _blame(units: Sequence[Unit]) -> tuple[float, list[str]]:
    points, quotes = 0.0, []
    for u in units:
        low = u.text.lower().replace("’", "'")
        if OWNING.search(low):
            continue
        for pts, rx in BLAME_CUES:
            if re.search(rx, low):
                points += pts
                quotes.append(u.text)
                break
    return points, quotes


def find_flags(units: Sequence[Unit], timing: SectionTiming, delivery: Delivery,
               settings: FlagSettings = FlagSettings(), targets: CoachingTargets = DEFAULT_TARGETS) -> Findings:
    """Apply every flag rule; the returned findings hold the flags (contract order) and their evidence."""
    f = Findings()
    s = settings
    f.situation_share = timing.share.get(Label.S, 0.0)
    f.challenge_after_s = timing.challenge_after_s
    for u in units:
        if u.label == Label.A:
            n_i, n_we = pronoun_counts(u.text)
            f.action_i += n_i
            f.action_we += n_we
            if n_we > n_i:
                f.we_quotes.append(u.text)
    results = _sentences_of(units, Label.R)
    f.result_text = " ".join(results)
    f.result_quantities = [q for r in results for q in find_quantities(r)]
    f.has_change = any(CHANGE.search(r) for r in results)
    f.vague_results = [r for r in results if _VAGUE.search(r.lower()) and not find_quantities(r)]
    f.reflection_quotes = [u.text for u in units if u.label == Label.X and _REFLECT.search(u.text.lower())]
    f.blame_points, f.blame_quotes = _blame(units)
    f.concrete = concrete_terms(units)

    challenge_late = timing.challenge_after_s is None or timing.challenge_after_s > targets.challenge_by_s
    flags = {
        Flag.LONG_SITUATION: (f.situation_share > targets.situation_share
                              and timing.seconds.get(Label.S, 0.0) >= s.long_situation_min_s)
        or (challenge_late and bool(units)),
        Flag.WE_HEAVY: f.action_we >= s.we_heavy_min_we
        and f.action_we >= s.we_heavy_ratio * (f.action_i + f.action_we),
        Flag.NO_NUMBERS: not f.result_quantities,
        Flag.NO_REFLECTION: not f.reflection_quotes,
        Flag.BLAME: f.blame_points >= s.blame_min_points,
        Flag.GENERIC: len(f.concrete) < s.generic_min_concrete,
        Flag.TOO_SHORT: delivery.duration_s < targets.ideal_from_s,
        Flag.TOO_LONG: delivery.duration_s > targets.over_from_s,
        Flag.FILLER_HEAVY: delivery.fillers.per_minute >= targets.filler_heavy_per_min,
    }
    f.flags = [k for k, on in flags.items() if on]
    return f
