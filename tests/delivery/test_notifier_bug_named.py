"""A plugin notifier raising a bug on every message (a ``KeyError``, ``sys.exit``, an
exception whose text cannot be read) left dead letters reading ``KeyError: 'recipient_id'``:
no word of whose code failed nor what to do. Each such reason now names the notifier and
its plugin and what to do; a receiver's refusal (``DeliveryFailed``, ``OSError``) is the
receiver's words as before, and the other notifiers' messages are delivered."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.delivery import DeliveryFailed, DeliveryWorker
from complaintkit.delivery.deadline import NotifierCalls
from complaintkit.delivery.outgoing import Outgoing
from complaintkit.delivery.retry import RetryPolicy
from complaintkit.desk import Desk
from complaintkit.hookspecs import Register, hookimpl
from complaintkit.model.message import Message
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import load_policy
from complaintkit.storage.memory import MemoryStorage
from requeued_mail import AT, COMPLAINT, policy
from smtp_inbox import Inbox, receiving

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


class Unreadable(Exception):
    def __str__(self) -> str:
        raise RuntimeError("no text")


BUGS: list[BaseException] = [
    KeyError("recipient_id"),
    SystemExit(3),
    RecursionError("maximum recursion depth exceeded"),
    Unreadable(),
    TypeError(),
]
REFUSALS: list[Exception] = [
    DeliveryFailed("550 no such user"),
    ConnectionRefusedError(111, "refused"),
]


class Raising:
    def __init__(self, error: BaseException) -> None:
        self.error = error

    def send(self, message: Message) -> None:
        raise self.error


class Quick:
    def __init__(self) -> None:
        self.sent: list[str] = []

    def send(self, message: Message) -> None:
        self.sent.append(message.delivery_id)


@settings(max_examples=20, deadline=None)
@given(error=st.sampled_from([*BUGS, *REFUSALS]), count=st.integers(1, 6))
def test_every_dead_letter_of_a_notifiers_bug_names_it_its_plugin_and_what_to_do(
    error: BaseException, count: int
) -> None:
    calls = NotifierCalls(plugins={"pager": "acme-pager"})
    quick = Quick()
    with MemoryStorage() as storage:
        storage.enqueue(
            [
                Outgoing.message(via, Message(to=f"c{n}@example.com", subject="s", body="b"), T0)
                for n in range(count)
                for via in ("pager", "mail")
            ]
        )
        worker = DeliveryWorker(
            storage,
            {"pager": Raising(error), "mail": quick},
            ManualClock(T0),
            retry=RetryPolicy.from_json({"attempts": 1}),
            calls=calls,
        )
        report = worker.run_once()
        assert (report.delivered, report.dead) == (count, count)
        assert len(quick.sent) == count
        letters = storage.dead_letters()
        assert len(letters) == count
        for letter in letters:
            assert letter.source.startswith("notify:pager:")
            if error in BUGS:
                assert "notifier 'pager' (plugin 'acme-pager')" in letter.reason
                assert "fix or update the plugin" in letter.reason
                assert type(error).__name__ in letter.reason or "PluginExit" in letter.reason
            else:
                assert "acme-pager" not in letter.reason


class _PagerPlugin:
    @hookimpl
    def register_notifiers(self, register: Register) -> None:
        register("pager", lambda: Raising(KeyError("recipient_id")))


def test_the_desk_names_the_plugin_in_the_reason(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    rule = '    - {"on": opened, notify: [customer], via: text, template: ack}\n'
    pm = plugin_manager(load_entrypoints=False)
    pm.register(_PagerPlugin(), name="acme-pager")
    with receiving(Inbox()) as (inbox, port):
        path.write_text(policy(port, "    text: {type: pager}\n", rule), "utf-8")
        desk = Desk(
            load_policy(path), storage="memory:", clock=ManualClock(AT), plugins=Plugins(pm)
        )
        desk.intake(COMPLAINT)
        report = desk.deliver()
        assert (report.delivered, report.retrying) == (1, 1)
        (pending,) = desk.storage.deliveries("pending")
        assert "KeyError: 'recipient_id'" in (pending.last_error or "")
        assert "notifier 'text' (plugin 'acme-pager')" in (pending.last_error or "")
        assert len(inbox.received) == 1
