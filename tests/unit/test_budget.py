"""The transcriber's compute budget: shedding and restoring work, measured speeds, the thread choice."""

from __future__ import annotations

import pytest

from mockinterview.audio.budget import SHED_ORDER, BudgetSettings, ComputeBudget, threads_for


class FixedProbe:
    """Other processes keep a given number of cores busy (a stand-in for the system's CPU times)."""

    def __init__(self, busy: float) -> None:
        self.busy = busy

    def others_busy(self) -> float:
        return self.busy


def test_falling_behind_sheds_in_order_one_step_at_a_time():
    s = BudgetSettings()
    b = ComputeBudget(s)
    t = 0.0
    b.observe_behind(s.shed_behind_s + 1, t)
    assert b.sheds("hesitation_pass") and not b.sheds("partials")
    b.observe_behind(s.shed_behind_s + 1, t + s.shed_step_s / 2)
    assert b.level == 1, "one step per shed_step_s"
    for k in range(2, len(SHED_ORDER) + 2):
        b.observe_behind(s.shed_behind_s + 1, t + k * s.shed_step_s)
    assert b.level == len(SHED_ORDER) and all(b.sheds(kind) for kind in SHED_ORDER)
    assert b.behind_max_s == s.shed_behind_s + 1


def test_work_is_restored_after_keeping_up_with_idle_time():
    s = BudgetSettings()
    b = ComputeBudget(s)
    b.observe_behind(s.shed_behind_s, 0.0)
    b.observe_behind(s.shed_behind_s, s.shed_step_s)
    assert b.level == 2
    b.observe_behind(0.0, 10.0)
    b.observe_behind(0.0, 10.0 + s.restore_after_s - 0.1)
    assert b.level == 2, "not before restore_after_s of keeping up"
    b.observe_behind(0.0, 10.0 + s.restore_after_s)
    assert b.level == 1, "the last kind shed comes back first"
    assert b.sheds("hesitation_pass") and not b.sheds("partials")


def test_a_busy_worker_keeps_its_work_shed_even_when_caught_up():
    s = BudgetSettings()
    b = ComputeBudget(s)
    b.observe_behind(s.shed_behind_s, 0.0)
    b.worked("commit", 0.0, 100.0 + s.restore_after_s, 10.0)  # busy all the time
    b.observe_behind(0.0, 100.0)
    b.observe_behind(0.0, 100.0 + s.restore_after_s)
    assert b.level == 1


def test_lag_between_the_thresholds_neither_sheds_nor_restores():
    s = BudgetSettings()
    b = ComputeBudget(s)
    b.observe_behind(s.shed_behind_s, 0.0)
    middle = (s.shed_behind_s + s.restore_behind_s) / 2
    for k in range(1, 30):
        b.observe_behind(middle, k * s.restore_after_s)
    assert b.level == 1


def test_an_inactive_budget_never_sheds_but_still_measures():
    b = ComputeBudget(BudgetSettings(), active=False)
    b.observe_behind(60.0, 0.0)
    b.observe_behind(60.0, 10.0)
    assert b.level == 0 and not b.sheds("hesitation_pass")
    assert b.behind_max_s == 60.0


def test_speeds_are_measured_per_kind_of_decode():
    b = ComputeBudget(BudgetSettings())
    assert b.expected_s("commit", 5.0) is None
    b.worked("commit", 0.0, 1.0, 10.0)
    assert b.expected_s("commit", 5.0) == pytest.approx(0.5)
    assert b.expected_s("hesitations", 5.0, "commit") == pytest.approx(0.5), "falls back to the commit speed"
    b.worked("partial", 1.0, 1.1, 0.2)  # too little audio to say anything of the speed
    assert b.expected_s("partial", 1.0) is None
    assert b.busy_share(1.1) == pytest.approx(1.1 / BudgetSettings().busy_window_s)


@pytest.mark.parametrize(("cores", "busy", "threads"), [
    (2, 0.0, 2), (2, 0.3, 2), (2, 0.5, 1), (2, 1.0, 1), (2, 2.0, 1), (4, 1.0, 3), (8, 0.2, 8), (1, 0.0, 1),
])
def test_threads_follow_the_free_cores(cores, busy, threads):
    assert threads_for(cores, busy, BudgetSettings().free_core_tolerance) == threads


def test_threads_are_capped_by_the_setting():
    assert threads_for(8, 0.0, 0.4, most=2) == 2


def test_the_thread_choice_changes_only_when_seen_twice():
    s = BudgetSettings()
    probe = FixedProbe(0.0)
    b = ComputeBudget(s, probe=probe)
    b.cores = 2
    assert b.choose_threads(0.0) == 2, "the first choice is taken at once"
    probe.busy = 1.0
    assert b.choose_threads(s.probe_interval_s / 2) is None, "not before probe_interval_s"
    assert b.choose_threads(s.probe_interval_s) is None, "a change seen once"
    assert b.choose_threads(2 * s.probe_interval_s) == 1
    probe.busy = 0.0
    assert b.choose_threads(3 * s.probe_interval_s) is None
    probe.busy = 1.0
    assert b.choose_threads(4 * s.probe_interval_s) is None, "a blip does not switch back"
