"""Scores 0-100: structure, ownership, impact, reflection, delivery and overall, by documented formulas.

structure  = sum of the part weights present (S, T, A, R, a genuine reflection X, and Action being largest)
             - long_situation_per_point * (percentage points of Situation above the target share)
             - late_challenge_penalty when the challenge starts after the target time
ownership  = ownership_base + ownership_span * I/(I+we) in the Action part (ownership_no_pronoun when neither)
             - blame_penalty x (1 when blame is flagged, else the answer's blame probability over the blame
             threshold) - missing_task_penalty when no Task part
impact     = impact_base + impact_per_quantity * min(result figures, impact_max_quantities)
             + change_bonus for a before/after change - vague_penalty per vague result line without a figure
             (impact_no_result when no Result part at all); a hedged estimate is a figure
reflection = 0 without a reflection; else reflection_base + depth_bonus for two or more reflection lines
             + owned_bonus when no reflection line blames others
delivery   = 100 - window penalty - filler_penalty_per_min * (fillers/min above the fluent rate, capped)
             - pace_penalty_per_wpm * (wpm outside the comfortable band, capped) - pause_penalty per long pause
             (the window, the fluent rate and the band are `CoachingTargets`)
overall    = weighted mean of the five (weights below) - generic_penalty when the story is generic
Every score is clamped to 0..100 and rounded.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mockinterview.analysis.star.flags import Findings
from mockinterview.analysis.targets import DEFAULT_TARGETS, CoachingTargets
from mockinterview.report import Delivery, Flag, Label


def _part_weights() -> dict[str, float]:
    return {"S": 15.0, "T": 15.0, "A": 25.0, "R": 20.0, "X": 15.0, "A_largest": 10.0}


def _overall_weights() -> dict[str, float]:
    return {"structure": 0.20, "ownership": 0.20, "impact": 0.25, "reflection": 0.15, "delivery": 0.20}


def _window_penalties() -> dict[str, float]:
    return {"rushed": 25.0, "ideal": 0.0, "long": 10.0, "over": 30.0}


@dataclass(frozen=True, slots=True)
class ScoreSettings:
    """Weights and penalties of the score formulas (see the module docstring)."""

    part_weights: dict[str, float] = field(default_factory=_part_weights)
    """Points for each part present (speaking share above `part_min_share`) and for Action being largest."""

    part_min_share: float = 0.02
    """A part counts as present when it holds at least this share of the speaking time."""

    long_situation_per_point: float = 1.0
    """Structure points lost per percentage point of Situation above the target share."""

    late_challenge_penalty: float = 10.0
    """Structure points lost when the challenge (first unit neither S nor O) starts after the target time."""

    ownership_base: float = 40.0
    """Ownership with no "I" in the actions."""

    ownership_span: float = 60.0
    """Ownership added as I/(I+we) in the actions goes from 0 to 1."""

    ownership_no_pronoun: float = 60.0
    """Ownership when the actions have neither "I" nor "we"."""

    blame_penalty: float = 30.0
    """Ownership points lost when blame is flagged (and in proportion to the blame probability when it is not:
    one sentence that pins the failure on others costs points even when it is not enough for the flag)."""

    missing_task_penalty: float = 10.0
    """Ownership points lost when the speaker never states their own role (no Task part)."""

    impact_base: float = 30.0
    """Impact with a Result part but no figure in it."""

    impact_per_quantity: float = 20.0
    """Impact per quantity stated in the Result part..."""

    impact_max_quantities: int = 3
    """...counting at most this many."""

    change_bonus: float = 15.0
    """Impact added for a before/after change ("from 4.2 s to 1.1 s", "cut by 30%")."""

    vague_penalty: float = 10.0
    """Impact lost per vague result line with no figure ("it was successful")."""

    impact_no_result: float = 10.0
    """Impact when there is no Result part at all."""

    reflection_base: float = 60.0
    """Reflection score for any reflection."""

    depth_bonus: float = 20.0
    """Added when there are two or more reflection lines."""

    owned_bonus: float = 20.0
    """Added when the reflection is about the speaker, not a complaint (no reflection line is quoted as blame)."""

    window_penalties: dict[str, float] = field(default_factory=_window_penalties)
    """Delivery points lost per length window verdict (the targets' window)."""

    filler_penalty_per_min: float = 8.0
    """Delivery points lost per filler per minute above the targets' fluent rate..."""

    filler_penalty_max: float = 40.0
    """...at most this many."""

    pace_penalty_per_wpm: float = 0.5
    """Delivery points lost per word per minute outside the targets' comfortable band..."""

    pace_penalty_max: float = 20.0
    """...at most this many."""

    pause_penalty: float = 3.0
    """Delivery points lost per long pause (over 2 s)..."""

    pause_penalty_max: float = 12.0
    """...at most this many."""

    overall_weights: dict[str, float] = field(default_factory=_overall_weights)
    """Weights of the five scores in the overall score (they sum to 1)."""

    generic_penalty: float = 8.0
    """Overall points lost when the story is generic (no named system, tool or detail)."""


def _clamp(v: float) -> int:
    return int(round(max(0.0, min(100.0, v))))


def score_all(share: dict[Label, float], f: Findings, delivery: Delivery,
              settings: ScoreSettings = ScoreSettings(), targets: CoachingTargets = DEFAULT_TARGETS) -> dict[str, int]:
    """The six scores from the section shares, the flag findings and the delivery figures."""
    s = settings
    pw = s.part_weights
    structure = sum(pw[k] for k in "STAR" if share.get(Label(k), 0.0) >= s.part_min_share)
    if share.get(Label.X, 0.0) >= s.part_min_share and f.reflection_quotes:
        structure += pw[Label.X]
    action = share.get(Label.A, 0.0)
    if action > 0 and action >= max(share.get(Label(k), 0.0) for k in "STRX"):
        structure += pw["A_largest"]
    over = share.get(Label.S, 0.0) - targets.situation_share
    if over > 0:
        structure -= s.long_situation_per_point * over * 100
    if f.challenge_after_s is None or f.challenge_after_s > targets.challenge_by_s:
        structure -= s.late_challenge_penalty

    total = f.action_i + f.action_we
    ownership = s.ownership_base + s.ownership_span * f.action_i / total if total else s.ownership_no_pronoun
    ownership -= s.blame_penalty * (1.0 if Flag.BLAME in f.flags else min(1.0, f.blame_score / f.blame_threshold))
    if share.get(Label.T, 0.0) < s.part_min_share:
        ownership -= s.missing_task_penalty

    if not f.result_text:
        impact = s.impact_no_result
    else:
        n = min(len(f.result_quantities), s.impact_max_quantities)
        impact = s.impact_base + s.impact_per_quantity * n + (s.change_bonus if f.has_change else 0.0)
        impact -= s.vague_penalty * len(f.vague_results)

    if not f.reflection_quotes:
        reflection = 0.0
    else:
        reflection = s.reflection_base
        reflection += s.depth_bonus if len(f.reflection_quotes) >= 2 else 0.0
        reflection += s.owned_bonus if not set(f.blame_quotes) & set(f.reflection_quotes) else 0.0

    d = delivery
    delivery_score = 100.0 - s.window_penalties[d.window]
    delivery_score -= min(s.filler_penalty_max,
                          s.filler_penalty_per_min * max(0.0, d.fillers.per_minute - targets.fluent_per_min))
    lo, hi = targets.comfortable_wpm
    off = max(0.0, lo - d.wpm, d.wpm - hi) if d.wpm > 0 else 0.0
    delivery_score -= min(s.pace_penalty_max, s.pace_penalty_per_wpm * off)
    delivery_score -= min(s.pause_penalty_max, s.pause_penalty * len(d.pauses))

    parts = {
        "structure": _clamp(structure), "ownership": _clamp(ownership), "impact": _clamp(impact),
        "reflection": _clamp(reflection), "delivery": _clamp(delivery_score),
    }
    overall = sum(s.overall_weights[k] * v for k, v in parts.items())
    if Flag.GENERIC in f.flags:
        overall -= s.generic_penalty
    return {"overall": _clamp(overall), **parts}
