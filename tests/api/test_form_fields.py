"""Reading a submitted form's fields: any body, any content type, never an exception; a
multipart form gives the values an urlencoded one gives."""

from __future__ import annotations

from urllib.parse import urlencode

import httpx
from hypothesis import assume, given
from hypothesis import strategies as st

from complaintkit.api.form_fields import read_form

KEYS = frozenset({"text", "name", "contact"})
_VALUES = st.dictionaries(st.sampled_from(sorted(KEYS)), st.text(max_size=40), max_size=3)


def _multipart(fields: dict[str, str]) -> tuple[bytes, str]:
    """The body and content type httpx (as a browser would) sends for ``fields``."""
    request = httpx.Request("POST", "http://127.0.0.1/", data=fields, files={"f": b"x"})
    return request.read(), request.headers["content-type"]


@given(st.binary(max_size=300), st.text(max_size=80))
def test_any_body_under_any_content_type_reads_as_text_fields(body: bytes, kind: str) -> None:
    values = read_form(body, kind, KEYS)
    assert set(values) <= KEYS
    assert all(isinstance(value, str) for value in values.values())


@given(st.binary(max_size=300))
def test_any_body_under_a_multipart_boundary_reads_as_text_fields(body: bytes) -> None:
    values = read_form(
        b"--b\r\n" + body + b"\r\n--b--\r\n", "multipart/form-data; boundary=b", KEYS
    )
    assert set(values) <= KEYS


@given(_VALUES)
def test_a_multipart_form_reads_as_the_same_form_urlencoded(fields: dict[str, str]) -> None:
    body, kind = _multipart(fields)
    as_multipart = read_form(body, kind, KEYS)
    urlencoded = read_form(urlencode(fields).encode(), "application/x-www-form-urlencoded", KEYS)
    assert as_multipart == urlencoded == {k: v for k, v in fields.items() if v}


def test_a_boundary_inside_a_line_is_text_and_an_encoded_part_is_decoded() -> None:
    body = (
        b'--b\r\nContent-Disposition: form-data; name="text"\r\n\r\nsee --b and\r\n--bx here'
        b'\r\n--b\r\nContent-Disposition: form-data; name="name"\r\n'
        b"Content-Transfer-Encoding: base64\r\n\r\n546L5aWz5aOr\r\n--b--\r\n"
    )
    values = read_form(body, 'multipart/form-data; boundary="b"', KEYS)
    assert values == {"text": "see --b and\r\n--bx here", "name": "王女士"}


@given(_VALUES)
def test_a_multipart_form_with_bare_line_feeds_reads_as_with_crlf(fields: dict[str, str]) -> None:
    """Some clients end lines with LF alone; the MIME parser read those, and so does this."""
    assume(not any("\r" in v or "\n" in v for v in fields.values()))
    body, kind = _multipart(fields)
    assert read_form(body.replace(b"\r\n", b"\n"), kind, KEYS) == read_form(body, kind, KEYS)


@given(
    st.sampled_from(["idna", "punycode", "undefined", "rot13", "zlib", "gbk", "utf-16"])
    | st.text(min_size=1, max_size=20),
    st.binary(max_size=60),
)
def test_a_part_in_any_declared_charset_reads_as_text(charset: str, payload: bytes) -> None:
    """A charset whose codec takes no ``replace`` (idna, punycode) or refuses every text
    (undefined) is read as UTF-8, what browsers send, rather than failing the form."""
    assume("\r" not in charset and "\n" not in charset and '"' not in charset)
    assume(b"--b" not in payload and not payload.endswith(b"\r"))
    body = (
        b'--b\r\nContent-Disposition: form-data; name="text"\r\n'
        + f'Content-Type: text/plain; charset="{charset}"\r\n\r\n'.encode()
        + payload
        + b"\r\n--b--\r\n"
    )
    values = read_form(body, "multipart/form-data; boundary=b", KEYS)
    assert all(isinstance(value, str) for value in values.values())


def test_a_part_declared_in_idna_reads_as_utf8() -> None:
    body = (
        b'--b\r\nContent-Disposition: form-data; name="text"\r\n'
        b"Content-Type: text/plain; charset=idna\r\n\r\n" + "漏水".encode() + b"\r\n--b--\r\n"
    )
    assert read_form(body, "multipart/form-data; boundary=b", KEYS) == {"text": "漏水"}
