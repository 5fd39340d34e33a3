"""A report tells lost intake from undelivered mail: records refused at intake (they never
became cases) and notifications that could not be sent (an acknowledgement to a customer
who gave a phone number) are two sections, in the text, CSV, HTML and JSON reports alike."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from complaintkit_postgres import PostgresStorage

from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from complaintkit.reports import build_report, open_source
from complaintkit.testing.policies import MINIMAL_POLICY

POLICY = (
    MINIMAL_POLICY
    + """\
templates:
  ack:
    zh: {subject: "您的投诉已受理", body: "我们已收到您的投诉。"}
notifications:
  notifiers:
    mail: {type: smtp, options: {sender: "care@shop.example", host: 127.0.0.1, port: 9}}
  rules:
    - {"on": opened, notify: [customer], via: mail, template: ack}
"""
)
NOW = datetime(2026, 12, 3, 2, tzinfo=UTC)
INTAKE_REASON = "line: is not JSON"
INTAKE = "Refused input (dead letters)"
UNDELIVERED = "Undelivered notifications (dead letters)"


def _store(tmp_path: Path) -> tuple[Path, Path]:
    """Two records refused at intake, and an acknowledgement that could not be sent."""
    policy, db = tmp_path / "policy.yaml", tmp_path / "cases.db"
    policy.write_text(POLICY, encoding="utf-8")
    desk = Desk(load_policy(policy), storage=f"sqlite:///{db}", clock=ManualClock(NOW))
    desk.intake(
        {
            "channel": "web",
            "external_id": "M-1",
            "received_at": "2026-12-03T09:30:00+08:00",
            "customer": {"id": "c1", "contact": "13800138000"},
            "text": "快递丢了",
            "language": "zh",
        }
    )
    assert desk.deliver().dead == 1  # no address to send to: refused for good
    for row in (3, 4):
        desk.storage.dead_letter(f"jsonl:in.jsonl:{row}", b"{", INTAKE_REASON, NOW)
    desk.storage.close()
    return policy, db


def _run(policy: Path, db: Path, *args: str) -> str:
    result = CliRunner().invoke(
        build_cli(), ["--policy", str(policy), "--db", f"sqlite:///{db}", "report", *args]
    )
    assert result.exit_code == 0, result.output
    return result.output


def test_report_counts_intake_refusals_apart_from_undelivered_notifications(
    tmp_path: Path,
) -> None:
    policy, db = _store(tmp_path)
    desk = Desk(load_policy(policy), storage=f"sqlite:///{db}", clock=ManualClock(NOW))
    report = build_report(open_source(desk.storage), now=NOW)
    assert report.dead_letters == {INTAKE_REASON: 2}
    ((reason, n),) = report.undelivered.items()
    assert n == 1
    assert "e-mail address" in reason


def test_every_format_shows_the_two_sections_apart(tmp_path: Path) -> None:
    policy, db = _store(tmp_path)
    data = json.loads(_run(policy, db, "--json"))
    assert data["dead_letters"] == {"total": 2, "by_reason": {INTAKE_REASON: 2}}
    assert data["undelivered"]["total"] == 1
    assert INTAKE_REASON not in data["undelivered"]["by_reason"]

    text = _run(policy, db)
    intake, undelivered = text.index(f"== {INTAKE}"), text.index(f"== {UNDELIVERED}")
    assert INTAKE_REASON in text[intake:undelivered]
    assert INTAKE_REASON not in text[undelivered:]

    rows = list(csv.reader(io.StringIO(_run(policy, db, "--csv").lstrip("\ufeff"))))
    by_section = {(row[0], row[1]) for row in rows if row[0] in (INTAKE, UNDELIVERED)}
    assert (INTAKE, INTAKE_REASON) in by_section
    assert (UNDELIVERED, INTAKE_REASON) not in by_section
    assert sum(1 for title, _ in by_section if title == UNDELIVERED) == 2  # header, one row

    page = _run(policy, db, "--html", "-")
    assert f">{INTAKE}</h2>" in page
    assert f">{UNDELIVERED}</h2>" in page
    assert page.count(INTAKE_REASON) == 1


@pytest.mark.postgres
def test_postgres_counts_the_two_kinds_apart(postgres_url: str) -> None:
    storage = PostgresStorage(postgres_url)
    try:
        storage.dead_letter("jsonl:in.jsonl:3", b"{", INTAKE_REASON, NOW)
        storage.dead_letter("notify:mail:d-1", b"{}", "no e-mail address for CK-1", NOW)
        report = build_report(open_source(storage), now=NOW)
    finally:
        storage.close()
    assert report.dead_letters == {INTAKE_REASON: 1}
    assert report.undelivered == {"no e-mail address for CK-1": 1}
