"""Replays through the library: nothing notified, files without a store, imported history."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from replay_helpers import dump, tightened

from complaintkit.channels import take_in
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.channels.jsonl import JsonLinesChannel
from complaintkit.clock import ManualClock
from complaintkit.demo.script import demo_policy_path
from complaintkit.desk import Desk
from complaintkit.errors import NotFound
from complaintkit.hookspecs import hookimpl
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import load_policy
from complaintkit.replay import replay_file, replay_store
from complaintkit.reports import Scope
from complaintkit.storage.memory import MemoryStorage
from complaintkit.storage.sqlite import SQLiteStorage
from demo_store import play_demo

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return play_demo(tmp_path_factory.mktemp("demo"))


class Recorder:
    def __init__(self) -> None:
        self.kinds: list[str] = []

    @hookimpl
    def case_event(self, event: CaseEvent, case: Case) -> None:
        self.kinds.append(event.kind)


def test_a_replay_calls_no_hook_and_notifies_nobody(
    demo_db: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    recorder, pm = Recorder(), plugin_manager(load_entrypoints=False)
    pm.register(recorder)
    plugins = Plugins(pm)
    before = dump(demo_db)
    with (
        caplog.at_level(logging.INFO, logger="complaintkit"),
        SQLiteStorage(f"sqlite:///{demo_db}") as storage,
    ):
        result = replay_store(storage, load_policy(tightened(tmp_path, "1h")), plugins)
    assert result.comparison.changed == 1
    assert recorder.kinds == []
    assert [r for r in caplog.records if r.name.startswith("complaintkit.notify")] == []
    assert dump(demo_db) == before


def _line(external_id: str, at: str, **history: Any) -> str:
    complaint = {
        "channel": "web",
        "external_id": external_id,
        "received_at": at,
        "customer": {"id": f"c{external_id}", "name": "Sam"},
        "text": "I was charged the wrong price at the till",
    }
    return json.dumps({**complaint, "history": history} if history else complaint)


def test_two_policies_compared_on_a_file_without_a_store(tmp_path: Path) -> None:
    source = tmp_path / "complaints.jsonl"
    source.write_text(
        "\n".join(
            [
                _line(
                    "1",
                    "2026-11-23T09:00:00+08:00",
                    first_response_at="2026-11-23T11:00:00+08:00",
                    status="investigating",
                ),
                _line(
                    "2",
                    "2026-11-23T09:00:00+08:00",
                    first_response_at="2026-11-23T09:20:00+08:00",
                    status="investigating",
                ),
                "not json",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    baseline = load_policy(demo_policy_path())
    result = replay_file(
        baseline, load_policy(tightened(tmp_path, "1h")), Plugins(), source, case_id="web:1"
    )
    assert result.comparison.cases == 2
    assert [c.case_id for c in result.comparison.listed] == ["web:1"]
    assert "first_response breached" in result.comparison.listed[0].changes
    assert result.rejected[0][0] == "complaints.jsonl:3"
    assert result.detail is not None
    assert result.detail.case_id == "web:1"


def test_imported_history_replays_to_what_was_recorded(tmp_path: Path) -> None:
    policy = load_policy(ROOT / "examples" / "cfpb" / "policy.yaml")
    desk = Desk(policy, storage=f"sqlite:///{tmp_path / 'cfpb.db'}")
    channel = CsvChannel(str(ROOT / "examples" / "cfpb" / "mapping.yaml"), channel="cfpb")
    take_in(desk, "cfpb", channel.read(str(ROOT / "tests" / "fixtures" / "cfpb_sample.csv")))
    result = replay_store(desk.storage, policy, Plugins())
    desk.storage.close()
    assert (result.comparison.cases, result.comparison.changed) == (50, 0)


def test_a_replay_at_an_instant_takes_both_sides_as_of_it(tmp_path: Path) -> None:
    """Five cases imported open on 5 to 9 October and ticked in December: at noon on the 5th
    only the first exists, an hour into its day, with nothing breached on either side."""
    source = tmp_path / "old.jsonl"
    source.write_text(
        "\n".join(
            json.dumps(
                {
                    "channel": "old",
                    "external_id": f"K-{day}",
                    "received_at": f"2026-10-0{day}T10:00:00+08:00",
                    "customer": {"id": f"c{day}"},
                    "text": "请尽快处理一下",
                    "history": {
                        "status": "investigating",
                        "first_response_at": f"2026-10-0{day}T11:00:00+08:00",
                        "owner": "li.na",
                    },
                }
            )
            for day in range(5, 10)
        )
        + "\n",
        encoding="utf-8",
    )
    policy = load_policy(ROOT / "policies" / "retail" / "supermarket.yaml")
    clock = ManualClock(datetime(2026, 12, 2, 12, 0, tzinfo=UTC))
    with SQLiteStorage(f"sqlite:///{tmp_path / 'old.db'}") as storage:
        desk = Desk(policy, storage=storage, clock=clock)
        take_in(desk, "old", JsonLinesChannel().read(str(source)))
        desk.tick()
        at = datetime.fromisoformat("2026-10-05T12:00:00+08:00")
        early = replay_store(storage, policy, Plugins(), horizon=at)
        late = replay_store(storage, policy, Plugins())
    assert (early.comparison.cases, early.comparison.changed) == (1, 0)
    assert early.comparison.counts["current"]["breached", "any"] == 0
    assert early.comparison.counts["candidate"]["breached", "any"] == 0
    assert (late.comparison.cases, late.comparison.changed) == (5, 0)
    assert late.comparison.counts["current"]["breached", "any"] == 5


def test_a_file_replayed_at_an_instant_counts_what_had_happened_by_then(tmp_path: Path) -> None:
    source = tmp_path / "complaints.jsonl"
    source.write_text(
        _line("1", "2026-11-23T09:00:00+08:00", first_response_at="2026-11-23T11:00:00+08:00")
        + "\n"
        + _line("2", "2026-11-25T09:00:00+08:00")
        + "\n",
        encoding="utf-8",
    )
    at = datetime.fromisoformat("2026-11-23T10:00:00+08:00")
    policy = load_policy(demo_policy_path())
    result = replay_file(
        policy,
        load_policy(tightened(tmp_path, "30m")),
        Plugins(),
        source,
        horizon=at,
        case_id="web:1",
    )
    assert result.comparison.cases == 1  # web:2 came in two days later
    (changed,) = result.comparison.listed
    assert "first_response breached" in changed.changes  # unanswered at 10:00, due 09:30
    assert result.detail is not None
    assert [e.kind for e in result.detail.current_events if e.at > at] == []
    assert "responded" not in [e.kind for e in result.detail.current_events]


def _imported(external_id: str, **history: Any) -> str:
    return json.dumps(
        {
            "channel": "old",
            "external_id": external_id,
            "received_at": "2026-10-02T09:00:00+08:00",
            "customer": {"id": f"c{external_id}"},
            "text": "The bread was mouldy",
            "history": history,
        },
        ensure_ascii=False,
    )


def test_a_file_replay_opens_imported_complaints_as_intake_stores_them(tmp_path: Path) -> None:
    """The file's baseline is what importing the file and replaying the store gives: the
    recorded owner and team, and the recorded SLA outcomes, count on both."""
    source = tmp_path / "old.jsonl"
    closed = {"status": "closed", "closed_at": "2026-10-06T12:00:00+08:00"}
    source.write_text(
        "\n".join(
            [
                _imported(
                    "1", **closed, owner="zhang.wei", team="store", sla={"first_response": "no"}
                ),
                _imported("2", **closed, owner="张三", sla={"resolution": "late"}),
                _imported(
                    "3", status="investigating", owner="li.na", sla={"first_response": "yes"}
                ),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    policy = load_policy(ROOT / "policies" / "retail" / "supermarket.yaml")
    clock = ManualClock(datetime(2026, 12, 2, 12, 0, tzinfo=UTC))
    with SQLiteStorage(f"sqlite:///{tmp_path / 'old.db'}") as storage:
        take_in(
            Desk(policy, storage=storage, clock=clock), "old", JsonLinesChannel().read(str(source))
        )
        stored = replay_store(storage, policy, Plugins())
    from_file = replay_file(policy, policy, Plugins(), source)
    assert stored.comparison.counts["current"]["breached", "any"] == 2
    assert from_file.comparison.counts["current"] == stored.comparison.counts["candidate"]


def test_a_file_replay_refuses_what_intake_refuses_from_the_future(tmp_path: Path) -> None:
    """A record dated 2199 is refused as intake refuses it, naming it; it does not drag
    the horizon (and every other case's clocks) 170 years on."""
    source = tmp_path / "old.jsonl"
    source.write_text(
        _imported("1", status="investigating", first_response_at="2026-10-02T10:00:00+08:00")
        + "\n"
        + _imported("2", status="investigating", first_response_at="2199-10-02T10:00:00+08:00")
        + "\n",
        encoding="utf-8",
    )
    policy = load_policy(ROOT / "policies" / "retail" / "supermarket.yaml")
    clock = ManualClock(datetime(2026, 12, 2, 12, 0, tzinfo=UTC))
    result = replay_file(policy, policy, Plugins(), source, clock=clock)
    assert result.horizon == datetime.fromisoformat("2026-10-02T10:00:00+08:00")
    assert result.comparison.cases == 1
    ((name, reason),) = result.rejected
    assert name == "old.jsonl:2"
    assert "history.first_response_at" in reason


def test_a_complaint_twice_in_a_file_is_replayed_once(tmp_path: Path) -> None:
    """Intake takes the second copy as already known; the replay counts it once too."""
    line = _imported("1", status="closed", sla={"first_response": "no"})
    source = tmp_path / "old.jsonl"
    other = line.replace("The bread was mouldy", "The milk was sour")
    source.write_text(f"{line}\n{line}\n{other}\n", encoding="utf-8")
    policy = load_policy(ROOT / "policies" / "retail" / "supermarket.yaml")
    result = replay_file(policy, policy, Plugins(), source)
    assert result.comparison.cases == 1
    assert result.comparison.counts["current"]["breached", "any"] == 1
    ((name, reason),) = result.rejected  # another complaint under the same key
    assert (name, reason.split(":")[0]) == ("old.jsonl:3", "external_id")


def test_compensation_is_decided_again_against_the_caps_as_they_stood(tmp_path: Path) -> None:
    """A customer's two late deliveries under a 30 yuan voucher cap: 20 for the first, the
    10 left for the second. Replaying the policy in force decides the same amounts: the
    cap counts what had been offered by each proposal, not what the store holds today."""
    text = (ROOT / "policies" / "retail" / "supermarket.yaml").read_text(encoding="utf-8")
    capped = tmp_path / "capped.yaml"
    capped.write_text(text.replace("{limit: 2000, days: 90", "{limit: 30, days: 90"), "utf-8")
    policy = load_policy(capped)
    clock = ManualClock(datetime(2026, 10, 1, 2, tzinfo=UTC))
    with SQLiteStorage(f"sqlite:///{tmp_path / 'capped.db'}") as storage:
        desk = Desk(policy, storage=storage, clock=clock)
        for external_id in ("D1", "D2"):
            case = desk.intake(
                {
                    "channel": "web",
                    "external_id": external_id,
                    "received_at": clock.now().isoformat(),
                    "customer": {"id": "C1"},
                    "text": "配送延误了三个小时 the delivery was late",
                }
            )
            clock.advance(timedelta(hours=1))
            case = desk.propose_compensation(case.id, actor="li.na")
            desk.offer_compensation(case.id, case.compensation[-1]["id"], actor="li.na")
            clock.advance(timedelta(days=3))
        desk.tick()
        result = replay_store(storage, policy, Plugins())
    assert result.comparison.money["current"] == {"CNY": Decimal("30.00")}
    assert result.comparison.money["candidate"] == {"CNY": Decimal("30.00")}
    assert result.comparison.changed == 0


def test_complaints_received_at_one_instant_are_not_each_others_past(tmp_path: Path) -> None:
    """An export with dates only: one owner's three complaints of one day. None is opened
    before another, so none is a repeat — at intake, replaying the store, and replaying the
    file alike (the property policy raises a repeat to high)."""
    source = tmp_path / "same-day.jsonl"
    line = {
        "channel": "old",
        "received_at": "2026-10-02T00:00:00+08:00",
        "customer": {"id": "owner-301"},
        "text": "楼道卫生很差 垃圾没人清理",
        "history": {"status": "closed"},
    }
    source.write_text(
        "".join(json.dumps({**line, "external_id": f"S{n}"}) + "\n" for n in range(3)),
        encoding="utf-8",
    )
    policy = load_policy(ROOT / "policies" / "property" / "property-management.yaml")
    clock = ManualClock(datetime(2026, 12, 2, 12, 0, tzinfo=UTC))
    with SQLiteStorage(f"sqlite:///{tmp_path / 'same.db'}") as storage:
        take_in(
            Desk(policy, storage=storage, clock=clock), "old", JsonLinesChannel().read(str(source))
        )
        stored = replay_store(storage, policy, Plugins())
    from_file = replay_file(policy, policy, Plugins(), source, clock=clock)
    assert stored.comparison.counts["current"]["priority", "normal"] == 3
    assert stored.comparison.changed == 0
    assert from_file.comparison.counts["current"] == stored.comparison.counts["current"]


def test_a_key_read_again_with_another_recorded_history_is_refused_as_intake_refuses_it(
    tmp_path: Path,
) -> None:
    """An export taken again after the old system closed the ticket, appended: intake keeps
    the first record and refuses the second, so the file's replay does too."""
    source = tmp_path / "old.jsonl"
    source.write_text(
        _imported("1", status="investigating")
        + "\n"
        + _imported("1", status="closed", closed_at="2026-10-06T12:00:00+08:00")
        + "\n",
        encoding="utf-8",
    )
    policy = load_policy(ROOT / "policies" / "retail" / "supermarket.yaml")
    result = replay_file(policy, policy, Plugins(), source)
    assert result.comparison.cases == 1
    ((where, reason),) = result.rejected
    assert where == "old.jsonl:2"
    assert "another recorded history" in reason


@pytest.mark.parametrize("ended", ["closed", "withdrawn", "rejected"])
def test_cases_open_when_an_imported_complaint_arrived_count_as_its_open_cases(
    tmp_path: Path, ended: str
) -> None:
    """An owner's complaint of 1 October was still open (closed on the 12th, or answered
    then and withdrawn or rejected, which records no time of its own) when their complaint
    of the 10th arrived: under a policy raising an owner with an open case, the 10th is
    high at intake, on replaying the store, and on replaying the file, though both cases
    are ended by the import."""
    text = (ROOT / "policies" / "property" / "property-management.yaml").read_text("utf-8")
    rule = 'when: {history: {complaints_in_last_days: 30}, ">=": 2}'
    assert rule in text
    path = tmp_path / "open.yaml"
    path.write_text(text.replace(rule, 'when: {history: open_cases, ">=": 1}'), "utf-8")
    policy = load_policy(path)
    line = {"channel": "old", "customer": {"id": "owner-301"}, "text": "楼道卫生很差 垃圾没人清理"}
    ended_at = "closed_at" if ended == "closed" else "first_response_at"
    histories = {
        "A": {"status": ended, ended_at: "2026-10-12T09:00:00+08:00"},
        "B": {"status": "closed", "closed_at": "2026-10-11T09:00:00+08:00"},
    }
    received = {"A": "2026-10-01T09:00:00+08:00", "B": "2026-10-10T09:00:00+08:00"}
    source = tmp_path / "old.jsonl"
    source.write_text(
        "".join(
            json.dumps({**line, "external_id": key, "received_at": at, "history": histories[key]})
            + "\n"
            for key, at in received.items()
        ),
        encoding="utf-8",
    )
    clock = ManualClock(datetime(2026, 12, 2, 12, 0, tzinfo=UTC))
    with SQLiteStorage(f"sqlite:///{tmp_path / 'open.db'}") as storage:
        take_in(
            Desk(policy, storage=storage, clock=clock), "old", JsonLinesChannel().read(str(source))
        )
        stored = replay_store(storage, policy, Plugins())
    assert stored.comparison.counts["current"]["priority", "high"] == 1
    assert stored.comparison.changed == 0
    from_file = replay_file(policy, policy, Plugins(), source, clock=clock)
    assert from_file.comparison.counts["current"] == stored.comparison.counts["current"]


def test_a_case_asked_of_an_empty_store_or_file_is_an_error_not_an_empty_comparison(
    tmp_path: Path,
) -> None:
    """``--case`` names a case that is not there: said so whether or not any other is."""
    policy = load_policy(demo_policy_path())
    with pytest.raises(NotFound, match="CK-NONE"):
        replay_store(MemoryStorage(), policy, Plugins(), case_id="CK-NONE")
    source = tmp_path / "empty.jsonl"
    source.write_text("", encoding="utf-8")
    with pytest.raises(NotFound, match="web:1"):
        replay_file(policy, policy, Plugins(), source, case_id="web:1")


def test_a_case_opened_outside_since_until_is_not_replayed_from_a_store_or_a_file(
    demo_db: Path, tmp_path: Path
) -> None:
    """``--case`` with ``--since``/``--until`` replays the case only if it is in range, from
    a store as from a file: a store counted it in a window it was not opened in."""
    policy = load_policy(demo_policy_path())
    with SQLiteStorage(f"sqlite:///{demo_db}") as storage:
        case_id = next(iter(storage.case_ids()))
        opened = storage.events(case_id)[0].at
        later = Scope(since=opened + timedelta(seconds=1))
        assert replay_store(storage, policy, Plugins(), case_id=case_id).comparison.cases == 1
        with pytest.raises(NotFound, match=case_id):
            replay_store(storage, policy, Plugins(), later, case_id=case_id)
    source = tmp_path / "one.jsonl"
    source.write_text(_imported("1", status="investigating") + "\n", encoding="utf-8")
    received = datetime.fromisoformat(json.loads(source.read_text("utf-8"))["received_at"])
    with pytest.raises(NotFound, match="old:1"):
        replay_file(
            policy,
            policy,
            Plugins(),
            source,
            case_id="old:1",
            scope=Scope(since=received + timedelta(seconds=1)),
        )
