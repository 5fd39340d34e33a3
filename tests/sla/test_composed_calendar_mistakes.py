"""Mistakes in calendars composed of others (``union``, ``intersect``): a composition naming
one written after it that is itself composed was refused as 'unknown calendar', though it
is declared; a composition that failed made every calendar and target naming it 'unknown'
as well (hint: 'known: 24x7'); two compositions of each other were reported as unknown
calendars. Each mistake is now said once, where it is, and a cycle as a cycle."""

from __future__ import annotations

from pathlib import Path

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
OFFICE = '  office: {timezone: Asia/Shanghai, hours: {mon-fri: ["09:00-18:00"]}}\n'
NIGHT = '  night: {timezone: Asia/Shanghai, hours: {mon-fri: ["22:00-06:00"]}}\n'
SLA = "sla:\n  calendar: a\n  targets:\n    - resolution: 3 business days\n"


def _found(tmp_path: Path, calendars: str) -> list[tuple[str | None, str]]:
    path = tmp_path / "p.yaml"
    path.write_text(f"complaintkit: 1\nextends: {BASE}\ncalendars:\n{calendars}{SLA}", "utf-8")
    return [(p.location.path, p.message) for p in check_policy(path) if p.severity == "error"]


def test_a_composition_may_name_a_later_composition(tmp_path: Path) -> None:
    calendars = OFFICE + NIGHT + "  a: {union: [b, office]}\n  b: {intersect: [office, night]}\n"
    assert _found(tmp_path, calendars) == []


def test_a_failed_composition_is_not_also_unknown(tmp_path: Path) -> None:
    found = _found(tmp_path, OFFICE + "  a: {union: [b, office]}\n  b: {union: [office]}\n")
    assert found == [("calendars.b.union", "compose exactly two calendars")]


def test_an_undeclared_part_is_the_one_unknown(tmp_path: Path) -> None:
    found = _found(tmp_path, OFFICE + "  a: {union: [ofice, office]}\n")
    assert found == [("calendars.a.union", "unknown calendar 'ofice'")]


def test_compositions_of_each_other_are_a_cycle(tmp_path: Path) -> None:
    found = _found(tmp_path, OFFICE + "  a: {union: [b, office]}\n  b: {union: [a, office]}\n")
    assert [where for where, _ in found] == ["calendars.a.union", "calendars.b.union"]
    assert all("is composed of itself" in message for _, message in found)
