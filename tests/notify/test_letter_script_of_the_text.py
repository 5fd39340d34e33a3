"""A complaint that names no language is answered in the script of Chinese it is written in.

A Hong Kong policy writes its letters in ``zh`` (简体) and ``zh-Hant`` (繁體). A complaint
declaring ``zh-HK`` got the Traditional letter, but one declaring nothing — a web form
sent without a language, an e-mail without ``Content-Language``, a review taken from a
delivery app — was read as ``zh`` by its text and answered in Simplified characters,
though it was written in Traditional ones (送餐很快 大熱天 辛苦配送師傅了, a review from the waimai sample,
as are the others here); so was one declaring Cantonese (``yue-HK``), for which the
policy has no letter. The text's script now chooses, as a declared region's would.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_letter_chinese_script import NOON, POLICY

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.language import written_tag
from complaintkit.notify.reader_language import reader_language
from complaintkit.policy.compiled import load_policy

TRADITIONAL = (
    "送餐很快\uff0c大熱天\uff0c辛苦配送師傅了",
    "餐品送錯\uff0c告知也不理睬\uff0c不負責任",
    "兩個小時才到\uff0c肘子肉糙",
)
SIMPLIFIED = (
    "送餐很快\uff0c大热天\uff0c辛苦配送师傅了",
    "餐品送错\uff0c告知也不理睬\uff0c不负责任",
    "很快\uff0c好吃\uff0c味道足\uff0c量大",
)


def _subject(tmp_path: Path, text: str, language: str | None) -> str:
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    policy = load_policy(tmp_path / "policy.yaml")
    desk = Desk(policy, clock=ManualClock(NOON))
    complaint = {
        "channel": "web",
        "external_id": "e-1",
        "received_at": NOON.isoformat(),
        "customer": {"id": "C-1", "contact": "chan@example.hk"},
        "text": text,
    }
    case = desk.intake(complaint | ({} if language is None else {"language": language}))
    [delivery] = desk.storage.deliveries(case_id=case.id)
    return str(delivery.outgoing.payload["subject"])


@pytest.mark.parametrize("text", TRADITIONAL)
@pytest.mark.parametrize("language", [None, "yue-HK"])
def test_a_text_in_traditional_characters_is_answered_in_them(
    tmp_path: Path, text: str, language: str | None
) -> None:
    assert _subject(tmp_path, text, language) == "繁體"


@pytest.mark.parametrize("text", SIMPLIFIED)
def test_a_text_in_simplified_characters_is_answered_in_them(tmp_path: Path, text: str) -> None:
    assert _subject(tmp_path, text, None) == "简体"


def test_what_is_written_about_it_elsewhere_reads_as_its_letters(tmp_path: Path) -> None:
    """An incident's notices, which ``reader_language`` chooses the language of."""
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    policy = load_policy(tmp_path / "policy.yaml")
    desk = Desk(policy, clock=ManualClock(NOON))
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "e-1",
            "received_at": NOON.isoformat(),
            "customer": {"id": "C-1"},
            "text": TRADITIONAL[0],
        }
    )
    assert reader_language(policy.notifications, case.complaint) == "zh-Hant"


def test_a_declared_script_still_wins(tmp_path: Path) -> None:
    assert _subject(tmp_path, TRADITIONAL[0], "zh-CN") == "简体"


@given(st.text(st.sampled_from("牛奶变质退款很快好吃味道\uff0c。ABC 123")))
def test_a_text_of_neither_script_reads_as_before(text: str) -> None:
    assert written_tag(text) in ("zh", "en", None)
