import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.storage_contract import make_complaint


def run(*args: str) -> Result:
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def db(tmp_path: Path) -> str:
    SQLiteStorage(f"sqlite:///{tmp_path / 'cases.db'}").close()  # an empty store
    return f"sqlite:///{tmp_path / 'cases.db'}"


@pytest.fixture
def jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "complaints.jsonl"
    lines = [
        json.dumps(
            make_complaint(f"J{n}", text=f"第{n}件 parcel late").to_json(), ensure_ascii=False
        )
        for n in range(3)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_intake_opens_cases_and_is_idempotent(db: str, jsonl: Path) -> None:
    first = run("--db", db, "intake", str(jsonl))
    assert first.exit_code == 0
    assert first.output.startswith("3 taken in (3 new cases, 0 duplicates already known), 0 dead")
    again = run("--db", db, "intake", "--json", str(jsonl))
    assert json.loads(again.output) == {
        "opened": 0,
        "replies": 0,
        "duplicates": 3,
        "dead_lettered": 0,
        "dead_letters": [],
        "refused_again": 0,
    }


def test_intake_reports_bad_lines_with_numbers_and_exits_3(db: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    good = json.dumps(make_complaint("ok").to_json())
    bad = json.loads(good)
    bad["external_id"] = "bad"
    bad["received_at"] = "2026-11-23T09:00:00"
    path.write_text(f"{good}\n{{not json\n{json.dumps(bad)}\n", encoding="utf-8")
    result = run("--db", db, "intake", "--json", str(path))
    assert result.exit_code == 3
    summary = json.loads(result.stdout)
    assert summary["opened"] == 1
    assert [r["source"] for r in summary["dead_letters"]] == ["bad.jsonl:2", "bad.jsonl:3"]
    assert "received_at" in summary["dead_letters"][1]["reason"]


def test_cases_list_and_show(db: str, jsonl: Path) -> None:
    run("--db", db, "intake", str(jsonl))
    listed = json.loads(run("--db", db, "cases", "list", "--json").output)
    assert len(listed) == 3
    case_id = listed[0]["id"]
    shown = run("--db", db, "cases", "show", case_id)
    assert case_id in shown.output
    assert "第0件" in shown.output
    assert "classified" in shown.output


def test_unknown_case_is_one_line_error_exit_1(db: str) -> None:
    result = run("--db", db, "cases", "show", "CK-NOPE")
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: no case 'CK-NOPE' in {db}"


def test_plugins_lists_builtins() -> None:
    result = run("plugins", "--json")
    names = {p["name"] for p in json.loads(result.output)}
    assert "complaintkit.builtin.storage" in names


def test_audit_verify_names_the_tampered_case(db: str, jsonl: Path, tmp_path: Path) -> None:
    run("--db", db, "intake", str(jsonl))
    clean = run("--db", db, "audit", "verify")
    assert clean.exit_code == 0
    assert "3 cases checked, 0 with altered history" in clean.output
    conn = sqlite3.connect(tmp_path / "cases.db")
    (case_id, body) = conn.execute(
        "SELECT case_id, body FROM events WHERE seq = 2 LIMIT 1"
    ).fetchone()
    event = json.loads(body)
    event["data"]["category"] = "nothing-to-see"
    conn.execute(
        "UPDATE events SET body = ? WHERE case_id = ? AND seq = 2", (json.dumps(event), case_id)
    )
    conn.commit()
    conn.close()
    tampered = run("--db", db, "audit", "verify", "--json")
    assert tampered.exit_code == 1
    report = json.loads(tampered.output)
    assert report["broken"] == [
        {
            "code": "chain",
            "case_id": case_id,
            "seq": 2,
            "ledger_id": None,
            "problem": "content was altered after it was recorded",
        }
    ]


def test_demo_tells_the_day(tmp_path: Path) -> None:
    result = run("demo", "--out", str(tmp_path / "demo"))
    assert result.exit_code == 0, result.output
    assert "牛奶变质" in result.output
    assert "Rude staff at checkout" in result.output
    assert "→ now closed" in result.output
    text = result.output
    # deadlines promised at intake
    # (the urgent 2 hours are the store's, 09:00-21:00: before opening, due at 11:00)
    assert "deadline: first_response by 11:00 (2 business hours) — promised to the customer" in text
    # the spoiled milk earns a refund and statutory damages, approved, offered and accepted
    assert (
        "退货退款 12.80 CNY + 赔偿损失 0.00 CNY + 价款十倍或损失三倍赔偿金 1000.00 CNY = 1012.80 CNY"
        in text
    )
    for step in (
        "approved as store_manager",
        "offered to the customer",
        "accepted by the customer",
    ):
        assert f"compensation comp-1 {step}" in text
    # the ticks fire what the day left open
    assert "21:00 end of day: 2 case(s) due — 2 warning(s), 1 breach(es), 2 escalation(s)" in text
    assert "next morning: 1 case(s) due — 0 warning(s), 1 breach(es), 1 escalation(s)" in text
    assert "✗ breach: first_response missed its deadline (18:22)" in text
    assert "escalated to standard/manager (100% of resolution elapsed)" in text
    # notifications went out through the log notifier
    assert "✉ customer sam@example.com (opened): We received your complaint" in text
    assert "notification(s) sent through the log notifier" in text
    assert "dead letters" not in text  # every customer of the day left an address


def test_demo_json_has_cases_ticks_and_notifications(tmp_path: Path) -> None:
    result = run("demo", "--out", str(tmp_path / "demo"), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert len(report["cases"]) == 8
    assert [t["label"] for t in report["ticks"]] == ["end of day", "next morning"]
    milk = report["cases"][0]["case"]
    assert [c["status"] for c in milk["compensation"]] == ["accepted"]
    assert any(n["message"].startswith("customer") for n in report["notifications"])


def test_python_dash_m_runs_the_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "complaintkit", "--help"], capture_output=True, text=True, check=True
    )
    assert "intake" in result.stdout
