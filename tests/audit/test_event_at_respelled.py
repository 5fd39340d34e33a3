"""An event's ``at`` is sealed as the instant it names, and SQL reads the body's text: the
same instant spelt as complaintkit never writes it (``Z``, ``-00:00``, a space or ``t``
for the ``T``, a comma for the point) is a byte of the stored event changed, which queries
on ``body->>'at'`` sort and compare as other text, so the audit names it."""

from __future__ import annotations

import pytest
import tampering
from tampering import Tables, audit

store = tampering.store
url = tampering.url

RESPELT = {
    "Z for +00:00": ("+00:00", "Z"),
    "-00:00 for +00:00": ("+00:00", "-00:00"),
    "a space for the T": ("T", " "),
    "t for the T": ("T", "t"),
    "a comma for the point": (".", ","),
    "+0000 for +00:00": ("+00:00", "+0000"),
}


@pytest.mark.parametrize("respelling", RESPELT)
def test_an_event_at_respelt_names_its_case_and_event(
    store: tuple[str, list[str], Tables], respelling: str
) -> None:
    url, ids, tables = store
    body = tables.events(ids[1])[2]
    assert body["at"].endswith("+00:00")
    assert "." in body["at"]  # written by the real clock: microseconds
    old, new = RESPELT[respelling]
    body["at"] = body["at"].replace(old, new)
    tables.write_event(ids[1], 3, body)
    exit_code, findings = audit(url)
    assert exit_code == 1
    assert [(f["code"], f["case_id"], f["seq"]) for f in findings] == [("malformed", ids[1], 3)]
    assert repr(body["at"]) in findings[0]["problem"]


def test_an_event_at_at_another_offset_as_written_stays_no_finding(
    store: tuple[str, list[str], Tables],
) -> None:
    url, _, _ = store
    assert audit(url) == (0, [])
