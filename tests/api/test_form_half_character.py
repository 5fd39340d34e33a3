"""A form field ending in half a UTF-8 character is named unreadable, not read with a ``�``.

The mail channel reads UTF-8 a gateway cut short inside its last character as text ending
in U+FFFD (``mail_charsets.utf8_cut_short``); the form read its fields with the same
guess, so ``text=%C2%80%C2`` opened a case whose description ended in ``�``, a character
the customer never typed. No browser sends half a character: the field is now named as
unreadable, and the form is shown again asking for it, as for any byte that is no text."""

from __future__ import annotations

import pytest

from complaintkit.api.form_fields import read_fields

URLENCODED = "application/x-www-form-urlencoded"


@pytest.mark.parametrize(
    "value",
    [b"\xc2\x80\xc2", "漏水了三天".encode()[:-1], "Größe ok ü".encode()[:-1]],
)
def test_a_field_cut_inside_a_character_is_named_unreadable(value: bytes) -> None:
    unread: list[str] = []
    body = b"text=" + b"".join(b"%%%02X" % byte for byte in value)
    values, _ = read_fields(body, URLENCODED, {"text"}, unread)
    assert unread == ["text"]
    assert values["text"].encode("utf-8", "surrogatepass") != value
