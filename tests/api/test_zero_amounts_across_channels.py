"""A zero written with a sign, places or an exponent (``-0``, ``-0.00``, ``0E-2``) reads
alike in a JSON line, a CSV row and an HTTP body: a complaint's amount is money, and a
negative zero is no debt, so it is zero, unsigned, with the places written (``0.00``); an
attribute holding text keeps it as written; one holding a JSON number keeps the number,
which PostgreSQL's ``jsonb`` gives back unsigned (``-0.0`` as ``0``); money in an
attribute keeps the amount's text as written, as any amount so written."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from raw_asgi import asgi_request

from complaintkit.api.app import create_app
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.channels.jsonl import JsonLinesChannel
from complaintkit.desk import Desk
from complaintkit.model.complaint import Complaint

#: Zeros as JSON writes a number: a sign, places, an exponent.
ZEROS = st.builds(
    lambda sign, places, exponent: f"{sign}0{'.' + '0' * places if places else ''}{exponent}",
    st.sampled_from(["", "-"]),
    st.integers(0, 4),
    st.sampled_from(["", "E-2", "e-1", "E+2", "e0", "E-4"]),
)
COLUMNS = {
    "external_id": "id",
    "received_at": "date",
    "text": "text",
    "amount": "amount",
    "currency": "currency",
    "attributes": {"loss": "loss"},
}
DESK = Desk()
API = create_app(DESK)


def _unsigned(written: str) -> str:
    """The amount ``written`` is, as money: zero unsigned, its places as written."""
    return format(abs(Decimal(written)), "f")


def _json_line(tmp_path: Path, zero: str) -> Complaint:
    line = (
        '{"external_id": "A-1", "received_at": "2026-11-23T09:30:00+08:00", '
        f'"channel": "web", "customer": {{"id": "c1"}}, "text": "late", '
        f'"amount": {{"amount": {zero}, "currency": "CNY"}}, '
        f'"attributes": {{"n": {zero}, "s": "{zero}", '
        f'"loss": {{"amount": {zero}, "currency": "CNY"}}}}}}\n'
    )
    source = tmp_path / "in.jsonl"
    source.write_text(line, encoding="utf-8")
    (complaint,) = JsonLinesChannel().read(str(source))
    assert isinstance(complaint, Complaint), complaint
    return complaint


def _csv_row(tmp_path: Path, zero: str) -> Complaint:
    source = tmp_path / "in.csv"
    source.write_text(
        f"id,date,text,amount,currency,loss\nA-1,2026-11-23,late,{zero},CNY,{zero}\n",
        encoding="utf-8",
    )
    (complaint,) = CsvChannel(COLUMNS, timezone="UTC").read(str(source))
    assert isinstance(complaint, Complaint), complaint
    return complaint


def _http_body(zero: str, key: str) -> dict[str, Any]:
    body = (
        f'{{"external_id": "{key}", "customer": {{"id": "c1"}}, "text": "late", '
        f'"amount": {{"amount": {zero}, "currency": "CNY"}}, '
        f'"attributes": {{"n": {zero}, "s": "{zero}"}}}}'
    )
    status, _, answer = asgi_request(
        API, "POST", "/complaints", [(b"content-type", b"application/json")], body.encode()
    )
    assert status in (200, 201), answer  # 200: the same zero again
    case = DESK.get(json.loads(answer)["case_id"])
    stored: dict[str, Any] = case.complaint.to_json()
    return stored


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(zero=ZEROS)
def test_a_zero_reads_alike_in_every_channel(tmp_path: Path, zero: str) -> None:
    money = {"amount": _unsigned(zero), "currency": "CNY"}
    line = _json_line(tmp_path, zero).to_json()
    assert line["amount"] == money
    assert line["attributes"]["n"] == 0
    assert json.dumps(line["attributes"]["n"]) == "0"  # no -0.0 a backend would not keep
    assert line["attributes"]["s"] == zero
    loss = line["attributes"]["loss"]["amount"]  # an integer, -0, is 0 to JSON's readers
    assert loss == (0 if zero.lstrip("-") == "0" else zero)
    row = _csv_row(tmp_path, zero).to_json()
    assert row["amount"] == money
    assert row["attributes"]["loss"] == zero
    body = _http_body(zero, f"H-{zero}")
    assert body["amount"] == money
    assert body["attributes"] == {"n": 0, "s": zero}
