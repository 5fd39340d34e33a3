"""A browser that refuses Chinese (``zh;q=0``) and names no other language the pages speak
gets the English page: the default, Chinese, was chosen for want of a language it
accepted, though it is the one language it said it would not read."""

from __future__ import annotations

import pytest

from complaintkit.api.wording import from_accept_language


@pytest.mark.parametrize(
    ("header", "default", "chosen"),
    [
        ("zh;q=0", "zh", "en"),
        ("zh;q=0, fr", "zh", "en"),
        ("fr, ZH;Q=0", "zh", "en"),
        ("zh-CN;q=0, *", "zh", "en"),
        ("en;q=0", "en", "zh"),
        ("zh;q=0.0, en;q=0", "zh", "zh"),  # both refused: the default, as with none named
        ("*;q=0", "zh", "zh"),
        ("zh-TW;q=0", "zh", "zh"),  # Taiwan's Chinese refused, not the page's Simplified
        ("zh;q=0, en;q=0.1", "zh", "en"),
    ],
)
def test_a_refused_default_gives_way_to_the_other_language(
    header: str, default: str, chosen: str
) -> None:
    assert from_accept_language(header, default) == chosen  # type: ignore[arg-type]
