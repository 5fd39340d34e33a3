"""``complaintkit check`` draws the fields a target starts its clock from (``from:``): it
never did, so the deadlines property ran every clock from receipt and a policy's
``from:`` path was never exercised."""

from __future__ import annotations

from pathlib import Path

from hypothesis import find, settings

from complaintkit.model.complaint import Complaint
from complaintkit.policy.compiled import load_policy
from complaintkit.policytest.generators import complaints, vocabulary
from complaintkit.policytest.properties import check

_POLICY = """\
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
  eastern: {timezone: America/New_York, hours: 24x7}
sla:
  calendar: eastern
  targets:
    - first_response: {within: 15 days, ends: end_of_day,
                       from: complaint.attributes.date_sent_to_company}
"""


def _sent(complaint: Complaint) -> object:
    return complaint.attributes.get("date_sent_to_company")


def test_check_draws_dates_instants_and_text_for_a_from_field(tmp_path: Path) -> None:
    path = tmp_path / "cfpb.yaml"
    path.write_text(_POLICY, encoding="utf-8")
    policy = load_policy(path)
    drawn = complaints(vocabulary(policy))
    once = settings(database=None, max_examples=500)
    date = find(
        drawn, lambda c: isinstance(_sent(c), str) and len(str(_sent(c))) == 10, settings=once
    )
    assert date.attributes["date_sent_to_company"][4] == "-"
    instant = find(drawn, lambda c: "T" in str(_sent(c) or ""), settings=once)
    assert str(_sent(instant))[-6] in "+-"
    find(drawn, lambda c: _sent(c) is None, settings=once)
    assert check(policy, examples=30, only=("deadlines",)) == []
