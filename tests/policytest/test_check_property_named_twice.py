"""``complaintkit check --property X --property X`` (a property repeated, as a script that
adds one per flag does) checks it once: it was checked once per mention, taking as much
longer, and said so: 'classified, classified hold on … complaints each'."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from complaintkit.cli import build_cli

POLICY = Path(__file__).parent / "fixtures" / "gap.yaml"


def test_a_property_named_twice_is_checked_and_reported_once() -> None:
    args = ["check", str(POLICY), "--examples", "5", "--property", "owner"]
    text = CliRunner().invoke(build_cli(), [*args, "--property", "owner"])
    assert text.exit_code == 0, text.output
    assert ": owner hold on 5 complaints each" in text.output, text.output
    report = CliRunner().invoke(
        build_cli(), [*args, "--property", "deadlines", "--property", "owner", "--json"]
    )
    assert json.loads(report.stdout)["properties"] == ["owner", "deadlines"]
