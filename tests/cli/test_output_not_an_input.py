"""``report --html policy.yaml`` with ``--policy policy.yaml`` replaced the policy with the
HTML page and exited 0, as ``replay CANDIDATE --html CANDIDATE`` did and ``audit checkpoint
--out`` over the audit key file: the next command then failed on a policy (or a key) that
was a web page. A file an option writes that is a file the command read is now a usage
error naming the option and the input, and the file is left as it was; an earlier report
there is still replaced, as a cron job writing ``report.html`` every night expects."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from complaintkit.cli import build_cli

ROOT = Path(__file__).resolve().parents[2]
POLICY = ROOT / "policies" / "retail" / "supermarket.yaml"
KEY = "an audit key of at least sixteen bytes"


def _run(args: list[str], env: dict[str, str | None] | None = None) -> Result:
    return CliRunner().invoke(build_cli(), args, env=env)


def _store(tmp_path: Path, env: dict[str, str | None] | None = None) -> list[str]:
    """A store of one case, read with a copy of the policy in ``tmp_path/policies``."""
    (tmp_path / "policies").mkdir()
    shutil.copy(POLICY, tmp_path / "policies" / "shop.yaml")
    base = ["--db", f"sqlite:///{tmp_path / 'cases.db'}"]
    line = {
        "channel": "web",
        "external_id": "D-1",
        "received_at": "2026-11-23T09:00:00+08:00",
        "customer": {"id": "c1"},
        "text": "牛奶过期了",
    }
    (tmp_path / "in.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    done = _run(
        [*base, "--policy", str(tmp_path / "policies"), "intake", str(tmp_path / "in.jsonl")],
        env,
    )
    assert done.exit_code == 0, done.output
    return base


@pytest.mark.parametrize(
    ("policy", "command", "target", "named"),
    [
        ("policies/shop.yaml", ["report", "--html"], "policies/shop.yaml", "--policy"),
        ("policies", ["report", "--html"], "policies/shop.yaml", "--policy"),
        ("policies/shop.yaml", ["report", "--html"], "policies/../policies/shop.yaml", "--policy"),
        (
            "policies/shop.yaml",
            ["replay", "{tmp}/policies/shop.yaml", "--html"],
            "policies/shop.yaml",
            "CANDIDATE",
        ),
        (
            "policies/shop.yaml",
            [
                "replay",
                "{tmp}/policies/shop.yaml",
                "{tmp}/in.jsonl",
                "--baseline",
                "{tmp}/policies/shop.yaml",
                "--html",
            ],
            "in.jsonl",
            "COMPLAINTS",
        ),
    ],
    ids=[
        "report-policy",
        "report-policy-folder",
        "report-dotdot",
        "replay-candidate",
        "replay-complaints",
    ],
)
def test_an_input_is_not_written_over(
    tmp_path: Path, policy: str, command: list[str], target: str, named: str
) -> None:
    base = _store(tmp_path)
    before = {
        p: p.read_bytes() for p in (tmp_path / "policies" / "shop.yaml", tmp_path / "in.jsonl")
    }
    args = [a.replace("{tmp}", str(tmp_path)) for a in command]
    result = _run([*base, "--policy", str(tmp_path / policy), *args, str(tmp_path / target)])
    assert result.exit_code == 2, result.output
    assert "--html" in result.output
    assert named in result.output
    assert "Traceback" not in result.output
    assert {p: p.read_bytes() for p in before} == before


def test_the_audit_key_file_is_not_written_over(tmp_path: Path) -> None:
    key_file = tmp_path / "audit.key"
    key_file.write_text(KEY + "\n", encoding="utf-8")
    env = {"COMPLAINTKIT_AUDIT_KEY_FILE": str(key_file), "COMPLAINTKIT_AUDIT_KEY": None}
    base = _store(tmp_path, env)
    result = _run([*base, "audit", "checkpoint", "--out", str(key_file)], env)
    assert result.exit_code == 2, result.output
    assert "--out" in result.output
    assert "COMPLAINTKIT_AUDIT_KEY_FILE" in result.output
    assert key_file.read_text(encoding="utf-8") == KEY + "\n"


def test_an_earlier_report_is_replaced(tmp_path: Path) -> None:
    base = _store(tmp_path)
    page = tmp_path / "report.html"
    page.write_text("<!doctype html><p>last week</p>", encoding="utf-8")
    policy = ["--policy", str(tmp_path / "policies" / "shop.yaml")]
    result = _run([*base, *policy, "report", "--html", str(page)])
    assert result.exit_code == 0, result.output
    assert "last week" not in page.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "command",
    [["--policy", "{tmp}/child.yaml", "report"], ["replay", "{tmp}/child.yaml"]],
    ids=["report", "replay"],
)
def test_a_file_the_policy_extends_is_not_written_over(tmp_path: Path, command: list[str]) -> None:
    """The --policy file (or CANDIDATE) read the files it extends: they are inputs too."""
    base = _store(tmp_path)
    parent = tmp_path / "policies" / "shop.yaml"
    child = tmp_path / "child.yaml"
    child.write_text(
        f"complaintkit: 1\nname: child\nversion: '2'\nextends: {parent}\n", encoding="utf-8"
    )
    before = parent.read_bytes()
    args = [a.replace("{tmp}", str(tmp_path)) for a in command]
    result = _run([*base, *args, "--html", str(parent)])
    assert result.exit_code == 2, result.output
    assert "--html" in result.output
    assert parent.read_bytes() == before
