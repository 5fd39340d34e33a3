"""Policy test files: naming, discovery and located errors (complaintkit.policytest.spec)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from complaintkit.errors import InvalidInput, PolicyError
from complaintkit.policytest.spec import find_test_files, is_test_file, load_test_file, offset

RETAIL = Path(__file__).resolve().parents[2] / "policies" / "retail"


def test_only_tests_yaml_files_are_policy_tests() -> None:
    assert is_test_file(Path("shop.tests.yaml"))
    assert is_test_file(Path("shop.tests.yml"))
    assert not is_test_file(Path("shop.yaml"))
    assert not is_test_file(Path("tests.yaml"))


def test_folders_are_searched_for_test_files() -> None:
    assert find_test_files([RETAIL]) == [RETAIL / "supermarket.tests.yaml"]


def test_the_policy_defaults_to_the_file_named_like_the_tests() -> None:
    loaded = load_test_file(RETAIL / "supermarket.tests.yaml")
    assert loaded.policy == RETAIL / "supermarket.yaml"
    assert len(loaded.tests) >= 20


def test_step_times_are_durations_after_intake_or_instants() -> None:
    base = datetime.fromisoformat("2026-11-23T09:00:00+08:00")
    assert offset("2h 30m", base, "at") == base + timedelta(hours=2, minutes=30)
    assert offset("+1 day", base, "at") == base + timedelta(days=1)
    assert offset("2026-11-24T09:00:00+08:00", base, "at") == base + timedelta(days=1)
    assert offset("1 month", base, "at") == base.replace(month=12)
    assert offset("3 months 2 days", base, "at") == base.replace(year=2027, month=2, day=25)
    with pytest.raises(InvalidInput, match="calendar time"):
        offset("2 business days", base, "at")


def test_every_mistake_is_reported_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text("complaintkit: 1\n", "utf-8")
    path = tmp_path / "p.tests.yaml"
    path.write_text(
        "tests:\n"
        "  - name: a\n"
        "    complaint: {text: x}\n"
        "    expect: {categroy: product}\n"
        "  - complaint: {text: y}\n"
        "    expect: {category: product}\n"
        "  - name: c\n"
        "    complaint: {text: z}\n"
        "    steps: [{respond: hi, close: true}]\n",
        "utf-8",
    )
    with pytest.raises(PolicyError) as caught:
        load_test_file(path)
    problems = [(p.location.line, p.message) for p in caught.value.problems]
    assert (4, "unknown key 'categroy'") in problems
    assert (5, "every test needs a name saying what it shows") in problems
    assert (9, "one action per step (got respond, close)") in problems


def test_a_missing_policy_is_named(tmp_path: Path) -> None:
    path = tmp_path / "nothing.tests.yaml"
    path.write_text("tests: [{name: a, complaint: {text: x}, expect: {category: c}}]\n", "utf-8")
    with pytest.raises(PolicyError, match="no policy at"):
        load_test_file(path)


@pytest.mark.parametrize(
    ("at", "said"), [("999999999 days", "100 years"), ("9999-12-31T00:00:00+00:00", "")]
)
def test_a_step_time_out_of_reach_is_a_located_error(tmp_path: Path, at: str, said: str) -> None:
    (tmp_path / "p.yaml").write_text("complaintkit: 1\n", "utf-8")
    path = tmp_path / "p.tests.yaml"
    path.write_text(
        "tests:\n"
        "  - name: a\n"
        "    complaint: {text: x, received_at: '9999-12-30T00:00:00+00:00'}\n"
        f"    steps: [{{at: '{at}', tick: true}}, {{at: 2 days, tick: true}}]\n"
        "    expect: {category: other}\n",
        "utf-8",
    )
    with pytest.raises(PolicyError) as caught:
        load_test_file(path)
    problems = [(p.location.line, p.message) for p in caught.value.problems]
    assert any(line == 4 and said in message for line, message in problems), problems
