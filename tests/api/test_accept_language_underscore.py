"""A language tag written with an underscore (``en_US``, as a program built on POSIX locale
names sends it, and as people type it) names the language before it, as ``en-US`` does;
it fell back to the default language, so an English reader got the Chinese page."""

from __future__ import annotations

import pytest

from complaintkit.api.wording import from_accept_language


@pytest.mark.parametrize(
    ("header", "default", "chosen"),
    [
        ("en_US", "zh", "en"),
        ("ZH_cn", "en", "zh"),
        ("zh_TW", "en", "zh"),
        ("en_GB;q=0.9, zh;q=0.8", "zh", "en"),
        ("fr_FR, en_US;q=0.5", "zh", "en"),
    ],
)
def test_a_tag_with_an_underscore_names_its_language(
    header: str, default: str, chosen: str
) -> None:
    assert from_accept_language(header, default) == chosen  # type: ignore[arg-type]


def test_a_tag_that_only_starts_like_a_language_is_no_match() -> None:
    assert from_accept_language("english, zhx", "zh") == "zh"
    assert from_accept_language("enx_US", "zh") == "zh"
