"""The CSV channel against a real CFPB extract (public domain, tests/fixtures/cfpb_sample.csv)."""

from __future__ import annotations

import codecs
import io
import sys
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.channels import Rejected, jsonl, take_in
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.channels.files import undecodable
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import ConfigError
from complaintkit.model.complaint import Complaint
from complaintkit.model.lifecycle import Status
from complaintkit.plugins import Plugins
from complaintkit.storage.base import CaseQuery

SAMPLE = Path(__file__).parents[1] / "fixtures" / "cfpb_sample.csv"
COLUMNS = {
    "external_id": "Complaint ID",
    "received_at": "Date received",
    "text": "Consumer complaint narrative",
    "subject": "Issue",
    "product": "Product",
    "customer.region": "State",
    "attributes.company": "Company",
}


def test_rows_map_to_complaints_in_the_given_timezone() -> None:
    channel = CsvChannel(COLUMNS, channel="cfpb", timezone="America/New_York", language="en")
    items = list(channel.read(str(SAMPLE)))
    complaints = [i for i in items if isinstance(i, Complaint)]
    assert len(complaints) == 40
    first = complaints[0]
    assert first.channel == "cfpb"
    assert first.customer.id == f"cfpb:{first.external_id}"
    assert first.received_at.utcoffset() is not None
    assert first.attributes["company"]
    assert first.language == "en"


def test_rows_without_a_narrative_are_dead_lettered_with_the_column_named() -> None:
    desk = Desk(storage="memory:")
    summary = take_in(desk, "csv", CsvChannel(COLUMNS).read(str(SAMPLE)))
    assert (summary.opened, len(summary.rejected)) == (40, 10)
    letters = desk.storage.dead_letters()
    assert len(letters) == 10
    assert all("'Consumer complaint narrative' is blank" in d.reason for d in letters)
    assert all(d.source.startswith("csv:cfpb_sample.csv:") for d in letters)
    assert all(b"," in d.raw for d in letters)


def test_fallback_columns_take_the_first_non_blank() -> None:
    columns = {**COLUMNS, "text": "Consumer complaint narrative|Issue"}
    items = list(CsvChannel(columns).read(str(SAMPLE)))
    assert not [i for i in items if isinstance(i, Rejected)]
    assert len(items) == 50


def test_mapping_naming_a_missing_column_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="'Narrative'"):
        list(CsvChannel({**COLUMNS, "text": "Narrative"}).read(str(SAMPLE)))


def test_mapping_without_required_fields_is_refused() -> None:
    with pytest.raises(ConfigError, match="map received_at"):
        CsvChannel({"external_id": "Complaint ID", "text": "Issue"})


def test_mapping_can_be_read_from_a_yaml_file(tmp_path: Path) -> None:
    mapping = tmp_path / "cfpb.yaml"
    mapping.write_text(
        "external_id: Complaint ID\nreceived_at: Date received\ntext: Issue\n", encoding="utf-8"
    )
    assert len(list(CsvChannel(str(mapping)).read(str(SAMPLE)))) == 50


def test_a_bad_date_is_rejected_naming_the_column(tmp_path: Path) -> None:
    source = tmp_path / "rows.csv"
    source.write_text("id,when,what\n1,yesterday,broken\n", encoding="utf-8")
    channel = CsvChannel({"external_id": "id", "received_at": "when", "text": "what"})
    (item,) = channel.read(str(source))
    assert isinstance(item, Rejected)
    assert item.source == "rows.csv:2"
    assert "'when'" in item.reason


@pytest.mark.parametrize("delimiter", ["", "ab", '"', "\n", "\r", "\x00"])
def test_a_delimiter_that_is_not_one_plain_character_is_a_config_error_naming_it(
    delimiter: str,
) -> None:
    with pytest.raises(ConfigError) as refused:
        CsvChannel(COLUMNS, delimiter=delimiter)
    assert "delimiter" in str(refused.value)
    assert repr(delimiter) in str(refused.value)


@pytest.mark.parametrize("encoding", ["rot13", "hex", "zlib", "base64", "bz2"])
def test_an_encoding_that_does_not_read_text_is_a_config_error_naming_it(encoding: str) -> None:
    with pytest.raises(ConfigError) as refused:
        list(CsvChannel(COLUMNS, encoding=encoding).read(str(SAMPLE)))
    assert f"encoding {encoding!r} is not a text encoding" in str(refused.value)


@pytest.mark.parametrize("delimiter", [";", "\t", "|", "\uff0c"])
def test_a_one_character_delimiter_reads_its_rows(tmp_path: Path, delimiter: str) -> None:
    source = tmp_path / "rows.csv"
    source.write_text(
        delimiter.join(["Complaint ID", "Date received", "Consumer complaint narrative"])
        + "\n"
        + delimiter.join(["7", "2026-11-01", "退款没到"])
        + "\n",
        encoding="utf-8",
    )
    columns = {k: COLUMNS[k] for k in ("external_id", "received_at", "text")}
    [complaint] = CsvChannel(columns, delimiter=delimiter).read(str(source))
    assert isinstance(complaint, Complaint)
    assert complaint.text == "退款没到"


def _read_one(tmp_path: Path, rows: str, timezone: str = "America/New_York") -> object:
    source = tmp_path / "history.csv"
    source.write_text(f"id,when,what,answered\n{rows}", encoding="utf-8")
    columns = {
        "external_id": "id",
        "received_at": "when",
        "text": "what",
        "history": {"first_response_at": "answered"},
    }
    (item,) = CsvChannel(columns, timezone=timezone).read(str(source))
    return item


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ("1,2024-03-10 02:30,broken,\n", "received_at"),
        ("1,2024-03-10 01:00,broken,2024-03-10 02:59\n", "history.first_response_at"),
    ],
)
def test_a_local_time_the_clocks_skipped_is_refused_naming_field_and_record(
    tmp_path: Path, row: str, field: str
) -> None:
    """2024-03-10 02:30 never happened in New York: the clocks went from 02:00 to 03:00."""
    item = _read_one(tmp_path, row)
    assert isinstance(item, Rejected)
    assert item.source == "history.csv:2"
    assert item.reason.startswith(f"{field}:")
    assert "does not exist in America/New_York" in item.reason


def test_an_ambiguous_local_time_is_its_first_occurrence(tmp_path: Path) -> None:
    """01:30 happened twice in New York on 2024-11-03 (EDT, then EST): it is read as the
    first, as the docs say, and a later answer at 01:10 the second time is written with
    its offset."""
    item = _read_one(tmp_path, "1,2024-11-03 01:30,broken,2024-11-03T01:10:00-05:00\n")
    assert isinstance(item, Complaint)
    assert item.received_at.utcoffset() == timedelta(hours=-4)
    assert item.history is not None
    assert item.history.first_response_at == datetime(2024, 11, 3, 6, 10, tzinfo=UTC)


def test_a_date_whose_midnight_the_clocks_skipped_is_the_start_of_that_day(
    tmp_path: Path,
) -> None:
    """Santiago's clocks went from 00:00 to 01:00 on 2024-09-08: the date is that day from
    01:00, not refused, and not a wall time that never was."""
    item = _read_one(tmp_path, "1,2024-09-08,broken,\n", timezone="America/Santiago")
    assert isinstance(item, Complaint)
    assert item.received_at == datetime(2024, 9, 8, 4, 0, tzinfo=UTC)
    assert item.received_at.isoformat() == "2024-09-08T01:00:00-03:00"


def test_a_header_in_another_encoding_names_the_encoding_to_give(tmp_path: Path) -> None:
    """A GB18030 export read as UTF-8: not 'the mapping names 工单, which the
    header does not have; columns: \\udcb9\\udca4…', the bytes it could not read."""
    source = tmp_path / "history.csv"
    source.write_bytes("工单,时间,内容\nT-1,2026-10-08 09:00,牛奶坏了\n".encode("gb18030"))
    columns = {"external_id": "工单", "received_at": "时间", "text": "内容"}
    with pytest.raises(ConfigError) as refused:
        list(CsvChannel(columns).read(str(source)))
    assert "history.csv: the header row is not valid utf-8" in str(refused.value)
    assert "read the file with -o encoding=gb18030" in str(refused.value)
    assert undecodable(str(refused.value)) is None  # no byte it could not read, escaped
    (complaint,) = CsvChannel(columns, encoding="gb18030").read(str(source))
    assert isinstance(complaint, Complaint)


def test_spaces_around_a_header_name_are_not_part_of_it(tmp_path: Path) -> None:
    """Exports pad names ('Ticket ,  Opened'): the mapping's 'Ticket' is that column, and
    two names alike but for spaces are one name twice, which the mapping cannot tell apart."""
    source = tmp_path / "history.csv"
    source.write_text("Ticket ,  Opened,内容 \nT-1,2026-10-08 09:00,牛奶坏了\n", encoding="utf-8")
    columns = {"external_id": "Ticket", "received_at": "Opened", "text": "内容"}
    (complaint,) = CsvChannel(columns).read(str(source))
    assert isinstance(complaint, Complaint)
    assert (complaint.external_id, complaint.text) == ("T-1", "牛奶坏了")
    source.write_text("Ticket,Opened,内容, 内容\nT-1,2026-10-08 09:00,牛奶坏了,\n", "utf-8")
    with pytest.raises(ConfigError, match="'内容' more than once"):
        list(CsvChannel(columns).read(str(source)))


@pytest.mark.parametrize("hidden", ["\x00", "\u200b", "\ufeff"])
def test_a_header_name_with_a_hidden_character_is_shown_with_it(
    tmp_path: Path, hidden: str
) -> None:
    """'ticket' and 'tic\\u200bket' print alike: the header's names are listed quoted, with
    what cannot be seen written out, so the mismatch can be found."""
    source = tmp_path / "history.csv"
    source.write_text(f"tic{hidden}ket,opened,text\nT-1,2026-10-08 09:00,x\n", encoding="utf-8")
    columns = {"external_id": "ticket", "received_at": "opened", "text": "text"}
    with pytest.raises(ConfigError) as refused:
        list(CsvChannel(columns).read(str(source)))
    assert f"columns: {f'tic{hidden}ket'!r}, 'opened', 'text'" in str(refused.value)


@pytest.mark.parametrize(
    ("codec", "given", "hint"),
    [
        ("utf-8-sig", "gb18030", "-o encoding=utf-8"),
        ("utf-16", "latin-1", "-o encoding=utf-16"),
        ("utf-16", "utf-8", "-o encoding=utf-16"),
        ("utf-32", "utf-8", "-o encoding=utf-32"),
    ],
)
def test_a_byte_order_mark_of_another_encoding_than_the_one_given_names_it(
    tmp_path: Path, codec: str, given: str, hint: str
) -> None:
    """Excel's UTF-8 read as GB18030 decodes, as '锘縯icket'; UTF-16 read as UTF-8 does
    not: either way the mark says what the file is, and it is read so."""
    source = tmp_path / "history.csv"
    source.write_bytes("ticket,opened,text\nT-1,2026-10-08 09:00,牛奶坏了\n".encode(codec))
    columns = {"external_id": "ticket", "received_at": "opened", "text": "text"}
    with pytest.raises(ConfigError) as refused:
        list(CsvChannel(columns, encoding=given).read(str(source)))
    assert "byte order mark" in str(refused.value)
    assert hint in str(refused.value)
    (complaint,) = CsvChannel(columns, encoding=hint.split("=")[1]).read(str(source))
    assert isinstance(complaint, Complaint)


@pytest.mark.parametrize("given", ["gbk", "gb18030"])
def test_a_utf8_mark_before_gbk_text_is_read_past_when_gbk_is_given(
    tmp_path: Path, given: str
) -> None:
    """A script that wrote GBK text after a UTF-8 mark: read as UTF-8 the row reads as
    GB18030, said so; read as GB18030 the file was refused for the mark, advising UTF-8 —
    advice in a circle, and the row never taken in. The mark over text that is not UTF-8
    is a stray; the rest is read as the encoding given."""
    source = tmp_path / "export.csv"
    text = "ticket,opened,text\nT-1,2026-10-08 09:00,\u725b\u5976\u574f\u4e86\n"
    source.write_bytes(codecs.BOM_UTF8 + text.encode("gbk"))
    columns = {"external_id": "ticket", "received_at": "opened", "text": "text"}
    (as_utf8,) = CsvChannel(columns).read(str(source))
    assert isinstance(as_utf8, Rejected)
    assert "-o encoding=gb18030" in as_utf8.reason
    (complaint,) = CsvChannel(columns, encoding=given).read(str(source))
    assert isinstance(complaint, Complaint)
    assert (complaint.external_id, complaint.text) == ("T-1", "\u725b\u5976\u574f\u4e86")


@pytest.mark.parametrize("already_read", [b"", b"a line a shell read before\n"])
def test_a_utf8_mark_before_gbk_text_on_stdin_is_read_past_too(
    monkeypatch: pytest.MonkeyPatch, already_read: bytes
) -> None:
    """The same export piped in (``intake -o encoding=gbk - < export.csv``) was refused,
    'starts with the byte order mark of utf-8, not gbk text: read it with -o
    encoding=utf-8', advice that reads every row wrong; a file or a named pipe of it was read."""
    text = "ticket,opened,text\nT-1,2026-10-08 09:00,\u725b\u5976\u574f\u4e86\n"
    stdin = io.BytesIO(already_read + codecs.BOM_UTF8 + text.encode("gbk"))
    stdin.read(len(already_read))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(stdin))
    columns = {"external_id": "ticket", "received_at": "opened", "text": "text"}
    (complaint,) = CsvChannel(columns, encoding="gbk").read("-")
    assert isinstance(complaint, Complaint)
    assert (complaint.external_id, complaint.text) == ("T-1", "\u725b\u5976\u574f\u4e86")


@pytest.mark.parametrize(("codec", "hint"), [("utf-16", "utf-16-le"), ("utf-32", "utf-32-le")])
def test_utf16_given_for_a_file_without_a_byte_order_mark_names_the_file_and_the_byte_order(
    tmp_path: Path, codec: str, hint: str
) -> None:
    """SQL Server's bcp -w writes UTF-16 with no mark; read with -o encoding=utf-16 the run
    ended as 'the channel could not read its source: UnicodeError: …', naming no file and no
    way to read it."""
    source = tmp_path / "export.csv"
    source.write_bytes("ticket,opened,text\nT-1,2026-10-08 09:00,牛奶坏了\n".encode(hint))
    columns = {"external_id": "ticket", "received_at": "opened", "text": "text"}
    with pytest.raises(ConfigError) as refused:
        list(CsvChannel(columns, encoding=codec).read(str(source)))
    assert str(refused.value).startswith(f"{source}: ")
    assert f"-o encoding={hint}" in str(refused.value)
    (complaint,) = CsvChannel(columns, encoding=hint).read(str(source))
    assert isinstance(complaint, Complaint)


def test_bytes_a_utf16_file_cannot_decode_cost_only_their_rows(tmp_path: Path) -> None:
    """UTF-16 reads ASCII bytes in pairs, so an undecodable unit holds a byte the standard
    ``surrogateescape`` cannot keep: a half emoji (a lone surrogate) or a file cut at an odd
    byte ended the run there, and the rows after it were read by no one."""
    rows = "id,date,text\n1,2026-11-23,parcel late\n2,2026-11-23,broken X\n3,2026-11-23,lost\n"
    half_emoji = "\ud83d".encode("utf-16-le", "surrogatepass")
    body = b"\xff\xfe" + rows.encode("utf-16-le").replace("X".encode("utf-16-le"), half_emoji)
    path = tmp_path / "rows.csv"
    path.write_bytes(body + b"\x00")  # cut one byte into a character
    columns = {"external_id": "id", "received_at": "date", "text": "text"}
    channel = CsvChannel(columns, encoding="utf-16")
    items = list(channel.read(str(path)))
    assert [i.external_id for i in items if isinstance(i, Complaint)] == ["1", "3"]
    rejected = [i for i in items if isinstance(i, Rejected)]
    assert [r.source for r in rejected] == ["rows.csv:3", "rows.csv:5"]
    assert all(r.reason.startswith("row is not valid utf-16") for r in rejected)
    kept = list(channel.read(str(_written(tmp_path / "again.csv", rejected[0].raw))))
    assert [(k.source, k.raw) for k in kept if isinstance(k, Rejected)] == [
        ("again.csv:2", rejected[0].raw)
    ]


def _written(path: Path, raw: bytes) -> Path:
    path.write_bytes(raw)
    return path


def _read_history(tmp_path: Path, rows: str, timezone: str = "Asia/Shanghai") -> object:
    source = tmp_path / "closed.csv"
    source.write_text(f"id,when,what,answered,closed\n{rows}", encoding="utf-8")
    columns = {
        "external_id": "id",
        "received_at": "when",
        "text": "what",
        "history": {"first_response_at": "answered", "closed_at": "closed"},
    }
    (item,) = CsvChannel(columns, timezone=timezone).read(str(source))
    return item


def test_a_date_on_the_day_of_a_timed_receipt_is_the_end_of_that_day(tmp_path: Path) -> None:
    """Received at 14:00 and closed '2026-10-02': closed some time that day, never shown
    as faster than the record says, so at the day's last second."""
    item = _read_history(tmp_path, "1,2026-10-02 14:00,broken,,2026-10-02\n")
    assert isinstance(item, Complaint), item
    assert item.history is not None
    assert item.history.closed_at is not None
    assert item.history.closed_at.isoformat() == "2026-10-02T23:59:59+08:00"


def test_a_date_on_the_day_of_a_timed_receipt_stops_at_a_later_time_that_day(
    tmp_path: Path,
) -> None:
    """Answered '2026-10-02' and closed at 16:00 that day: the answer came by the close."""
    item = _read_history(tmp_path, "1,2026-10-02 14:00,broken,2026-10-02,2026-10-02 16:00\n")
    assert isinstance(item, Complaint), item
    assert item.history is not None
    assert item.history.first_response_at == item.history.closed_at
    assert item.history.first_response_at is not None
    assert item.history.first_response_at.isoformat() == "2026-10-02T16:00:00+08:00"


def test_a_date_on_a_later_day_than_the_receipt_is_the_start_of_that_day(tmp_path: Path) -> None:
    item = _read_history(tmp_path, "1,2026-10-02 14:00,broken,,2026-10-03\n")
    assert isinstance(item, Complaint), item
    assert item.history is not None
    assert item.history.closed_at is not None
    assert item.history.closed_at.isoformat() == "2026-10-03T00:00:00+08:00"


def test_a_date_before_the_receipt_day_is_still_refused_naming_the_field(
    tmp_path: Path,
) -> None:
    item = _read_history(tmp_path, "1,2026-10-02 14:00,broken,,2026-10-01\n")
    assert isinstance(item, Rejected)
    assert item.reason.startswith("history.closed_at:")
    assert "before received_at" in item.reason


def test_the_end_of_a_day_the_clocks_showed_twice_is_its_last_second(tmp_path: Path) -> None:
    """Santiago's clocks went back from 24:00 to 23:00 on 2024-04-06: 23:59:59 was shown
    twice, and the end of the day is the second."""
    item = _read_history(
        tmp_path, "1,2024-04-06 12:00,broken,,2024-04-06\n", timezone="America/Santiago"
    )
    assert isinstance(item, Complaint), item
    assert item.history is not None
    assert item.history.closed_at == datetime(2024, 4, 7, 3, 59, 59, tzinfo=UTC)


def test_a_case_closed_on_the_day_of_its_timed_receipt_is_taken_in_closed_then(
    tmp_path: Path,
) -> None:
    source = tmp_path / "closed.csv"
    source.write_text(
        "id,when,what,answered,closed\n1,2026-10-02 14:00,broken,,2026-10-02\n", encoding="utf-8"
    )
    columns = {
        "external_id": "id",
        "received_at": "when",
        "text": "what",
        "history": {"closed_at": "closed", "status": "answered"},
    }
    desk = Desk(storage="memory:")
    summary = take_in(desk, "csv", CsvChannel(columns, timezone="Asia/Shanghai").read(str(source)))
    assert (summary.opened, summary.rejected) == (1, [])
    (case,) = desk.storage.find(CaseQuery())
    assert case.status is Status.CLOSED
    assert case.closed_at is not None
    assert case.closed_at.isoformat() == "2026-10-02T23:59:59+08:00"


def test_a_history_time_the_clocks_showed_twice_imported_again_is_already_known(
    tmp_path: Path,
) -> None:
    """Closed at 01:00 on 2024-11-03 in New York, an hour shown twice: the same file taken
    in again finds its case, as for any other time, and keeps no dead letter."""
    source = tmp_path / "twice.csv"
    source.write_text("id,when,what,closed\n1,2024-11-02,broken,2024-11-03 01:00\n", "utf-8")
    columns = {"external_id": "id", "received_at": "when", "text": "what"}
    channel = CsvChannel({**columns, "history.closed_at": "closed"}, timezone="America/New_York")
    desk = Desk(storage="memory:")
    assert take_in(desk, "csv", channel.read(str(source))).opened == 1
    again = take_in(desk, "csv", channel.read(str(source)))
    assert (again.already_known, again.rejected) == (1, [])


#: Days of Santiago's clock changes (midnight skipped, 23:00-24:00 shown twice) and New
#: York's (02:00-03:00 skipped, 01:00-02:00 twice), and the days around them.
_DST_DAYS = [date(2024, 9, 7) + timedelta(days=n) for n in range(3)] + [
    date(2024, 4, 5) + timedelta(days=n) for n in range(3)
]
_DST_DAYS += [date(2024, 3, 9) + timedelta(days=n) for n in range(3)]
_DST_DAYS += [date(2024, 11, 2) + timedelta(days=n) for n in range(3)]
_RECORDED = ("first_response_at", "resolved_at", "closed_at")


@st.composite
def _instant_texts(draw: st.DrawFn, blank: bool) -> str:
    """A date alone, a local time (some skipped or shown twice), one with its offset, or
    (where the field may be left out) nothing."""
    day = draw(st.sampled_from(_DST_DAYS)).isoformat()
    hour, minute = draw(st.integers(0, 23)), draw(st.sampled_from([0, 30, 59]))
    shapes = [day, f"{day} {hour:02}:{minute:02}", f"{day}T{hour:02}:{minute:02}:00-03:00"]
    return draw(st.sampled_from(["", *shapes] if blank else shapes))


#: One plugin manager for every example's Desk below (each Plugins() scans every installed
#: distribution's entry points).
PLUGINS = Plugins()


@settings(max_examples=200)
@given(
    zone=st.sampled_from(["America/Santiago", "America/New_York"]),
    rows=st.lists(
        st.tuples(_instant_texts(blank=False), *[_instant_texts(blank=True)] * 3), max_size=6
    ),
)
def test_history_dates_and_times_in_a_zone_with_dst_are_taken_in_or_refused_by_field(
    zone: str, rows: list[tuple[str, str, str, str]]
) -> None:
    """Whatever mix of dates and times a history row holds, it opens a case or is a dead
    letter naming the field; importing the file again opens nothing and keeps no letter."""
    text = "id,when,answered,solved,closed\n" + "".join(
        f"T-{n},{','.join(row)}\n" for n, row in enumerate(rows)
    )
    columns = {
        "external_id": "id",
        "received_at": "when",
        "text": "id",
        "history": dict(zip(_RECORDED, ("answered", "solved", "closed"), strict=True)),
    }
    clock = ManualClock(datetime(2026, 1, 1, tzinfo=UTC))
    desk = Desk(storage="memory:", clock=clock, plugins=PLUGINS)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "dst.csv"
        source.write_text(text, encoding="utf-8")
        channel = CsvChannel(columns, timezone=zone)
        first = take_in(desk, "csv", channel.read(str(source)))
        again = take_in(desk, "csv", channel.read(str(source)))
    fields = ("received_at", *(f"history.{name}" for name in _RECORDED))
    assert first.opened + len(first.rejected) == len(rows)
    assert all(reason.startswith(fields) for _, reason in first.rejected), first.rejected
    assert (again.opened, again.already_known) == (0, first.opened)
    assert len(desk.storage.dead_letters()) == len(first.rejected)
    for case in desk.storage.find(CaseQuery()):
        recorded = case.complaint.history
        instants = [] if recorded is None else recorded.instants()
        assert all(at >= case.opened_at for at in instants)


def test_an_amount_with_a_blank_currency_names_the_blank_column(tmp_path: Path) -> None:
    """It said "amount.currency: None is not an ISO 4217 currency code": a value nobody
    wrote, at a field the file does not have."""
    path = tmp_path / "orders.csv"
    path.write_text(
        "id,date,text,price,cur\n"
        "1,2026-11-23,少送了一份,12.50,\n"
        "2,2026-11-23,少送了一份,12.50,CNY\n",
        "utf-8",
    )
    columns = {"external_id": "id", "received_at": "date", "text": "text", "amount": "price"}
    items = list(CsvChannel({**columns, "currency": "cur"}).read(str(path)))
    assert isinstance(items[0], Rejected)
    assert items[0].reason == "currency: column 'cur' is blank; an amount needs its currency"
    assert isinstance(items[1], Complaint)
    assert str(items[1].amount) == "12.50 CNY"
    (unmapped, _) = list(CsvChannel(columns).read(str(path)))
    assert isinstance(unmapped, Rejected)
    assert unmapped.reason.startswith("currency: the column mapping names no currency column")


@pytest.mark.parametrize("ending", ["\n", "\r\n", ""])
def test_a_line_past_the_longest_costs_its_row_and_the_rest_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ending: str
) -> None:
    """A CSV line was read whole however long: one of 200 MB with no quote took 1.3 GB of
    memory and became a 200 MB dead letter, and a line with no end (/dev/zero) grew until
    the process was killed, the rows after it never read. Past the longest line read (as
    JSON lines: ``jsonl.MAX_LINE_CHARS``) its row is a dead letter keeping its first
    characters, and the rest of the line is skipped, not held."""
    monkeypatch.setattr(jsonl, "MAX_LINE_CHARS", 1_000)
    path = tmp_path / "rows.csv"
    path.write_text(
        f"id,date,text\n1,2026-11-23,{'x' * 5_000}\n2,2026-11-23,迟到{ending}", encoding="utf-8"
    )
    columns = {"external_id": "id", "received_at": "date", "text": "text"}
    first, second = CsvChannel(columns).read(str(path))
    assert isinstance(first, Rejected)
    assert first.source == "rows.csv:2"
    assert "longer than 1,000 characters" in first.reason
    assert first.raw == b"id,date,text\n" + path.read_bytes()[13 : 13 + 1_000]
    assert isinstance(second, Complaint)
    assert second.external_id == "2"


@pytest.mark.parametrize("given", ["utf-8", "latin-1", "gb18030"])
def test_excel_unicode_text_is_advised_its_encoding_and_its_tabs(
    tmp_path: Path, given: str
) -> None:
    """Excel saves "Unicode Text" as UTF-16 with a mark and tabs between the columns: the
    advice names both options, and with both the file is read."""
    source = tmp_path / "history.txt"
    source.write_bytes("ticket\topened\ttext\nT-1\t2026-10-08 09:00\t牛奶坏了\n".encode("utf-16"))
    columns = {"external_id": "ticket", "received_at": "opened", "text": "text"}
    with pytest.raises(ConfigError) as refused:
        list(CsvChannel(columns, encoding=given).read(str(source)))
    assert "-o encoding=utf-16 -o delimiter=tab" in str(refused.value)
    (complaint,) = CsvChannel(columns, encoding="utf-16", delimiter="tab").read(str(source))
    assert isinstance(complaint, Complaint)
    assert complaint.text == "牛奶坏了"
