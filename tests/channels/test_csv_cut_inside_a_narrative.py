"""A CSV export cut short inside a quoted narrative of several lines (a copy stopped, a
download broken off: the CFPB's narratives run over paragraphs) gave a dead letter for the
row with the open quote and then one more for every later line of its narrative, each read
again as a row of its own ("the row has 1 field; the header has 18"). The lines after a
quote left open that make fewer fields than the header are kept in the open quote's one
dead letter; a whole row after it is still read, and so is a line with commas enough to
be one (it may be: a row with a field too many is a dead letter of its own)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.channels import Rejected
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.channels.csvrows import UNCLOSED_QUOTE
from complaintkit.model.complaint import Complaint

COLUMNS = {"external_id": "id", "received_at": "date", "text": "narrative"}
HEADER = b"id,date,narrative,company\n"


def row(n: int, narrative: str) -> bytes:
    quoted = narrative.replace('"', '""')
    return f'{n},2026-11-23,"{quoted}",ACME BANK\n'.encode()


NARRATIVES = [
    "My card was charged twice.\n\nI called on XX/XX/2026 and nobody answered.\nPlease refund.",
    "外卖送到时已经凉了\n汤洒了一半。\n\n客服说会回电 但是没有。",
    'The agent said "we will call back" and never did.\nThat was three weeks ago.',
    "One line only",
]


def read(tmp_path: Path, body: bytes) -> list[Complaint | Rejected]:
    path = tmp_path / "cut.csv"
    path.write_bytes(body)
    return list(CsvChannel(COLUMNS).read(str(path)))


def test_a_file_cut_inside_a_narrative_is_one_dead_letter(tmp_path: Path) -> None:
    whole = row(1, NARRATIVES[3]) + row(2, NARRATIVES[0])
    body = HEADER + whole[: whole.index(b"nobody")]
    items = read(tmp_path, body)
    complaints = [i for i in items if isinstance(i, Complaint)]
    letters = [i for i in items if isinstance(i, Rejected)]
    assert [c.external_id for c in complaints] == ["1"]
    (letter,) = letters
    assert letter.reason == UNCLOSED_QUOTE
    assert letter.source == "cut.csv:3"
    assert letter.raw == HEADER + body[len(HEADER) + len(row(1, NARRATIVES[3])) :]


def test_a_quote_left_open_mid_file_still_costs_only_its_row(tmp_path: Path) -> None:
    body = HEADER + b'1,2026-11-23,"open quote,ACME\n' + row(2, NARRATIVES[1]) + row(3, "ok")
    items = read(tmp_path, body)
    assert [i.external_id if isinstance(i, Complaint) else i.source for i in items] == [
        "cut.csv:2",
        "2",
        "3",
    ]


def test_a_line_of_the_narrative_with_commas_enough_is_read_as_a_row(tmp_path: Path) -> None:
    whole = row(1, "first line\nthen, with, commas, enough\nand the rest")
    items = read(tmp_path, HEADER + whole[: whole.index(b"the rest")])
    letters = [i.source for i in items if isinstance(i, Rejected)]
    assert letters == ["cut.csv:2", "cut.csv:3", "cut.csv:4"]
    assert (
        b"".join(i.raw.removeprefix(HEADER) for i in items if isinstance(i, Rejected))
        == (whole[: whole.index(b"the rest")])
    )


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.sampled_from(NARRATIVES), min_size=1, max_size=5),
    st.floats(min_value=0, max_value=1),
)
def test_a_file_cut_anywhere_loses_nothing_and_gives_at_most_one_dead_letter(
    tmp_path: Path, narratives: list[str], where: float
) -> None:
    rows = [row(n, text) for n, text in enumerate(narratives, start=1)]
    whole = b"".join(rows)
    cut = int(len(whole) * where)
    items = read(tmp_path, HEADER + whole[:cut])
    complaints = [i for i in items if isinstance(i, Complaint)]
    letters = [i for i in items if isinstance(i, Rejected)]
    before = 0
    while before < len(rows) and len(b"".join(rows[: before + 1])) <= cut:
        before += 1
    assert len(letters) <= 1, [letter.source for letter in letters]
    assert [c.external_id for c in complaints][:before] == [str(n + 1) for n in range(before)]
    assert len(complaints) <= before + 1  # a row cut after its narrative may still be whole
    if letters:
        assert whole[:cut].endswith(letters[0].raw.removeprefix(HEADER))
