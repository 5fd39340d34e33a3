"""A notification rule, an escalation's notify or a publish list naming a notifier or a
template with a slip (``via: hookk``, ``template: ak``) was told the names defined, without
the one meant, as other misspelt names are; each now leads with it."""

from __future__ import annotations

from pathlib import Path

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def test_misspelt_notifiers_and_templates_name_the_one_meant(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\n"
        "templates:\n  ack: {zh: {subject: s, body: b}}\n"
        "notifications:\n  notifiers: {hook: {type: webhook, url: 'https://example.com/h'}}\n"
        "  publish: [hok]\n"
        '  rules:\n    - {"on": opened, notify: [customer], via: hookk, template: ak}\n'
        "escalation:\n  ladders:\n    - name: slow\n      levels:\n"
        "        - name: l1\n          trigger: {since: received, after: 4h}\n"
        "          actions: [{notify: {template: ackk, role: manager, via: hoo}}]\n",
        "utf-8",
    )
    hints = {p.location.path: p.hint for p in check_policy(path)}
    assert hints["notifications.publish[0]"].startswith("did you mean 'hook'?")
    assert hints["notifications.rules[0].via"].startswith("did you mean 'hook'?")
    assert hints["notifications.rules[0].template"].startswith("did you mean 'ack'?")
    level = "escalation.ladders[0].levels[0].actions[0].notify"
    assert hints[f"{level}.via"].startswith("did you mean 'hook'?")
    assert hints[f"{level}.template"].startswith("did you mean 'ack'?")
