"""``report --html -`` writes the HTML page to standard output, as ``-`` means for any
command-line tool; it wrote a file named ``-`` in the working directory and printed the
text report, so ``report --html - > report.html`` saved a text table as the page."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from reports_day import T0, GradingPolicy, local_plugins, play_day

from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk


@pytest.fixture(name="url")
def url_fixture(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    clock = ManualClock(T0)
    desk = Desk(GradingPolicy(), storage=url, clock=clock, plugins=local_plugins())
    play_day(desk, clock)
    desk.storage.close()
    return url


def test_a_dash_is_standard_output(
    url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    result = CliRunner().invoke(build_cli(local_plugins()), ["--db", url, "report", "--html", "-"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert result.stdout.rstrip().endswith("</html>")
    assert list(work.iterdir()) == []


@pytest.mark.parametrize("other", ["--json", "--csv"])
def test_a_dash_beside_another_printed_report_is_a_usage_error(url: str, other: str) -> None:
    argv = ["--db", url, "report", "--html", "-", other]
    result = CliRunner().invoke(build_cli(local_plugins()), argv)
    assert result.exit_code == 2, result.output
    assert "--html" in result.output
    assert other in result.output
