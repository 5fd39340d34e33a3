"""A fact only a plugin's compensation formula reads (``flight.distance_km`` read in the
formula's code, through ``context.numbers``) was refused by the tests file's check for
facts the policy never reads — 'the policy reads no fact 'flight'' — before any test ran:
the formula's ``Context`` holds every fact the case supplies, and the policy's text names
none of those a plugin reads. While the policy pays through a plugin's formula no fact is
refused, as while a plugin classifies; a policy using only the built-in formulas still
has its typos named."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.compensation.formula_protocol import Amount, Context
from complaintkit.compensation.formulas import FormulaCompiler
from complaintkit.errors import PolicyError
from complaintkit.hookspecs import hookimpl
from complaintkit.model.money import Money
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policytest import Runner

BASE = Path(__file__).resolve().parents[2] / "docs" / "policy" / "base.yaml"


class ByDistance:
    """250 EUR up to 1,500 km, 400 beyond: what the plugin reads is in its code."""

    constant = None

    def evaluate(self, context: Context) -> Amount:
        far = context.numbers.get("flight.distance_km", Decimal(0)) > 1500
        return Amount(Money(Decimal(400 if far else 250), context.currency), ("by distance",))

    def describe(self) -> str:
        return "250 or 400 EUR by distance"


class Airline:
    @hookimpl
    def register_formulas(self, register: object) -> None:
        def by_distance(spec: object, path: str, compiler: FormulaCompiler) -> ByDistance:
            return ByDistance()

        register("by_distance", by_distance)  # type: ignore[operator]


def plugins() -> Plugins:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(Airline(), name="airline")
    return Plugins(pm)


def policy(folder: Path, amount: str) -> Path:
    path = folder / "airline.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\ncompensation:\n  currency: EUR\n  rules:\n"
        "    - id: cancelled\n      when: {field: cancelled, ==: true}\n"
        f"      remedies: [{{kind: statutory_damages, amount: {amount}}}]\n",
        "utf-8",
    )
    return path


def write_tests(folder: Path, policy_path: Path, facts: str, total: str) -> Path:
    path = folder / "airline.tests.yaml"
    path.write_text(
        f"policy: {policy_path}\ntests:\n  - name: cancelled\n    complaint: {{text: 航班取消}}\n"
        f"    facts: {facts}\n    expect: {{compensation: {{total: {total}}}}}\n",
        "utf-8",
    )
    return path


@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(distance=st.integers(min_value=0, max_value=20_000))
def test_a_fact_only_a_plugin_formula_reads_is_taken_and_counts(
    tmp_path_factory: pytest.TempPathFactory, distance: int
) -> None:
    folder = tmp_path_factory.mktemp("p")
    total = "400 EUR" if distance > 1500 else "250 EUR"
    facts = f"{{cancelled: true, flight: {{distance_km: {distance}}}}}"
    path = write_tests(folder, policy(folder, "{by_distance: {}}"), facts, total)
    (result,) = Runner(plugins()).run_file(path)
    assert result.passed, result


def test_a_typo_is_still_named_where_only_built_in_formulas_pay(tmp_path: Path) -> None:
    facts = "{cancelled: true, flight: {distance_km: 900}}"
    path = write_tests(tmp_path, policy(tmp_path, "{fixed: 250}"), facts, "250 EUR")
    with pytest.raises(PolicyError) as error:
        Runner(plugins()).load_file(path)
    (problem,) = error.value.problems
    assert problem.location.path == "tests[0].facts.flight"
