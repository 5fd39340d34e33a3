"""The zone a Desk's clock reads in never changes a result.

One random script — complaints taken in around the US and UK changes of the clocks (New
York's repeated hour 01:00-02:00 on 2026-11-01 among them), replies, waits on the
customer, resolutions, withdrawals, compensation proposals, ticks, delivery passes with a
notifier that fails every other attempt — is played on Desks whose ManualClock reads the
same instants in UTC, in New York and in London, on memory and SQLite storage. Every case,
event, sent message and the report must be the same once instants are written in UTC.

Python compares and subtracts two datetimes of one tzinfo on their wall clocks, ignoring
the offset and ``fold``: the calendar here is New York's, so a New York clock shares its
tzinfo with every deadline.
"""

from __future__ import annotations

import random
import re
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.api.status_view import customer_view
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import ComplaintkitError
from complaintkit.hookspecs import Register, hookimpl
from complaintkit.model.message import Message
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import Policy, load_policy
from complaintkit.reports import build_report, open_source

NEW_YORK = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")
ZONES: tuple[tzinfo, ...] = (UTC, NEW_YORK, LONDON)

#: Before each change of the clocks, in UTC: New York's autumn one (its repeated hour is
#: 05:00-07:00 UTC; the first is twice, to start in it), London's autumn one, both spring ones.
STARTS = (
    datetime(2026, 11, 1, 4, 0, tzinfo=UTC),
    datetime(2026, 11, 1, 5, 40, tzinfo=UTC),
    datetime(2026, 10, 25, 0, 0, tzinfo=UTC),
    datetime(2026, 3, 8, 5, 0, tzinfo=UTC),
    datetime(2026, 3, 29, 0, 0, tzinfo=UTC),
)

POLICY = """\
complaintkit: 1
name: zones
version: "1"
categories: {delivery: {}, other: {}}
severities: {minor: {}}
priorities: {high: {}, normal: {}}
classification:
  - hit_policy: first
    rules:
      - id: late
        when: {keywords: [late]}
        then: {category: delivery, severity: minor, priority: high}
    default: {category: other, severity: minor, priority: normal}
teams: {support: {default_owner: ann}}
routing: {hit_policy: first, rules: [], default: {team: support}}
calendars:
  office: {timezone: America/New_York, hours: {mon-sun: ["00:00-24:00"]}}
sla:
  calendar: office
  warnings: [0.5]
  targets:
    - when: {field: case.priority, ==: high}
      first_response: 1h
      resolution: 3h
    - first_response: 2h
      resolution: 5h
escalation:
  ladders:
    - name: standard
      levels:
        - name: lead
          trigger: {sla: first_response, elapsed: 1.0}
          actions: [{add_tags: [unanswered]}]
compensation:
  currency: USD
  hit_policy: first
  rules:
    - id: late
      when: {field: case.category, ==: delivery}
      remedies: [{kind: voucher, amount: {percent: 10, of: amount, cap: 30}}]
  default: {remedies: [apology]}
  caps: [{limit: 40, days: 1, kinds: [voucher]}]
templates:
  ack:
    en: {subject: "Got {case.id}", body: "We reply by {case.first_response_due}."}
  update:
    en: {subject: "About {case.id}", body: "{message}"}
notifications:
  default_language: en
  notifiers: {flaky: {type: flaky}}
  delivery: {attempts: 4, backoff: 600, max_backoff: 600}
  rules:
    - {"on": opened, notify: [customer], via: flaky, template: ack}
    - {"on": responded, notify: [customer], via: flaky, template: update}
"""


class Flaky:
    """Fails every other attempt (the first one included); keeps what it sent, in order."""

    def __init__(self, sent: list[Message]) -> None:
        self.sent, self.calls = sent, 0

    def send(self, message: Message) -> None:
        self.calls += 1
        if self.calls % 2:
            raise ConnectionResetError("flaky")
        self.sent.append(message)


@attrs.define(eq=False)
class FlakyPlugin:
    sent: list[Message] = attrs.Factory(list)

    @hookimpl
    def register_notifiers(self, register: Register) -> None:
        register("flaky", lambda **_: Flaky(self.sent))


@attrs.frozen
class Step:
    """One operation, ``minutes`` after the one before, on complaint number ``key``."""

    minutes: int
    action: str
    key: int


ACTIONS = (
    "intake",
    "intake_late",
    "respond",
    "pause",
    "unpause",
    "resolve",
    "withdraw",
    "propose",
    "tick",
    "deliver",
)
_STEPS = st.lists(
    st.builds(
        Step,
        st.sampled_from([0, 1, 5, 10, 20, 30, 45, 60, 90]),
        st.sampled_from(ACTIONS),
        st.integers(0, 3),
    ),
    min_size=1,
    max_size=20,
)

_UNCOMPARED = frozenset({"status_token", "hash", "prev_hash", "last_hash"})
_INSTANT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?([+-]\d\d:\d\d|Z)")


def flaky_plugins(flaky: FlakyPlugin) -> Plugins:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(flaky)
    return Plugins(pm)


@pytest.fixture(scope="module", name="policies")
def policies_fixture(tmp_path_factory: pytest.TempPathFactory) -> tuple[Policy, ...]:
    """The policy, loaded once for each of the six Desks (no two share one) and kept for
    every example: a compiled policy is immutable, and a Desk builds its notifiers from its
    own plugins, so loading it again each time would only repeat the same work."""
    path = tmp_path_factory.mktemp("zones") / "policy.yaml"
    path.write_text(POLICY, encoding="utf-8")
    return tuple(
        load_policy(path, plugins=flaky_plugins(FlakyPlugin())) for _ in range(2 * len(ZONES))
    )


def _complaint(key: int, late: bool, at: datetime) -> dict[str, Any]:
    return {
        "channel": "web",
        "external_id": f"K{key}",
        "received_at": at.isoformat(),
        "customer": {"id": f"cust-{key % 2}", "contact": f"c{key % 2}@example.com"},
        "text": "parcel is late" if late else "not happy",
        "amount": {"amount": "250.00", "currency": "USD"},
    }


class Played:
    """One Desk playing the script, and everything it observed, instants in UTC."""

    def __init__(self, policy: Policy, zone: tzinfo, start: datetime, storage: str) -> None:
        self.flaky = FlakyPlugin()
        plugins = flaky_plugins(self.flaky)
        self.clock = ManualClock(start.astimezone(zone))
        self.desk = Desk(policy, storage=storage, clock=self.clock, plugins=plugins)
        assert self.desk.notifications is not None  # the same jitter on every Desk
        retry = self.desk.notifications.retry
        self.desk.notifications.retry = attrs.evolve(retry, rng=random.Random(7))
        self.ids: dict[int, str] = {}
        self.seen: list[Any] = []

    def play(self, step: Step, at: datetime) -> None:
        self.clock.set(at.astimezone(self.clock.now().tzinfo))
        try:  # (a key taken in again with other text or at another instant is KeyReused)
            self.seen.append((step.action, step.key, self._do(step)))
        except ComplaintkitError as error:  # a move the case's state refuses
            self.seen.append((step.action, step.key, type(error).__name__))

    def _do(self, step: Step) -> Any:  # noqa: PLR0911 - one return per action
        desk, case_id = self.desk, self.ids.get(step.key)
        if step.action in ("intake", "intake_late"):
            late = step.action == "intake_late"
            case = desk.intake(_complaint(step.key, late, self.clock.now()))
            self.ids.setdefault(step.key, case.id)
            return case.status.value
        if step.action == "tick":
            return self._plain(desk.tick().to_json())
        if step.action == "deliver":
            return attrs.asdict(desk.deliver())
        if case_id is None:
            return None
        if step.action == "respond":
            return desk.respond(case_id, "on it", actor="ann").status.value
        if step.action == "pause":
            return desk.transition(case_id, "waiting_on_customer", actor="ann").status.value
        if step.action == "unpause":
            return desk.transition(case_id, "investigating", actor="ann").status.value
        if step.action == "resolve":
            return desk.resolve(case_id, "refunded", actor="ann").status.value
        if step.action == "withdraw":
            return desk.transition(case_id, "withdrawn", actor="customer").status.value
        assert step.action == "propose"
        case = desk.propose_compensation(case_id, actor="ann")
        return self._plain(case.compensation[-1])

    def _plain(self, value: Any) -> Any:
        """``value`` with every instant in UTC and every case id as its complaint's key,
        without what is random (status tokens) or hashes the text of instants."""
        if isinstance(value, dict):
            return {k: self._plain(v) for k, v in value.items() if k not in _UNCOMPARED}
        if isinstance(value, list | tuple):
            return [self._plain(v) for v in value]
        if isinstance(value, datetime):
            return value.astimezone(UTC).isoformat()
        if isinstance(value, str):
            for key, case_id in self.ids.items():
                value = value.replace(case_id, f"<K{key}>")
            return _INSTANT.sub(
                lambda m: datetime.fromisoformat(m[0]).astimezone(UTC).isoformat(), value
            )
        return value

    def observed(self) -> dict[str, Any]:
        desk, now = self.desk, self.clock.now()
        cases = {}
        zone_of = desk.shown_zones
        for key, case_id in sorted(self.ids.items()):
            case, events = desk.get(case_id), desk.history(case_id)
            view = customer_view(case, events, now, zone_of)
            cases[key] = {
                "case": self._plain(case.to_json()),
                "events": [self._plain(event.to_json()) for event in events],
                "view": self._plain(view),
            }
        # the order find gives; cases opened at one instant tie, broken by their random ids
        found = [(self._plain(c.opened_at), self._plain(c.id)) for c in desk.find()]
        found = [at for at, _ in found] + sorted(key for _, key in found)
        source = open_source(desk.storage)
        try:
            report = build_report(source, zone=NEW_YORK, now=now).to_json()
        finally:
            getattr(source, "close", lambda: None)()
        sent = [self._plain(message.to_json()) for message in self.flaky.sent]
        report = self._plain(report)
        # late cases sharing a deadline are listed by their random ids: compared by key
        report["late"].sort(key=lambda item: (item["due_at"], item["case_id"]))
        return {
            "seen": self._plain(self.seen),
            "cases": cases,
            "found": found,
            "sent": [{k: v for k, v in m.items() if k != "delivery_id"} for m in sent],
            "report": report,
        }


def _timeline(start: datetime, steps: list[Step]) -> Iterator[tuple[Step, datetime]]:
    at = start
    for step in steps:
        at += timedelta(minutes=step.minutes)
        yield step, at


def _differences(
    policies: tuple[Policy, ...], start: datetime, steps: list[Step]
) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        places = ["memory:", *(f"sqlite:///{folder}/{n}.db" for n in range(len(ZONES)))]
        slots = [(kind, n, zone) for kind in ("memory", "sqlite") for n, zone in enumerate(ZONES)]
        desks = [
            Played(policy, zone, start, "memory:" if kind == "memory" else places[1 + n])
            for policy, (kind, n, zone) in zip(policies, slots, strict=True)
        ]
        for step, at in _timeline(start, steps):
            for played in desks:
                played.play(step, at)
        observed = [played.observed() for played in desks]
        for played in desks:
            getattr(played.desk.storage, "close", lambda: None)()
    return {"reference": observed[0], "others": observed[1:]}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(start=st.sampled_from(STARTS), steps=_STEPS)
def test_the_clock_zone_never_changes_what_a_desk_does(
    policies: tuple[Policy, ...], start: datetime, steps: list[Step]
) -> None:
    found = _differences(policies, start, steps)
    for other in found["others"]:
        for part in ("seen", "cases", "found", "sent", "report"):
            assert other[part] == found["reference"][part], part
