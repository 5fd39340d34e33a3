"""A record refused for a value of a megabyte (a customer id, a product) is refused with a
reason of a few hundred characters, on stderr and in the dead letter alike; the dead
letter's raw input keeps the whole record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.cli import build_cli
from complaintkit.errors import ConfigError, InvalidInput
from complaintkit.model.complaint import Complaint
from complaintkit.plugins import Plugins, plugin_manager

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
HUGE = "x" * 1_000_000
#: the most characters a refusal's message keeps (start and end), as the HTTP API's
MOST = 600


def record(**fields: object) -> dict[str, object]:
    base: dict[str, object] = {
        "channel": "web",
        "external_id": "R-1",
        "received_at": "2026-11-23T09:00:00+00:00",
        "customer": {"id": "c-1"},
        "text": "broken",
    }
    return {**base, **fields}


@pytest.mark.parametrize(
    "fields",
    [
        {"customer": {"id": HUGE + " "}},
        {"product": {"sku": 5, "name": HUGE}},
        {"channel": HUGE},
        {"received_at": HUGE},
    ],
)
def test_a_megabyte_value_makes_a_brief_dead_letter_reason(
    tmp_path: Path, fields: dict[str, object]
) -> None:
    source = tmp_path / "in.jsonl"
    line = json.dumps(record(**fields))
    source.write_text(line + "\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    intake = CliRunner().invoke(CLI, ["--db", db, "intake", str(source)])
    assert intake.exit_code == 3, intake.output
    assert len(intake.stderr) < 4 * MOST
    listed = CliRunner().invoke(CLI, ["--db", db, "dead-letters", "list", "--json"])
    (letter,) = json.loads(listed.stdout)
    assert 0 < len(letter["reason"]) <= 2 * MOST
    raw = CliRunner().invoke(CLI, ["--db", db, "dead-letters", "show", str(letter["id"]), "--raw"])
    assert raw.stdout_bytes.rstrip(b"\n") == line.encode()


@settings(max_examples=30)
@given(size=st.integers(0, 5000), error=st.sampled_from([InvalidInput, ConfigError]))
def test_an_error_message_is_cut_to_its_ends(size: int, error: type[Exception]) -> None:
    value = "v" * size
    exc = (
        InvalidInput("customer.id", f"bad {value!r} end")
        if error is InvalidInput
        else (ConfigError(f"bad {value!r} end"))
    )
    said = str(exc)
    assert len(said) <= MOST + len("customer.id: ")
    assert said.endswith("end")
    assert "bad" in said


def test_a_complaint_refusal_quotes_a_long_value_briefly() -> None:
    with pytest.raises(InvalidInput) as info:
        Complaint.from_json(record(channel=HUGE))
    assert len(str(info.value)) <= MOST + 100
