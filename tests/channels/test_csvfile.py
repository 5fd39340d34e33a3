"""The CSV channel against a real CFPB extract (public domain, tests/fixtures/cfpb_sample.csv)."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.channels import Rejected, take_in
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.desk import Desk
from complaintkit.errors import ConfigError
from complaintkit.model.complaint import Complaint

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
