"""Gates: the SOP's closing steps, enforced by the Desk before a case may move on."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import PolicyError, StepsMissing
from complaintkit.model.case import RootCause
from complaintkit.notify.templates import template_fields
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import load_policy

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)

POLICY = """
complaintkit: 1
name: gated
version: "1"
categories: {product: {label: 产品}, service: {label: 服务}}
severities: {major: {label: 重要}}
priorities: {normal: {label: 一般}}
teams: {desk: {label: 客服中心, default_owner: chen.jing}}
classification:
  - hit_policy: first
    rules:
      - id: food
        when: {keywords: [变质]}
        then: {category: product, severity: major, priority: normal}
    default: {category: service, severity: major, priority: normal}
routing:
  rules: []
  default: {team: desk, owner: chen.jing}
gates:
  - id: follow-up-before-close
    to: [closed]
    require: [satisfaction]
    message: {zh: 关闭前须完成回访并记录满意度, en: the follow-up visit with a satisfaction score}
  - id: root-cause-for-product
    to: [resolved]
    when: {field: case.category, ==: product}
    require: [root_cause]
"""


def write_policy(tmp_path: Path, text: str = POLICY) -> Path:
    path = tmp_path / "gated.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def complaint(n: int, text: str) -> dict[str, object]:
    return {
        "channel": "web",
        "external_id": f"g-{n}",
        "received_at": T0.isoformat(),
        "customer": {"id": f"c-{n}", "name": "王女士"},
        "text": text,
    }


@pytest.fixture(name="desk")
def desk_fixture(tmp_path: Path) -> Desk:
    return Desk(
        load_policy(write_policy(tmp_path)),
        storage=f"sqlite:///{tmp_path / 'cases.db'}",
        clock=ManualClock(T0),
    )


def resolved(desk: Desk, n: int = 1, text: str = "店员态度差") -> str:
    case = desk.intake(complaint(n, text))
    desk.respond(case.id, "抱歉,马上处理", actor="chen.jing")
    desk.resolve(case.id, "已道歉并培训店员", actor="chen.jing")
    return case.id


def test_closing_without_the_follow_up_names_it_and_stores_nothing(desk: Desk) -> None:
    case_id = resolved(desk)
    before = desk.history(case_id)
    with pytest.raises(StepsMissing) as info:
        desk.close(case_id, actor="chen.jing")
    assert info.value.missing == (
        (
            "follow-up-before-close",
            "satisfaction",
            "the follow-up visit with a satisfaction score",
        ),
    )
    assert "follow-up-before-close" in str(info.value)
    assert desk.history(case_id) == before
    assert desk.get(case_id).status.value == "resolved"


def test_with_the_follow_up_the_case_closes(desk: Desk) -> None:
    case_id = resolved(desk)
    desk.follow_up(case_id, 4, "处理及时", actor="chen.jing")
    assert desk.close(case_id, actor="chen.jing").status.value == "closed"


def test_a_recorded_refusal_to_rate_also_closes_the_loop(desk: Desk) -> None:
    case_id = resolved(desk)
    case = desk.follow_up_refused(case_id, "客户不愿评价", actor="chen.jing")
    assert case.satisfaction is not None
    assert case.satisfaction.refused
    assert desk.close(case_id, actor="chen.jing").status.value == "closed"


def test_a_gate_with_when_guards_only_the_cases_it_names(desk: Desk) -> None:
    resolved(desk, 1, "店员态度差")  # service: no root cause needed
    food = desk.intake(complaint(2, "牛奶变质了"))
    desk.respond(food.id, "抱歉", actor="chen.jing")
    with pytest.raises(StepsMissing) as info:
        desk.resolve(food.id, "退款", actor="chen.jing")
    assert [step for _, step, _ in info.value.missing] == ["root_cause"]
    desk.record_root_cause(
        food.id,
        RootCause("partner", ("冷链断了",), "systemic", improvements=("冷链车加装温度记录仪",)),
        actor="qa.zhou",
    )
    assert desk.resolve(food.id, "退款", actor="chen.jing").status.value == "resolved"


def test_unknown_steps_and_statuses_are_located_policy_errors(tmp_path: Path) -> None:
    broken = POLICY.replace("require: [satisfaction]", "require: [satisfation]").replace(
        "to: [resolved]", "to: [solved]"
    )
    with pytest.raises(PolicyError) as info:
        load_policy(write_policy(tmp_path, broken))
    lines = {p.location.line for p in info.value.problems}
    assert len(info.value.problems) >= 2
    assert all(line is not None and line > 20 for line in lines)


def run(*args: str) -> Result:
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    return CliRunner().invoke(cli, list(args))


def test_the_cli_records_every_closing_step(desk: Desk, tmp_path: Path) -> None:
    food = desk.intake(complaint(3, "面包变质"))
    base = ["--db", f"sqlite:///{tmp_path / 'cases.db'}", "--policy", str(tmp_path / "gated.yaml")]
    agent = ["--actor", "li.na"]
    steps = [
        ["cases", "respond", food.id, "已收到,正在核查", *agent],
        ["cases", "note", food.id, "供应商批次 B-17", *agent],
        ["cases", "assign", food.id, "qa.zhou", "--team", "desk", *agent],
        [
            "cases",
            "root-cause",
            food.id,
            "--fishbone",
            "partner",
            "--why",
            "冷链断了",
            "--nature",
            "systemic",
            "--improvement",
            "冷链车加装温度记录仪",
            *agent,
        ],
        ["cases", "resolve", food.id, "退款并致歉", *agent],
    ]
    for step in steps:
        result = run(*base, *step)
        assert result.exit_code == 0, (step, result.output)
    refused = run(*base, "cases", "close", food.id, *agent)
    assert refused.exit_code == 1
    assert "the follow-up visit with a satisfaction score" in refused.output
    assert run(*base, "cases", "follow-up", food.id, "--score", "5", *agent).exit_code == 0
    closed = run(*base, "cases", "close", food.id, "--json", *agent)
    assert closed.exit_code == 0, closed.output
    case = desk.get(food.id)
    assert (case.status.value, case.owner, case.satisfaction and case.satisfaction.score) == (
        "closed",
        "qa.zhou",
        5,
    )
    assert case.root_cause is not None
    assert case.root_cause.improvements == ("冷链车加装温度记录仪",)
    assert run(*base, "cases", "follow-up", food.id, *agent).exit_code == 2


DOCS = Path(__file__).resolve().parents[2] / "docs" / "closing-the-loop.md"


def test_the_documented_gates_policy_loads_and_guards_closing(tmp_path: Path) -> None:
    (example,) = re.findall(r"```yaml\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    desk = Desk(load_policy(write_policy(tmp_path, example)), storage="memory:")
    case_id = resolved(desk)
    with pytest.raises(StepsMissing) as info:
        desk.close(case_id, actor="chen.jing")
    assert [step for _, step, _ in info.value.missing] == ["satisfaction"]
    desk.follow_up(case_id, 5, actor="chen.jing")
    assert desk.close(case_id, actor="chen.jing").status.value == "closed"


def test_the_documented_refusal_runs_and_prints_what_it_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = DOCS.read_text(encoding="utf-8")
    (policy,) = re.findall(r"```yaml\n(.*?)```", page, re.S)
    (example,) = re.findall(r"```python\n(.*?)```", page, re.S)
    (tmp_path / "policy.yaml").write_text(policy, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    printed: list[tuple[object, ...]] = []
    namespace: dict[str, object] = {"print": lambda *args: printed.append(args)}
    exec(compile(example, "docs/closing-the-loop.md", "exec"), namespace)  # our own docs
    message = "the follow-up visit (a score, or the customer's refusal to rate)"
    assert printed == [((("follow-up-before-close", "satisfaction", message),),)]
    assert message in example  # the comment under the print says what it prints


def test_closing_letters_show_only_recorded_improvements(desk: Desk) -> None:
    food = desk.intake(complaint(9, "牛奶变质"))
    fields = template_fields(desk.get(food.id))
    assert fields["case.improvements"] == ""
    desk.record_root_cause(
        food.id,
        RootCause(
            "partner", ("冷链断了",), "systemic", improvements=("加装温度记录仪", "每日抽检")
        ),
        actor="qa.zhou",
    )
    assert template_fields(desk.get(food.id))["case.improvements"] == "加装温度记录仪\n每日抽检"
