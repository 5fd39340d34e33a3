"""The storage contract: subclass ``StorageContract`` and provide a ``storage`` fixture.

    class TestMyStorage(StorageContract):
        @pytest.fixture
        def storage(self, tmp_path):
            with MyStorage(...) as backend:
                yield backend

Every test here is a promise the Desk relies on.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import attrs
import pytest

from complaintkit.clock import ManualClock
from complaintkit.compensation.policy import CompensationPolicy, compile_section
from complaintkit.desk import Desk
from complaintkit.errors import Conflict, InvalidInput, KeyReused, NotFound
from complaintkit.model.case import Case
from complaintkit.model.complaint import Complaint
from complaintkit.model.events import CaseEvent
from complaintkit.model.history import apply
from complaintkit.model.lifecycle import Status
from complaintkit.model.money import Money
from complaintkit.policy.assessment import EmptyPolicy
from complaintkit.storage.base import CaseQuery, Storage
from complaintkit.testing.outbox_contract import OutboxContract
from complaintkit.testing.step_answer_contract import StepAnswerContract
from complaintkit.testing.transaction_contract import TransactionContract

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@attrs.frozen
class CompensatingPolicy(EmptyPolicy):
    """The smallest policy that decides compensation: only its ``compensation`` section."""

    compensation: CompensationPolicy | None = None


def make_complaint(external_id: str, customer: str = "C1", **extra: object) -> Complaint:
    return Complaint.from_json(
        {
            "channel": "web",
            "external_id": external_id,
            "received_at": T0.isoformat(),
            "customer": {"id": customer},
            "text": extra.pop("text", "快递三天没到 / parcel is late"),
            **extra,
        }
    )


class StorageContract(OutboxContract, TransactionContract, StepAnswerContract):
    """Behaviour every storage backend must have."""

    @pytest.fixture
    def storage(self) -> Storage:
        raise NotImplementedError("subclasses provide a storage fixture")

    @pytest.fixture
    def clock(self) -> ManualClock:
        return ManualClock(T0)

    @pytest.fixture
    def desk(self, storage: Storage, clock: ManualClock) -> Desk:
        return Desk(storage=storage, clock=clock)

    def test_intake_then_get_returns_equal_case(self, desk: Desk) -> None:
        case = desk.intake(make_complaint("a"))
        assert desk.storage.get(case.id).to_json() == case.to_json()

    def test_changing_what_a_read_gave_changes_nothing_stored(self, desk: Desk) -> None:
        """A case's JSON, its complaint's attributes and its events' data belong to the
        caller: changing them changes neither the store nor the case they came from."""
        case = desk.intake(make_complaint("a", attributes={"order": {"items": [1]}}))
        read = desk.storage.get(case.id)
        before = read.to_json()
        data = read.to_json()
        data["complaints"][0]["attributes"]["order"]["items"].append(2)
        data["complaints"][0]["customer"]["id"] = "someone else"
        data["attributes"]["x"] = 1
        data["compensation"].append({"kind": "refund"})
        for clock in data["clocks"].values():
            if isinstance(clock, dict):
                clock.clear()
        for event in desk.storage.events(case.id):
            event.to_json()["data"]["x"] = 1
        assert read.to_json() == before
        read.complaint.attributes["order"]["items"].append(3)  # the caller's own copy
        assert desk.storage.get(case.id).to_json() == before
        assert all("x" not in event.data for event in desk.storage.events(case.id))
        assert desk.storage.get(case.id).complaint.attributes == {"order": {"items": [1]}}

    def test_changing_an_event_after_saving_it_changes_nothing_stored(
        self, desk: Desk, storage: Storage
    ) -> None:
        """The Desk hands the events it saved to ``case_event`` plugins: one changing an
        event's data must not rewrite the stored history."""
        case = desk.intake(make_complaint("a"))
        saved = desk.storage.events(case.id)
        fresh = Case.from_stored(storage.get(case.id).to_json())
        event = attrs.evolve(saved[-1], seq=case.version + 1, data={"note": {"text": "hi"}})
        fresh.version += 1
        storage.save(fresh, [event])
        event.data["note"]["text"] = "changed"
        event.data["x"] = 1
        assert storage.events(case.id)[-1].data == {"note": {"text": "hi"}}
        page = storage.events_since(None, 100)
        assert all("x" not in e.data for e in page.events)

    def test_same_key_twice_is_one_case(self, desk: Desk) -> None:
        first = desk.intake(make_complaint("a"))
        second = desk.intake(make_complaint("a"))
        assert first.id == second.id
        with pytest.raises(KeyReused):  # a new complaint under the key: never dropped as known
            desk.intake(make_complaint("a", text="different text, same key"))
        assert len(list(desk.storage.case_ids())) == 1
        assert desk.storage.get(first.id).complaint.text == first.complaint.text

    def test_intake_of_existing_key_stores_nothing(self, desk: Desk, storage: Storage) -> None:
        case = desk.intake(make_complaint("a"))
        again = storage.get(case.id)
        again.id = "CK-OTHER"
        stored, created = storage.intake(again, [])
        assert (stored.id, created) == (case.id, False)
        assert list(storage.case_ids()) == [case.id]

    def test_intake_many_stores_each_and_keeps_keys_unique(
        self, desk: Desk, storage: Storage
    ) -> None:
        stored = desk.intake(make_complaint("a"))
        scratch = Desk(clock=ManualClock(T0))
        cases = [scratch.intake(make_complaint(key)) for key in ("a", "b", "c")]
        items = [(case, scratch.history(case.id)) for case in (*cases, cases[1])]
        results = storage.intake_many(items)
        assert [(case.id, created) for case, created in results] == [
            (stored.id, False),
            (cases[1].id, True),
            (cases[2].id, True),
            (cases[1].id, False),
        ]
        assert sorted(storage.case_ids()) == sorted([stored.id, cases[1].id, cases[2].id])
        assert storage.get(cases[2].id).to_json() == cases[2].to_json()
        assert storage.events(cases[2].id) == scratch.history(cases[2].id)

    def test_find_by_key(self, desk: Desk) -> None:
        case = desk.intake(make_complaint("a"))
        found = desk.storage.find_by_key("web", "a")
        assert found is not None
        assert found.id == case.id
        assert desk.storage.find_by_key("web", "missing") is None

    def test_find_by_keys(self, desk: Desk) -> None:
        a = desk.intake(make_complaint("a"))
        b = desk.intake(make_complaint("b"))
        keys = [("web", "b"), ("web", "missing"), ("mail", "a"), ("web", "a")]
        found = desk.storage.find_by_keys(keys)
        assert {key: case.id for key, case in found.items()} == {
            ("web", "a"): a.id,
            ("web", "b"): b.id,
        }
        assert found[("web", "a")].to_json() == a.to_json()
        assert desk.storage.find_by_keys([]) == {}

    def test_get_unknown_case_raises_not_found(self, storage: Storage) -> None:
        with pytest.raises(NotFound):
            storage.get("CK-NOPE")

    def test_save_appends_events_in_order(self, desk: Desk) -> None:
        case = desk.intake(make_complaint("a"))
        desk.respond(case.id, "收到", actor="li.na")
        desk.note(case.id, "internal", actor="li.na")
        events = desk.history(case.id)
        assert [e.seq for e in events] == list(range(1, len(events) + 1))
        assert events[-1].kind == "noted"
        assert desk.get(case.id).version == len(events)

    def test_stale_save_raises_conflict_and_changes_nothing(
        self, desk: Desk, storage: Storage
    ) -> None:
        case = desk.intake(make_complaint("a"))
        stale = storage.get(case.id)
        desk.assign(case.id, "agent.one", actor="lead")
        before = storage.get(case.id).to_json()
        events_before = storage.events(case.id)
        with pytest.raises(Conflict):
            append_note(storage, stale, "stale write")
        assert storage.get(case.id).to_json() == before
        assert storage.events(case.id) == events_before

    def test_find_filters(self, desk: Desk) -> None:
        a = desk.intake(make_complaint("a", customer="C1"))
        desk.intake(make_complaint("b", customer="C2"))
        desk.transition(a.id, Status.INVESTIGATING, actor="x")
        assert [c.id for c in desk.storage.find(CaseQuery(customer_id="C1"))] == [a.id]
        assert [c.id for c in desk.storage.find(CaseQuery(status=Status.INVESTIGATING))] == [a.id]
        assert desk.storage.count(CaseQuery(customer_id="C2")) == 1
        assert len(desk.storage.find(CaseQuery(limit=1))) == 1

    def test_find_orders_and_filters_in_real_time_on_a_zoned_clock(
        self, desk: Desk, clock: ManualClock
    ) -> None:
        """Complaints received at 01:50 EDT and, twenty minutes later, 01:10 EST in New York
        (an application's own datetimes, not parsed text) come out in that order; a filter
        from 01:05 EST keeps only the second. Python compares two datetimes of one zone on
        their wall clocks."""
        new_york = ZoneInfo("America/New_York")
        ids = []
        for n, at in enumerate(
            [
                datetime(2026, 11, 1, 1, 50, tzinfo=new_york),
                datetime(2026, 11, 1, 1, 10, fold=1, tzinfo=new_york),
            ]
        ):
            clock.set(at)
            complaint = attrs.evolve(make_complaint(f"z{n}"), received_at=at)
            ids.append(desk.intake(complaint).id)
        assert [c.id for c in desk.storage.find(CaseQuery())] == ids
        since = datetime(2026, 11, 1, 1, 5, fold=1, tzinfo=new_york)
        assert [c.id for c in desk.storage.find(CaseQuery(opened_since=since))] == ids[1:]

    def test_count_open_and_since(self, desk: Desk, clock: ManualClock) -> None:
        a = desk.intake(make_complaint("a"))
        clock.advance(timedelta(days=10))
        desk.intake(make_complaint("b"))
        desk.transition(a.id, Status.WITHDRAWN, actor="x")
        assert desk.storage.count(CaseQuery(customer_id="C1", open_only=True)) == 1
        assert (
            desk.storage.count(CaseQuery(customer_id="C1", opened_since=T0 + timedelta(days=5)))
            == 1
        )

    def test_find_and_count_opened_before(self, desk: Desk, clock: ManualClock) -> None:
        ids = []
        for n in range(3):
            ids.append(desk.intake(make_complaint(f"b{n}")).id)
            clock.advance(timedelta(days=1))
        bound = T0 + timedelta(days=1)  # the second case's opening: strictly before it
        assert [c.id for c in desk.storage.find(CaseQuery(opened_before=bound))] == ids[:1]
        query = CaseQuery(
            customer_id="C1", opened_since=T0, opened_before=bound + timedelta(days=1)
        )
        assert desk.storage.count(query) == 2

    def test_claim_due_returns_due_cases_earliest_first(self, desk: Desk, storage: Storage) -> None:
        ids = []
        for n, hours in enumerate([5, 1, 3, 30]):
            case = desk.intake(make_complaint(f"k{n}"))
            append_note(storage, case, "deadline", next_deadline=T0 + timedelta(hours=hours))
            ids.append(case.id)
        with storage.claim_due(T0 + timedelta(hours=4), limit=10) as due:
            assert [c.id for c in due] == [ids[1], ids[2]]
        with storage.claim_due(T0 + timedelta(hours=24), limit=2) as due:
            assert [c.id for c in due] == [ids[1], ids[2]]

    def test_saves_inside_claim_block_are_kept(self, desk: Desk, storage: Storage) -> None:
        case = desk.intake(make_complaint("a"))
        append_note(storage, case, "due", next_deadline=T0)
        with storage.claim_due(T0, limit=10) as due:
            (claimed,) = due
            append_note(storage, claimed, "handled", next_deadline=None)
        assert storage.get(case.id).next_deadline is None
        with storage.claim_due(T0, limit=10) as due:
            assert due == []

    def test_events_of_unknown_case_raise_not_found(self, storage: Storage) -> None:
        with pytest.raises(NotFound):
            storage.events("CK-NOPE")

    @pytest.mark.parametrize(
        "text", ["\udcff", "CK-\ud800x", "a\x00b"], ids=["surrogate", "in text", "NUL"]
    )
    def test_a_lookup_by_text_no_case_can_hold_finds_nothing(
        self, desk: Desk, storage: Storage, text: str
    ) -> None:
        """A NUL or a lone surrogate is in no stored text (the model refuses both, and no
        driver sends the second): a look-up by one, an id off a URL or a command line, is
        answered as one by any other unknown text, on every backend, never a traceback."""
        case = desk.intake(make_complaint("a"))
        with pytest.raises(NotFound):
            storage.get(text)
        with pytest.raises(NotFound):
            storage.events(text)
        assert storage.find_by_key("web", text) is None
        assert storage.find_by_key(text, "a") is None
        assert list(storage.find_by_keys([("web", "a"), ("web", text)])) == [("web", "a")]
        assert storage.find_by_token(text) is None
        for query in (CaseQuery(customer_id=text), CaseQuery(owner=text), CaseQuery(category=text)):
            assert storage.find(query) == []
            assert storage.count(query) == 0
        assert storage.compensation_total(text, T0, "CNY") == Money("0", "CNY")
        assert storage.deliveries(case_id=text) == []
        assert storage.requeue_dead([text], None, T0) == 0
        assert storage.requeue_dead(None, text, T0) == 0
        with storage.transaction():
            storage.hold_customer(text)
        assert storage.get(case.id).id == case.id

    def test_a_lookup_matches_text_exactly(self, desk: Desk, storage: Storage) -> None:
        """Text is compared as written, on every backend alike: no normalisation (é
        composed is not e and a combining accent), no trimming, no length limit."""
        case = desk.intake(make_complaint("caf\u00e9", customer="Zo\u00eb"))
        assert storage.find_by_key("web", "cafe\u0301") is None
        assert storage.find_by_key("web", "caf\u00e9 ") is None
        assert storage.find(CaseQuery(customer_id="Zoe\u0308")) == []
        assert [c.id for c in storage.find(CaseQuery(customer_id="Zo\u00eb"))] == [case.id]
        for unknown in (case.id + " ", case.id.lower(), "x" * 100_000):
            with pytest.raises(NotFound):
                storage.get(unknown)
            with pytest.raises(NotFound):
                storage.events(unknown)
            assert storage.find_by_token(unknown) is None

    def test_case_ids_lists_every_case(self, desk: Desk) -> None:
        made = {desk.intake(make_complaint(str(n))).id for n in range(5)}
        assert set(desk.storage.case_ids()) == made

    def test_chinese_text_round_trips(self, desk: Desk) -> None:
        case = desk.intake(make_complaint("zh", text="面包里有异物,要求退款"))
        assert desk.get(case.id).complaint.text == "面包里有异物,要求退款"

    def test_dead_letters_keep_raw_bytes_and_purge_by_id(self, storage: Storage) -> None:
        for n in range(3):
            storage.dead_letter(f"jsonl:in.jsonl:{n}", b"\xff\x00raw", f"reason {n}", T0)
        first, second, third = storage.dead_letters()
        assert (first.raw, first.at) == (b"\xff\x00raw", T0)
        assert storage.purge_dead_letters([first.id, third.id, 10**9, 2**70, -(2**70)]) == 2
        assert [d.id for d in storage.dead_letters()] == [second.id]
        storage.dead_letter("jsonl:in.jsonl:9", b"", "later", T0)
        assert storage.dead_letters()[-1].id not in (first.id, second.id, third.id)

    def test_a_dead_letter_whose_texts_hold_nul_or_a_lone_surrogate_is_kept(
        self, storage: Storage
    ) -> None:
        """Its source and reason escaped (``\\x00``), on every backend alike: PostgreSQL
        refuses NUL in text, and no driver writes a lone surrogate; the letter was lost."""
        for _ in range(2):  # and kept once, however often it is refused
            storage.dead_letter("plugin:feed\x00:1", b"\x00raw", "bad \x00 \ud800 value", T0)
        (letter,) = storage.dead_letters()
        assert (letter.source, letter.reason) == ("plugin:feed\\x00:1", "bad \\x00 \\ud800 value")
        assert letter.raw == b"\x00raw"

    def test_a_dead_letter_at_a_naive_instant_is_refused_and_keeps_the_list_readable(
        self, storage: Storage
    ) -> None:
        """A naive ``at`` (a plugin's ``datetime.now()``) is refused naming ``at``: SQLite
        kept it, and then every listing of dead letters failed on it."""
        storage.dead_letter("csv:rows.csv:1", b"1,", "text: is blank", T0)
        with pytest.raises(InvalidInput, match=r"^at: "):
            storage.dead_letter("csv:rows.csv:2", b"2,", "text: is blank", T0.replace(tzinfo=None))
        assert [d.source for d in storage.dead_letters()] == ["csv:rows.csv:1"]

    def test_the_same_refusal_kept_twice_is_one_dead_letter(self, storage: Storage) -> None:
        """A re-run import (or one re-run after a kill) keeps no second copy of a letter."""
        for _ in range(2):
            storage.dead_letter("csv:rows.csv:3", b"id,text\n1,\n", "text: is blank", T0)
            storage.dead_letter("csv:rows.csv:3", b"id,text\n1,\n", "text: too short", T0)
            storage.dead_letter("csv:rows.csv:3", b"id,text\n2,\n", "text: is blank", T0)
            storage.dead_letter("csv:other.csv:3", b"id,text\n1,\n", "text: is blank", T0)
        assert len(storage.dead_letters()) == 4

    def test_dead_letters_from_a_source_prefix_are_only_those_kept_there(
        self, storage: Storage
    ) -> None:
        """An intake run reads the letters of its own channel, not every letter's raw
        bytes; a prefix is plain text (no ``%`` or ``_`` wildcard), compared as kept."""
        sources = ["jsonl:a.jsonl:1", "csv:a.csv:1", "jsonl", "jsonl%:x", "jsonl:\U0010ffff"]
        sources += ["jsonlx:1", "jsonl:a.jsonl:2", "jsonm:1", "plugin:feed\x00:1", "\ud7ff:1"]
        for n, source in enumerate(sources):
            storage.dead_letter(source, f"raw {n}".encode(), "refused", T0)
        kept = storage.dead_letters()
        for prefix in ("jsonl:", "jsonl", "jsonl%", "json_:", "", "csv:a.csv:1", "\ud7ff"):
            found = storage.dead_letters_from(prefix)
            assert found == [d for d in kept if d.source.startswith(prefix)], prefix
        assert storage.dead_letters_from("jsonl:\U0010ffff") == [kept[4]]
        assert storage.dead_letters_from("plugin:feed\x00") == [kept[8]]  # as it is kept
        assert storage.dead_letters_from("nothing:") == []

    def test_compensation_total_counts_what_is_still_promised(
        self, storage: Storage, clock: ManualClock
    ) -> None:
        """Accepted money counts for good; an unanswered offer only while its case is open
        (one left when the case was withdrawn has lapsed); proposals never."""
        remedies = [{"kind": "voucher", "amount": 100}]
        section = compile_section({"currency": "CNY", "rules": [{"id": "v", "remedies": remedies}]})
        desk = Desk(CompensatingPolicy(compensation=section), storage=storage, clock=clock)

        def offered(external_id: str) -> Case:
            case = desk.propose_compensation(desk.intake(make_complaint(external_id)).id, actor="x")
            return desk.offer_compensation(case.id, "comp-1", actor="x")

        desk.accept_compensation(offered("accepted").id, "comp-1", actor="customer")
        kept = desk.accept_compensation(offered("kept").id, "comp-1", actor="customer")
        desk.transition(kept.id, "withdrawn", actor="x")
        offered("open")
        desk.transition(offered("lapsed").id, "withdrawn", actor="x")
        desk.propose_compensation(desk.intake(make_complaint("proposed")).id, actor="x")
        since = T0 - timedelta(days=1)
        total = storage.compensation_total("C1", since, "CNY", ("voucher",))
        assert total == Money("300", "CNY")
        assert total == Storage.compensation_total(storage, "C1", since, "CNY", ("voucher",))

    def test_numbers_round_trip_to_the_text_their_hash_covers(self, desk: Desk) -> None:
        attributes = {"big": 1e20, "minus_zero": -0.0, "huge": 1.5e300, "small": 1.5e-7}
        case = desk.intake(make_complaint("n", attributes=attributes))
        (opened, *_) = desk.history(case.id)
        assert opened.compute_hash() == opened.hash


def append_note(storage: Storage, case: Case, text: str, **fields: object) -> list[CaseEvent]:
    """Chain a note onto ``case`` (setting ``fields`` on it first) and save it to ``storage``."""
    for name, value in fields.items():
        setattr(case, name, value)
    event = CaseEvent.chained(
        case_id=case.id,
        seq=case.version + 1,
        kind="noted",
        at=T0,
        actor="contract",
        reason="",
        data={"text": text},
        prev_hash=case.last_hash,
    )
    apply(case, event)
    storage.save(case, [event])
    return [event]
