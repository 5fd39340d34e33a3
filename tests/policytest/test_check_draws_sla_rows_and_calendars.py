"""``complaintkit check`` draws the values an SLA row's ``when`` compares a field with,
and the keys of a calendar chosen by a field (``{field, map, default}``): it walked the
classification, routing, compensation, escalation and notification sections only, and drew
no attribute a condition names, so its deadlines property never reached a row for the
12315 channel, a report, or the Scottish calendar, and a gap in such a row went unseen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from hypothesis import Phase, find, settings

from complaintkit.model.complaint import Complaint
from complaintkit.policy.compiled import Policy, load_policy
from complaintkit.policytest.generators import complaints, vocabulary
from complaintkit.policytest.properties import check

_HEAD = """\
complaintkit: 1
categories: {billing: {label: {en: Billing}}}
severities: {minor: {label: {en: Minor}}}
priorities: {normal: {label: {en: Normal}}}
teams: {desk: {default_owner: amy}}
classification:
  rules:
    - {id: fee, when: {keywords: [fee]}, then: {category: billing, severity: minor, priority: normal}}
  default: {category: billing, severity: minor, priority: normal}
routing: {rules: [], default: {team: desk, owner: amy}}
calendars:
  england: {timezone: Europe/London, hours: {mon-fri: ["09:00-17:00"]}}
  scotland: {timezone: Europe/London, hours: {mon-fri: ["09:00-17:00"]},
             holiday_country: GB, holiday_subdivision: SCT}
  bank: {timezone: Asia/Shanghai, hours: {mon-fri: ["09:00-17:00"]}}
sla:
  calendar: england
  targets:
"""
_ROWS = """\
    - when: {field: complaint.channel, ==: "12315"}
      first_response: {within: 15日, pause_in: [received]}
      resolution: {within: 15日, pause_in: [received]}
    - when: {all: [{field: complaint.attributes.kind, in: [report, 举报]},
                   {field: complaint.amount, ">=": 500}]}
      first_response: {within: 1h, pause_in: [received]}
      resolution: {within: 15个工作日, pause_in: [received]}
    - when: {field: customer.region, ==: HK}
      first_response: {within: 1h, pause_in: [received]}
      resolution: {within: 5 business days, pause_in: [received]}
    - calendar: {field: complaint.attributes.region, map: {scotland: scotland, 苏格兰: scotland},
                 default: england}
      first_response: 1 business day
    - resolution: {within: 3 business days,
                   calendar: {field: customer.region, map: {cn: bank}, default: england}}
"""


def _policy(tmp_path: Path, rows: str = _ROWS) -> Policy:
    path = tmp_path / "policy.yaml"
    path.write_text(_HEAD + rows, encoding="utf-8")
    return load_policy(path)


def _holding(attribute: str, value: str) -> Callable[[Complaint], bool]:
    return lambda complaint: complaint.attributes.get(attribute) == value


_ONCE = settings(database=None, max_examples=1000, phases=[Phase.generate])


def test_check_draws_the_values_sla_rows_compare_fields_with(tmp_path: Path) -> None:
    drawn = complaints(vocabulary(_policy(tmp_path)))
    find(drawn, lambda c: c.channel == "12315", settings=_ONCE)
    for kind in ("report", "举报"):
        find(drawn, _holding("kind", kind), settings=_ONCE)
    find(drawn, lambda c: c.customer.region == "HK", settings=_ONCE)
    find(drawn, lambda c: c.attributes.get("kind") is None, settings=_ONCE)


def test_check_draws_the_keys_of_a_calendar_chosen_by_a_field(tmp_path: Path) -> None:
    drawn = complaints(vocabulary(_policy(tmp_path)))

    for key in ("scotland", "苏格兰"):
        find(drawn, _holding("region", key), settings=_ONCE)
    find(drawn, lambda c: c.attributes.get("region") is None, settings=_ONCE)
    find(drawn, lambda c: c.customer.region == "cn", settings=_ONCE)


def test_the_deadlines_property_finds_a_gap_in_a_row_for_a_drawn_value(tmp_path: Path) -> None:
    rows = _ROWS.splitlines(keepends=True)
    general = rows[10:]
    for gap in (rows[3:7], rows[7:10]):  # a row whose clocks wait from intake
        policy = _policy(tmp_path, "".join(gap + general))
        findings = check(policy, examples=50, only=("deadlines",))
        assert [f.property for f in findings] == ["deadlines"], gap[0]
    policy = _policy(tmp_path, "".join(general))
    assert check(policy, examples=50, only=("deadlines",)) == []
