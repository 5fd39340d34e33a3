# ruff: noqa: RUF001 -- full-width punctuation is what these tests are about
"""Validation of meaning: mistakes that load fine and then silently do the wrong thing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.errors import InvalidInput, PolicyError
from complaintkit.model.money import Money
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import check_policy, load_policy

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
MISTAKES = Path(__file__).with_name("mistakes")
ROOT = Path(__file__).parents[2]

#: code, line, column and a word of the message for each of the ten mistakes
TEN = [
    ("full-width", 4, 5, "full-width colon"),
    ("bad-value", 6, 82, "2026-02-30"),
    ("full-width", 10, 27, "full-width comma"),
    ("unknown-field", 13, 14, "case.categroy"),
    ("unknown-field", 16, 43, "complaint.txet"),
    ("untargeted-metric", 28, 21, "resolution"),
    ("unknown-id", 32, 22, "critical"),
    ("currency-change", 34, 3, "GBP"),
    ("negative-amount", 38, 31, "negative"),
    ("bad-number", 41, 34, "1e999999999"),
]


def test_a_policy_with_ten_typical_mistakes_lists_all_ten_located_with_hints() -> None:
    problems = check_policy(MISTAKES / "ten_mistakes.yaml")
    found = [
        (p.code, p.location.line, p.location.column)
        for p in problems
        if p.location.file.endswith("ten_mistakes.yaml")
    ]
    for code, line, column, word in TEN:
        assert (code, line, column) in found, (code, line, column)
        (problem,) = [
            p
            for p in problems
            if (p.code, p.location.line, p.location.column) == (code, line, column)
        ]
        assert word in problem.message
        assert problem.hint


def test_validate_prints_each_mistake_with_file_line_and_column() -> None:
    result = CliRunner().invoke(CLI, ["validate", "--json", str(MISTAKES / "ten_mistakes.yaml")])
    assert result.exit_code == 1
    (report,) = json.loads(result.stdout)["policies"]
    spots = {(p["line"], p["column"]) for p in report["problems"]}
    assert {(line, column) for _, line, column, _ in TEN} <= spots


def test_did_you_mean_for_a_misspelt_field(tmp_path: Path) -> None:
    problems = check_policy(MISTAKES / "ten_mistakes.yaml")
    hints = {p.hint for p in problems if p.code == "unknown-field"}
    assert hints == {"did you mean case.category?", "did you mean complaint.text?"}


def test_raise_priority_with_a_severity_says_use_raise_severity() -> None:
    (problem,) = [p for p in check_policy(MISTAKES / "ten_mistakes.yaml") if p.code == "unknown-id"]
    assert "raise_severity: critical" in problem.hint


def test_a_child_changing_currency_names_the_first_inherited_amount() -> None:
    (problem,) = [
        p for p in check_policy(MISTAKES / "ten_mistakes.yaml") if p.code == "currency-change"
    ]
    assert "base.yaml:20:31" in problem.message


def test_a_child_restating_its_amounts_may_change_currency(tmp_path: Path) -> None:
    (tmp_path / "child.yaml").write_text(
        f"complaintkit: 1\nextends: {MISTAKES / 'base.yaml'}\nname: uk\n"
        "compensation:\n  currency: GBP\n  rules:\n"
        "    - {id: goodwill, when: {field: case.category, ==: service},"
        " remedies: [{kind: cash, amount: 220}]}\n",
        "utf-8",
    )
    assert load_policy(tmp_path / "child.yaml").compensation is not None


@pytest.mark.parametrize(
    ("value", "word"), [("9" * 5000, "number"), ("2026-02-30", "date"), ("2026-13-01", "date")]
)
def test_values_python_cannot_build_are_located_policy_errors(
    tmp_path: Path, value: str, word: str
) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(f"complaintkit: 1\nname: x\nversion: {value}\n", "utf-8")
    with pytest.raises(PolicyError) as info:
        load_policy(path)
    (problem,) = [p for p in info.value.problems if p.code == "bad-value"]
    assert (problem.location.line, problem.location.column) == (3, 10)
    assert f"not a usable {word}" in problem.message


def test_a_full_width_colon_inside_text_is_left_alone(tmp_path: Path) -> None:
    text = (
        (MISTAKES / "base.yaml")
        .read_text("utf-8")
        .replace("name: base", "name: base\ndescription: 规则：先处理情感")
    )
    (tmp_path / "p.yaml").write_text(text, "utf-8")
    assert load_policy(tmp_path / "p.yaml").data["description"] == "规则：先处理情感"


def test_a_folder_with_policy_tests_beside_the_policy_validates() -> None:
    result = CliRunner().invoke(CLI, ["validate", str(ROOT / "policies" / "retail")])
    assert result.exit_code == 0, result.output


def test_validating_a_test_file_says_what_it_is() -> None:
    path = ROOT / "policies" / "retail" / "supermarket.tests.yaml"
    (problem,) = check_policy(path)
    assert "policy test file" in problem.message
    assert "complaintkit test" in problem.hint


def test_an_absurd_amount_is_refused_at_intake() -> None:
    with pytest.raises(InvalidInput, match="digits"):
        Money.from_json({"amount": "1e999999999", "currency": "CNY"})


def test_an_escalation_action_naming_an_undeclared_team_suggests_the_closest(
    tmp_path: Path,
) -> None:
    text = (MISTAKES / "base.yaml").read_text("utf-8") + (
        "calendars: {office: {timezone: Europe/Paris, hours: {mon-fri: ['09:00-17:00']}}}\n"
        "sla: {calendar: office, targets: [{first_response: 24h}]}\n"
        "escalation:\n  ladders:\n    - name: l\n      levels:\n"
        "        - name: late\n          trigger: {sla: first_response, elapsed: 1.0}\n"
        "          actions: [{reassign: {owner: bo, team: dsek}}]\n"
    )
    (tmp_path / "p.yaml").write_text(text, "utf-8")
    (problem,) = [p for p in check_policy(tmp_path / "p.yaml") if p.code == "unknown-id"]
    assert problem.location.path.endswith("actions[0].reassign.team")
    assert problem.hint == "did you mean 'desk'?"


def test_amounts_written_with_their_currency_are_not_inherited_bare(tmp_path: Path) -> None:
    """The form the currency-change hint recommends is accepted, and is not bare."""
    (tmp_path / "eu.yaml").write_text(
        f"complaintkit: 1\nextends: {MISTAKES / 'base.yaml'}\nname: eu\n"
        "compensation:\n  currency: EUR\n  rules:\n"
        "    - {id: goodwill, when: {field: case.category, ==: service},"
        " remedies: [{kind: cash, amount: {amount: 250, currency: EUR}}]}\n",
        "utf-8",
    )
    assert load_policy(tmp_path / "eu.yaml").compensation is not None
    (tmp_path / "uk.yaml").write_text(
        "complaintkit: 1\nextends: ./eu.yaml\ncompensation: {currency: GBP}\n", "utf-8"
    )
    problems = check_policy(tmp_path / "uk.yaml")
    assert [p.code for p in problems if p.severity == "error"] == ["currency-mismatch"]


@pytest.mark.parametrize(
    ("tags", "said"),
    [
        ("[x, '', y]", "tags[1] is empty"),
        ("[x, 5]", "tags[1] is not text (got 5)"),
        ("vip", "tags must be a list (got 'vip')"),
    ],
)
def test_a_bad_tag_is_named_by_what_is_wrong_with_it(tmp_path: Path, tags: str, said: str) -> None:
    # "tags must be a list of text (got ['x', '', 'y'])" said a list of text was not one
    policy = tmp_path / "p.yaml"
    policy.write_text(
        f"complaintkit: 1\nextends: {ROOT / 'docs' / 'policy' / 'base.yaml'}\n"
        f"classification:\n  rules:\n    - {{id: t, then: {{tags: {tags}}}}}\n",
        "utf-8",
    )
    (problem,) = [p for p in check_policy(policy) if p.code == "bad-tags"]
    assert problem.message == said
    assert problem.location.line == 5


def _teams_policy(tmp_path: Path, teams: str, routing: str) -> list[tuple[str, str]]:
    policy = tmp_path / "p.yaml"
    policy.write_text(
        f"complaintkit: 1\nextends: {ROOT / 'docs' / 'policy' / 'base.yaml'}\n"
        f"teams:\n{teams}routing:\n  rules:\n{routing}",
        "utf-8",
    )
    return [(p.location.path, p.message) for p in check_policy(policy) if p.code == "not-member"]


def test_an_owner_outside_the_members_a_team_lists_is_an_error(tmp_path: Path) -> None:
    # li.an for li.na: every case went to someone the team does not have
    found = _teams_policy(
        tmp_path,
        "  quality: {default_owner: li.an, members: [li.na, qa.zhou]}\n",
        "    - {id: q, when: {field: case.category, ==: service}, then: {team: quality, "
        "owner: qa.zhuo}}\n",
    )
    assert found == [
        (
            "teams.quality.default_owner",
            "default_owner 'li.an' is not one of team quality's members (li.na, qa.zhou)",
        ),
        (
            "routing.rules[1].then.owner",
            "owner 'qa.zhuo' is not one of team quality's members (li.na, qa.zhou)",
        ),
    ]


def test_a_team_that_lists_no_members_takes_any_owner(tmp_path: Path) -> None:
    assert _teams_policy(tmp_path, "  quality: {default_owner: anyone}\n", "") == []


def test_a_notify_action_naming_nobody_is_told_so_once(tmp_path: Path) -> None:
    # a second error said "an escalation can notify a role, not None"
    policy = tmp_path / "p.yaml"
    policy.write_text(
        f"complaintkit: 1\nextends: {ROOT / 'docs' / 'policy' / 'base.yaml'}\n"
        "sla:\n  targets: [{resolution: 24h}]\n"
        "templates: {t: {en: {subject: s, body: b}}}\n"
        "notifications: {notifiers: {log: {type: log}}}\n"
        "escalation:\n  ladders:\n    - name: l\n      levels:\n"
        "        - {name: a, trigger: {sla: resolution, elapsed: 1.0}, "
        "actions: [{notify: {template: t}}]}\n",
        "utf-8",
    )
    messages = [p.message for p in check_policy(policy)]
    assert messages == ["name a role or a person"]


def test_a_condition_comparing_a_case_id_with_an_undeclared_one_is_an_error(
    tmp_path: Path,
) -> None:
    # case.category == prodct validated and never held, in whatever section it sat
    policy = tmp_path / "p.yaml"
    policy.write_text(
        f"complaintkit: 1\nextends: {ROOT / 'docs' / 'policy' / 'base.yaml'}\n"
        "routing:\n  rules:\n"
        "    - {id: r, when: {field: case.category, ==: prodct}, then: {team: quality}}\n"
        "    - {id: s, when: {any: [{field: case.severity, in: [critcal, major]}]}, "
        "then: {team: quality}}\n"
        "compensation:\n  currency: CNY\n"
        "  rules: [{id: x, when: {not: {field: case.team, '!=': qualty}}, remedies: [apology]}]\n"
        "  default: {remedies: [apology]}\n",
        "utf-8",
    )
    found = [(p.location.path, p.hint) for p in check_policy(policy) if p.code == "unknown-id"]
    assert found == [
        ("routing.rules[1].when.==", "did you mean 'product'?"),
        ("routing.rules[2].when.any[0].in[0]", "did you mean 'critical'?"),
        ("compensation.rules[0].when.not.!=", "did you mean 'quality'?"),
    ]


def _eu_and_uk(tmp_path: Path, default: str) -> list[str]:
    """The codes of the errors of a GBP child over an EUR parent whose only amount is a
    formula's ``default``."""
    (tmp_path / "eu.yaml").write_text(
        f"complaintkit: 1\nextends: {ROOT / 'docs' / 'policy' / 'base.yaml'}\nname: eu\n"
        "compensation:\n  currency: EUR\n  default: {remedies: [apology]}\n  rules:\n"
        "    - {id: loss, when: {field: case.category, ==: service}, remedies:"
        f" [{{kind: cash, amount: {{multiple: 3, of: loss, default: {default}}}}}]}}\n",
        "utf-8",
    )
    assert load_policy(tmp_path / "eu.yaml").compensation is not None
    (tmp_path / "uk.yaml").write_text(
        "complaintkit: 1\nextends: ./eu.yaml\ncompensation: {currency: GBP}\n", "utf-8"
    )
    return [p.code for p in check_policy(tmp_path / "uk.yaml") if p.severity == "error"]


def test_a_child_changing_currency_over_an_inherited_default_amount_is_an_error(
    tmp_path: Path,
) -> None:
    # the parent's 100 EUR for a loss nobody supplied silently became 100 GBP
    assert _eu_and_uk(tmp_path, "100") == ["currency-change"]


def test_a_default_written_with_its_currency_is_not_inherited_bare(tmp_path: Path) -> None:
    assert _eu_and_uk(tmp_path, "{amount: 100, currency: EUR}") == ["currency-mismatch"]


def test_an_inherited_default_of_zero_is_zero_in_any_currency(tmp_path: Path) -> None:
    assert _eu_and_uk(tmp_path, "0") == []


def test_an_owner_outside_the_members_is_told_the_member_meant_and_the_fix(
    tmp_path: Path,
) -> None:
    """A routing row's owner outside the team was hinted 'or list them', a fragment saying
    neither what to write nor who was meant; a default_owner's hint named no member."""
    policy = tmp_path / "p.yaml"
    policy.write_text(
        f"complaintkit: 1\nextends: {ROOT / 'docs' / 'policy' / 'base.yaml'}\n"
        "teams:\n  quality: {default_owner: li.an, members: [li.na, qa.zhou]}\n"
        "routing:\n  rules:\n    - {id: q, when: {field: case.category, ==: service}, "
        "then: {team: quality, owner: 赵六}}\n",
        "utf-8",
    )
    hints = {p.location.path: p.hint for p in check_policy(policy) if p.code == "not-member"}
    assert hints == {
        "teams.quality.default_owner": "did you mean 'li.na'? name one of team quality's "
        "members (li.na, qa.zhou), or add li.an to its members",
        "routing.rules[1].then.owner": "name one of team quality's members (li.na, qa.zhou), "
        "or add 赵六 to its members",
    }
