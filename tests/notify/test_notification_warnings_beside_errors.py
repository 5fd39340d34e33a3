"""A notification rule's warning (an ``on`` a letter off an event the library records) is
named in the same ``validate`` run as another rule's error, not only once the error is
fixed: the author sees both and fixes both."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.errors import Location, PolicyError
from complaintkit.notify.policy import compile_notifications
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import check_policy

TEMPLATES = {"ack": {"en": {"subject": "Complaint {case.id}", "body": "Received."}}}


def locate(path: str) -> Location:
    return Location("policy.yaml", path=path)


def test_an_on_a_letter_off_is_warned_of_beside_an_unknown_template() -> None:
    section = {
        "notifiers": {"log": {"type": "log"}},
        "rules": [
            {"on": "opend", "notify": ["customer"], "via": "log", "template": "ack"},
            {"on": "opened", "notify": ["customer"], "via": "log", "template": "akc"},
        ],
    }
    with pytest.raises(PolicyError) as refused:
        compile_notifications(TEMPLATES, section, locate=locate)
    found = {(p.severity, p.location.path) for p in refused.value.problems}
    assert found == {
        ("warning", "notifications.rules[0].on"),
        ("error", "notifications.rules[1].template"),
    }


def test_validate_names_the_warning_with_the_error(tmp_path: Path) -> None:
    base = Path(__file__).resolve().parents[2] / "docs" / "policy" / "base.yaml"
    policy = tmp_path / "shop.yaml"
    policy.write_text(
        f"complaintkit: 1\nextends: {base}\n"
        "templates:\n  ack:\n    en: {subject: Complaint, body: Received.}\n"
        "notifications:\n  notifiers: {log: {type: log}}\n  rules:\n"
        '    - {"on": opend, notify: [customer], via: log, template: ack}\n'
        '    - {"on": opened, notify: [customer], via: log, template: akc}\n',
        "utf-8",
    )
    found = {(p.severity, p.location.line) for p in check_policy(policy)}
    assert ("warning", 9) in found
    assert ("error", 10) in found


def test_an_unregistered_notifier_type_keeps_the_rules_warnings(tmp_path: Path) -> None:
    base = Path(__file__).resolve().parents[2] / "docs" / "policy" / "base.yaml"
    policy = tmp_path / "shop.yaml"
    policy.write_text(
        f"complaintkit: 1\nextends: {base}\n"
        "templates:\n  ack:\n    en: {subject: Complaint, body: Received.}\n"
        "notifications:\n  notifiers: {log: {type: logg}}\n  rules:\n"
        '    - {"on": opend, notify: [customer], via: log, template: ack}\n',
        "utf-8",
    )
    plugins = Plugins(plugin_manager(load_entrypoints=False))  # the notifier types it knows
    found = {(p.severity, p.location.line) for p in check_policy(policy, plugins)}
    assert found == {("error", 7), ("warning", 9)}
