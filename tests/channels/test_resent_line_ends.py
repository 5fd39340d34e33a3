"""A file taken in again after its line ends were converted (``unix2dos``, git's
``autocrlf`` on a Windows checkout, an FTP transfer in ASCII mode) holds the same
complaints: a multi-line narrative read with CRLF inside it is the text read before with
LF. It was compared as other text, so each such row of the CFPB export taken in again was
a dead letter saying its key was "reused with different content (text differs)": 590 of
the 6,664 rows of the CFPB sample, 14 of the 50 of the fixture."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from complaintkit.channels import take_in
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.desk import Desk
from complaintkit.desk.resent import changed_fields, changed_since, digests
from complaintkit.model.complaint import Complaint, Customer

ROOT = Path(__file__).resolve().parents[2]
MAPPING = ROOT / "examples" / "cfpb" / "mapping.yaml"
FIXTURE = ROOT / "tests" / "fixtures" / "cfpb_sample.csv"


def _taken_in(desk: Desk, path: Path) -> tuple[int, int, list[tuple[str, str]]]:
    channel = CsvChannel(str(MAPPING), channel="cfpb", timezone="America/New_York")
    summary = take_in(desk, "cfpb", channel.read(str(path)), locate=lambda: channel.location)
    return summary.opened, summary.already_known, summary.rejected


def test_the_cfpb_rows_with_crlf_line_ends_are_the_complaints_taken_in_before(
    tmp_path: Path,
) -> None:
    written = FIXTURE.read_bytes().replace(b"\r\n", b"\n")
    assert written.count(b"\n") > 51  # narratives of several lines: 14 of the 50 rows
    converted = tmp_path / "complaints.csv"
    converted.write_bytes(written.replace(b"\n", b"\r\n"))
    desk = Desk(storage="memory:")
    assert _taken_in(desk, FIXTURE)[:2] == (50, 0)
    assert _taken_in(desk, converted) == (0, 50, [])


def _complaint(text: str, subject: str = "", **attributes: str) -> Complaint:
    return Complaint(
        channel="csv",
        external_id="A-1",
        received_at=datetime(2026, 11, 23, tzinfo=UTC),
        customer=Customer(id="c1"),
        subject=subject,
        text=text,
        attributes=attributes,
    )


lines = st.lists(st.text(st.characters(exclude_categories=["Cs", "Cc"]), max_size=8), min_size=2)


@given(lines, st.sampled_from(["\r\n", "\r"]))
def test_texts_differing_only_in_their_line_ends_are_the_same(
    written: list[str], line_end: str
) -> None:
    first = _complaint("x" + "\n".join(written), "s" + "\n".join(written), note="\n".join(written))
    again = _complaint(
        "x" + line_end.join(written), "s" + line_end.join(written), note=line_end.join(written)
    )
    assert changed_fields(first, again) == []
    assert changed_since(digests(first), again) == []


@given(lines)
def test_a_line_break_added_or_taken_away_is_a_change(written: list[str]) -> None:
    # inside the text: one at its end is white space there (test_resent_end_spaces)
    first = _complaint("x" + "\n".join(written) + "y")
    again = _complaint("x" + "".join(written) + "y")
    assert changed_fields(first, again) == ["text"]
    assert changed_since(digests(first), again) == ["text"]
