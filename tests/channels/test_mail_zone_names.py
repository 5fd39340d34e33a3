"""A Date written ``... CST`` names no one instant and is refused; ``-o zone.CST=+0800``
says what the name means where the mail comes from (a server in Shanghai whose ``date``
writes CST), so such mail can be taken in — and ``dead-letters retry -o`` takes in the
letters refused for it — without editing the raw message."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.channels.mail import MailChannel
from complaintkit.cli import build_cli
from complaintkit.errors import ConfigError, InvalidInput
from complaintkit.plugins import Plugins, plugin_manager

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))


def _mail(date: str, key: str = "z1") -> bytes:
    return (
        f"From: Li Wei <li@example.cn>\r\nMessage-ID: <{key}@example.cn>\r\n"
        f"Date: {date}\r\nSubject: late\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        "The parcel is late.\r\n"
    ).encode()


@given(
    name=st.sampled_from(["CST", "CDT", "AST", "ADT"]),
    hours=st.integers(min_value=0, max_value=14),
    minutes=st.sampled_from([0, 30, 45]),
    sign=st.sampled_from("+-"),
)
def test_an_ambiguous_zone_is_read_as_the_option_says(
    name: str, hours: int, minutes: int, sign: str
) -> None:
    channel = MailChannel(zone={name: f"{sign}{hours:02d}{minutes:02d}"})
    complaint = channel.message(_mail(f"Mon, 23 Nov 2026 09:30:00 {name.lower()}"))
    offset = timedelta(hours=hours, minutes=minutes) * (1 if sign == "+" else -1)
    assert complaint.received_at.utcoffset() == offset
    assert complaint.received_at == datetime(2026, 11, 23, 9, 30, tzinfo=timezone(offset))


def test_a_zone_the_option_does_not_name_is_still_refused_saying_how_to_name_it() -> None:
    channel = MailChannel(zone={"CST": "+0800"})
    with pytest.raises(InvalidInput) as refused:
        channel.message(_mail("Mon, 23 Nov 2026 09:30:00 AST"))
    assert refused.value.field == "Date"
    assert "-o zone.AST=" in refused.value.message


def test_the_option_changes_no_zone_that_names_one_offset() -> None:
    channel = MailChannel(zone={"CST": "+0800"})
    complaint = channel.message(_mail("Mon, 23 Nov 2026 09:30:00 -0600 (CST)"))
    assert complaint.received_at.utcoffset() == timedelta(hours=-6)


@pytest.mark.parametrize(
    "zone",
    [{"CST": "+08"}, {"CST": "+0860"}, {"CST": "china"}, {"EST": "+0800"}, {"GMT": "+0000"}],
)
def test_a_zone_option_that_names_no_ambiguous_zone_or_no_offset_is_a_configuration_error(
    zone: dict[str, str],
) -> None:
    with pytest.raises(ConfigError):
        MailChannel(zone=zone)


def test_a_zone_option_given_as_one_value_is_a_configuration_error() -> None:
    with pytest.raises(ConfigError):
        MailChannel(zone="+0800")


def test_retry_with_the_zone_takes_the_message_in(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    (tmp_path / "mail").mkdir()
    (tmp_path / "mail" / "a.eml").write_bytes(_mail("Mon, 23 Nov 2026 09:30:00 CST"))
    runner = CliRunner()
    result = runner.invoke(
        CLI, ["--db", db, "intake", "--channel", "email", str(tmp_path / "mail")]
    )
    assert result.exit_code == 3, result.output
    assert "zone.CST" in result.output + result.stderr
    retry = ["--db", db, "dead-letters", "retry", "--all", "-o", "zone.CST=+0800"]
    result = runner.invoke(CLI, retry)
    assert result.exit_code == 0, result.output
    result = runner.invoke(CLI, ["--db", db, "dead-letters", "list"])
    assert "no dead letters" in result.output
    cases = json.loads(runner.invoke(CLI, ["--db", db, "cases", "list", "--json"]).output)
    received = cases[0]["complaints"][0]["received_at"]
    assert datetime.fromisoformat(received) == datetime(
        2026, 11, 23, 9, 30, tzinfo=timezone(timedelta(hours=8))
    )


def test_intake_with_the_zone_takes_the_message_in(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    path = tmp_path / "a.eml"
    path.write_bytes(_mail("Mon, 23 Nov 2026 09:30:00 CST"))
    command = ["--db", db, "intake", "--channel", "email", "-o", "zone.CST=+0800", str(path)]
    result = CliRunner().invoke(CLI, command)
    assert result.exit_code == 0, result.output
