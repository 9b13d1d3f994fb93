"""The compute budget on the real pipeline and model: what it sheds, what it reports, what it never drops."""

from __future__ import annotations

import difflib
import json
import re
import subprocess
import sys

import pytest

from mockinterview.audio.budget import SHED_ORDER, BudgetSettings
from mockinterview.audio.pipeline import PipelineSettings, transcribe_file
from mockinterview.session.scoring import score_recording

pytestmark = pytest.mark.model

ALWAYS_BEHIND = BudgetSettings(shed_behind_s=0.0, shed_step_s=0.0, probe_interval_s=0.2)
"""A budget that takes every commit for late: it sheds one more kind of work at every step."""


def test_a_budget_that_sheds_everything_still_commits_every_utterance(short_answer, whisper_model):
    path, gold = short_answer
    t = transcribe_file(path, pace=2, model=whisper_model, settings=PipelineSettings(budget=ALWAYS_BEHIND))
    # greedy commits hear a word or two differently ("day to base" for "database"): close, not exact
    script = re.sub(r"[^a-z ]", "", " ".join(s["text"] for s in gold["sentences"]).lower()).split()
    heard = re.sub(r"[^a-z ]", "", t.text.lower()).split()
    assert difflib.SequenceMatcher(None, script, heard).ratio() >= 0.75, t.text
    assert set(t.stats.shed) == set(SHED_ORDER)
    # deferred hesitation passes run in the silences; only a slow machine leaves some never run
    assert t.stats.shed["beam"] >= 1 and t.stats.shed["hesitation_pass"] >= 0
    assert t.stats.threads >= 1
    report = score_recording(t, question="Tell me about a slow page you fixed.")
    expected = {"transcript"} | ({"fillers"} if t.stats.shed["hesitation_pass"] else set())
    assert set(report.pipeline["less_certain"]) == expected
    assert report.pipeline["behind_s_max"] >= 0


def test_an_unpaced_file_sheds_nothing_and_reports_the_budget(short_answer):
    proc = subprocess.run([sys.executable, "-m", "mockinterview", "transcribe", str(short_answer[0]), "--json"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    pipeline = json.loads(proc.stdout)["pipeline"]
    assert pipeline["shed"] == {kind: 0 for kind in SHED_ORDER}
    assert pipeline["behind_s_max"] >= 0 and pipeline["less_certain"] == []
