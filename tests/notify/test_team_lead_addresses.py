"""Letters to a case's team lead go to ``notifications.contacts.team_leads``, by team id.

A key there that is no declared team (``qualty:``) is never read, and a team with no key
there sends its leads' letters nowhere (a dead letter at each event, found weeks later) —
though its ``email:``, a note for whoever reads the policy, looks as if it were the
address. ``validate`` warns at each, saying what to write."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.errors import Problem
from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"

POLICY = """\
complaintkit: 1
extends: ./base.yaml
teams:
  quality: {label: Quality, default_owner: li.na, email: quality@shop.example}
templates:
  ack:
    en: {subject: "New case {case.id}", body: "A case for your team."}
notifications:
  notifiers:
    log: {type: log}
  contacts:
    team_leads: LEADS
  rules:
    - {"on": opened, notify: [NOTIFY], via: log, template: ack}
"""


def _problems(tmp_path: Path, leads: str, notify: str = "team_lead") -> list[Problem]:
    (tmp_path / "base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    path = tmp_path / "p.yaml"
    path.write_text(POLICY.replace("LEADS", leads).replace("NOTIFY", notify), "utf-8")
    return [p for p in check_policy(path) if "team_lead" in p.location.path + p.message]


def test_a_team_leads_key_that_is_no_team_is_warned_with_the_team_meant(tmp_path: Path) -> None:
    leads = "{desk: d@shop.example, qualty: q@shop.example, logistics: l@shop.example}"
    (found,) = [p for p in _problems(tmp_path, leads) if "qualty" in p.message]
    assert found.severity == "warning"
    assert found.location.path == "notifications.contacts.team_leads.qualty"
    assert found.location.line == 12
    assert "did you mean 'quality'?" in found.hint


def test_a_team_without_a_lead_address_is_warned_at_its_email(tmp_path: Path) -> None:
    leads = "{desk: d@shop.example, logistics: l@shop.example}"
    (found,) = _problems(tmp_path, leads)
    assert found.severity == "warning"
    assert found.location.path == "teams.quality.email"
    assert found.location.line == 4
    assert "'quality'" in found.message
    assert "quality: quality@shop.example" in found.hint
    assert "notifications.contacts.team_leads" in found.hint


def test_a_team_without_email_or_lead_address_is_warned_at_the_rule(tmp_path: Path) -> None:
    leads = "{desk: d@shop.example, quality: q@shop.example}"
    (found,) = _problems(tmp_path, leads)
    assert found.location.path == "notifications.rules[0].notify"
    assert "'logistics'" in found.message
    assert "logistics:" in found.hint


def test_a_misspelt_team_leads_is_one_error_without_knock_on_warnings(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    path = tmp_path / "p.yaml"
    text = POLICY.replace("team_leads: LEADS", "team_lead: {desk: d@shop.example}")
    path.write_text(text.replace("NOTIFY", "team_lead"), "utf-8")
    (found,) = check_policy(path)
    assert found.location.path == "notifications.contacts.team_lead"
    assert "did you mean 'team_leads'?" in found.hint


def test_no_warning_when_no_letter_goes_to_a_team_lead(tmp_path: Path) -> None:
    assert _problems(tmp_path, "{desk: d@shop.example}", notify="customer") == []


@settings(max_examples=60, deadline=None)
@given(st.sets(st.sampled_from(["desk", "quality", "logistics", "qualty", "Desk"])))
def test_every_team_reached_and_no_stray_key_means_no_warning(
    tmp_path_factory: object, keys: set[str]
) -> None:
    tmp_path = tmp_path_factory.mktemp("leads")  # type: ignore[attr-defined]
    leads = "{" + ", ".join(f"{key}: {key}@shop.example" for key in sorted(keys)) + "}"
    found = _problems(tmp_path, leads)
    stray = keys - {"desk", "quality", "logistics"}
    missing = {"desk", "quality", "logistics"} - keys
    assert {p.location.path.rsplit(".", 1)[-1] for p in found if "contacts" in p.location.path} == (
        stray
    )
    teams_named = {
        team
        for p in found
        if "contacts" not in p.location.path
        for team in missing
        if repr(team) in p.message
    }
    assert teams_named == missing
    assert all(p.severity == "warning" for p in found)
