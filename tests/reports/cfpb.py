"""The committed CFPB sample (public domain) as complaints: company and state as attributes."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path
from typing import Any

CFPB = Path(__file__).parents[1] / "fixtures" / "cfpb_sample.csv"


def cfpb_rows() -> list[dict[str, str]]:
    with CFPB.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return sorted(rows, key=lambda r: (r["Date received"], r["Complaint ID"]))


def cfpb_complaint(row: dict[str, str], at: datetime) -> dict[str, Any]:
    return {
        "channel": "cfpb",
        "external_id": row["Complaint ID"],
        "received_at": at.isoformat(),
        "customer": {"id": f"cfpb-{row['Complaint ID']}"},
        "text": row["Consumer complaint narrative"] or row["Issue"],
        "product": row["Product"],
        "attributes": {"company": row["Company"], "state": row["State"]},
    }
