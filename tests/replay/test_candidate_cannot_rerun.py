"""A candidate policy that cannot re-run one stored case (a ``unique`` table two of whose
rows match it): that case is named with the policy's error, the others are still compared."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from complaintkit.cli import build_cli
from complaintkit.demo.script import demo_policy_path
from demo_store import play_demo


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return play_demo(tmp_path_factory.mktemp("demo"))


def _overlapping(tmp_path: Path) -> Path:
    """The demo's policy with its first classification table made ``unique``: one demo
    complaint (a rude cashier and a wrong promotion price) matches two of its rows."""
    text = demo_policy_path().read_text(encoding="utf-8")
    first = "    hit_policy: first\n    rules:\n      - id: food-safety"
    assert first in text
    path = tmp_path / "unique.yaml"
    path.write_text(text.replace(first, first.replace("first", "unique", 1)), encoding="utf-8")
    return path


def _replay(db: Path, *args: str) -> Result:
    return CliRunner().invoke(
        build_cli(), ["--db", f"sqlite:///{db}", "replay", *args], catch_exceptions=False
    )


def test_the_case_the_candidate_cannot_rerun_is_named_and_the_rest_compared(
    demo_db: Path, tmp_path: Path
) -> None:
    result = _replay(demo_db, str(_overlapping(tmp_path)), "--json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.output)
    (rejected,) = data["rejected"]
    assert rejected["source"].startswith("case CK-")
    assert "unique" in rejected["error"]
    assert data["cases"] == 7  # the demo's 8 but that one
    text = _replay(demo_db, str(_overlapping(tmp_path))).output
    assert f"rejected {rejected['source']}: " in text
    assert "== Replay: 7 case(s)" in text


def test_asking_for_that_case_names_why(demo_db: Path, tmp_path: Path) -> None:
    data = json.loads(_replay(demo_db, str(_overlapping(tmp_path)), "--json").output)
    case_id = data["rejected"][0]["source"].removeprefix("case ")
    result = _replay(demo_db, str(_overlapping(tmp_path)), "--case", case_id)
    assert result.exit_code == 1
    assert f"rejected case {case_id}: " in result.output
    assert "was not opened" not in result.output


def test_a_file_line_the_candidate_cannot_rerun_is_named(tmp_path: Path) -> None:
    lines = [
        {"text": "The cashier was rude and the promotion price was wrong", "external_id": "1"},
        {"text": "My parcel never arrived", "external_id": "2"},
    ]
    path = tmp_path / "complaints.jsonl"
    path.write_text(
        "".join(
            json.dumps(
                {
                    **line,
                    "channel": "web",
                    "received_at": "2026-10-02T09:00:00+08:00",
                    "customer": {"id": f"C{line['external_id']}"},
                }
            )
            + "\n"
            for line in lines
        ),
        encoding="utf-8",
    )
    args = ["replay", "--baseline", str(demo_policy_path()), str(_overlapping(tmp_path)), str(path)]
    result = CliRunner().invoke(build_cli(), args, catch_exceptions=False)
    assert result.exit_code == 1
    assert "== Replay: 1 case(s)" in result.output
    assert "rejected complaints.jsonl:1: the candidate policy cannot re-run it: " in result.output
    # asked for by name, that line says why, as a stored case does: not "no complaint web:1"
    named = CliRunner().invoke(build_cli(), [*args, "--case", "web:1"], catch_exceptions=False)
    assert named.exit_code == 1
    assert "rejected complaints.jsonl:1: the candidate policy cannot re-run it: " in named.output
    assert "no complaint" not in named.output
    assert "complaints.jsonl:2" not in named.output


def test_a_proposal_the_candidate_cannot_decide_is_named_not_kept_silently(
    demo_db: Path, tmp_path: Path
) -> None:
    """A candidate paying in USD cannot decide the demo's refund of a CNY price: intake under
    it refuses that proposal. The replay kept the recorded CNY decision and said that no
    case would change."""
    text = demo_policy_path().read_text(encoding="utf-8")
    assert "  currency: CNY\n" in text
    candidate = tmp_path / "usd.yaml"
    candidate.write_text(text.replace("  currency: CNY\n", "  currency: USD\n"), encoding="utf-8")
    result = _replay(demo_db, str(candidate), "--json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.output)
    (rejected,) = data["rejected"]
    assert rejected["source"].startswith("case CK-")
    assert "cannot decide compensation comp-1 proposed at " in rejected["error"]
    assert "USD" in rejected["error"]
    assert data["cases"] == 8  # still compared, with the recorded decision
