"""A complaint whose words show no language — an order number, a tracking code, emoji —
is shown in the reader's language, not in English by default.

The status page is in ``?lang``, else the complaint's language (declared, or read from its
script), else the browser's ``Accept-Language``; a text with neither Chinese characters nor
Latin words has no script to read, so a Chinese browser gets the Chinese page. The form
records the language of the page it was typed into for such a text, so the letters follow.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.api.app import create_app
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.language import language_of
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.server import running_server
from loopback import loopback_client

RETAIL = Path(__file__).resolve().parents[2] / "policies" / "retail" / "supermarket.yaml"
NOW = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)
CHINESE = {"Accept": "text/html", "Accept-Language": "zh-CN,zh;q=0.9"}
ENGLISH = {"Accept": "text/html", "Accept-Language": "en-GB,en;q=0.9"}
WORDLESS = "SF1234567890 \U0001f621\U0001f621 ???"


@pytest.fixture(name="served")
def served_fixture(tmp_path: Path) -> Iterator[tuple[httpx.Client, Desk]]:
    desk = Desk(
        load_policy(RETAIL), storage=f"sqlite:///{tmp_path / 'cases.db'}", clock=ManualClock(NOW)
    )
    with (
        desk.storage,
        running_server(create_app(desk)) as url,
        loopback_client(base_url=url) as client,
    ):
        yield client, desk


def _status_path(client: httpx.Client, key: str, text: str) -> str:
    sent = client.post(
        "/complaints", json={"external_id": key, "customer": {"id": key}, "text": text}
    )
    assert sent.status_code == 201
    return str(sent.json()["status_url"])


def _page_lang(client: httpx.Client, path: str, headers: dict[str, str]) -> str:
    page = client.get(path, headers=headers)
    assert page.status_code == 200
    found = re.search(r'<html lang="([^"]+)">', page.text)
    assert found is not None
    return found.group(1)


def test_a_wordless_complaint_is_shown_in_the_browsers_language(
    served: tuple[httpx.Client, Desk],
) -> None:
    client, _ = served
    path = _status_path(client, "wordless", WORDLESS)
    assert _page_lang(client, path, CHINESE) == "zh-CN"
    assert _page_lang(client, path, ENGLISH) == "en"
    assert _page_lang(client, f"{path}?lang=en", CHINESE) == "en"


def test_a_complaint_in_words_keeps_its_own_language_whatever_the_browser(
    served: tuple[httpx.Client, Desk],
) -> None:
    client, _ = served
    english = _status_path(client, "english", "The parcel SF1234567890 never came")
    chinese = _status_path(client, "chinese", "快递 SF1234567890 没到")
    assert _page_lang(client, english, CHINESE) == "en"
    assert _page_lang(client, chinese, ENGLISH) == "zh-CN"


def test_the_form_records_its_pages_language_for_a_wordless_complaint(
    served: tuple[httpx.Client, Desk],
) -> None:
    client, desk = served
    for n, lang in enumerate(("zh", "en")):
        sent = client.post(f"/?lang={lang}", data={"text": f"{WORDLESS} {n}"}, headers=CHINESE)
        assert sent.status_code == 303
    languages = sorted(case.complaint.language or "" for case in desk.find())
    assert languages == ["en", "zh"]


_NO_WORDS = st.text(
    st.characters(
        blacklist_categories=("Lu", "Ll", "Lt", "Lm", "Lo", "Cs"),
    )
)


@given(_NO_WORDS, st.sampled_from(("zh", "en")))
def test_text_without_letters_takes_the_fallback(text: str, fallback: str) -> None:
    assert language_of(None, text, fallback) == fallback  # type: ignore[arg-type]
