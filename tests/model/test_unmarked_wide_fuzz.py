"""``unmarked_wide`` names the wide encoding of any line of Latin text encoded in it with
no mark, and names none for UTF-8 text without a NUL, whatever it holds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.model.unmarked_wide import unmarked_wide

WIDE = ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"]
#: Printable Latin text: control characters (U+007F to U+009F) are no text's, in a header
#: or a policy, and are told apart from 8-bit bytes read two at a time by being none.
latin = st.text(
    st.characters(min_codepoint=0x20, max_codepoint=0xFF, blacklist_categories=["Cc"]),
    min_size=1,
).filter(lambda text: any(c.isalnum() for c in text))


@settings(derandomize=True, max_examples=300)
@given(text=latin, codec=st.sampled_from(WIDE))
def test_latin_text_in_a_wide_encoding_is_named(text: str, codec: str) -> None:
    assert unmarked_wide((text + "\n").encode(codec)) == codec


@settings(derandomize=True, max_examples=300)
@given(text=st.text(st.characters(blacklist_characters="\x00", blacklist_categories=["Cs"])))
def test_utf8_text_without_a_nul_is_named_none(text: str) -> None:
    assert unmarked_wide(text.encode("utf-8")) is None
