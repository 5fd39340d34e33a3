"""``complaintkit report`` asked for two outputs that exclude each other says so, exit 2,
instead of printing one of them: ``--json --csv`` printed JSON to a script that reads CSV,
and ``--incident`` printed its text list past ``--csv`` and wrote no ``--html`` file, with
exit 0, so a cron job kept an old report.html as if it were today's."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from reports_day import T0, GradingPolicy, local_plugins, play_day

from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--json", "--csv"], ("--json", "--csv")),
        (["--incident", "INC-1", "--csv"], ("--incident", "--csv")),
        (["--incident", "INC-1", "--html", "{html}"], ("--incident", "--html")),
    ],
)
def test_outputs_that_exclude_each_other_are_a_usage_error(
    tmp_path: Path, args: list[str], named: tuple[str, str]
) -> None:
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    clock = ManualClock(T0)
    desk = Desk(GradingPolicy(), storage=url, clock=clock, plugins=local_plugins())
    play_day(desk, clock)
    desk.storage.close()
    html = tmp_path / "r.html"
    argv = ["--db", url, "report", *(a.format(html=html) for a in args)]
    result = CliRunner().invoke(build_cli(local_plugins()), argv)
    assert result.exit_code == 2, result.output
    assert all(option in result.output for option in named)
    assert "Traceback" not in result.output
    assert not html.exists()
