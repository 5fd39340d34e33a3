"""A form posted with a Content-Type whose last parameter is a name alone ending in ``*``
(``;0*``, ``multipart/form-data; boundary=B; x*``: RFC 2231's mark for a value that
never comes) raised the standard library's IndexError from its header parser, where any
body under any Content-Type is to read as text fields (found by tests/api/test_form_fields'
fuzz). The parameters before it are read; the broken one is no parameter."""

from __future__ import annotations

import pytest

from complaintkit.api.form_fields import read_form


@pytest.mark.parametrize("content_type", [";0*", "application/x-www-form-urlencoded; x*", ";*"])
def test_a_broken_last_parameter_reads_no_parameter(content_type: str) -> None:
    assert read_form(b"text=%E6%BC%8F", content_type, {"text"}) == {"text": "漏"}


def test_the_parameters_before_it_are_read() -> None:
    body = b'--B\r\nContent-Disposition: form-data; name="text"\r\n\r\n\xe6\xbc\x8f\r\n--B--\r\n'
    assert read_form(body, "multipart/form-data; boundary=B; x*", {"text"}) == {"text": "漏"}
    gbk = "application/x-www-form-urlencoded; charset=gbk; x*"
    assert read_form(b"text=%C2%A9%CB%AE", gbk, {"text"}) == {"text": "漏水"}
