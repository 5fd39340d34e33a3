"""examples/cfpb: the CFPB export imported with its history; reports show the real times.

The committed fixture (50 real rows) always runs; the 6,664-row sample in
../shared/data/cfpb runs when present.
"""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli

ROOT = Path(__file__).resolve().parents[2]
CFPB = ROOT / "examples" / "cfpb"
FIXTURE = ROOT / "tests" / "fixtures" / "cfpb_sample.csv"
SAMPLE = Path("/work/shared/data/cfpb/complaints_sample_6664.csv")
if not SAMPLE.exists():
    SAMPLE = ROOT.parent / "shared" / "data" / "cfpb" / "complaints_sample_6664.csv"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _cli(db: str, *args: str) -> str:
    runner = CliRunner()
    result = runner.invoke(build_cli(), ["--db", db, "--policy", str(CFPB / "policy.yaml"), *args])
    assert result.exit_code == 0, result.output
    return result.output


def _import(db: str, source: Path) -> dict[str, Any]:
    return _json(
        db,
        "intake",
        "--json",
        str(source),
        "--channel",
        "csv",
        "-o",
        f"columns={CFPB / 'mapping.yaml'}",
        "-o",
        "channel=cfpb",
        "-o",
        "timezone=America/New_York",
    )


def _json(db: str, *args: str) -> dict[str, Any]:
    return json.loads(_cli(db, *args))  # type: ignore[no-any-return]


def _report(db: str, *args: str) -> dict[str, Any]:
    return _json(db, "report", "--json", *args)


def _check_history(tmp_path: Path, source: Path, since: str, until: str) -> dict[str, Any]:
    """Import ``source``, then compare the report's figures with counts from the CSV."""
    rows, db = _rows(source), f"sqlite:///{tmp_path / 'cfpb.db'}"
    first, again = _import(db, source), _import(db, source)
    assert (first["opened"], first["dead_lettered"]) == (len(rows), 0)
    assert (again["opened"], again["duplicates"]) == (0, len(rows))
    expected = sum(since <= r["Date received"] < until for r in rows)
    scoped = _report(db, "--since", f"{since}T00:00:00-05:00", "--until", f"{until}T00:00:00-04:00")
    assert scoped["total"] == expected
    _cli(db, "tick")  # closed cases started no clock; recorded outcomes stand
    report = _report(db)
    assert report["total"] == len(rows)
    assert report["batches"] == []  # no company's whole history counted as one recall
    timely = sum(r["Timely response?"] == "Yes" for r in rows)
    (sla,) = report["sla"]
    assert (sla["metric"], sla["met"], sla["breached"], sla["running"]) == (
        "response",
        timely,
        len(rows) - timely,
        0,
    )
    per_day: Counter[str] = Counter()
    for series in report["daily"]:
        per_day.update(series["days"])
    assert per_day == Counter(r["Date received"] for r in rows)
    products = {row["key"]: row["count"] for row in report["breakdowns"]["product"]}
    assert products == Counter(r["Product"] for r in rows)
    # the export's product names over the years (2011 on) each have a category; only
    # its own "Other financial service" is other
    categories = {row["key"]: row["count"] for row in report["breakdowns"]["category"]}
    assert categories.get("other", 0) == sum(
        r["Product"] == "Other financial service" for r in rows
    )
    in_progress = Counter(
        r["Company"] for r in rows if r["Company response to consumer"] == "In progress"
    )
    assert {w["name"]: w["open"] for w in report["workload"]["owner"]} == in_progress
    return report


def test_fixture_imports_with_its_real_dates_and_timely_flags(tmp_path: Path) -> None:
    _check_history(tmp_path, FIXTURE, "2019-03-01", "2019-05-01")


@pytest.mark.skipif(not SAMPLE.exists(), reason=f"the CFPB sample is not at {SAMPLE}")
def test_sample_report_counts_what_the_csv_says(tmp_path: Path) -> None:
    report = _check_history(tmp_path, SAMPLE, "2019-03-01", "2019-05-01")
    assert (report["total"], report["sla"][0]["met"]) == (6_664, 6_564)


def test_script_skips_with_a_message_when_the_sample_is_absent(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(CFPB / "import_sample.py"), str(tmp_path / "absent.csv")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.startswith("skipped: the CFPB sample is not at")


def test_script_imports_and_prints_the_report(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cfpb.db'}"
    done = subprocess.run(
        [sys.executable, str(CFPB / "import_sample.py"), str(FIXTURE), "--db", db],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.startswith("50 cases opened, 0 already known, 0 rejected")
    assert "SLA attainment" in done.stdout


def test_script_prints_the_report_complaintkit_report_prints(tmp_path: Path) -> None:
    """The script's report is the one `complaintkit report` prints for the same store: the
    policy's labels, and the Generated instant on the policy's home clock (New York), not
    the ids and UTC of a bare ``build_report``."""
    db = f"sqlite:///{tmp_path / 'cfpb.db'}"
    done = subprocess.run(
        [sys.executable, str(CFPB / "import_sample.py"), str(FIXTURE), "--db", db],
        capture_output=True,
        text=True,
        check=True,
    )
    printed = done.stdout.split("\n", 1)[1]
    generated = re.search(r"all cases\s+(\S+)", printed)
    assert generated is not None
    assert generated[1].endswith(("-05:00", "-04:00"))  # New York's wall clock
    assert "Credit reporting" in printed
    assert "credit_reporting" not in printed
    assert _undated(printed) == _undated(_cli(db, "report"))


def _undated(report: str) -> str:
    """``report`` without its Generated instant: two runs make it a moment apart."""
    return re.sub(r"\d{4}-\d\d-\d\dT\S+$", "", report, flags=re.MULTILINE)
