"""``LetterVersions`` reads a complaint's text only as far as a template's versions need,
and picks what ``NotificationPolicy.template`` picks for the language the text shows."""

from __future__ import annotations

import itertools

import pytest

from complaintkit.errors import Location
from complaintkit.model.language import written_tag
from complaintkit.notify.letter_versions import LetterVersions
from complaintkit.notify.policy import NotificationPolicy, compile_notifications

TEXTS = [
    "The milk I bought was sour, I want a refund",
    "买的牛奶变质了，请尽快处理",  # noqa: RUF001 -- Chinese punctuation
    "買的牛奶變質了，請盡快處理",  # noqa: RUF001 -- Chinese punctuation
    "订单 A12345 https://shop.example/a",
    "12345 ###",
    "",
]
DECLARED = [None, "", "en", "zh", "zh-CN", "zh-TW", "zh-Hant", "fr", "EN-us"]
WRITTEN_IN = [
    ("zh", "en"),
    ("zh-Hant", "zh", "en"),
    ("zh-TW", "zh-CN"),
    ("zh-HK", "en"),
    ("en",),
    ("ja", "fr"),
]


def _policy(languages: tuple[str, ...], default: str | None) -> NotificationPolicy:
    templates = {"ack": {tag: {"subject": f"{tag} {{case.id}}", "body": "."} for tag in languages}}
    section = {"notifiers": {"log": {"type": "log"}}, "rules": []}
    if default is not None:
        section["default_language"] = default
    return compile_notifications(
        templates, section, locate=lambda path: Location("policy.yaml", path=path)
    )


@pytest.mark.parametrize(
    ("languages", "default"), list(itertools.product(WRITTEN_IN, [None, "zh", "en", "zh-TW"]))
)
def test_the_version_is_the_one_the_text_shows(
    languages: tuple[str, ...], default: str | None
) -> None:
    policy = _policy(languages, default)
    versions = LetterVersions(policy)
    for declared, text in itertools.product(DECLARED, TEXTS):
        [picked] = versions.versions(["ack"], declared, text)
        assert picked == policy.template("ack", declared, written_tag(text)), (declared, text)


def test_a_template_written_once_does_not_read_the_text() -> None:
    versions = LetterVersions(_policy(("en",), "zh"))
    unreadable = object()  # reading it would fail: no string
    [(language, _)] = versions.versions(["ack"], None, unreadable)  # type: ignore[arg-type]
    assert language == "en"
