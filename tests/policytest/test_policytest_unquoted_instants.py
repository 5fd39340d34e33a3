"""Instants written unquoted without a UTC offset: YAML reads ``2026-11-26 10:00:00`` as a
datetime of its own, with no zone.

Quoted, such an instant was refused at its line (``has no UTC offset``); unquoted, a step's
``at`` was compared with intake's aware instant and ``complaintkit test`` stopped with a
``TypeError`` traceback, and a file's ``received_at`` stopped the run with ``start: must be
timezone-aware``, naming neither the file nor the line. Each is now the same located error
as the quoted one, and the run goes on to the other files.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.errors import PolicyError
from complaintkit.policytest.runner import Runner

DOCS_BASE = Path(__file__).resolve().parents[2] / "docs" / "policy" / "base.yaml"


def _tests_file(folder: Path, top: str = "", complaint: str = "", step: str = "2h") -> Path:
    path = folder / "shop.tests.yaml"
    path.write_text(
        f"policy: {DOCS_BASE}\n{top}"
        "tests:\n"
        "  - name: milk\n"
        f"    complaint: {{text: 牛奶变质了{complaint}}}\n"
        f"    steps: [{{at: {step}, tick: true}}]\n"
        "    expect: {category: product}\n",
        "utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("written", "path", "line"),
    [
        ({"step": "2026-11-26 10:00:00"}, "tests[0].steps[0].at", 5),
        ({"step": "2026-11-26T10:00:00"}, "tests[0].steps[0].at", 5),
        ({"top": "received_at: 2026-11-23T09:00:00\n"}, "received_at", 2),
        (
            {"complaint": ", received_at: 2026-11-23 09:00:00"},
            "tests[0].complaint.received_at",
            4,
        ),
    ],
)
def test_an_unquoted_instant_without_an_offset_is_an_error_at_its_line(
    tmp_path: Path, written: dict[str, str], path: str, line: int
) -> None:
    with pytest.raises(PolicyError) as caught:
        Runner().load_file(_tests_file(tmp_path, **written))
    (problem,) = caught.value.problems
    assert problem.location.path == path
    assert problem.location.line == line
    assert "has no UTC offset" in problem.message


def test_the_run_names_it_and_goes_on_to_the_other_files(tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    _tests_file(broken, step="2026-11-26 10:00:00")
    good = tmp_path / "good"
    good.mkdir()
    _tests_file(good, step="2026-11-26T10:00:00+08:00")
    result = CliRunner().invoke(build_cli(), ["test", str(tmp_path)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "shop.tests.yaml:5" in result.output
    assert "1 passed, 0 failed, 1 file(s) could not run" in result.output


def test_an_unquoted_instant_with_its_offset_is_read(tmp_path: Path) -> None:
    loaded = Runner().load_file(_tests_file(tmp_path, step="2026-11-26 10:00:00+08:00"))
    (test,) = loaded.tests
    assert test.steps[0].at is not None
    assert test.steps[0].at.isoformat() == "2026-11-26T10:00:00+08:00"


def test_an_expected_deadline_so_written_is_an_error_at_its_line(tmp_path: Path) -> None:
    """Read only when compared, it failed the test at the test's first line instead."""
    path = tmp_path / "shop.tests.yaml"
    path.write_text(
        f"policy: {DOCS_BASE}\n"
        "tests:\n"
        "  - name: milk\n"
        "    complaint: {text: 牛奶变质了}\n"
        "    expect: {deadlines: {first_response: 2026-11-24 09:00:00}}\n",
        "utf-8",
    )
    with pytest.raises(PolicyError) as caught:
        Runner().load_file(path)
    (problem,) = caught.value.problems
    assert problem.location.path == "tests[0].expect.deadlines.first_response"
    assert problem.location.line == 5
    assert "has no UTC offset" in problem.message


@pytest.mark.parametrize(
    ("top", "test", "path", "line"),
    [
        ("facts: {delivered_at: 2026-11-20}\n", "", "facts.delivered_at", 2),
        ("", "    facts: {due: 2026-11-20 10:00:00}\n", "tests[0].facts.due", 5),
        (
            "",
            "    earlier: [{text: 又坏了, attributes: {day: 2026-11-20}}]\n",
            "tests[0].earlier[0].attributes.day",
            5,
        ),
        (
            "complaint: {attributes: {visits: [2026-11-20T10:00:00+08:00]}}\n",
            "",
            "complaint.attributes.visits[0]",
            2,
        ),
    ],
)
def test_a_date_in_a_complaint_or_facts_is_an_error_at_its_line(
    tmp_path: Path, top: str, test: str, path: str, line: int
) -> None:
    """A complaint's attributes and facts are JSON, which holds no date: each test failed
    at its own first line, 'must be a JSON value (got date)', saying neither where nor
    what to write."""
    file = tmp_path / "shop.tests.yaml"
    file.write_text(
        f"policy: {DOCS_BASE}\n{top}"
        "tests:\n"
        "  - name: milk\n"
        "    complaint: {text: 牛奶变质了}\n"
        f"{test}"
        "    expect: {category: product}\n",
        "utf-8",
    )
    with pytest.raises(PolicyError) as caught:
        Runner().load_file(file)
    (problem,) = caught.value.problems
    assert problem.location.path == path
    assert problem.location.line == line
    assert "quote it" in problem.message + problem.hint
    assert "2026-11-20" in problem.message


def test_an_earlier_complaint_received_at_an_unquoted_instant_is_read(tmp_path: Path) -> None:
    file = tmp_path / "shop.tests.yaml"
    file.write_text(
        f"policy: {DOCS_BASE}\n"
        "tests:\n"
        "  - name: milk\n"
        "    complaint: {text: 牛奶变质了}\n"
        "    earlier: [{text: 又坏了, received_at: 2026-11-20 10:00:00+08:00}]\n"
        "    expect: {category: product}\n",
        "utf-8",
    )
    (result,) = Runner().run_file(file)
    assert result.passed, result
