"""A notifier plugin whose factory raises (its client library missing, a bug) costs that
notifier's messages, not the Desk: intake, tick and delivery go on, the other notifiers'
mail goes out (a real SMTP server on loopback), and each of its messages is one dead letter
at once, naming the notifier, the plugin and the distribution that installed it, what it
raised and what to do. It stopped every command at the Desk's start, naming no
distribution."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import PluginError
from complaintkit.hookspecs import Register, hookimpl
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import load_policy
from requeued_mail import AT, COMPLAINT, policy
from smtp_inbox import Inbox, receiving

TEXT = "    text: {type: TYPE}\n"
TEXT_RULE = '    - {"on": opened, notify: [customer], via: text, template: ack}\n'


def _policy(port: int | str, kind: str) -> str:
    """The shared mail policy with a notifier ``text`` of type ``kind`` beside ``mail``."""
    return policy(port, TEXT.replace("TYPE", kind), TEXT_RULE)


@pytest.fixture(name="installed")
def installed_fixture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A distribution installing a plugin whose notifier's factory raises: its type."""
    name = f"sms-{abs(hash(str(tmp_path)))}"  # a plugin name no other test installs
    module = name.replace("-", "_")
    (tmp_path / f"{module}.py").write_text(
        "import complaintkit\n\n\nclass Sms:\n    def __init__(self):\n"
        "        raise RuntimeError('the gateway key is not set')\n\n"
        "    def send(self, message):\n        pass\n\n\n"
        f"@complaintkit.hookimpl\ndef register_notifiers(register):\n"
        f"    register({name!r}, Sms)\n",
        encoding="utf-8",
    )
    info = tmp_path / "acme_sms-1.4.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-sms\nVersion: 1.4\n")
    (info / "entry_points.txt").write_text(f"[complaintkit]\n{name} = {module}\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    return name


@pytest.fixture(name="port")
def port_fixture() -> Iterator[tuple[Inbox, int]]:
    with receiving(Inbox()) as server:
        yield server


def test_the_error_names_the_plugin_and_its_distribution(installed: str) -> None:
    with pytest.raises(PluginError) as caught:
        Plugins(plugin_manager()).notifier(installed, {}, None)
    said = str(caught.value)
    assert f"plugin {installed!r} (distribution acme-sms 1.4)" in said
    assert "RuntimeError: the gateway key is not set" in said


def test_the_desk_goes_on_and_the_notifiers_messages_are_dead_letters(
    tmp_path: Path, installed: str, port: tuple[Inbox, int]
) -> None:
    inbox, number = port
    path = tmp_path / "p.yaml"
    path.write_text(_policy(number, installed), "utf-8")
    desk = Desk(load_policy(path), storage="memory:", clock=ManualClock(AT))
    case = desk.intake(COMPLAINT)
    assert desk.storage.get(case.id).status == case.status
    report = desk.deliver()
    assert (report.delivered, report.dead) == (1, 1)
    assert len(inbox.received) == 1
    (letter,) = desk.storage.dead_letters()
    (dead,) = desk.storage.deliveries("dead")
    assert letter.source == f"notify:text:{dead.outgoing.delivery_id}"
    assert json.loads(letter.raw)["to"] == "wang@example.cn"
    assert "notifier 'text'" in letter.reason
    assert f"plugin {installed!r} (distribution acme-sms 1.4)" in letter.reason
    assert "RuntimeError: the gateway key is not set" in letter.reason
    assert "outbox requeue" in letter.reason
    desk.tick()  # the tick runs too


class _FailingProvider:
    @hookimpl
    def register_notifiers(self, register: Register) -> None:
        raise KeyError("recipient")


def test_a_register_notifiers_hook_that_fails_still_stops_the_desk(tmp_path: Path) -> None:
    """That fails every command (``complaintkit plugins`` too), not one notifier's mail."""
    path = tmp_path / "p.yaml"
    path.write_text(_policy(25, "log"), "utf-8")
    pm = plugin_manager(load_entrypoints=False)
    pm.register(_FailingProvider(), name="acme")
    with pytest.raises(PluginError, match="plugin 'acme' failed in register_notifiers"):
        Desk(load_policy(path), storage="memory:", plugins=Plugins(pm))


def test_deliver_says_it_in_one_line_without_a_traceback(
    tmp_path: Path, installed: str, port: tuple[Inbox, int], caplog: pytest.LogCaptureFixture
) -> None:
    """The log line is said at every command's start (on stderr, where the CLI sets no
    handler): one line naming the notifier, with no traceback."""
    path = tmp_path / "p.yaml"
    path.write_text(_policy(port[1], installed), "utf-8")
    (tmp_path / "in.jsonl").write_text(json.dumps(COMPLAINT) + "\n", encoding="utf-8")
    base = ["--db", f"sqlite:///{tmp_path / 'cases.db'}", "--policy", str(path)]
    cli = build_cli(Plugins(plugin_manager()))
    assert CliRunner().invoke(cli, [*base, "intake", str(tmp_path / "in.jsonl")]).exit_code == 0
    done = CliRunner().invoke(cli, [*base, "deliver"])
    assert done.exit_code == 3  # dead-lettered
    assert "1 delivered" in done.stdout
    assert "Traceback" not in done.output
    told = "notifications.notifiers: notifier 'text'"
    (said,) = [r for r in caplog.records if r.getMessage().startswith(told)][-1:]
    assert said.exc_info is None
    assert "\n" not in said.getMessage()
