"""A placeholder no case can ever fill is refused when the policy loads, naming where.

``{case.due.onsite}`` when the clock is ``on_site``, or ``{case.status_url}`` when the policy
gives no ``notifications.status_url``, rendered as nothing in every message: "Track it at ."
and "we visit by ." reached every customer, and ``validate`` said the policy was valid.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.errors import PolicyError
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.policies import MINIMAL_POLICY

HEAD = MINIMAL_POLICY

SLA = """\
sla:
  metrics:
    on_site: {start: [opened], stop: [visited]}
  targets:
    - {first_response: 2h, resolution: 3d, on_site: 24h}
"""


def policy(tmp_path: Path, body: str, *, sla: str = SLA, status_url: str = "") -> Path:
    path = tmp_path / "policy.yaml"
    url = f'  status_url: "{status_url}"\n' if status_url else ""
    path.write_text(
        HEAD
        + sla
        + "templates:\n  acknowledgement:\n"
        + f'    en: {{subject: "We received {{case.id}}", body: "{body}"}}\n'
        + "notifications:\n"
        + url
        + "  notifiers: {log: {type: log}}\n"
        + '  rules: [{"on": opened, notify: [customer], via: log, template: acknowledgement}]\n',
        encoding="utf-8",
    )
    return path


def test_a_clock_the_policy_does_not_have_is_refused_naming_those_it_has(tmp_path: Path) -> None:
    with pytest.raises(PolicyError) as info:
        load_policy(policy(tmp_path, "We visit by {case.due.onsite}."))
    text = str(info.value)
    assert "templates.acknowledgement.en.body" in text
    assert "onsite" in text
    assert "on_site" in text  # the metric that exists


def test_a_clock_the_policy_has_is_taken(tmp_path: Path) -> None:
    loaded = load_policy(policy(tmp_path, "{case.due.on_site} {case.due.next_update}"))
    assert loaded is not None


def test_without_an_sla_section_only_the_built_in_clocks_are_named(tmp_path: Path) -> None:
    assert load_policy(policy(tmp_path, "{case.due.resolution}", sla="")) is not None
    with pytest.raises(PolicyError, match="on_site"):
        load_policy(policy(tmp_path, "{case.due.on_site}", sla=""))


def test_a_status_link_without_a_status_url_is_refused(tmp_path: Path) -> None:
    with pytest.raises(PolicyError) as info:
        load_policy(policy(tmp_path, "Track it at {case.status_url}"))
    assert "templates.acknowledgement.en.body" in str(info.value)
    assert "notifications.status_url" in str(info.value)


def test_a_status_link_with_a_status_url_is_taken(tmp_path: Path) -> None:
    url = "https://shop.example/status/{token}"
    assert load_policy(policy(tmp_path, "Track it at {case.status_url}", status_url=url))
