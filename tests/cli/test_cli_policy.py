"""``complaintkit validate | schema | explain`` and the ``--policy`` option."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from complaintkit.cli import build_cli
from complaintkit.cli import policy as policy_commands
from complaintkit.demo.script import demo_policy_path
from complaintkit.plugins import Plugins, plugin_manager

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
BROKEN = Path(__file__).parents[1] / "policy" / "broken"


def run(*args: str, **env: str) -> Result:
    return CliRunner().invoke(CLI, list(args), env=env or None)


def test_validate_clean_policy_exits_zero() -> None:
    result = run("validate", str(demo_policy_path()))
    assert result.exit_code == 0, result.output
    assert "valid" in result.output


def test_validate_reports_every_file_and_exits_one_as_json() -> None:
    result = run("validate", "--json", str(demo_policy_path()), str(BROKEN / "unknown_team.yaml"))
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["valid"] is False
    clean, broken = report["policies"]
    assert clean["problems"] == []
    assert broken["problems"][0]["path"] == "routing.rules[0].then.team"
    assert broken["problems"][0]["line"] == 25


def test_validate_reports_all_problems_at_once(tmp_path: Path) -> None:
    policy = tmp_path / "p.yaml"
    policy.write_text(
        "complaintkit: 1\ncategories: {a: {label: A}}\nseverities: {s: {}}\npriorities: {p: {}}\n"
        "classification:\n  rules:\n    - {id: x, then: {category: nope}}\n"
        "  default: {category: a, severity: bad, priority: p}\n",
        encoding="utf-8",
    )
    result = run("validate", str(policy))
    assert result.exit_code == 1
    for needle in ("unknown category 'nope'", "unknown severity 'bad'", "no routing table"):
        assert needle in result.output


def test_schema_prints_draft_2020_12() -> None:
    result = run("schema")
    schema = json.loads(result.output)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "classification" in schema["properties"]


def test_explain_human_and_json(tmp_path: Path) -> None:
    complaint = tmp_path / "c.json"
    complaint.write_text(
        json.dumps(
            {
                "channel": "chat",
                "external_id": "E1",
                "received_at": "2026-11-23T10:30:00+08:00",
                "customer": {"id": "C9"},
                "text": "Parcel never arrived and the carrier does not answer",
            }
        ),
        encoding="utf-8",
    )
    human = run("explain", str(demo_policy_path()), str(complaint))
    assert human.exit_code == 0, human.output
    assert "✓ delivery" in human.output
    assert "✗ food-safety" in human.output
    data = json.loads(run("explain", "--json", str(demo_policy_path()), str(complaint)).output)
    assert data["outcome"]["owner"] == "ops.kim"
    sections = [b["section"] for b in data["blocks"]]
    assert sections == ["classification", "classification", "routing", "sla", "compensation"]


def test_policy_option_routes_intake(tmp_path: Path) -> None:
    complaints = tmp_path / "in.jsonl"
    complaints.write_text(
        json.dumps(
            {
                "channel": "web",
                "external_id": "W1",
                # received now: clocks start at receipt, and an old complaint is escalated
                "received_at": datetime.now(UTC).isoformat(),
                "customer": {"id": "C9"},
                "text": "面包里有异物",
            },
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    db = f"sqlite:///{tmp_path / 'c.db'}"
    result = run("--db", db, "intake", str(complaints), COMPLAINTKIT_POLICY=str(demo_policy_path()))
    assert result.exit_code == 0, result.output
    listing = run("--db", db, "cases", "list", "--json")
    assert "li.na" in listing.output


def test_explain_with_a_missing_compensation_input_shows_the_rest_and_names_it(
    tmp_path: Path,
) -> None:
    complaint = tmp_path / "c.json"
    complaint.write_text(
        json.dumps(
            {
                "channel": "web",
                "external_id": "e-1",
                "received_at": "2026-11-23T09:00:00+08:00",
                "customer": {"id": "C-1"},
                "text": "假货",
                "attributes": {"fraud": True},
            }
        ),
        "utf-8",
    )
    policy = (
        Path(__file__).parents[2] / "policies" / "statutory" / "cn-consumer-protection-art55.yaml"
    )
    human = run("explain", str(policy), str(complaint))
    assert human.exit_code == 0, human.output
    assert "needs: price (" in human.output  # the refund is the price too, held to it
    assert "outcome:" in human.output
    data = json.loads(run("explain", "--json", str(policy), str(complaint)).output)
    (block,) = [b for b in data["blocks"] if b["section"] == "compensation"]
    assert block["needs"] == ["price"]
    assert [r["needs"] for r in block["remedies"]] == ["price", "price", None]
    assert data["outcome"]["team"] == "desk"


def test_explain_names_a_complaint_file_that_is_not_utf8_or_not_json(tmp_path: Path) -> None:
    binary, nan = tmp_path / "binary.json", tmp_path / "nan.json"
    binary.write_bytes(b"\x83\xff{}")
    nan.write_text('{"channel": "web", "score": NaN}', encoding="utf-8")
    for path, said in ((binary, "is not valid UTF-8 (byte 0)"), (nan, "must be a finite number")):
        result = run("explain", str(demo_policy_path()), str(path))
        assert result.exit_code == 1
        assert said in result.stderr


def test_explain_reads_no_more_of_a_complaint_file_than_a_complaint_can_hold(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole file was read before anything was checked: /dev/zero (or any file with no
    end) grew in memory until the process died with a MemoryError traceback."""
    monkeypatch.setattr(policy_commands, "MAX_COMPLAINT_BYTES", 1_000)
    large = tmp_path / "large.json"
    large.write_text(json.dumps({"channel": "web", "text": "x" * 2_000}), encoding="utf-8")
    for path in (str(large), "/dev/zero"):
        result = run("explain", str(demo_policy_path()), path)
        assert result.exit_code == 1
        assert f"{path}: is larger than 1,000 bytes" in result.stderr


def test_validate_a_folder_of_policy_folders_checks_each_policy_file_in_them(
    tmp_path: Path,
) -> None:
    """As ``complaintkit test`` finds test files in subfolders, ``validate`` finds the
    policies there (policies/*/*.yaml), each on its own, and leaves their tests alone."""
    shipped = Path(__file__).parents[2] / "policies"
    result = run("validate", "--json", str(shipped))
    assert result.exit_code == 0, result.output
    checked = {Path(p["path"]) for p in json.loads(result.output)["policies"]}
    assert checked == {p for p in shipped.rglob("*.yaml") if not p.name.endswith(".tests.yaml")}
    (tmp_path / "retail").mkdir()
    (tmp_path / "retail" / "shop.yaml").write_text("name: no format version\n", "utf-8")
    (tmp_path / "retail" / "shop.tests.yaml").write_text("policy: shop.yaml\n", "utf-8")
    result = run("validate", "--json", str(tmp_path))
    assert result.exit_code == 1
    (only,) = json.loads(result.output)["policies"]
    assert only["path"] == str(tmp_path / "retail" / "shop.yaml")


DOCS_BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
NO_CHANNEL = {
    "external_id": "E1",
    "received_at": "2026-11-23T10:30:00+08:00",
    "customer": {"id": "C9"},
    "text": "牛奶变质了",
}


def test_explain_without_a_channel_stands_in_web_when_the_policy_never_reads_it(
    tmp_path: Path,
) -> None:
    # it refused with 'channel: is required', though nothing in the policy reads the channel
    complaint = tmp_path / "c.json"
    complaint.write_text(json.dumps(NO_CHANNEL, ensure_ascii=False), "utf-8")
    human = run("explain", str(DOCS_BASE), str(complaint))
    assert human.exit_code == 0, human.output
    assert "✓ spoiled" in human.stdout
    assert "no channel" in human.stderr
    assert "'web'" in human.stderr
    data = json.loads(run("explain", "--json", str(DOCS_BASE), str(complaint)).stdout)
    assert data["outcome"]["category"] == "product"


def test_explain_without_a_channel_the_policy_reads_says_where_it_is_read(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text(DOCS_BASE.read_text("utf-8"), "utf-8")
    policy = tmp_path / "p.yaml"
    policy.write_text(
        "complaintkit: 1\nextends: ./base.yaml\nrouting:\n  rules:\n    - id: phone\n"
        "      when: {field: complaint.channel, ==: phone}\n      then: {team: logistics}\n",
        "utf-8",
    )
    complaint = tmp_path / "c.json"
    complaint.write_text(json.dumps(NO_CHANNEL, ensure_ascii=False), "utf-8")
    result = run("explain", str(policy), str(complaint))
    assert result.exit_code == 1
    assert "c.json" in result.stderr
    assert f"{policy}:6" in result.stderr
    assert "routing.rules[1].when.field" in result.stderr  # after base.yaml's row
    assert '"channel"' in result.stderr


def test_explain_without_an_external_id_stands_one_in_too(tmp_path: Path) -> None:
    complaint = tmp_path / "c.json"
    bare = {k: v for k, v in NO_CHANNEL.items() if k != "external_id"}
    complaint.write_text(json.dumps(bare, ensure_ascii=False), "utf-8")
    result = run("explain", str(DOCS_BASE), str(complaint))
    assert result.exit_code == 0, result.output
    assert "no external_id" in result.stderr


def test_explain_names_the_complaint_file_a_bad_field_is_in(tmp_path: Path) -> None:
    # 'Error: received_at: ... is not an ISO 8601 timestamp' left out which file it was
    complaint = tmp_path / "late.json"
    bad = {**NO_CHANNEL, "channel": "web", "received_at": "yesterday"}
    complaint.write_text(json.dumps(bad), "utf-8")
    result = run("explain", str(DOCS_BASE), str(complaint))
    assert result.exit_code == 1
    assert "received_at" in result.stderr
    assert str(complaint) in result.stderr
    data = json.loads(run("explain", "--json", str(DOCS_BASE), str(complaint)).stdout)
    assert data["error"]["field"] == "received_at"


CN_POLICY = """complaintkit: 1
categories: {product: {label: Product}}
severities: {normal: {label: Normal}}
priorities: {normal: {label: Normal}}
teams: {care: {label: Care, default_owner: li.na}}
classification: {rules: [], default: {category: product, severity: normal, priority: normal}}
routing: {rules: [], default: {team: care}}
calendars:
  cn:
    timezone: Asia/Shanghai
    hours: {mon-fri: ["09:00-17:00"]}
    holiday_country: CN
sla:
  calendar: cn
  targets:
    - {first_response: 1 business days, resolution: 15个工作日}
"""


def test_validate_warns_when_a_target_counts_into_provisional_holidays(tmp_path: Path) -> None:
    policy = tmp_path / "cn.yaml"
    policy.write_text(CN_POLICY, encoding="utf-8")
    result = run("validate", "--json", "--at", "2026-12-21T10:00:00+08:00", str(policy))
    assert result.exit_code == 0, result.output
    (problem,) = json.loads(result.output)["policies"][0]["problems"]
    assert (problem["severity"], problem["code"]) == ("warning", "holiday-data")
    assert problem["path"] == "sla.targets[0].resolution"
    assert (problem["file"], problem["line"]) == (str(policy), 16)  # where the target is
    assert "'cn'" in problem["message"]
    assert "2027 provisional" in problem["message"]
    early = run("validate", "--json", "--at", "2026-11-02T10:00:00+08:00", str(policy))
    assert json.loads(early.output)["policies"][0]["problems"] == []


def test_validate_counts_a_targets_extensions_into_its_longest_promise(tmp_path: Path) -> None:
    """15 working days from 2026-11-20 end in 2026; extended by 15 more on a holding reply
    (SAMR's rule) they reach January 2027, whose make-up days are not published yet."""
    policy = tmp_path / "cn.yaml"
    extended = (
        "    - first_response: 1 business days\n"
        "      resolution: {within: 15个工作日, extend: [{upon: holding_reply, by: 15个工作日}]}\n"
    )
    policy.write_text(
        CN_POLICY.replace(
            "    - {first_response: 1 business days, resolution: 15个工作日}\n", extended
        ),
        encoding="utf-8",
    )
    at = "2026-11-20T10:00:00+08:00"
    result = run("validate", "--json", "--at", at, str(policy))
    assert result.exit_code == 0, result.output
    (problem,) = json.loads(result.output)["policies"][0]["problems"]
    assert problem["path"] == "sla.targets[0].resolution"
    assert "2027 provisional" in problem["message"]
    assert "holding_reply" in problem["message"]
    plain = tmp_path / "plain.yaml"
    plain.write_text(CN_POLICY, encoding="utf-8")
    unextended = run("validate", "--json", "--at", at, str(plain))
    assert json.loads(unextended.output)["policies"][0]["problems"] == []


def test_validate_is_content_once_the_policy_lists_the_years_make_up_days(
    tmp_path: Path,
) -> None:
    policy = tmp_path / "cn.yaml"
    supplied = '    working_days: {"2027-02-20": mon}\n'
    policy.write_text(
        CN_POLICY.replace("    holiday_country: CN\n", f"    holiday_country: CN\n{supplied}"),
        encoding="utf-8",
    )
    result = run("validate", "--json", "--at", "2026-12-21T10:00:00+08:00", str(policy))
    assert json.loads(result.output)["policies"][0]["problems"] == []
