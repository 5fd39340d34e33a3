"""An idempotency key written with a combining character (``Mu\\u0308ller-7``, as macOS
writes text it took from a file name, or Hangul as separate jamo) looks like the key
written composed (``Müller-7``) and is not it: a row of each opened two cases. Such a key,
or customer id, is refused, naming the character that would compose and where it is."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from complaintkit.channels import take_in
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.desk import Desk
from complaintkit.errors import InvalidInput
from complaintkit.model.complaint import Complaint, Customer

COLUMNS = {"external_id": "id", "received_at": "date", "text": "text"}


def _complaint(key: str, customer: str = "c1") -> Complaint:
    return Complaint(
        channel="web",
        external_id=key,
        received_at=datetime(2026, 11, 23, tzinfo=UTC),
        customer=Customer(id=customer),
        text="late",
    )


def test_a_key_written_decomposed_is_a_dead_letter_not_a_second_case(tmp_path: Path) -> None:
    rows = tmp_path / "rows.csv"
    composed, decomposed = "M\u00fcller-7", "Mu\u0308ller-7"
    rows.write_text(f"id,date,text\n{composed},2026-11-23,late\n{decomposed},2026-11-23,late\n")
    desk = Desk(storage="memory:")
    summary = take_in(desk, "csv", CsvChannel(COLUMNS).read(str(rows)))
    assert summary.opened == 1
    [(where, reason)] = summary.rejected
    assert where == "rows.csv:3"
    # the customer id the CSV channel makes of the key (csv:<id>) holds it too
    assert reason.startswith(("external_id:", "customer.id:"))
    assert "U+0308" in reason
    assert f"'csv:{composed}'" in reason or repr(composed) in reason  # the key it looks like


def test_a_customer_id_in_hangul_jamo_is_refused_not_another_customer() -> None:
    jamo = unicodedata.normalize("NFD", "김민준")
    with pytest.raises(InvalidInput) as refused:
        Complaint.from_json(
            {
                "channel": "web",
                "external_id": "k1",
                "received_at": "2026-11-23T09:00:00+00:00",
                "customer": {"id": jamo},
                "text": "late",
            }
        )
    assert refused.value.field == "customer.id"
    assert "U+1175" in refused.value.message  # 김 is ᄀ, ᅵ (U+1175), ᆷ
    assert "position 1" in refused.value.message


keys = st.text(
    st.characters(categories=["L", "M", "N"]) | st.sampled_from("-_."), min_size=1, max_size=8
)


@given(keys, st.booleans())
def test_a_key_is_taken_exactly_when_it_is_written_composed(text: str, decompose: bool) -> None:
    key = unicodedata.normalize("NFD", text) if decompose else text
    assume(key[:1].isalnum())  # a key starting with a mark alone is no concern here
    composed = unicodedata.normalize("NFC", key)
    if composed == key:
        assert _complaint(key).external_id == key
        return
    with pytest.raises(InvalidInput) as refused:
        _complaint(key)
    assert refused.value.field == "external_id"
    first = next(i for i in range(len(key)) if not unicodedata.is_normalized("NFC", key[: i + 1]))
    said = refused.value.message
    assert f"U+{ord(key[first]):04X}" in said
    assert f"position {first}" in said
