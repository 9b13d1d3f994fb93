"""Bank loading and validation: good and broken files, error locations, discovery, shipped content."""

from __future__ import annotations

import itertools
import os
import re
from collections import Counter
from pathlib import Path

import pytest

from mockinterview.errors import BankError
from mockinterview.session import toml_lines
from mockinterview.session.banks import (
    ENV_BANKS,
    all_questions,
    check_path,
    discover,
    find_question,
    load_bank,
    load_banks,
    parse_bank,
    shipped_bank_dir,
    user_bank_dirs,
)
from mockinterview.storage.paths import HOME_ENV
from mockinterview.types import CATEGORIES, MUST_HAVE, PRINCIPLES

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "banks"
GOOD = FIXTURES / "good"
BROKEN = FIXTURES / "broken"
MARKER = re.compile(r"#\s*error:\s*(.+?)\s*$")


def expected_errors(path: Path) -> Counter[tuple[int, str | None]]:
    """(line, field) for every `# error: FIELD[, FIELD]` marker in a broken fixture ('-' = no field)."""
    expected: Counter[tuple[int, str | None]] = Counter()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = MARKER.search(line)
        if match:
            for field in match.group(1).split(","):
                field = field.strip()
                expected[(number, None if field == "-" else field)] += 1
    return expected


@pytest.fixture
def clean_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """No user banks: MOCKINTERVIEW_HOME is an empty temp dir and MOCKINTERVIEW_BANKS is unset."""
    monkeypatch.setenv(HOME_ENV, str(tmp_path / "home"))
    monkeypatch.delenv(ENV_BANKS, raising=False)
    return {HOME_ENV: str(tmp_path / "home")}


# ---- good files -----------------------------------------------------------------------------------


def test_good_bank_loads_with_every_field() -> None:
    bank = load_bank(GOOD / "team_loop.toml")
    assert bank.name == "team_loop"
    assert bank.title == "Team loop"
    assert "[not a table]" in bank.description
    assert [q.id for q in bank.questions] == ["launch-01", "failure-01", "general-01"]
    launch = bank.questions[0]
    assert launch.text == ("Walk me through the last launch you owned, from the first design doc to the week "
                           "after it shipped.")
    assert launch.category == "launch"
    assert launch.bank == "team_loop"
    assert launch.principles == ("ownership", "deliver_results")
    assert launch.must_have == ("achievement",)
    assert launch.probes == ("What did you personally own?", "What data told you it worked?",
                             "What would you do differently?")
    assert bank.questions[1].text == "Tell me about a time you broke production. [Be specific.]"
    assert bank.questions[2].principles == () and bank.questions[2].must_have == ()
    assert bank.question("general-01").probes[0] == "What made it hard?"


def test_check_path_on_good_directory() -> None:
    results = check_path(GOOD)
    assert [r.path.name for r in results] == ["short.toml", "team_loop.toml"]
    assert all(r.bank is not None and not r.issues for r in results)
    assert sum(len(r.bank.questions) for r in results if r.bank) == 5


# ---- broken files: every error names file, line and field ----------------------------------------


BROKEN_FILES = sorted(BROKEN.glob("*.toml"))


def test_there_are_broken_fixtures_for_each_kind_of_mistake() -> None:
    names = {p.stem for p in BROKEN_FILES}
    for kind in ("syntax_unclosed_string", "unknown_fields", "unknown_table", "bad_values", "wrong_types",
                 "missing_fields", "duplicate_ids", "probe_counts", "empty_text", "no_questions"):
        assert kind in names


@pytest.mark.parametrize("path", BROKEN_FILES, ids=lambda p: p.stem)
def test_broken_file_reports_each_error_at_its_line_and_field(path: Path) -> None:
    bank, issues = parse_bank(path)
    assert bank is None
    expected = expected_errors(path)
    assert expected, f"{path.name} has no '# error:' markers"
    found = Counter((issue.line, issue.field) for issue in issues)
    assert found == expected, "\n".join(str(i) for i in issues)
    for issue in issues:
        text = str(issue)
        assert text.startswith(f"{path}:{issue.line}: ")
        if issue.field:
            assert f"field '{issue.field}': " in text
        assert issue.fix and text.endswith(")")


@pytest.mark.parametrize("path", BROKEN_FILES, ids=lambda p: p.stem)
def test_load_bank_raises_bank_error_naming_file_line_and_first_problem(path: Path) -> None:
    with pytest.raises(BankError) as err:
        load_bank(path)
    message = str(err.value)
    first = min(expected_errors(path))
    assert message.startswith(f"{path}:{first[0]}: ")
    assert "\n" not in message


def test_error_messages_suggest_the_likely_fix() -> None:
    _, issues = parse_bank(BROKEN / "bad_values.toml")
    by_field = {i.field: str(i) for i in issues}
    assert "unknown category 'failures'" in by_field["category"]
    assert "did you mean 'failure'?" in by_field["category"]
    assert "did you mean 'dive_deep'?" in by_field["principles"]
    _, issues = parse_bank(BROKEN / "unknown_table.toml")
    assert "did you mean 'question'?" in str(issues[0])
    _, issues = parse_bank(BROKEN / "duplicate_ids.toml")
    assert "first used on line 2" in str(issues[0])


def test_syntax_error_names_the_toml_line(tmp_path: Path) -> None:
    _, issues = parse_bank(BROKEN / "syntax_unclosed_string.toml")
    assert str(issues[0]).startswith(f"{BROKEN / 'syntax_unclosed_string.toml'}:3: field 'text': TOML syntax: ")


def test_unreadable_files(tmp_path: Path) -> None:
    binary = tmp_path / "latin1.toml"
    binary.write_bytes(b'[[question]]\nid = "a"\ntext = "caf\xe9"\n')
    _, issues = parse_bank(binary)
    assert str(issues[0]).startswith(f"{binary}:3: not valid UTF-8")
    _, issues = parse_bank(tmp_path / "missing.toml")
    assert str(issues[0]) == f"{tmp_path / 'missing.toml'}: no such file (check the path)"
    spaced = tmp_path / "my bank.toml"
    spaced.write_text((GOOD / "short.toml").read_text())
    _, issues = parse_bank(spaced)
    assert issues[0].line == 1 and "rename the file" in str(issues[0])
    assert check_path(tmp_path / "empty_dir_does_not_exist")[0].issues
    (tmp_path / "nothing").mkdir()
    assert "no *.toml bank files" in str(check_path(tmp_path / "nothing")[0].issues[0])


def test_text_too_long_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "long.toml"
    path.write_text('[[question]]\nid = "a"\ntext = "' + "why " * 150 + '"\ncategory = "general"\n'
                    'probes = ["a?", "b?"]\n')
    _, issues = parse_bank(path)
    assert [(i.line, i.field) for i in issues] == [(3, "text")]


# ---- line scanning --------------------------------------------------------------------------------


def test_scan_skips_brackets_and_keys_inside_values() -> None:
    text = (GOOD / "team_loop.toml").read_text()
    tables = toml_lines.scan(text)
    questions = toml_lines.array_tables(tables, "question")
    assert [q.line for q in questions] == [9, 24, 32]
    assert questions[0].keys == {"id": 10, "text": 11, "category": 15, "principles": 16, "must_have": 17,
                                 "probes": 18}
    assert questions[1].keys["id"] == 25  # a quoted key
    assert questions[2].keys["probes"] == 36
    assert [t.name for t in tables] == [(), ("bank",), ("question",), ("question",), ("question",)]


def test_scan_attaches_sub_tables_to_their_question() -> None:
    text = '[[question]]\nid = "a"\n\n[question.extra]\nx = 1\n\n[[question]]\nid = "b"\n'
    questions = toml_lines.array_tables(toml_lines.scan(text), "question")
    assert questions[0].keys == {"id": 2, "extra": 4}
    assert questions[1].keys == {"id": 8}


def test_sub_table_in_a_question_is_an_unknown_field(tmp_path: Path) -> None:
    path = tmp_path / "sub.toml"
    path.write_text((GOOD / "short.toml").read_text() + '\n[question.meta]\nowner = "me"\n')
    _, issues = parse_bank(path)
    assert [(i.line, i.field) for i in issues] == [(15, "meta")]


# ---- discovery and precedence ---------------------------------------------------------------------


def test_shipped_banks_are_found(clean_env: dict[str, str]) -> None:
    names = [path.stem for path, shipped in discover() if shipped]
    assert names == ["amazon_principles", "core", "general", "must_have", "staff_plus"]
    assert shipped_bank_dir().joinpath("core.toml").is_file()


def test_user_banks_from_env_dirs_and_data_dir(tmp_path: Path, clean_env: dict[str, str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    home_banks = Path(clean_env[HOME_ENV]) / "banks"
    home_banks.mkdir(parents=True)
    (home_banks / "mine.toml").write_text((GOOD / "short.toml").read_text())
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "team_loop.toml").write_text((GOOD / "team_loop.toml").read_text())
    (extra / ".hidden.toml").write_text("not toml at all [")
    (extra / "notes.txt").write_text("ignored")
    monkeypatch.setenv(ENV_BANKS, os.pathsep.join([str(extra), ""]))
    assert user_bank_dirs() == [extra, home_banks]
    banks = {b.name: b for b in load_banks()}
    assert {"mine", "team_loop", "core"} <= set(banks)
    assert not banks["mine"].shipped and banks["core"].shipped
    assert len(banks["mine"].questions) == 2


def test_user_bank_replaces_shipped_bank_of_the_same_name(clean_env: dict[str, str]) -> None:
    home_banks = Path(clean_env[HOME_ENV]) / "banks"
    home_banks.mkdir(parents=True)
    (home_banks / "core.toml").write_text((GOOD / "short.toml").read_text())
    core = load_banks(["core"])[0]
    assert core.path == home_banks / "core.toml"
    assert len(core.questions) == 2 and core.questions[0].bank == "core"


def test_env_dirs_take_precedence_over_the_data_dir(tmp_path: Path, clean_env: dict[str, str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    home_banks = Path(clean_env[HOME_ENV]) / "banks"
    home_banks.mkdir(parents=True)
    (home_banks / "mine.toml").write_text((GOOD / "short.toml").read_text())
    first = tmp_path / "first"
    first.mkdir()
    (first / "mine.toml").write_text((GOOD / "team_loop.toml").read_text())
    monkeypatch.setenv(ENV_BANKS, str(first))
    assert load_banks(["mine"])[0].path == first / "mine.toml"


def test_missing_env_dir_and_broken_user_bank_are_clear_errors(tmp_path: Path, clean_env: dict[str, str],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_BANKS, str(tmp_path / "nope"))
    with pytest.raises(BankError, match=r"MOCKINTERVIEW_BANKS: no such directory: .*nope"):
        load_banks()
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "bad.toml").write_text((BROKEN / "bad_values.toml").read_text())
    monkeypatch.setenv(ENV_BANKS, str(broken))
    with pytest.raises(BankError) as err:
        load_banks()
    assert str(err.value).startswith(f"{broken / 'bad.toml'}:4: field 'category': ")
    assert "[+3 more; run `mockinterview banks check" in str(err.value)


def test_load_banks_by_name(clean_env: dict[str, str]) -> None:
    banks = load_banks(["core", "general"])
    assert [b.name for b in banks] == ["core", "general"]
    with pytest.raises(BankError, match=r"no bank named 'cor' \(available: .*; did you mean 'core'\?\)"):
        load_banks(["cor"])


def test_find_question_by_key(clean_env: dict[str, str]) -> None:
    banks = load_banks()
    assert find_question(banks, "core/failure-01").category == "failure"
    with pytest.raises(BankError):
        find_question(banks, "core/nope")
    with pytest.raises(BankError):
        find_question(banks, "nope/failure-01")


# ---- the shipped content --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> list:
    banks = [load_bank(path, shipped=True) for path in sorted(shipped_bank_dir().glob("*.toml"))]
    return all_questions(banks)


def test_shipped_banks_have_enough_questions_everywhere(shipped: list) -> None:
    assert len(shipped) >= 120
    categories = Counter(q.category for q in shipped)
    for category in CATEGORIES:
        assert categories[category] >= 8, category
    assert categories["general"] >= 15
    principles = Counter(p for q in shipped for p in q.principles)
    for principle in PRINCIPLES:
        assert principles[principle] >= 10, principle
    must_have = Counter(m for q in shipped for m in q.must_have)
    for story in MUST_HAVE:
        assert must_have[story] >= 5, story


def test_every_shipped_question_is_complete(shipped: list) -> None:
    keys = [f"{q.bank}/{q.id}" for q in shipped]
    assert len(keys) == len(set(keys))
    for q in shipped:
        assert q.principles, q.id
        assert 2 <= len(q.probes) <= 4, q.id
        assert q.text.endswith(("?", ".")), q.id
        assert all(p.endswith(("?", ".")) for p in q.probes), q.id


def test_every_shipped_question_has_a_probe_of_its_own(shipped: list) -> None:
    probe_use = Counter(p for q in shipped for p in set(q.probes))
    for q in shipped:
        assert any(probe_use[p] == 1 for p in q.probes), f"{q.bank}/{q.id} has only shared probes"


STOP_WORDS = (
    "a an the to of in on for and or you your i me my we our us it its this that what was were is are be "
    "been did do does how when why who which with without about at as by from time times tell walk through "
    "give describe have has had would could should let there their them they so but not no one some "
    "something someone"
)
STOP = set(STOP_WORDS.split())


STEM_CHARS = 6
"""Words are compared by their first few letters, so "failed" and "failure" or "manager's" and "manager" match."""


def _content_words(text: str) -> set[str]:
    words = (w.removesuffix("'s") for w in re.findall(r"[a-z']+", text.lower()))
    return {w[:STEM_CHARS] for w in words if w not in STOP}


def test_near_duplicate_measure_catches_a_rewording() -> None:
    a = _content_words("Tell me about a time you disagreed with your manager.")
    b = _content_words("Describe a time when you disagreed with your manager's decision.")
    assert len(a & b) / len(a | b) >= 0.5


def test_no_near_duplicate_questions(shipped: list) -> None:
    """Content words of any two questions overlap by less than half (Jaccard), so none is a rewording."""
    worst = 0.0
    for a, b in itertools.combinations(shipped, 2):
        wa, wb = _content_words(a.text), _content_words(b.text)
        jaccard = len(wa & wb) / len(wa | wb)
        worst = max(worst, jaccard)
        assert jaccard < 0.5, f"{a.bank}/{a.id} and {b.bank}/{b.id} are near-duplicates"
    assert worst > 0  # the measure is doing something
