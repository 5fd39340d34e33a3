"""``report --by attribute.Label`` (the attribute is ``label``) grouped every case under
(none) and said nothing, as if no complaint had told it. When no stored case holds the
attribute, stderr now says so; the report is still printed and the exit code is 0. An attribute some
stored case holds, outside the scope only, is no mistake and is not warned of."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from complaintkit.cli import build_cli

ROOT = Path(__file__).resolve().parents[2]
RETAIL = ROOT / "policies" / "retail" / "supermarket.yaml"


def _line(key: str, received_at: str, **attributes: str) -> str:
    return json.dumps(
        {
            "channel": "web",
            "external_id": key,
            "received_at": received_at,
            "customer": {"id": f"C-{key}"},
            "text": "面包发霉了",
            "attributes": attributes,
        }
    )


def _store(tmp_path: Path) -> list[str]:
    args = ["--db", f"sqlite:///{tmp_path / 'c.db'}", "--policy", str(RETAIL)]
    source = tmp_path / "in.jsonl"
    lines = [
        _line("A", "2026-03-02T10:00:00+08:00", label="0", store="north"),
        _line("B", "2026-03-09T10:00:00+08:00", store="south"),
    ]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    taken = CliRunner().invoke(build_cli(), [*args, "intake", str(source)])
    assert taken.exit_code == 0, taken.output
    return args


def _report(args: list[str], *more: str) -> Result:
    return CliRunner().invoke(build_cli(), [*args, "report", "--json", *more])


def test_an_attribute_no_case_holds_is_warned_of(tmp_path: Path) -> None:
    done = _report(_store(tmp_path), "--by", "attribute.Label")
    assert done.exit_code == 0
    assert json.loads(done.stdout)["by"] == {
        "attribute.Label": [{"key": None, "count": 2, "share": 1.0, "cumulative": 1.0}]
    }
    assert "--by attribute.Label" in done.stderr
    assert "no stored case holds" in done.stderr


def test_an_attribute_held_outside_the_scope_is_not_warned_of(tmp_path: Path) -> None:
    done = _report(_store(tmp_path), "--by", "attribute.label", "--since", "2026-03-05")
    assert done.exit_code == 0
    assert json.loads(done.stdout)["total"] == 1
    assert "attribute" not in done.stderr


def test_a_held_attribute_is_not_warned_of(tmp_path: Path) -> None:
    done = _report(_store(tmp_path), "--by", "attribute.store")
    assert done.exit_code == 0
    assert done.stderr == ""
