"""A UTF-8 CSV read with ``-o encoding=latin-1`` (cp1252, iso-8859-15), the user's wrong
guess for a European export, was taken in as mojibake without a word: a one-byte charset
reads every byte, so 外卖送晚了 was stored as å¤\\x96å\\x8d\\x96… and café as cafÃ©. Text
in such a charset is seldom valid UTF-8 (é alone is not): a row that is, beyond ASCII, is
a dead letter advising ``utf-8`` (e-mail reads a part so labelled as UTF-8 likewise); text
in the charset itself is read as before."""

from __future__ import annotations

from pathlib import Path

import pytest
from chinese_csv import COLUMNS, advice, export, rejected

from complaintkit.channels.csvfile import CsvChannel
from complaintkit.model.complaint import Complaint

ROWS = ["外卖送晚了", "café crème", "Straße, 3. Stock"]
GUESSES = ["latin-1", "cp1252", "iso-8859-15"]


@pytest.mark.parametrize("guess", GUESSES)
def test_utf8_rows_read_as_a_one_byte_charset_are_advised_utf8(tmp_path: Path, guess: str) -> None:
    path = tmp_path / "rows.csv"
    export(path, ROWS, "utf-8")
    letters = rejected(CsvChannel(COLUMNS, encoding=guess).read(str(path)))
    assert [advice(letter.reason) for letter in letters] == ["utf-8"] * len(ROWS)


@pytest.mark.parametrize("guess", GUESSES)
def test_rows_in_the_charset_are_taken_in(tmp_path: Path, guess: str) -> None:
    path = tmp_path / "rows.csv"
    export(path, ROWS[1:], guess)
    read = list(CsvChannel(COLUMNS, encoding=guess).read(str(path)))
    assert [c.text for c in read if isinstance(c, Complaint)] == ROWS[1:]
