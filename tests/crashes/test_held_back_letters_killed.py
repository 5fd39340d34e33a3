"""An import of last month's complaints, whose acknowledgements would promise dates already
past, SIGKILLed at each commit in turn and run again: each held-back acknowledgement is
kept as one dead letter from ``notify:hook``, the outbox holds each published event once."""

from __future__ import annotations

import json
import re
from pathlib import Path

import killed_runs
import pytest

from complaintkit.testing.policies import MINIMAL_POLICY

POLICY = (
    MINIMAL_POLICY
    + """\
sla:
  targets: [{first_response: 2h, resolution: 8h}]
templates:
  ack:
    en: {subject: "We received {case.id}", body: "We answer by {case.first_response_due}"}
notifications:
  default_language: en
  notifiers: {hook: {type: webhook, options: {url: "http://127.0.0.1:9/hook"}}}
  rules:
    - {"on": opened, notify: [customer], via: hook, template: ack}
  publish: [hook]
"""
)

COMPLAINTS = 5
BATCH = {"CK_BATCH": "2"}


def intake(tmp_path: Path, name: str) -> list[str]:
    policy, source = tmp_path / "policy.yaml", tmp_path / "in.jsonl"
    policy.write_text(POLICY, encoding="utf-8")
    records = [
        {
            "channel": "web",
            "external_id": f"K-{n}",
            "received_at": "2026-11-23T09:00:00+08:00",
            "customer": {"id": f"C{n}", "name": "Sam", "contact": f"c{n}@example.com"},
            "text": "the parcel is late",
        }
        for n in range(COMPLAINTS)
    ]
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    db = f"sqlite:///{tmp_path / name}"
    return ["--db", db, "--policy", str(policy), "intake", str(source)]


@pytest.mark.parametrize("when", ["before", "after"])
def test_held_back_acknowledgements_of_a_killed_import_are_kept_once(
    tmp_path: Path, when: str
) -> None:
    reference = intake(tmp_path, "reference.db")
    commits = killed_runs.transactions(reference, tmp_path, BATCH)
    expected = killed_runs.stored(reference[1])
    assert [source for source, _ in expected[1]] == ["notify:hook"] * COMPLAINTS
    args = intake(tmp_path, "killed.db")
    assert killed_runs.killed_in_turn(args, when, commits + 1, BATCH) > 0
    again = killed_runs.run(args, BATCH)
    assert again.returncode == 0, again.stderr
    assert anonymous(killed_runs.stored(args[1])) == anonymous(expected)


def anonymous(stored: killed_runs.Stored) -> tuple[object, ...]:
    """``stored`` with every case id in a letter's reason written ``CK-…``: the two stores
    number their cases apart."""
    keys, letters, deliveries, events = stored
    reasons = sorted((source, re.sub(r"CK-[0-9A-Z]+", "CK-…", why)) for source, why in letters)
    return keys, reasons, deliveries, events
