"""Every invisible format character (Unicode's category Cf) in customer text reaching a mail
is shown as ``[U+XXXX]``: the left-to-right and right-to-left marks (U+200E, U+200F), the
Arabic letter mark (U+061C), the zero width space, the word joiner, the byte order mark, the
tag characters that spell hidden text. Only the bidi overrides, embeddings and isolates were,
so a mark could still turn what a reader sees (``\u200f`` before a number puts it on the other
side). The joiners (U+200C, U+200D), which emoji sequences and joining scripts need, and an
emoji flag's tag sequence stay as they are (a real SMTP server on loopback)."""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.notify.base import Message
from complaintkit.notify.smtp import SmtpNotifier
from complaintkit.notify.visible_text import visible
from smtp_inbox import ParsedInbox, receiving

JOINERS = {"\u200c", "\u200d"}
FORMAT = [
    chr(point)
    for point in range(sys.maxunicode + 1)
    if unicodedata.category(chr(point)) == "Cf" and chr(point) not in JOINERS
]
#: England's flag: the black flag, the tags "gbeng", the cancel tag.
ENGLAND = "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"


@pytest.mark.parametrize("hidden", ["\u200e", "\u200f", "\u061c", "\u2066", "\u2069"])
def test_a_mark_is_shown(hidden: str) -> None:
    assert visible(f"paid {hidden}100 yuan") == f"paid [U+{ord(hidden):04X}]100 yuan"


def test_every_format_character_but_the_joiners_is_shown() -> None:
    text = "".join(FORMAT)
    assert visible(text) == "".join(f"[U+{ord(hidden):04X}]" for hidden in FORMAT)


@pytest.mark.parametrize(
    "kept",
    [
        "\U0001f468\u200d\U0001f469\u200d\U0001f467",  # a family: joined emoji
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # Persian, a non-joiner in a word
        ENGLAND,
        f"Go {ENGLAND}!",
    ],
)
def test_joiners_and_a_flags_tags_are_kept(kept: str) -> None:
    assert visible(kept) == kept


def test_tags_outside_a_flag_are_shown() -> None:
    smuggled = "ok" + "".join(chr(0xE0000 + ord(letter)) for letter in "hi")
    assert visible(smuggled) == "ok[U+E0068][U+E0069]"
    assert visible("\U0001f3f4\U000e007f") == "\U0001f3f4[U+E007F]"


@settings(max_examples=200)
@given(st.text())
def test_no_hidden_format_character_is_left(text: str) -> None:
    shown = visible(text).replace(ENGLAND, "")
    assert not {c for c in shown if unicodedata.category(c) in {"Cf", "Cc"}} - JOINERS
    assert visible(visible(text)) == visible(text)


@pytest.fixture(name="server", scope="module")
def server_fixture() -> Iterator[tuple[ParsedInbox, int]]:
    with receiving(ParsedInbox()) as server:
        yield server


def test_marks_reach_a_mail_shown(server: tuple[ParsedInbox, int]) -> None:
    inbox, port = server
    notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=port, timeout=5)
    notifier.send(
        Message(
            to="\u200fSam\u200b <sam@example.com>",
            subject="refund \u200e\u061c42",
            body="we owe you \u2060\ufeff42",
            delivery_id="d-1",
        )
    )
    (arrived,) = inbox.received
    assert arrived["To"].addresses[0].display_name == "[U+200F]Sam[U+200B]"
    assert str(arrived["Subject"]) == "refund [U+200E][U+061C]42"
    assert arrived.get_content().strip() == "we owe you [U+2060][U+FEFF]42"
