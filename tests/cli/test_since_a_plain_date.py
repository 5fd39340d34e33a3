"""``--since 2026-11-23`` (a date, no time or offset) means the start of that day where the
policy keeps time — its home zone, UTC without one — in ``report`` and ``replay``; it was a
usage error ("has no UTC offset"). ``--until`` a date means the start of that day too, so
``--since 2026-11-01 --until 2026-12-01`` is November."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner, Result

from complaintkit.cli import build_cli
from complaintkit.cli.day_option import placed

ROOT = Path(__file__).resolve().parents[2]
SHANGHAI = ROOT / "policies" / "retail" / "supermarket.yaml"

#: received just before and just after midnight in Shanghai (both on 22 November in UTC)
RECEIVED = ("2026-11-22T23:30:00+08:00", "2026-11-23T00:30:00+08:00")


def _run(args: list[str]) -> Result:
    return CliRunner().invoke(build_cli(), args)


def _store(tmp_path: Path, policy: Path | None) -> list[str]:
    base = ["--db", f"sqlite:///{tmp_path / 'c.db'}"]
    base += [] if policy is None else ["--policy", str(policy)]
    lines = [
        {
            "channel": "web",
            "external_id": f"D-{n}",
            "received_at": at,
            "customer": {"id": f"c{n}"},
            "text": "牛奶过期了",
        }
        for n, at in enumerate(RECEIVED)
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    taken = _run([*base, "intake", str(source)])
    assert taken.exit_code == 0, taken.output
    return base


def _report(base: list[str], *options: str) -> dict[str, object]:
    result = _run([*base, "report", "--json", *options])
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.output)
    return data


def test_a_date_is_the_start_of_that_day_in_the_policys_zone(tmp_path: Path) -> None:
    base = _store(tmp_path, SHANGHAI)
    since = _report(base, "--since", "2026-11-23")
    assert since["total"] == 1
    assert since["scope"] == {"since": "2026-11-23T00:00:00+08:00", "until": None}
    assert _report(base, "--until", "2026-11-23")["total"] == 1
    assert _report(base, "--since", "2026-11-22", "--until", "2026-11-24")["total"] == 2


def test_a_date_is_a_utc_day_without_a_policy(tmp_path: Path) -> None:
    base = _store(tmp_path, None)
    assert _report(base, "--since", "2026-11-23")["total"] == 0  # both on the 22nd in UTC
    assert _report(base, "--since", "2026-11-22")["total"] == 2


@pytest.mark.parametrize(
    ("option", "cases"), [("--since", 2), ("--until", 0)], ids=["since", "until"]
)
def test_replay_takes_a_date(tmp_path: Path, option: str, cases: int) -> None:
    """Replay selects cases by when they were opened: taken in today, after the date."""
    base = _store(tmp_path, SHANGHAI)
    result = _run([*base, "replay", str(SHANGHAI), option, "2026-11-23", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["cases"] == cases


def test_a_day_whose_midnight_a_clock_change_skips_begins_when_it_begins() -> None:
    """Santiago moved its clocks from 00:00 to 01:00 on 2022-09-11: the day began at 01:00."""
    zone = ZoneInfo("America/Santiago")
    since, until = placed(date(2022, 9, 11), date(2022, 9, 12), zone)
    assert since is not None
    assert until is not None
    assert since.isoformat() == "2022-09-11T01:00:00-03:00"
    assert (until - since).total_seconds() == 23 * 3600


@pytest.mark.parametrize(
    ("since", "until"),
    [
        ("2026-02-30", None),
        ("2026-11-23", "2026-11-23"),
        ("2026-11-24", "2026-11-23"),
        ("10000-01-01", None),
    ],
    ids=["no-such-day", "empty-range", "backwards", "past-9999"],
)
def test_a_wrong_date_is_a_usage_error(tmp_path: Path, since: str, until: str | None) -> None:
    base = _store(tmp_path, SHANGHAI)
    options = ["--since", since] + ([] if until is None else ["--until", until])
    result = _run([*base, "report", *options])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "--since" in result.output or "--until" in result.output


@pytest.mark.parametrize("text", ["2026-11-23T09:00", "yesterday"], ids=["no-offset", "no-instant"])
def test_a_wrong_instant_is_told_a_date_would_do(tmp_path: Path, text: str) -> None:
    """The usage error names the plain date the option also takes, not only an offset."""
    base = _store(tmp_path, SHANGHAI)
    for command in (["report"], ["replay", str(SHANGHAI)]):
        result = _run([*base, *command, "--since", text])
        assert result.exit_code == 2, result.output
        assert "or a date (2026-11-23)" in result.output, result.output
