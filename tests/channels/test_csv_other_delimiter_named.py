"""A CSV file separated by another character than the one the channel reads by.

Excel in a European locale (and many Chinese exporters) separates fields by semicolons,
databases' dumps by tabs or bars. Read with the default comma, the header is one column,
and the run was refused as 'the column mapping names 'date', 'id', 'narrative', which the
header does not have; columns: 'id;date;narrative'' — naming what was missing, not that
the names are all there, separated by ``;``, nor the option that reads them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.channels.csvfile import CsvChannel
from complaintkit.errors import ConfigError
from complaintkit.model.complaint import Complaint

COLUMNS = {"external_id": "id", "received_at": "date", "text": "narrative"}


@pytest.mark.parametrize(
    ("separator", "option"),
    [(";", "-o 'delimiter=;'"), ("\t", "-o delimiter=tab"), ("|", "-o 'delimiter=|'")],
)
def test_a_header_separated_by_another_character_names_it(
    tmp_path: Path, separator: str, option: str
) -> None:
    source = tmp_path / "export.csv"
    rows = [["id", "date", "narrative"], ["S-1", "2026-11-23", "the parcel was broken"]]
    source.write_text("".join(separator.join(row) + "\n" for row in rows), encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        list(CsvChannel(COLUMNS).read(str(source)))
    assert option in str(refused.value)
    (complaint,) = CsvChannel(COLUMNS, delimiter=separator).read(str(source))
    assert isinstance(complaint, Complaint)


def test_a_header_lacking_a_column_under_any_separator_gives_no_delimiter_advice(
    tmp_path: Path,
) -> None:
    source = tmp_path / "export.csv"
    source.write_text("id;date;story\nS-1;2026-11-23;broken\n", encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        list(CsvChannel(COLUMNS).read(str(source)))
    assert "the header does not have" in str(refused.value)
    assert "delimiter" not in str(refused.value)
