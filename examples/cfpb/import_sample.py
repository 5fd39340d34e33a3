"""Import the CFPB sample with its history and print the report of what really happened.

    python examples/cfpb/import_sample.py [complaints.csv] [--db sqlite:///cfpb.db]

The sample lives in ../shared/data/cfpb beside the repository; without it the script says
so and exits 0. Importing twice opens no new case.
"""

from __future__ import annotations

import argparse
import sys
from contextlib import closing
from pathlib import Path

from complaintkit.channels import take_in
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from complaintkit.reports import build_report, open_source
from complaintkit.reports.table import render_text
from complaintkit.reports.vocabulary import Vocabulary

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parents[2] / "shared" / "data" / "cfpb" / "complaints_sample_6664.csv"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", nargs="?", type=Path, default=SAMPLE)
    parser.add_argument("--db", default="sqlite:///cfpb.db")
    args = parser.parse_args(argv)
    if not args.csv.exists():
        print(f"skipped: the CFPB sample is not at {args.csv}")
        return 0
    channel = CsvChannel(
        str(HERE / "mapping.yaml"), channel="cfpb", timezone="America/New_York", language="en"
    )
    desk = Desk(load_policy(HERE / "policy.yaml"), storage=args.db)
    with desk.storage:
        summary = take_in(desk, "cfpb", channel.read(str(args.csv)))
        print(
            f"{summary.opened} cases opened, {summary.already_known} already known, "
            f"{len(summary.rejected)} rejected"
        )
        # read as `complaintkit report` reads the policy: its labels, and days and the
        # Generated instant on its home clock (New York), not UTC's
        with closing(open_source(desk.storage)) as source:
            report = build_report(
                source,
                incidents=desk.policy.incidents,
                zone=desk.zone,
                now=desk.clock.now(),
                vocabulary=Vocabulary.of(desk.policy),
            )
        print(render_text(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
