"""`mockinterview export SESSION_ID --format md|json`: a session for review or for other tools.

Markdown holds, per question: status, scores, delivery figures, the transcript by STAR section with
fillers marked, the feedback with the speaker's own words, and the follow-ups with their answers; then the
session debrief (after two or more answered questions). JSON adds the debrief as "debrief".
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

import click

from mockinterview.errors import StoreError
from mockinterview.formatting import mmss, printable
from mockinterview.report import LABEL_NAMES, SCORE_NAMES, AnswerReport, Section
from mockinterview.session.debrief import Debrief, debrief_for
from mockinterview.storage.paths import FILE_MODE, db_path, resolve_home
from mockinterview.storage.records import AnswerRecord, AnswerStatus, QuestionRecord, SessionRecord
from mockinterview.storage.store import open_store, store_exists
from mockinterview.types import QuestionKind, Word

SCORE_ORDER = ("overall", *SCORE_NAMES, "length")
FILLER_MARK = "~~{}~~"
"""How a filler is marked in the Markdown transcript (struck through)."""


def _marked(words: Sequence[Word]) -> str:
    return " ".join(FILLER_MARK.format(w.text) if w.filler else w.text for w in words)


def _words(answer: AnswerRecord) -> list[Word]:
    """The answer's words with fillers marked: the report's marks, or the detector's for unscored answers."""
    if answer.report is not None and answer.report.delivery.words:
        return answer.report.delivery.words
    if answer.words and not any(w.filler for w in answer.words):
        from mockinterview.analysis.delivery.fillers import mark_fillers

        return mark_fillers(answer.words)[0]
    return answer.words


def _by_section(words: Sequence[Word], sections: Sequence[Section]) -> list[tuple[Section, list[Word]]]:
    """Each section with the words whose middle falls in it (words between sections go to the nearest)."""
    out: list[tuple[Section, list[Word]]] = [(s, []) for s in sections]
    for w in words:
        mid = (w.start + w.end) / 2
        best = min(range(len(sections)), key=lambda k: 0.0 if sections[k].start <= mid <= sections[k].end
                   else min(abs(mid - sections[k].start), abs(mid - sections[k].end)))
        out[best][1].append(w)
    return out


def _scores_table(scores: Mapping[str, float]) -> list[str]:
    names = [n for n in SCORE_ORDER if n in scores] + sorted(n for n in scores if n not in SCORE_ORDER)
    if not names:
        return []
    return ["| " + " | ".join(names) + " |", "|" + "---|" * len(names),
            "| " + " | ".join(f"{float(scores[n]):.0f}" for n in names) + " |", ""]


def _delivery(report: AnswerReport, followup: bool) -> list[str]:
    d, f = report.delivery, report.delivery.fillers
    by_word = ", ".join(f"{k} x{v}" for k, v in f.by_word.items())
    lines = [
        f"- Duration {mmss(d.duration_s)} ({d.window}), speaking {mmss(d.speaking_s)}, {d.wpm:.0f} words per minute",
        f"- Fillers: {f.total} ({f.per_minute:.1f} per minute){': ' + by_word if by_word else ''}",
    ]
    if d.pauses:
        lines.append("- Long pauses: " + ", ".join(f"{mmss(p.start)}-{mmss(p.end)}" for p in d.pauses))
    if report.prosody is not None:
        lines.append(f"- Voice: {report.prosody.summary()}")
    share = report.section_share
    if share and not followup:  # a follow-up answer is judged on delivery and length, not structure
        lines.append("- Time by section: " + ", ".join(f"{LABEL_NAMES[k]} {v:.0%}" for k, v in share.items() if v))
    if report.flags:
        lines.append("- Flags: " + ", ".join(report.flags))
    return lines + [""]


def _transcript(answer: AnswerRecord) -> list[str]:
    words = _words(answer)
    if not words:
        return ["_No words were captured._", ""]
    sections = answer.report.sections if answer.report is not None and answer.kind == QuestionKind.MAIN else []
    lines: list[str] = []
    if sections:
        for section, sw in _by_section(words, sections):
            if not sw:
                continue
            name = LABEL_NAMES[section.label]
            lines += [f"**{name}** ({mmss(section.start)}-{mmss(section.end)})", "", f"> {_marked(sw)}", ""]
    else:
        lines += [f"> {_marked(words)}", ""]
    return lines


def _answer(answer: AnswerRecord, level: str) -> list[str]:
    overall = "" if answer.overall is None else f" · overall {answer.overall:.0f}/100"
    status = answer.status.reported
    lines = [f"_{status} · {mmss(answer.duration_s)} · {len(answer.words)} words{overall}_", ""]
    if status == AnswerStatus.INCOMPLETE:
        lines += [f"Incomplete: {answer.incomplete_reason or 'not finished'}. Everything captured up to that "
                  "moment is kept below.", ""]
    report = answer.report
    scores: Mapping[str, float] = answer.scores or (report.scores if report is not None else {})
    if scores:
        lines += [f"{level} Scores", "", *_scores_table(scores)]
    if report is not None:
        lines += [f"{level} Delivery", "", *_delivery(report, answer.kind == QuestionKind.FOLLOWUP)]
    lines += [f"{level} Transcript", "", "Fillers are struck through.", "", *_transcript(answer)]
    if report is not None and report.feedback:
        lines += [f"{level} Feedback", ""]
        for fb in report.feedback:
            quote = f' - "{fb.quote}"' if fb.quote else ""
            lines.append(f"- **{fb.kind}**: {fb.message}{quote}")
        lines.append("")
    if report is not None and report.followups:
        lines += [f"{level} Suggested follow-ups", "", *(f"- {q}" for q in report.followups), ""]
    if answer.recording_path:
        lines += [f"Recording: `{answer.recording_path}`", ""]
    return lines


def render_markdown(session: SessionRecord, debrief: Debrief | None = None) -> str:
    """The session as a Markdown review document, ending with its debrief when there is one."""
    extra = "".join(f" · {k} {v}" for k, v in (("seed", session.seed), ("bank", session.bank)) if v is not None)
    lines = [f"# Session {session.id}: {session.mode}", "",
             f"Started {session.started_at.replace('T', ' ')}{extra}", ""]
    followups: dict[int, list[QuestionRecord]] = {}
    for q in session.questions:
        if q.kind == QuestionKind.FOLLOWUP and q.parent_id is not None:
            followups.setdefault(q.parent_id, []).append(q)
    n = 0
    for q in session.questions:
        if q.kind == QuestionKind.FOLLOWUP and q.parent_id in {x.id for x in session.questions}:
            continue
        n += 1
        category = f" ({q.category})" if q.category else ""
        lines += [f"## {n}. {q.text}{category}", ""]
        lines += _question_answers(q, "###")
        for k, fq in enumerate(followups.get(q.id, []), 1):
            lines += [f"### Follow-up {n}.{k}: {fq.text}", ""]
            lines += _question_answers(fq, "####")
    if n == 0:
        lines += ["_No questions were asked in this session._", ""]
    if debrief is not None:
        lines += debrief.markdown()
    return "\n".join(lines).rstrip() + "\n"


def _question_answers(q: QuestionRecord, level: str) -> list[str]:
    if not q.answers:
        return ["_Not answered._", ""]
    lines: list[str] = []
    for k, a in enumerate(q.answers, 1):
        if len(q.answers) > 1:
            lines += [f"{level} Attempt {k}", ""]
        lines += _answer(a, level + ("#" if len(q.answers) > 1 else ""))
    return lines


@click.command("export")
@click.argument("session_id", type=int)
@click.option("--format", "fmt", type=click.Choice(["md", "json"]), default="md", show_default=True,
              help="Markdown for reading, JSON for tools.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file (0600) instead of standard output.")
def export(session_id: int, fmt: str, output: Path | None) -> None:
    """Export one session: transcripts with fillers marked, sections, scores and feedback."""
    if not store_exists():
        raise StoreError(f"{db_path(resolve_home())}: no sessions stored yet; record one with "
                         "`mockinterview practice` (or set MOCKINTERVIEW_HOME)")
    with open_store() as store:
        session = store.get_session(session_id)
        debrief = debrief_for(store, session)
    data = session.to_json() | ({"debrief": debrief.to_json()} if debrief is not None else {})
    # JSON escapes control characters itself; the Markdown shows them as escapes, never raw to a terminal
    text = json.dumps(data, indent=1) + "\n" if fmt == "json" else printable(render_markdown(session, debrief))
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        os.fchmod(fd, FILE_MODE)  # an existing file keeps its mode on open: the export is private all the same
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
    except OSError as exc:
        raise StoreError(f"{output}: cannot write the export ({exc.strerror or exc}); choose another path") \
            from exc
    click.echo(f"wrote {output}", err=True)


COMMANDS = [export]
