"""A character set named with a NUL in it (a header, a form part or an ``encoding`` option
someone typed or fuzzed) names no codec: Python's codec registry raises ``ValueError`` for
such a name, not ``LookupError``, which escaped as a traceback (an HTTP 500 on the form)."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.api.form_fields import read_form
from complaintkit.channels.files import open_source
from complaintkit.channels.http_body import body_in_utf8
from complaintkit.errors import ConfigError, InvalidInput

NAMES = ["\x00", "utf-8\x00", "gb\x0018030"]


@pytest.mark.parametrize("name", NAMES)
def test_a_form_part_in_such_a_charset_reads_as_utf8(name: str) -> None:
    body = (
        '--b\r\nContent-Disposition: form-data; name="text"\r\n'
        f'Content-Type: text/plain; charset="{name}"\r\n\r\n退款\r\n--b--\r\n'
    ).encode()
    assert read_form(body, "multipart/form-data; boundary=b", {"text"}) == {"text": "退款"}


@pytest.mark.parametrize("name", NAMES)
def test_a_kept_body_in_such_a_charset_is_refused_naming_it(name: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        body_in_utf8(b"{}", name)
    assert refused.value.field == "charset"


@pytest.mark.parametrize("name", NAMES)
def test_a_file_encoding_option_naming_it_is_a_config_error(name: str, tmp_path: Path) -> None:
    source = tmp_path / "complaints.csv"
    source.write_text("text\n退款\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="is unknown"), open_source(str(source), "csv", name):
        pass
