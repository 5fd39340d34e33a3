"""A policy test can expect a decision that awaits a fact: ``compensation: {needs: [...]}``.
Before, a test of EU 261 on a delay of unknown length could only fail with the
MissingInput error, so the pack moved that case out of its tests into pytest."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.errors import PolicyError
from complaintkit.policytest import Runner

EU261 = Path(__file__).resolve().parents[2] / "policies" / "statutory" / "eu-261-2004-art7.yaml"

_HEAD = (
    f"policy: {EU261}\n"
    "complaint: {text: my flight was late, amount: {amount: '300.00', currency: EUR}}\n"
    "tests:\n"
    "  - name: a delay of unknown length\n"
    "    facts: {flight: {disruption: delay, distance_km: 2500}}\n"
)


def _results(tmp_path: Path, expect: str) -> list[tuple[bool, str | None, str]]:
    path = tmp_path / "eu.tests.yaml"
    path.write_text(_HEAD + f"    expect: {expect}\n", "utf-8")
    return [(r.passed, r.error, str(r.failures)) for r in Runner().run_file(path)]


def test_a_decision_awaiting_a_fact_passes_when_expected(tmp_path: Path) -> None:
    expect = (
        "{compensation: {needs: [flight.arrival_delay_minutes], rows: [delay-length-not-usable]}}"
    )
    assert _results(tmp_path, expect) == [(True, None, "()")]


def test_another_awaited_fact_fails_naming_the_one_awaited(tmp_path: Path) -> None:
    [(passed, error, failures)] = _results(
        tmp_path, "{compensation: {needs: [flight.distance_km]}}"
    )
    assert not passed
    assert error is None
    assert "compensation.needs" in failures
    assert "flight.arrival_delay_minutes" in failures


def test_expecting_nothing_awaited_fails_on_a_decision_that_awaits(tmp_path: Path) -> None:
    [(passed, _, failures)] = _results(tmp_path, "{compensation: {needs: []}}")
    assert not passed
    assert "flight.arrival_delay_minutes" in failures


def test_without_needs_an_awaited_fact_is_still_an_error(tmp_path: Path) -> None:
    [(passed, error, _)] = _results(tmp_path, "{compensation: {total: 0 EUR}}")
    assert not passed
    assert error is not None
    assert "flight.arrival_delay_minutes" in error


def test_needs_written_as_text_is_refused_where_written(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="needs must be a list") as caught:
        _results(tmp_path, "{compensation: {needs: flight.distance_km}}")
    assert caught.value.problems[0].location.line == 6
