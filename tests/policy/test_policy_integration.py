"""One policy file, every section: compensation, notifications and SLA load, validate,
explain and run on the Desk together."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.compensation.policy import CompensationPolicy
from complaintkit.demo.script import demo_policy_path
from complaintkit.desk import Desk
from complaintkit.desk.provisional import explain_complaint
from complaintkit.errors import PolicyError
from complaintkit.model.complaint import Complaint
from complaintkit.notify.policy import NotificationPolicy
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import check_policy, load_policy
from complaintkit.policytest import Runner
from complaintkit.sla.policy import SlaPolicy

PLUGINS = Plugins(plugin_manager(load_entrypoints=False))
CLI = build_cli(PLUGINS)
STATUTORY = sorted(
    p
    for p in (Path(__file__).parents[2] / "policies" / "statutory").glob("*.yaml")
    if not p.name.endswith(".tests.yaml")
)
START = datetime(2026, 11, 23, 0, 12, tzinfo=UTC)  # 08:12 in Shanghai, a Monday

HEAD = """\
complaintkit: 1
name: shop
version: "7"
categories: {product: {label: Product}, other: {label: Other}}
severities: {critical: {label: Critical}, minor: {label: Minor}}
priorities: {urgent: {label: Urgent}, normal: {label: Normal}}
teams: {quality: {label: Quality, default_owner: li.na}}
classification:
  rules:
    - {id: food, when: {keywords: [spoiled]}, then: {category: product, severity: critical, priority: urgent}}
  default: {category: other, severity: minor, priority: normal}
routing: {rules: [], default: {team: quality}}
"""

NOTIFY = """\
templates:
  acknowledgement:
    en: {subject: "We received {case.id}", body: "Dear {customer.name}, we answer by {case.first_response_due}."}
notifications:
  notifiers: {log: {type: log}}
  rules:
    - {"on": opened, notify: [customer], via: log, template: acknowledgement}
"""

SLA = """\
sla:
  targets:
    - {when: {field: case.priority, ==: urgent}, first_response: 2h}
    - first_response: 24h
"""


def complaint(text: str = "The milk was spoiled", **extra: Any) -> dict[str, Any]:
    return {
        "channel": "email",
        "external_id": "m-1",
        "received_at": START.isoformat(),
        "customer": {"id": "c-1", "name": "Sam", "contact": "sam@example.com"},
        "text": text,
        "amount": {"amount": "12.80", "currency": "CNY"},
        "language": "en",
        **extra,
    }


def write(tmp_path: Path, *parts: str) -> Path:
    path = tmp_path / "policy.yaml"
    path.write_text("".join(parts), encoding="utf-8")
    return path


def test_the_demo_policy_has_every_section() -> None:
    policy = load_policy(demo_policy_path(), PLUGINS)
    assert isinstance(policy.compensation, CompensationPolicy)
    assert isinstance(policy.notifications, NotificationPolicy)
    assert isinstance(policy.sla, SlaPolicy)
    assert policy.section("sla") is policy.sla
    assert [ladder.name for ladder in policy.sla.ladders] == ["standard"]


def test_sections_a_policy_does_not_use_are_none(tmp_path: Path) -> None:
    policy = load_policy(write(tmp_path, HEAD))
    assert (policy.compensation, policy.notifications, policy.sla) == (None, None, None)
    with pytest.raises(LookupError, match="no section 'compensation'"):
        policy.section("compensation")


def test_loaded_policy_notifies_through_the_log_notifier(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    policy = load_policy(write(tmp_path, HEAD, NOTIFY, SLA), PLUGINS)
    desk = Desk(policy, clock=ManualClock(START), plugins=PLUGINS)
    with caplog.at_level(logging.INFO, logger="complaintkit.notify"):
        case = desk.intake(complaint())
        desk.deliver()
    [record] = [r for r in caplog.records if r.name == "complaintkit.notify"]
    assert record.args == (
        "customer",
        "sam@example.com",
        case.id,
        "opened",
        f"We received {case.id}",
    )
    assert desk.notifications is not None
    [message] = [m for _, m in desk.notifications.messages(case, desk.history(case.id)[0])]
    assert not isinstance(message, str)
    # the acknowledgement promises the first-response deadline the SLA engine computed
    assert case.clocks.metrics["first_response"].due_at == START + timedelta(hours=2)
    assert message.body == "Dear Sam, we answer by 2026-11-23 02:12 +00:00."


def complaint_file(tmp_path: Path, data: dict[str, Any]) -> str:
    path = tmp_path / "complaint.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_explain_prints_the_compensation_arithmetic(tmp_path: Path) -> None:
    """Issue 5: ``complaintkit explain`` prints the arithmetic for a compensation decision."""
    file = complaint_file(tmp_path, complaint("牛奶变质了", attributes={"unsafe_food": True}))
    result = CliRunner().invoke(CLI, ["explain", str(demo_policy_path()), file])
    assert result.exit_code == 0, result.output
    text = result.output
    assert "matched row(s): food-safety" in text
    assert "10 x least_of(1 x price, 1 x paid) (12.80 CNY) = 128.00 CNY" in text
    assert "below the floor: raised 128.00 CNY to 1000.00 CNY" in text
    assert "total: 1012.80 CNY" in text
    assert "approval: needs role 'store_manager'" in text


def test_explain_reads_statutory_facts_from_the_complaint_attributes() -> None:
    food = next(p for p in STATUTORY if "food" in p.name)
    attributes = {"unsafe_food": True, "loss": {"amount": "500.00", "currency": "CNY"}}
    explanation = explain_complaint(
        load_policy(food), Complaint.from_json(complaint(attributes=attributes))
    )
    [block] = [b for b in explanation.blocks if b.section == "compensation"]
    assert block.data["rows"] == ["unsafe-food-damages"]
    assert block.data["total"] == {"amount": "2012.80", "currency": "CNY"}
    assert "3 x loss (500.00 CNY) = 1500.00 CNY" in str(block)


def test_explain_shows_deadlines_and_the_ladder_as_json(tmp_path: Path) -> None:
    file = complaint_file(tmp_path, complaint("牛奶变质了", attributes={"unsafe_food": True}))
    result = CliRunner().invoke(CLI, ["explain", str(demo_policy_path()), file, "--json"])
    assert result.exit_code == 0, result.output
    blocks = {b["section"]: b for b in json.loads(result.output)["blocks"]}
    sla = blocks["sla"]
    assert [(m["metric"], m["target"], m["due_at"]) for m in sla["metrics"]] == [
        # 08:12, before the store opens at 09:00: 2 and 8 hours of its day
        ("first_response", "2 business hours", datetime(2026, 11, 23, 3, tzinfo=UTC).isoformat()),
        ("resolution", "8 business hours", datetime(2026, 11, 23, 9, tzinfo=UTC).isoformat()),
    ]
    assert [level["level"] for level in sla["levels"]] == ["unanswered", "team_lead", "manager"]
    assert blocks["compensation"]["total"] == {"amount": "1012.80", "currency": "CNY"}


def test_explain_sends_no_notifications(caplog: pytest.LogCaptureFixture) -> None:
    policy = load_policy(demo_policy_path(), PLUGINS)
    with caplog.at_level(logging.INFO, logger="complaintkit.notify"):
        explain_complaint(policy, Complaint.from_json(complaint()))
    assert not [r for r in caplog.records if r.name == "complaintkit.notify"]


def test_validate_reports_every_broken_section_at_once(tmp_path: Path) -> None:
    broken = write(
        tmp_path,
        HEAD.replace("default: {team: quality}", "default: {team: nowhere}"),
        NOTIFY.replace("via: log", "via: mail"),
        SLA.replace("24h", "24 parsecs"),
        "compensation: {currency: CNY, rules: [{id: a, remedies: []}]}\n",
        "  \n",
    )
    problems = [p for p in check_policy(broken, PLUGINS) if p.severity == "error"]
    paths = {p.location.path for p in problems}
    assert {
        "notifications.rules[0].via",
        "sla.targets[1].first_response",
        "compensation.rules[0].remedies",
    } <= paths
    assert any(p.message.startswith("unknown team") for p in problems)
    assert all(p.location.line and p.location.column for p in problems)
    result = CliRunner().invoke(CLI, ["validate", str(broken)])
    assert result.exit_code == 1
    for problem in problems:
        assert f"policy.yaml:{problem.location.line}:{problem.location.column}" in result.output


def test_validate_knows_the_registered_notifier_types(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD, NOTIFY.replace("{type: log}", "{type: pigeon}"))
    [problem] = check_policy(path, PLUGINS)
    assert problem.location.path == "notifications.notifiers.log.type"
    assert "'pigeon' is not registered" in problem.message
    assert "log" in problem.hint
    with pytest.raises(PolicyError):
        load_policy(path, PLUGINS)


@pytest.mark.parametrize("path", STATUTORY, ids=lambda p: p.stem)
def test_statutory_policies_load_as_full_policies(path: Path) -> None:
    assert check_policy(path, PLUGINS) == []
    policy = load_policy(path, PLUGINS)
    assert policy.compensation is not None
    assert policy.assessor.routing.default is not None


def test_validate_statutory_policies_is_clean() -> None:
    result = CliRunner().invoke(CLI, ["validate", *map(str, STATUTORY)])
    assert result.exit_code == 0, result.output
    assert result.output.count(": valid") == len(STATUTORY) == 3


LADDER = """\
escalation:
  ladders:
    - name: std
      levels:
        - name: lead
          trigger: {sla: first_response, elapsed: 1.0}
          actions: [{notify: {role: team_lead, template: late}}]
"""


def test_escalation_notify_action_sends_its_template(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    notify = NOTIFY.replace(
        "  rules:", "  contacts: {team_leads: {quality: lead@example.com}}\n  rules:"
    )
    late = '  late:\n    en: {subject: "{case.id} is late", body: "{event.reason}"}\n'
    notify = notify.replace("notifications:\n", late + "notifications:\n", 1)
    policy = load_policy(write(tmp_path, HEAD, notify, SLA, LADDER), PLUGINS)
    clock = ManualClock(START)
    desk = Desk(policy, clock=clock, plugins=PLUGINS)
    with caplog.at_level(logging.INFO, logger="complaintkit.notify"):
        case = desk.intake(complaint())
        clock.set(START + timedelta(hours=3))
        assert desk.tick().escalations == 1
        desk.deliver()
    sent = [r.args for r in caplog.records if r.name == "complaintkit.notify"]
    assert sent[-1] == (
        "team_lead",
        "lead@example.com",
        case.id,
        "notification_requested",
        f"{case.id} is late",
    )


def test_escalation_notify_action_must_name_a_known_template(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD, NOTIFY, SLA, LADDER)
    [problem] = [p for p in check_policy(path, PLUGINS) if p.severity == "error"]
    assert problem.location.path == "escalation.ladders[0].levels[0].actions[0].notify.template"
    assert problem.message == "template 'late' is not defined"
    # without any notifications section the action could never send anything
    [problem] = [
        p for p in check_policy(write(tmp_path, HEAD, SLA, LADDER)) if "notifier" in p.message
    ]
    assert problem.message == "no notifier is defined"


DEMO_FOOD_SAFETY = """\
complaint: {channel: web, customer: {id: C-1}, text: "The milk was spoiled, my child was in hospital"}
tests:
  - name: art. 148 pays the loss besides ten times the price or three times the loss
    complaint: {amount: {amount: "20.00", currency: CNY}}
    facts: {unsafe_food: true, loss: {amount: "500.00", currency: CNY}}
    expect: {compensation: {total: 2020 CNY}}
  - name: without a proven loss, the 1000 yuan floor
    complaint: {amount: {amount: "12.80", currency: CNY}}
    facts: {unsafe_food: true}
    expect: {compensation: {total: 1012.80 CNY}}
"""


def test_the_demo_pays_food_safety_as_food_safety_law_148_says(tmp_path: Path) -> None:
    tests = tmp_path / "demo.tests.yaml"
    tests.write_text(f"policy: {demo_policy_path()}\n{DEMO_FOOD_SAFETY}", "utf-8")
    assert [r for r in Runner().run_file(tests) if not r.passed] == []


@pytest.mark.parametrize(
    "text",
    [
        "昨天买的熟食,全家吃了拉肚子",
        "孩子吃了以后呕吐,怀疑食物中毒",
        "We all had diarrhoea after the salad",
    ],
)
def test_the_demo_policy_puts_illness_after_eating_first(text: str) -> None:
    desk = Desk(load_policy(demo_policy_path()), storage="memory:", clock=ManualClock(START))
    case = desk.intake(
        {
            "channel": "app",
            "external_id": "ill",
            "received_at": START.isoformat(),
            "customer": {"id": "C1"},
            "text": text,
        }
    )
    assert (case.category, case.severity, case.priority) == ("product", "critical", "urgent")
    assert case.team == "quality"
