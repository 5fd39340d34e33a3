"""``tick --now 2026-11-24``, ``replay --at``, ``validate --at`` and ``cases explain --at``
refused a plain date ("needs a time and an offset") although ``report --since`` takes one
as the start of that day in the policy's home zone. They now take it the same way, and a
date that is no day of the calendar is a usage error naming the option."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from complaintkit.cli import build_cli

ROOT = Path(__file__).resolve().parents[2]
POLICY = str(ROOT / "policies" / "retail" / "supermarket.yaml")  # home zone Asia/Shanghai


def _run(args: list[str]) -> Result:
    return CliRunner().invoke(build_cli(), args)


def _store(tmp_path: Path) -> tuple[list[str], str]:
    """A store of one case received 2026-11-23 09:00 in Shanghai, and its id."""
    base = ["--db", f"sqlite:///{tmp_path / 'cases.db'}", "--policy", POLICY]
    line = {
        "channel": "web",
        "external_id": "D-1",
        "received_at": "2026-11-23T09:00:00+08:00",
        "customer": {"id": "c1"},
        "text": "牛奶过期了",
    }
    (tmp_path / "in.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    done = _run([*base, "intake", "--json", str(tmp_path / "in.jsonl")])
    assert done.exit_code == 0, done.output
    listed = _run([*base, "cases", "list", "--json"])
    return base, json.loads(listed.stdout)[0]["id"]


def test_tick_now_a_date_is_the_start_of_that_day_at_home(tmp_path: Path) -> None:
    base, _ = _store(tmp_path)
    result = _run([*base, "tick", "--now", "2026-11-24", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["now"].startswith("2026-11-24T00:00:00+08:00")


def test_replay_at_a_date_is_the_start_of_that_day_at_home(tmp_path: Path) -> None:
    base, _ = _store(tmp_path)
    by_date = _run([*base, "replay", POLICY, "--at", "2026-11-24", "--json"])
    by_instant = _run([*base, "replay", POLICY, "--at", "2026-11-24T00:00:00+08:00", "--json"])
    assert by_date.exit_code == 0, by_date.output
    assert json.loads(by_date.stdout) == json.loads(by_instant.stdout)


def test_cases_explain_at_a_date_is_the_start_of_that_day_at_home(tmp_path: Path) -> None:
    base, case_id = _store(tmp_path)
    # a case is opened when it is taken in (today), so the instant is one after that
    by_date = _run([*base, "cases", "explain", case_id, "--at", "2099-01-01", "--json"])
    by_instant = _run(
        [*base, "cases", "explain", case_id, "--at", "2099-01-01T00:00:00+08:00", "--json"]
    )
    assert by_date.exit_code == 0, by_date.output
    assert json.loads(by_date.stdout) == json.loads(by_instant.stdout)


def test_validate_at_takes_a_date() -> None:
    by_date = _run(["validate", POLICY, "--at", "2026-11-24", "--json"])
    by_instant = _run(["validate", POLICY, "--at", "2026-11-24T00:00:00+08:00", "--json"])
    assert by_date.exit_code == 0, by_date.output
    assert json.loads(by_date.stdout) == json.loads(by_instant.stdout)


@pytest.mark.parametrize(
    "args",
    [
        ["tick", "--now", "2026-02-30"],
        ["replay", POLICY, "--at", "2026-02-30"],
        ["validate", POLICY, "--at", "2026-02-30"],
        ["cases", "explain", "web:D-1", "--at", "2026-02-30"],
    ],
    ids=["tick", "replay", "validate", "explain"],
)
def test_no_day_of_the_calendar_is_a_usage_error_naming_the_option(
    tmp_path: Path, args: list[str]
) -> None:
    base, _ = _store(tmp_path)
    result = _run([*base, *args])
    assert result.exit_code == 2, result.output
    assert args[-2] in result.output
    assert "2026-02-30" in result.output
    assert "Traceback" not in result.output
