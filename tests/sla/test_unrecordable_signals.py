"""A signal no event can ever carry: a policy declared ``on_site: {stop: [上门]}`` and
``validate`` said valid, but an event your SOP records is named in lower-case ASCII words
(``complaintkit cases event``, a policy test's ``record:`` refuse 上门), so the clock could
never be stopped by it. Each such name is an error where it is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def _errors(tmp_path: Path, text: str) -> list[tuple[int | None, str, str, str]]:
    (tmp_path / "base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    policy = tmp_path / "p.yaml"
    policy.write_text("complaintkit: 1\nextends: ./base.yaml\n" + text, "utf-8")
    return [
        (p.location.line, p.location.path, p.message, p.hint)
        for p in check_policy(policy)
        if p.severity == "error"
    ]


@pytest.mark.parametrize(
    ("text", "line", "path"),
    [
        (
            "sla:\n  metrics:\n    on_site: {start: [opened], stop: [上门]}\n"
            "  targets: [{on_site: 24h}]\n",
            5,
            "sla.metrics.on_site.stop",
        ),
        (
            "sla:\n  targets:\n    - resolution: {within: 5 business days,"
            " extend: [{upon: Holding-Reply, by: 5 business days}]}\n",
            5,
            "sla.targets[0].resolution.extend[0].upon",
        ),
        (
            "sla: {targets: [{resolution: 24h}]}\nescalation:\n  ladders:\n    - name: l\n"
            "      levels:\n        - name: stale\n"
            "          trigger: {since: 回复客户, after: 2h}\n"
            "          actions: [{add_tags: [stale]}]\n",
            9,
            "escalation.ladders[0].levels[0].trigger.since",
        ),
        (
            "templates: {t: {zh: {subject: s, body: b}}}\nnotifications:\n"
            "  notifiers: {log: {type: log}}\n"
            '  rules: [{"on": 上门, notify: [owner], via: log, template: t}]\n',
            6,
            "notifications.rules[0].on",
        ),
    ],
)
def test_a_signal_no_event_can_carry_is_an_error_at_it(
    tmp_path: Path, text: str, line: int, path: str
) -> None:
    ((at, where, message, hint),) = _errors(tmp_path, text)
    assert (at, where) == (line, path)
    assert "never" in message
    assert "lower-case" in hint


def test_a_signal_the_sop_names_in_ascii_is_fine(tmp_path: Path) -> None:
    assert (
        _errors(
            tmp_path,
            "sla:\n  metrics:\n    on_site: {start: [opened], stop: [site_visit]}\n"
            "  targets: [{on_site: 24h}]\n",
        )
        == []
    )
