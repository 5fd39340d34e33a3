"""A letter in the Chinese script its reader writes: Traditional for Taiwan, Hong Kong and
Macao, Simplified for the mainland and Singapore.

A Hong Kong policy writes its letters in ``zh`` (简体) and ``zh-Hant`` (繁體). A complaint
declaring ``zh-HK`` or ``zh-TW`` — as Hong Kong's and Taiwan's browsers and mail programs
write it — found ``zh`` by RFC 4647 lookup (strip the region, then match) and was answered
in Simplified characters, though the policy writes Traditional ones for it; and with
versions ``zh-CN`` and ``zh-TW`` only, a reader of ``zh-Hant`` got the first, ``zh-CN``. A
region implies its script, as CLDR's likely subtags say, and a version in the reader's
script is chosen before another of their language.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.language import written_in
from complaintkit.policy.compiled import load_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
POLICY = f"""
complaintkit: 1
extends: {BASE}
templates:
  ack:
    zh: {{subject: "简体", body: "我们已收到您的投诉。"}}
    zh-Hant: {{subject: "繁體", body: "我們已收到您的投訴。"}}
    en: {{subject: "English", body: "We received your complaint."}}
notifications:
  default_language: zh
  notifiers: {{log: {{type: log}}}}
  rules:
    - {{"on": opened, notify: [customer], via: log, template: ack}}
"""
NOON = datetime(2026, 12, 1, 4, 12, tzinfo=UTC)
TRADITIONAL = ["zh-HK", "zh-TW", "zh_TW", "ZH-MO", "zh-Hant", "zh-Hant-HK", "zh-yue-HK"]
SIMPLIFIED = ["zh", "zh-CN", "zh-SG", "zh-Hans", "zh-Hans-HK", "ZH"]


@pytest.mark.parametrize(
    ("declared", "subject"),
    [*((tag, "繁體") for tag in TRADITIONAL), *((tag, "简体") for tag in SIMPLIFIED)],
)
def test_the_letter_is_in_the_script_the_tag_implies(
    tmp_path: Path, declared: str, subject: str
) -> None:
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    desk = Desk(load_policy(tmp_path / "policy.yaml"), clock=ManualClock(NOON))
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "e-1",
            "received_at": NOON.isoformat(),
            "customer": {"id": "C-1", "contact": "chan@example.hk"},
            "text": "買的牛奶變質了",
            "language": declared,
        }
    )
    [delivery] = desk.storage.deliveries(case_id=case.id)
    assert delivery.outgoing.payload["subject"] == subject


REGIONAL = {"zh-CN": "简体", "zh-TW": "繁體", "en": "English"}


@pytest.mark.parametrize(
    ("tag", "key"),
    [
        ("zh-Hant", "zh-TW"),
        ("zh-HK", "zh-TW"),
        ("zh-Hant-HK", "zh-TW"),
        ("zh-Hans", "zh-CN"),
        ("zh-SG", "zh-CN"),
        ("zh", "zh-CN"),
        ("zh-TW", "zh-TW"),
        ("en-GB", "en"),
    ],
)
def test_a_version_in_the_readers_script_before_another_of_their_language(
    tag: str, key: str
) -> None:
    assert written_in(REGIONAL, tag) == key
    assert written_in(dict(reversed(REGIONAL.items())), tag) == key  # whatever the order
