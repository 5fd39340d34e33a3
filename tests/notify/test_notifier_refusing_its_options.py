"""A plugin's notifier that refuses a value of its options when built (``ConfigError``:
``validate`` builds no plugin's notifier, as building one may connect somewhere) stopped the
Desk, and with it every command — intake, the tick, ``outbox`` and ``dead-letters list``, the
very commands that mend what it left — while a factory raising anything else cost only that
notifier's messages. It is one behaviour now: the Desk goes on, the error is logged on one
line at its start naming the policy file, line and column of the notifier, and each message
through it is a dead letter saying so, sent again with ``outbox requeue`` once mended."""

from __future__ import annotations

import json
import logging
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, reject, settings
from hypothesis import strategies as st

import complaintkit
from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import ConfigError, PolicyError
from complaintkit.hookspecs import Register
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.testing.policies import MINIMAL_POLICY

POLICY = (
    MINIMAL_POLICY
    + """\
templates:
  ack:
    zh: {subject: "您的投诉已受理", body: "我们已收到您的投诉。"}
notifications:
  notifiers:
    log: {type: log}
    text: {type: sms, options: {sender: SENDER}}
  rules:
    - {"on": opened, notify: [customer], via: log, template: ack}
    - {"on": opened, notify: [customer], via: text, template: ack}
"""
)
AT = datetime(2026, 12, 3, 2, tzinfo=UTC)
COMPLAINT = {
    "channel": "web",
    "external_id": "M-1",
    "received_at": AT.isoformat(),
    "customer": {"id": "c1", "name": "王芳", "contact": "+8613800000000"},
    "text": "快递丢了",
    "language": "zh",
}


class _Sms:
    """Refuses a sender that is no number, as a gateway's client would."""

    def __init__(self, *, sender: str) -> None:
        if not str(sender).isdigit():
            raise ConfigError(f"sms notifier: sender {sender!r} is no number")

    def send(self, message: object) -> None:
        pass


class _SmsPlugin:
    @complaintkit.hookimpl
    def register_notifiers(self, register: Register) -> None:
        register("sms", _Sms)


def _plugins() -> Plugins:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(_SmsPlugin(), name="sms-gateway")
    return Plugins(pm)


def _policy(tmp_path: Path, sender: str = "shop") -> Path:
    path = tmp_path / "policy.yaml"
    path.write_text(POLICY.replace("SENDER", json.dumps(sender)), encoding="utf-8")
    return path


def _line_of_text(path: Path) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.strip().startswith("text:"))


def test_the_desk_goes_on_and_the_notifiers_messages_are_dead_letters(tmp_path: Path) -> None:
    path = _policy(tmp_path)
    desk = Desk(path, storage="memory:", plugins=_plugins(), clock=ManualClock(AT))
    case = desk.intake(COMPLAINT)
    assert desk.storage.get(case.id).status == case.status
    report = desk.deliver()
    assert (report.delivered, report.dead) == (1, 1)
    (letter,) = desk.storage.dead_letters()
    (dead,) = desk.storage.deliveries("dead")
    assert letter.source == f"notify:text:{dead.outgoing.delivery_id}"
    assert "notifier 'text'" in letter.reason
    assert f"{path}:{_line_of_text(path)}:" in letter.reason
    assert "sender 'shop' is no number" in letter.reason
    assert "outbox requeue --all --via text" in letter.reason
    desk.tick()


def test_the_start_logs_one_line_naming_the_file_and_the_notifier(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = _policy(tmp_path)
    with caplog.at_level(logging.ERROR):
        Desk(path, storage="memory:", plugins=_plugins(), clock=ManualClock(AT))
    (said,) = [r for r in caplog.records if "notifier 'text'" in r.getMessage()]
    assert f"{path}:{_line_of_text(path)}:" in said.getMessage()
    assert "\n" not in said.getMessage()
    assert said.exc_info is None


def test_the_commands_that_mend_it_run(tmp_path: Path) -> None:
    path = _policy(tmp_path)
    base = ["--db", f"sqlite:///{tmp_path / 'cases.db'}", "--policy", str(path)]
    (tmp_path / "in.jsonl").write_text(json.dumps(COMPLAINT) + "\n", encoding="utf-8")
    cli = build_cli(_plugins())
    for command in (["intake", str(tmp_path / "in.jsonl")], ["outbox"], ["dead-letters", "list"]):
        done = CliRunner().invoke(cli, [*base, *command])
        assert done.exit_code == 0, done.output
        assert "Traceback" not in done.output
    done = CliRunner().invoke(cli, [*base, "deliver"])
    assert done.exit_code == 3  # dead-lettered, nothing lost
    assert "Traceback" not in done.output


#: YAML's double quotes read JSON's \uXXXX escapes, not its surrogate pairs
_BMP = st.characters(max_codepoint=0xFFFF, exclude_categories=["Cs"])


@settings(max_examples=10)
@given(sender=st.text(_BMP, max_size=30).filter(lambda s: not s.isdigit()))
def test_any_value_refused_costs_the_messages_never_the_desk(sender: str) -> None:
    """Whatever the sender (line breaks, NUL, bidi controls), the Desk starts, and the
    letter's reason is one line."""
    with tempfile.TemporaryDirectory() as folder:
        path = _policy(Path(folder), sender)
        try:
            desk = Desk(path, storage="memory:", plugins=_plugins(), clock=ManualClock(AT))
        except PolicyError:  # the policy's own check refuses it first ('0\xa0': invisible)
            reject()
        desk.intake(COMPLAINT)
        assert desk.deliver().dead == 1
        (letter,) = desk.storage.dead_letters()
        assert "notifier 'text'" in letter.reason
        assert "\n" not in letter.reason
