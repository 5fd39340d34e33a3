"""Two intakes at once of two files that give one key: each file's records, taken in side
by side, end as if one file were taken in after the other — a key another customer holds
is one case and one dead letter, a complaint sent twice one case."""

from __future__ import annotations

import json
from pathlib import Path

import killed_runs
import pytest

KEYS = 6


def lines(path: Path, customer: str) -> Path:
    """``KEYS`` complaints; ``S-n`` are the same in every file, ``K-n`` the customer's."""
    records = []
    for n in range(KEYS):
        for key, who in ((f"S-{n}", "C-shared"), (f"K-{n}", customer)):
            records.append(
                {
                    "channel": "web",
                    "external_id": key,
                    "received_at": "2026-11-23T09:00:00+08:00",
                    "customer": {"id": who},
                    "text": f"complaint {key}",
                }
            )
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_two_files_giving_one_key_taken_in_at_once(
    tmp_path: Path, request: pytest.FixtureRequest, backend: str
) -> None:
    db = killed_runs.database(request, backend, tmp_path / "cases.db")
    files = [lines(tmp_path / f"{who}.jsonl", who) for who in ("C-a", "C-b")]
    both = [(["--db", db, "intake", str(path)], {"CK_BATCH": "2"}) for path in files]
    for done in killed_runs.at_once(both):
        assert done.returncode in {0, 3}, done.stderr
    keys, letters, *_ = killed_runs.stored(db)
    assert keys == sorted({f"web:{k}-{n}" for k in "SK" for n in range(KEYS)})
    assert len(letters) == KEYS  # each K-n: one customer's case, the other's letter
    assert all(source.startswith("complaint:web:K-") for source, _ in letters)
    killed_runs.verified(db)
