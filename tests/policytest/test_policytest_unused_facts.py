"""A fact in a tests file that its policy never reads (``ammount:``, ``los:``, a nested
``flight: {distnace_km: …}``) was taken silently: the test ran as though it were not
given and passed or failed for another reason, the typo kept. Each is now an error of the
tests file at its line, before any test runs, naming the fact the policy reads that it
most likely meant. A fact the policy names anywhere counts as read: a condition's field,
a formula's ``of`` or ``fact`` (with ``price`` and ``paid`` standing in for each other),
``complaint.attributes.<name>``, a plugin formula's or operator's argument."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.errors import PolicyError
from complaintkit.hookspecs import hookimpl
from complaintkit.model.complaint import Complaint
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policytest import Runner

POLICIES = Path(__file__).resolve().parents[2] / "policies"
FOOD = POLICIES / "statutory" / "cn-food-safety-art148.yaml"
EU261 = POLICIES / "statutory" / "eu-261-2004-art7.yaml"


def _problems(tmp_path: Path, policy: Path, body: str) -> list[tuple[int | None, str, str]]:
    path = tmp_path / "p.tests.yaml"
    path.write_text(f"policy: {policy}\n{body}", "utf-8")
    try:
        Runner().load_file(path)
    except PolicyError as exc:
        return [(p.location.line, p.location.path, p.hint) for p in exc.problems]
    return []


TEST = "  - name: unsafe food\n    complaint: {text: 变质}\n    expect: {category: food}\n"


@pytest.mark.parametrize(
    ("facts", "path", "meant"),
    [
        ("{unsafe_fod: true}", "unsafe_fod", "unsafe_food"),
        ("{unsafe_food: true, los: {amount: '5.00', currency: CNY}}", "los", "loss"),
        ("{unsafe_food: true, Price: {amount: '5.00', currency: CNY}}", "Price", "price"),
    ],
)
def test_a_fact_the_policy_never_reads_is_an_error_at_its_line(
    tmp_path: Path, facts: str, path: str, meant: str
) -> None:
    body = f"tests:\n{TEST}    facts: {facts}\n"
    ((line, where, hint),) = _problems(tmp_path, FOOD, body)
    assert (line, where) == (6, f"tests[0].facts.{path}")
    assert hint.startswith(f"did you mean {meant!r}?")


def test_a_misspelt_fact_of_the_file_is_named_there(tmp_path: Path) -> None:
    body = f"facts: {{unsafe_food: true, ammount: 12}}\ntests:\n{TEST}"
    ((line, where, _),) = _problems(tmp_path, FOOD, body)
    assert (line, where) == (2, "facts.ammount")


def test_a_misspelt_part_of_a_fact_is_named_not_what_holds_it(tmp_path: Path) -> None:
    body = (
        "tests:\n  - name: a long flight\n    complaint: {text: 航班取消}\n"
        "    facts: {flight: {disruption: cancellation, distnace_km: 3000, intra_eu: true}}\n"
        "    expect: {compensation: {total: 0 EUR}}\n"
    )
    ((line, where, hint),) = _problems(tmp_path, EU261, body)
    assert (line, where) == (5, "tests[0].facts.flight.distnace_km")
    assert hint.startswith("did you mean 'distance_km'?")


def test_facts_every_shipped_policy_reads_are_taken(tmp_path: Path) -> None:
    body = (
        f"tests:\n{TEST}"
        "    facts: {unsafe_food: true, paid: {amount: '9.00', currency: CNY},\n"
        "            loss: {amount: '5.00', currency: CNY}}\n"
    )
    assert _problems(tmp_path, FOOD, body) == []


def test_a_fact_a_formula_names_as_a_factor_or_attribute_is_read(tmp_path: Path) -> None:
    policy = tmp_path / "shop.yaml"
    base = Path(__file__).resolve().parents[2] / "docs" / "policy" / "base.yaml"
    policy.write_text(
        f"complaintkit: 1\nextends: {base}\nrouting:\n  rules:\n"
        "    - id: by-store\n      when: {field: complaint.attributes.store, ==: S1}\n"
        "      then: {team: desk}\n",
        "utf-8",
    )
    body = (
        "tests:\n  - name: at a store\n    complaint: {text: 变质}\n"
        "    facts: {store: S1}\n    expect: {team: desk}\n"
    )
    assert _problems(tmp_path, policy, body) == []


class VipClassifier:
    """A plugin reading a fact the policy never names: the vip flag."""

    @hookimpl
    def classify_complaint(self, complaint: Complaint) -> dict[str, str] | None:
        return {"priority": "normal"} if complaint.attributes.get("vip") else None


def test_no_fact_is_refused_while_a_plugin_classifies(tmp_path: Path) -> None:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(VipClassifier(), name="vip")
    path = tmp_path / "p.tests.yaml"
    path.write_text(f"policy: {FOOD}\ntests:\n{TEST}    facts: {{vip: true}}\n", "utf-8")
    Runner(Plugins(pm)).load_file(path)
