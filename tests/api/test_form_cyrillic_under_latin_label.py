"""A form's field labelled with Western Europe's charset (``charset=iso-8859-1``) whose
bytes are Russian in Windows-1251 or KOI8-R is read as written, as a mail part so labelled
is, not as the accented Latin letters it reads as under its label; Latin-1 text is read
under its label as before."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.api.form_fields import read_form
from western_text import LANGUAGES, RUSSIAN

LABELS = ["iso-8859-1", "windows-1252", "iso-8859-15"]


def _form(value: bytes, label: str) -> dict[str, str]:
    body = (
        b'--b\r\nContent-Disposition: form-data; name="text"\r\n'
        + f"Content-Type: text/plain; charset={label}\r\n\r\n".encode()
        + value
        + b"\r\n--b--\r\n"
    )
    return read_form(body, "multipart/form-data; boundary=b", {"text"})


@pytest.mark.parametrize("label", LABELS)
@pytest.mark.parametrize("text", RUSSIAN)
def test_a_russian_field_under_a_latin_1_label_reads_as_written(text: str, label: str) -> None:
    assert _form(text.encode("cp1251"), label) == {"text": text}


@given(st.sampled_from(sorted(LANGUAGES)).flatmap(lambda lang: st.sampled_from(LANGUAGES[lang])))
def test_a_latin_1_field_reads_under_its_label(text: str) -> None:
    assert _form(text.encode("cp1252"), "windows-1252") == {"text": text}
