"""The drawing helpers: section timeline, transcripts with fillers and sections, window wording, inputs."""

from __future__ import annotations

from pathlib import Path

from ui_helpers import FIXTURES

from mockinterview.report import Label, Section
from mockinterview.session.inputs import FileInputs, sample_answer_path
from mockinterview.types import Word
from mockinterview.ui.widgets.timeline import timeline_bar
from mockinterview.ui.widgets.transcript import FILLER_STYLE, PARTIAL_STYLE, transcript_text

SECTIONS = [Section(Label.S, 0.0, 10.0, ""), Section(Label.A, 12.0, 30.0, ""), Section(Label.R, 30.0, 40.0, "")]


def test_timeline_is_proportional_with_a_letter_where_each_section_begins():
    bar = timeline_bar(SECTIONS, 40)
    assert len(bar.plain) == 40
    assert bar.plain.replace(" ", "") == "SAR"
    assert bar.plain.index("A") == 12 and bar.plain.index("R") == 30


def test_transcript_marks_fillers_and_greys_partials():
    words = [Word("So", 0.0, 0.2), Word("um", 0.3, 0.5), Word("I", 0.6, 0.7, filler=False), Word("led", 0.7, 1.0)]
    text = transcript_text(words, [Word("the", 1.1, 1.2)], filler_starts={0.0, 0.3})
    assert text.plain == "So um I led the"
    styles = {text.plain[s.start:s.end]: str(s.style) for s in text.spans}
    assert styles["So"] == FILLER_STYLE and styles["um"] == FILLER_STYLE
    assert styles[" the"] == PARTIAL_STYLE


def test_transcript_with_sections_puts_each_on_its_own_line():
    words = [Word("Context", 1.0, 1.5), Word("here.", 1.5, 2.0), Word("I", 13.0, 13.1), Word("built", 13.1, 13.5)]
    lines = transcript_text(words, sections=SECTIONS).plain.splitlines()
    assert lines[0].startswith(" S ") and "Context here." in lines[0]
    assert lines[1].startswith(" A ") and "I built" in lines[1]

def test_file_inputs_give_one_file_per_answer_then_run_out():
    inputs = FileInputs([FIXTURES / "store" / "followup_differently.flac"], pace=2)
    assert inputs.available() and "followup_differently.flac" in inputs.describe()
    source = inputs.open()
    assert inputs.describe(source).startswith("file followup_differently.flac")
    assert not inputs.available()


def test_the_sample_answer_ships_with_the_package():
    path = sample_answer_path()
    assert path.is_file() and path.suffix == ".flac"
    assert path.stat().st_size < 3_000_000
    assert Path(path).parent.name == "samples"
