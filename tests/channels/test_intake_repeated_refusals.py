"""A record refused twice in one run, identical in where it was read, what it held and why
it was refused, is kept as one dead letter (the store keeps each letter once): the run's
summary names it once too, so what it says was dead-lettered is what the store holds."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.channels import Rejected, take_in
from complaintkit.desk import Desk
from complaintkit.model.complaint import Complaint


def complaint(key: str, text: str) -> Complaint:
    return Complaint.from_json(
        {
            "channel": "bus",
            "external_id": key,
            "received_at": "2026-11-23T09:00:00+08:00",
            "customer": {"id": "C1"},
            "text": text,
        }
    )


#: Records a run may hold, each any number of times: the channel's refusals (two alike
#: but for their input, two alike but for their reason) and a complaint the Desk refuses
#: (its key holds another complaint already).
RECORDS: list[Complaint | Rejected] = [
    Rejected("row", b"x", "bad"),
    Rejected("row", b"y", "bad"),
    Rejected("row", b"x", "worse"),
    complaint("held", "\u5feb\u9012\u6ca1\u5230 edited"),
]


@pytest.mark.parametrize("store", ["memory", "sqlite"])
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(picks=st.lists(st.sampled_from(range(len(RECORDS))), max_size=12), batch=st.integers(1, 5))
def test_the_summary_names_each_letter_the_store_keeps_once(
    tmp_path_factory: pytest.TempPathFactory, store: str, picks: list[int], batch: int
) -> None:
    path = tmp_path_factory.mktemp("db") / "cases.db"
    desk = Desk(storage="memory:" if store == "memory" else f"sqlite:///{path}")
    with desk.storage:
        take_in(desk, "bus", [complaint("held", "\u5feb\u9012\u6ca1\u5230")])
        summary = take_in(desk, "bus", [RECORDS[n] for n in picks], batch=batch)
        letters = desk.storage.dead_letters()
        assert len(summary.rejected) == len(letters) == summary.to_json()["dead_lettered"]
        assert len(letters) == len(set(picks))
        assert summary.refused_again == len(picks) - len(set(picks))  # each record counted once
        again = take_in(desk, "bus", [RECORDS[n] for n in picks], batch=batch)
        assert again.rejected == summary.rejected  # refused again: the same letters, kept once
        assert len(desk.storage.dead_letters()) == len(letters)


def test_one_record_refused_twice_is_one_letter_named_once(tmp_path: Path) -> None:
    desk = Desk(storage=f"sqlite:///{tmp_path / 'cases.db'}")
    with desk.storage:
        twins = [Rejected("export", b"{", "not JSON"), Rejected("export", b"{", "not JSON")]
        summary = take_in(desk, "api", twins)
        assert summary.to_json()["dead_letters"] == [{"source": "export", "reason": "not JSON"}]
        assert summary.to_json()["refused_again"] == 1
        (letter,) = desk.storage.dead_letters()
        assert (letter.source, letter.raw) == ("api:export", b"{")
