"""``report --incident`` lists every case of the incident when one of them is damaged.

A case whose stored body was edited to what is no case (``cases.body = '{'``) ended the
list with ``Error: case CK-… is damaged``, exit 1, leaving out the cases after it, while
the report counted them all; now the damaged case is listed as damaged, named on stderr,
and the cases after it are listed as well."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner
from reports_day import local_plugins

from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy

POLICY = """
complaintkit: 1
name: incidents
version: "1"
categories: {goods: {label: {zh: 商品, en: Goods}}}
severities: {normal: {label: 一般}}
priorities: {normal: {label: 一般}}
teams: {desk: {label: 客服, default_owner: desk}}
classification: {rules: [], default: {category: goods, severity: normal, priority: normal}}
routing: {rules: [], default: {team: desk}}
incidents:
  batches:
    - {key: product, min_cases: 2, window_hours: 72}
"""
T0 = datetime(2026, 3, 2, 9, tzinfo=UTC)


def test_a_damaged_case_is_listed_and_the_others_too(tmp_path: Path) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text(POLICY, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    desk = Desk(load_policy(policy), storage=url, clock=ManualClock(T0), plugins=local_plugins())
    ids = []
    for n in range(3):
        complaint = {
            "channel": "web",
            "external_id": f"x{n}",
            "received_at": T0.isoformat(),
            "customer": {"id": f"c{n}"},
            "text": "the milk is off",
            "product": "milk-1",
        }
        ids.append(desk.intake(complaint).id)
    desk.storage.close()
    cli, runner = build_cli(local_plugins()), CliRunner()
    base = ["--policy", str(policy), "--db", url, "report"]
    [incident] = json.loads(runner.invoke(cli, [*base, "--json"]).output)["batches"]
    assert sorted(incident["case_ids"]) == sorted(ids)
    listed = runner.invoke(cli, [*base, "--incident", incident["id"]])
    damaged = listed.output.splitlines()[1].split()[0]  # the first case the list reads
    with sqlite3.connect(tmp_path / "cases.db") as db:
        db.execute("UPDATE cases SET body = '{' WHERE id = ?", (damaged,))
    result = runner.invoke(cli, [*base, "--incident", incident["id"]])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines[1:]] == [
        line.split()[0] for line in listed.output.splitlines()[1:]
    ]
    assert "damaged" in next(line for line in lines if damaged in line)
    assert damaged in result.stderr
    assert "Traceback" not in result.output
