"""A complaint whose contact lists several addresses (``"+86 138 0000 0001; +86 139 0000
0002"``, ``"王 <wang@a.cn>, 李 <li@b.cn>"``) is refused, and its reason quotes the list
(``customer.contact: must be exactly one address (got '…')``). The report counted such
letters by that quote: each customer's phone numbers and names stood in the refused-input
section managers pass on, a row per customer. The quote is now written ``'…'``, as a
notifier's refused contact is, so they are one row; ``dead-letters list`` still shows
each letter whole."""

from __future__ import annotations

import json
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.cli import build_cli
from complaintkit.errors import InvalidInput
from complaintkit.model.complaint import Complaint
from complaintkit.reports import build_report, open_source
from complaintkit.reports.refused import reason_of
from complaintkit.storage.sqlite import SQLiteStorage

LISTS = (
    "+86 138 0000 0001; +86 139 0000 0002",
    "138 0000 0003, 139 0000 0004",
    "wang@a.cn, li@b.cn",
    "王芳 <wang.fang@a.cn>, 李雷 <li.lei@b.cn>",
    "zhao@c.cn\n13900000005",
    'O\'Brien <ob@d.ie>; "Q" <q@e.ie>',
)
ONE_REASON = "customer.contact: must be exactly one address (got '…')"


def _refused_reasons(tmp_path: Path, contacts: list[str]) -> dict[str, int]:
    """The report's refused-input rows after an intake of one complaint per contact."""
    lines = [
        json.dumps(
            {
                "channel": "web",
                "external_id": f"w-{i}",
                "received_at": "2026-11-02T09:00:00+08:00",
                "text": "送错了",
                "customer": {"id": f"c-{i}", "contact": contact},
            },
            ensure_ascii=False,
        )
        for i, contact in enumerate(contacts)
    ]
    source = tmp_path / "complaints.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    done = CliRunner().invoke(build_cli(), ["--db", db, "intake", str(source)])
    assert done.exit_code == 3, done.output  # every record refused, each a dead letter
    storage = SQLiteStorage(db)
    try:
        assert len(storage.dead_letters()) == len(contacts)
        with closing(open_source(storage)) as report_source:
            return build_report(report_source).dead_letters
    finally:
        storage.close()


def test_listed_contacts_are_one_row_naming_no_customer(tmp_path: Path) -> None:
    counted = _refused_reasons(tmp_path, list(LISTS))
    assert counted == {ONE_REASON: len(LISTS)}


def test_dead_letters_list_still_shows_each_contact(tmp_path: Path) -> None:
    _refused_reasons(tmp_path, list(LISTS))
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    done = CliRunner().invoke(build_cli(), ["--db", db, "dead-letters", "list", "--json"])
    assert done.exit_code == 0, done.output
    assert "+86 138 0000 0001; +86 139 0000 0002" in done.output


_PHONE = st.from_regex(r"\+?[0-9][0-9 -]{6,14}[0-9]", fullmatch=True)
_NAME = st.text(st.characters(categories=("L", "P", "Zs")), min_size=1, max_size=8)
_MAIL = st.builds(
    lambda name, box: f"{name} <{box}@shop.example>",
    _NAME,
    st.from_regex(r"[a-z.]{1,8}", fullmatch=True),
)


@given(
    st.lists(st.one_of(_PHONE, _MAIL), min_size=2, max_size=3),
    st.sampled_from([",", ", ", ";", "; ", "\n", "\r\n"]),
)
def test_any_listed_contact_is_refused_for_one_reason(parts: list[str], separator: str) -> None:
    """Whatever the list holds and however it is separated, its reason is the one row."""
    complaint = {
        "channel": "web",
        "external_id": "w-1",
        "received_at": "2026-11-02T09:00:00+08:00",
        "text": "送错了",
        "customer": {"id": "c-1", "contact": separator.join(parts)},
    }
    with pytest.raises(InvalidInput) as refused:
        Complaint.from_json(complaint)
    assert reason_of(str(refused.value)) == ONE_REASON
