"""A notification rule whose plugin operator fails costs that letter, not the change.

A rule's ``when`` may test a field with a plugin's operator. One that raised (or answered
no ``True``/``False``) failed the whole change it decided a letter for: an agent's reply,
a status change or an intake was refused and nothing of it stored, for want of one
letter. The change is now stored and its other letters enqueued as usual; the rule's
letter is a dead letter from ``notify:<via>`` whose reason names the rule (its place in
the policy file), the plugin and its error, as a letter to a customer with no address is.
So is one raising a complaintkit error of its own (``InvalidInput``, ``ConfigError``),
which refused the whole change while any other exception cost only the letter.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import ConfigError, InvalidInput, StorageError
from vip_list import HEAD, VipList, says_no, unreachable

POLICY = (
    HEAD
    + """\
sla:
  warnings: []
  targets: [{first_response: 2h}]
templates:
  answered: {zh: {subject: "关于 {case.id}", body: "您好"}}
  copy: {zh: {subject: "抄送 {case.id}", body: "已回复"}}
notifications:
  default_language: zh
  notifiers: {log: {type: log}}
  contacts: {owners: {chen.jing: chen.jing@shop.example}}
  rules:
    - {"on": responded, notify: [owner], via: log, template: copy}
    - {"on": responded, when: {field: case.owner, vip_owner: x}, notify: [customer], via: log, template: answered}
    - {"on": sla_breached, when: {field: case.owner, vip_owner: x}, notify: [customer], via: log, template: answered}
    - {"on": noted, when: {field: case.owner, vip_owner: x}, notify: [customer], via: log, template: answered}
"""
)


def _refuses(value: object) -> bool:
    raise InvalidInput("owner", "the VIP list refuses this owner")


def _unset(value: object) -> bool:
    raise ConfigError("the VIP list's address is not set")


def _desk(folder: Path, request: pytest.FixtureRequest) -> tuple[Desk, VipList]:
    policy = folder / "policy.yaml"
    policy.write_text(POLICY, encoding="utf-8")
    plugin = VipList(lambda value: True)
    clock = ManualClock(datetime(2026, 11, 23, 1, tzinfo=UTC))
    storage = f"sqlite:///{folder / 'cases.db'}"
    desk = Desk(policy, storage=storage, clock=clock, plugins=plugin.plugins())
    request.addfinalizer(desk.storage.close)
    return desk, plugin


def _opened(desk: Desk) -> str:
    complaint = {
        "channel": "web",
        "external_id": "P-1",
        "received_at": "2026-11-23T09:00:00+08:00",
        "customer": {"id": "c1", "contact": "c1@shop.example"},
        "text": "店员态度差",
    }
    return desk.intake(complaint).id


@pytest.mark.parametrize(
    "test",
    [unreachable, _refuses, _unset, says_no],
    ids=["raises", "raises InvalidInput", "raises ConfigError", "answers text"],
)
def test_a_reply_is_stored_and_only_the_rules_letter_is_a_dead_letter(
    tmp_path: Path, test: Callable[[object], Any], request: pytest.FixtureRequest
) -> None:
    desk, plugin = _desk(tmp_path, request)
    case_id = _opened(desk)
    plugin.test = test
    after = desk.respond(case_id, "非常抱歉", actor="chen.jing")
    assert "responded" in [event.kind for event in desk.history(case_id)]
    assert after.first_response_at is not None
    (copy,) = desk.storage.deliveries(case_id=case_id)  # the other rule's letter goes on
    assert copy.outgoing.as_message().to == "chen.jing@shop.example"
    (letter,) = desk.storage.dead_letters()
    assert letter.source == "notify:log"
    assert json.loads(letter.raw) == {"case_id": case_id, "event": "responded"}
    assert "'vip-list'" in letter.reason
    assert "'vip_owner'" in letter.reason
    assert "notifications.rules[1]" in letter.reason
    assert "policy.yaml:23:" in letter.reason  # the rule's line in the file
    assert "'answered'" in letter.reason
    if test is unreachable:
        assert "the VIP list is unreachable" in letter.reason
    if test is _refuses:
        assert "the VIP list refuses this owner" in letter.reason


def test_a_store_failing_under_the_rule_fails_the_change(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """A store failing is no plugin's bug: the change could not be stored either."""
    desk, plugin = _desk(tmp_path, request)
    case_id = _opened(desk)

    def store_down(value: object) -> bool:
        raise StorageError("the store is down")

    plugin.test = store_down
    with pytest.raises(StorageError):
        desk.respond(case_id, "非常抱歉", actor="chen.jing")
    assert "responded" not in [event.kind for event in desk.history(case_id)]
    assert desk.storage.dead_letters() == []


def test_a_tick_records_the_breach_and_dead_letters_the_rules_letter(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    desk, plugin = _desk(tmp_path, request)
    case_id = _opened(desk)
    plugin.test = unreachable
    assert isinstance(desk.clock, ManualClock)
    desk.clock.advance(timedelta(hours=3))
    report = desk.tick()
    assert (report.failed, report.breaches) == ((), 1)
    assert "sla_breached" in [event.kind for event in desk.history(case_id)]
    (letter,) = desk.storage.dead_letters()
    assert letter.source == "notify:log"
    assert "notifications.rules[2]" in letter.reason
    assert "sla_breached" in letter.reason


def test_a_rule_that_would_tell_no_one_leaves_no_dead_letter(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """A customer's letter on a case that ended would not be sent whatever the condition
    said: no letter is lost, so none is kept."""
    desk, plugin = _desk(tmp_path, request)
    case_id = _opened(desk)
    desk.transition(case_id, "rejected", actor="chen.jing", reason="重复投诉")
    plugin.test = unreachable
    desk.note(case_id, "客户又来电", actor="chen.jing")
    assert desk.history(case_id)[-1].kind == "noted"
    assert desk.storage.dead_letters() == []


def test_a_plugins_huge_error_is_kept_cut_short_with_what_to_do(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """A plugin quoting a whole answer in its error made a reason of megabytes, the advice
    at its end; the error is cut in the middle as every failure kept is (``brief``)."""
    desk, plugin = _desk(tmp_path, request)
    case_id = _opened(desk)

    def verbose(value: object) -> bool:
        raise RuntimeError("the VIP list answered: " + "x" * 1_000_000)

    plugin.test = verbose
    desk.respond(case_id, "非常抱歉", actor="chen.jing")
    (letter,) = desk.storage.dead_letters()
    assert len(letter.reason) < 2000
    assert "'vip-list'" in letter.reason
    assert letter.reason.endswith("reach them another way")
    assert "characters left out" in letter.reason
