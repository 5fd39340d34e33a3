"""3,000 complaints through JetStream, the consumer SIGKILLed twice at random points and
restarted: exactly 3,000 cases, and every case event published at least once.

3,000 is six fetches of 500: each kill lands between the first and the last, with
committed batches before it and unacknowledged ones after, as 10,000 did."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from complaintkit_nats.testing import Stream
from nats_streams import publish_complaints, stream_messages

from complaintkit.storage.sqlite import SQLiteStorage

COMPLAINTS = 3_000

POLICY = """\
complaintkit: 1
name: bus
version: "1"
categories: {other: {label: Other}}
severities: {minor: {label: Minor}}
priorities: {normal: {label: Normal}}
teams: {care: {label: Care, default_owner: li.na}}
classification: {rules: [], default: {category: other, severity: minor, priority: normal}}
routing: {rules: [], default: {team: care}}
notifications:
  notifiers: {bus: {type: nats, options: {servers: "URL", subject: "PREFIX.out"}}}
  publish: [bus]
"""


def cases_stored(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=30) as conn:
            return int(conn.execute("SELECT count(*) FROM cases").fetchone()[0])
    except sqlite3.OperationalError:  # not created yet
        return 0


@pytest.mark.slow
def test_consumer_killed_twice_loses_nothing_and_opens_nothing_twice(
    tmp_path: Path, jetstream_stream: Stream
) -> None:
    subject = f"{jetstream_stream.prefix}.in"
    publish_complaints(jetstream_stream, subject, COMPLAINTS)
    policy = tmp_path / "policy.yaml"
    text = POLICY.replace("URL", jetstream_stream.url).replace("PREFIX", jetstream_stream.prefix)
    policy.write_text(text, encoding="utf-8")
    db = tmp_path / "cases.db"
    # synchronous=normal: a killed process loses no commit (only a power cut could)
    url = f"sqlite:///{db}?synchronous=normal"
    env = {**os.environ, "COMPLAINTKIT_DB": url, "COMPLAINTKIT_POLICY": str(policy)}
    intake = [
        sys.executable, "-m", "complaintkit", "intake", "--channel", "nats",
        "-o", f"servers={jetstream_stream.url}", "-o", f"stream={jetstream_stream.name}",
        "-o", "durable=desk", "-o", "batch=500", "-o", "ack_wait=2", "-o", "idle=1", subject,
    ]  # fmt: skip

    kill_points = sorted(random.sample(range(500, COMPLAINTS - 500), 2))
    for point in kill_points:
        consumer = subprocess.Popen(intake, env=env, stdout=subprocess.DEVNULL)
        try:
            while cases_stored(db) < point:  # wait for the random point, then kill
                assert consumer.poll() is None, f"intake ended before {point} cases"
                time.sleep(0.05)
            consumer.send_signal(signal.SIGKILL)
            assert consumer.wait(30) == -signal.SIGKILL
        finally:
            if consumer.poll() is None:
                consumer.kill()
                consumer.wait()
    assert cases_stored(db) < COMPLAINTS, f"killed too late to prove anything: {kill_points}"

    finished = subprocess.run(
        intake, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert finished.returncode == 0, finished.stderr
    assert cases_stored(db) == COMPLAINTS, f"killed at {kill_points}"

    delivered = subprocess.run(
        [sys.executable, "-m", "complaintkit", "deliver", "--json"],
        env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert delivered.returncode == 0, delivered.stderr
    assert json.loads(delivered.stdout)["dead"] == 0
    with SQLiteStorage(url) as storage:
        assert storage.dead_letters() == []
        stored, page = set(), storage.events_since(None, 5000)
        while page.events:
            stored |= {(e.case_id, e.seq) for e in page.events}
            page = storage.events_since(page.cursor, 5000)
    published = {
        (event["case_id"], event["seq"])
        for _, data in stream_messages(jetstream_stream, f"{jetstream_stream.prefix}.out.>")
        for event in [json.loads(data)]
    }
    assert len(stored) >= 3 * COMPLAINTS
    assert stored <= published  # every case event, at least once
