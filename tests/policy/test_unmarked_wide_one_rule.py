"""One rule tells UTF-16 or UTF-32 text saved with no byte order mark, for a policy file
and for an intake file (``complaintkit.model.unmarked_wide``). The policy's own rule called
a UTF-8 policy with one stray NUL byte "UTF-16 text" (its hint: save it as UTF-8, which it
was), and the intake's missed a wide header in Chinese (``投诉编号,客户,金额``), as it asked
for mostly Latin letters."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from complaintkit.errors import PolicyError
from complaintkit.model.unmarked_wide import unmarked_wide
from complaintkit.policy.encoding import policy_text

WIDE = ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"]
_MARKS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)  # UTF-32's begin with these


def _named(raw: bytes) -> str | None:
    """The wide encoding the policy reader names ``raw`` in, if any."""
    try:
        policy_text(raw, "policy.yaml")
    except PolicyError as refused:
        (problem,) = refused.problems
        for name in ("UTF-16", "UTF-32"):
            if f"the file is {name} text" in problem.message:
                return name
    return None


def test_a_utf8_policy_with_a_stray_nul_is_not_called_utf16() -> None:
    assert _named(b"complaintkit: 1\x00\nname: shop\n") is None


@pytest.mark.parametrize("codec", WIDE)
def test_a_chinese_header_in_a_wide_encoding_is_named(codec: str) -> None:
    assert unmarked_wide("投诉编号,客户,金额\r\n".encode(codec)) == codec


@example(b"complaintkit: 1\x00\nname: shop\n")
@example("投诉编号,客户,金额\n".encode("utf-16-le"))
@given(st.binary(max_size=80).filter(lambda raw: not raw.startswith(_MARKS)))
def test_the_policy_and_the_intake_name_the_same_unmarked_wide_text(raw: bytes) -> None:
    wide = unmarked_wide(raw)
    assert _named(raw) == (wide[:6].upper() if wide else None)
