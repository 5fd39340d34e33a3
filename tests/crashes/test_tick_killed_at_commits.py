"""``tick`` SIGKILLed at its commits, before and after each, then run again — and two ticks
at once: every due warning, breach and escalation is recorded once, and so is each of
their deliveries in the outbox, as by one tick never killed."""

from __future__ import annotations

from pathlib import Path

import killed_runs
import pytest

POLICY = """\
complaintkit: 1
name: shop
version: "1"
categories: {other: {label: Other}}
severities: {minor: {label: Minor}}
priorities: {urgent: {label: Urgent}, normal: {label: Normal}}  # the most urgent first
teams: {care: {label: Care, default_owner: li.na}}
classification: {rules: [], default: {category: other, severity: minor, priority: normal}}
routing: {rules: [], default: {team: care}}
sla:
  warnings: [0.5]
  targets: [{first_response: 2h, resolution: 8h}]
escalation:
  ladders:
    - name: standard
      levels:
        - name: supervisor
          trigger: {sla: first_response, elapsed: 1.0}
          actions: [{add_tags: [unanswered]}, {reassign: {owner: zhou.zhuguan}}]
        - name: director
          trigger: {sla: resolution, elapsed: 1.0}
          actions: [{raise_priority: urgent}]
templates:
  late:
    en: {subject: "{case.id} escalated", body: "Look at {case.id}"}
notifications:
  default_language: en
  notifiers: {hook: {type: webhook, options: {url: "http://127.0.0.1:9/hook"}}}
  contacts: {managers: [boss@shop.example]}
  rules:
    - {"on": escalated, notify: [manager], via: hook, template: late}
  publish: [hook]
"""

CASES = 5
TICK = ["tick", "--now", "2026-11-24T09:00:00+08:00", "--batch", "2"]  # three batches


def seeded(db: str, tmp_path: Path) -> list[str]:
    """``CASES`` cases opened at ``db`` a day before the tick, every deadline past due; the
    tick's arguments on it."""
    policy = tmp_path / "policy.yaml"
    policy.write_text(POLICY, encoding="utf-8")
    killed_runs.late_parcels(policy, db, CASES).close()
    return ["--db", db, "--policy", str(policy), *TICK]


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, killed_runs.Stored]:
    """How many commits a tick never killed makes, and what it leaves: the same for every
    test here, so taken once (each test ticks stores of its own)."""
    tmp_path = tmp_path_factory.mktemp("reference")
    args = seeded(f"sqlite:///{tmp_path / 'reference.db'}", tmp_path)
    commits = killed_runs.transactions(args, tmp_path)
    expected = killed_runs.stored(args[1])
    escalated = [kind for *_, kind in expected[3] if kind == "escalated"]
    assert len(escalated) == CASES * 2
    return commits, expected


@pytest.mark.parametrize(
    ("backend", "when"), [("sqlite", "before"), ("sqlite", "after"), ("postgres", "after")]
)
def test_a_tick_killed_at_each_commit_in_turn_then_run_again_fires_each_once(
    tmp_path: Path,
    request: pytest.FixtureRequest,
    reference: tuple[int, killed_runs.Stored],
    backend: str,
    when: str,
) -> None:
    commits, expected = reference
    args = seeded(killed_runs.database(request, backend, tmp_path / "killed.db"), tmp_path)
    assert killed_runs.killed_in_turn(args, when, commits * 3) > 0
    again = killed_runs.run(args)
    assert again.returncode == 0, again.stderr
    assert killed_runs.stored(args[1]) == expected
    killed_runs.verified(args[1])


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_two_ticks_at_once_fire_each_once(
    tmp_path: Path,
    request: pytest.FixtureRequest,
    reference: tuple[int, killed_runs.Stored],
    backend: str,
) -> None:
    _, expected = reference
    args = seeded(killed_runs.database(request, backend, tmp_path / "both.db"), tmp_path)
    for done in killed_runs.at_once([(args, {})] * 2):
        assert done.returncode == 0, done.stderr
    assert killed_runs.stored(args[1]) == expected
    killed_runs.verified(args[1])
