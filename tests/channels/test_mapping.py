"""Column mappings: complaint fields, history columns and their word translations."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.channels import Rejected
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.channels.jsonl import JsonLinesChannel
from complaintkit.channels.mapping import load_mapping
from complaintkit.errors import ConfigError
from complaintkit.model.complaint import Complaint
from complaintkit.model.lifecycle import Status

ROWS = (
    "id,when,what,state,answered,timely\n"
    "1,2019-03-01,late card,In progress,2019-03-02,Yes\n"
    "2,2019-03-01,wrong fee,Closed with relief,,No\n"
)
MAPPING = {
    "external_id": "id",
    "received_at": "when",
    "text": "what",
    "history": {
        "status": {
            "column": "state",
            "values": {"In progress": "investigating"},
            "otherwise": "closed",
        },
        "first_response_at": "answered",
        "outcome": "state",
        "sla": {"response": "timely"},
    },
}


def test_history_columns_become_the_complaints_record(tmp_path: Path) -> None:
    source = tmp_path / "rows.csv"
    source.write_text(ROWS, encoding="utf-8")
    first, second = CsvChannel(MAPPING, timezone="America/New_York").read(str(source))
    assert isinstance(first, Complaint)
    assert isinstance(second, Complaint)
    assert first.history is not None
    assert second.history is not None
    assert first.history.status is Status.INVESTIGATING
    assert first.history.first_response_at is not None
    assert first.history.first_response_at.isoformat() == "2019-03-02T00:00:00-05:00"
    assert (first.history.sla, second.history.sla) == ({"response": True}, {"response": False})
    assert (second.history.status, second.history.outcome) == (
        Status.CLOSED,
        "Closed with relief",
    )


def test_a_bad_history_value_is_rejected_naming_the_field(tmp_path: Path) -> None:
    source = tmp_path / "rows.csv"
    source.write_text(ROWS.replace("2019-03-02", "soon"), encoding="utf-8")
    first, _ = CsvChannel(MAPPING).read(str(source))
    assert isinstance(first, Rejected)
    assert "history.first_response_at" in first.reason


def test_an_unknown_history_field_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="'history.escalated_at' is not a complaint field"):
        load_mapping({**MAPPING, "history.escalated_at": "x"})


def test_json_lines_carry_history_as_written(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        '{"channel": "old", "external_id": "7", "received_at": "2019-03-01T09:00:00+00:00",'
        ' "customer": {"id": "c"}, "text": "t", "history": {"status": "closed",'
        ' "sla": {"first_response": true}}}\n',
        encoding="utf-8",
    )
    (complaint,) = JsonLinesChannel().read(str(source))
    assert isinstance(complaint, Complaint)
    assert complaint.history is not None
    assert complaint.to_json()["history"] == {"status": "closed", "sla": {"first_response": True}}


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("twice.yaml", "external_id: id\ntext: what\nreceived_at: when\ntext: state\n"),
        ("twice.json", '{"external_id": "id", "text": "what", "received_at": "when", "text": "x"}'),
        (
            "nested.yaml",
            "external_id: id\nreceived_at: when\ntext: what\nhistory:\n"
            "  status: state\n  status: answered\n",
        ),
    ],
)
def test_a_mapping_file_giving_a_field_twice_is_a_config_error(
    tmp_path: Path, name: str, text: str
) -> None:
    """Only the last column held: the rows were taken in with their text read from another
    column than the first line of the mapping says, and nothing said so."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        load_mapping(str(path))
    assert str(refused.value).startswith(f"column mapping {str(path)!r}: ")
    assert "'text'" in str(refused.value) or "'status'" in str(refused.value)


@pytest.mark.parametrize("value", ["", "[what, state]", "{}"])
def test_a_field_mapped_to_no_column_name_is_a_config_error_naming_the_field(
    tmp_path: Path, value: str
) -> None:
    """'text:' left empty was read as the column 'None', a list as the column "['what',
    'state']": the error named a column nobody wrote."""
    path = tmp_path / "columns.yaml"
    path.write_text(f"external_id: id\nreceived_at: when\ntext: {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        load_mapping(str(path))
    assert "text" in str(refused.value)
    assert "None" not in str(refused.value)
    assert "[" not in str(refused.value)


@pytest.mark.parametrize(
    "text",
    [
        "external_id: id\nreceived_at: when\ntext: what\nhistory: &h {status: *h}\n",
        "external_id: &c id\nreceived_at: when\ntext: *c\n",
        "a: &a [*a, *a]\nexternal_id: id\nreceived_at: when\ntext: what\n",
    ],
    ids=["refers to itself", "shared column", "list of itself"],
)
def test_an_alias_in_a_mapping_file_is_a_config_error_naming_the_line(
    tmp_path: Path, text: str
) -> None:
    """A mapping referring to itself said '... could not be built: RecursionError' (after
    exhausting the stack); aliases have no use in a column mapping, as in a policy."""
    path = tmp_path / "columns.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        load_mapping(str(path))
    message = str(refused.value)
    assert message.startswith(f"column mapping {str(path)!r}: aliases")
    assert ", line " in message
