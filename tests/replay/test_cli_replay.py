"""``complaintkit replay`` on the demo's database: what a tighter policy would have done."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner
from replay_helpers import dump, tightened

from complaintkit.cli import build_cli
from complaintkit.demo.script import demo_policy_path
from complaintkit.model import complaint as complaint_module
from demo_store import play_demo


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return play_demo(tmp_path_factory.mktemp("demo"))


def _replay(db: Path, *args: str) -> str:
    result = CliRunner().invoke(build_cli(), ["--db", f"sqlite:///{db}", "replay", *args])
    assert result.exit_code == 0, result.output
    return result.output


def _breaches(data: dict[str, object], metric: str) -> tuple[int, int]:
    for row in data["counts"]:  # type: ignore[attr-defined]
        if (row["dimension"], row["value"]) == ("breached", metric):
            return row["current"], row["candidate"]
    return 0, 0


def test_a_tighter_first_response_reports_more_breaches_and_names_the_cases(
    demo_db: Path, tmp_path: Path
) -> None:
    before = dump(demo_db)
    data = json.loads(_replay(demo_db, str(tightened(tmp_path, "1h")), "--json"))
    current, candidate = _breaches(data, "first_response")
    assert candidate > current
    (changed,) = data["changed_cases"]
    assert changed["changes"] == [
        "first_response breached",
        "warnings 0 → 1",
        "escalation level 0 → 1",  # the ladder's first level fires on the breach
    ]
    text = _replay(demo_db, str(tightened(tmp_path, "1h")))
    assert f"{changed['case_id']}: first_response breached" in text
    assert dump(demo_db) == before


def test_replaying_the_policy_in_force_changes_nothing(demo_db: Path) -> None:
    data = json.loads(_replay(demo_db, str(demo_policy_path()), "--json"))
    assert data["cases"] == 8
    assert (data["changed"], data["changed_cases"]) == (0, [])
    assert data["compensation"]["current"] == data["compensation"]["candidate"]
    assert all(row["current"] == row["candidate"] for row in data["counts"])


def test_complaints_over_a_limit_lowered_since_are_replayed_as_stored(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(complaint_module, "MAX_TEXT_CHARS", 5)  # every stored text is longer
    data = json.loads(_replay(demo_db, str(demo_policy_path()), "--json"))
    assert (data["cases"], data["changed"], data.get("skipped", [])) == (8, 0, [])


def test_one_case_in_detail_shows_both_timelines(demo_db: Path, tmp_path: Path) -> None:
    candidate = str(tightened(tmp_path, "1h"))
    case_id = json.loads(_replay(demo_db, candidate, "--json"))["changed_cases"][0]["case_id"]
    text = _replay(demo_db, candidate, "--case", case_id, "--html", str(tmp_path / "r.html"))
    assert f"== Case {case_id}" in text
    assert "first_response breached: 1h ran out" in text.split("candidate:")[1]
    assert "first_response breached" not in text.split("candidate:")[0].split("current:")[1]
    assert case_id in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_since_and_until_limit_the_cases(demo_db: Path) -> None:
    data = json.loads(
        _replay(
            demo_db,
            str(demo_policy_path()),
            "--json",
            "--since",
            "2026-11-23T12:00:00+08:00",
            "--until",
            "2026-11-23T16:00:00+08:00",
        )
    )
    assert data["cases"] == 2  # opened 14:22 and 15:05


def test_baseline_and_a_file_go_together(demo_db: Path) -> None:
    result = CliRunner().invoke(
        build_cli(),
        [
            "--db",
            f"sqlite:///{demo_db}",
            "replay",
            "--baseline",
            str(demo_policy_path()),
            str(demo_policy_path()),
        ],
    )
    assert result.exit_code == 2
    assert "go together" in result.output


def test_a_file_with_an_unreadable_line_exits_1_naming_it(tmp_path: Path) -> None:
    source = tmp_path / "complaints.jsonl"
    source.write_text("{not json\n", encoding="utf-8")
    policy = str(demo_policy_path())
    result = CliRunner().invoke(build_cli(), ["replay", "--baseline", policy, policy, str(source)])
    assert result.exit_code == 1
    assert "rejected complaints.jsonl:1: " in result.output
    assert "not JSON" in result.output


def test_the_html_page_has_the_text_reports_figures(demo_db: Path, tmp_path: Path) -> None:
    """Compensation totals, the count of changed cases past --limit and the rejected lines
    are on the page as in the text."""
    page = tmp_path / "r.html"
    _replay(demo_db, str(tightened(tmp_path, "1h")), "--limit", "0", "--html", str(page))
    html = page.read_text(encoding="utf-8")
    data = json.loads(_replay(demo_db, str(tightened(tmp_path, "1h")), "--json"))
    for currency, amount in data["compensation"]["current"].items():
        assert f'<td dir="auto">{currency}</td><td dir="auto">{amount}</td>' in html
    source = tmp_path / "complaints.jsonl"
    source.write_text("{not json\n", encoding="utf-8")
    policy = str(demo_policy_path())
    args = ["replay", "--baseline", policy, policy, str(source), "--html", str(page)]
    assert CliRunner().invoke(build_cli(), args).exit_code == 1
    assert "complaints.jsonl:1" in page.read_text(encoding="utf-8")


def test_a_case_not_in_the_file_is_an_error_as_for_a_store(tmp_path: Path) -> None:
    source = tmp_path / "complaints.jsonl"
    line = {
        "channel": "web",
        "external_id": "1",
        "received_at": "2026-11-23T09:00:00+08:00",
        "customer": {"id": "c1"},
        "text": "The milk was sour",
    }
    source.write_text(json.dumps(line) + "\n", encoding="utf-8")
    policy = str(demo_policy_path())
    args = ["replay", "--baseline", policy, policy, str(source), "--case", "web:2"]
    result = CliRunner().invoke(build_cli(), args)
    assert result.exit_code != 0
    assert "web:2" in result.output
    args[-1] = "web:1"
    assert "== Case web:1" in CliRunner().invoke(build_cli(), args).output


def test_since_and_until_choose_the_files_complaints_too(tmp_path: Path) -> None:
    source = tmp_path / "complaints.jsonl"
    lines = [
        {
            "channel": "web",
            "external_id": str(day),
            "received_at": f"2026-11-2{day}T09:00:00+08:00",
            "customer": {"id": "c1"},
            "text": "The milk was sour",
        }
        for day in (1, 2, 3)
    ]
    source.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    policy = str(demo_policy_path())
    args = ["replay", "--baseline", policy, policy, str(source), "--json"]
    scope = ["--since", "2026-11-22T00:00:00+08:00", "--until", "2026-11-23T00:00:00+08:00"]
    result = CliRunner().invoke(build_cli(), [*args, *scope])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["cases"] == 1


def test_a_case_opened_after_at_is_an_error_not_an_empty_detail(demo_db: Path) -> None:
    with closing(sqlite3.connect(demo_db)) as connection:
        (case_id,) = connection.execute("SELECT id FROM cases ORDER BY id LIMIT 1").fetchone()
    args = ["--db", f"sqlite:///{demo_db}", "replay", str(demo_policy_path()), "--case", case_id]
    result = CliRunner().invoke(build_cli(), [*args, "--at", "2026-01-01T00:00:00+00:00"])
    assert result.exit_code != 0
    assert case_id in result.output
