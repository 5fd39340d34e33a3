"""What the customer types is refused in the page's language, never with the model's
English words: a field holding only invisible characters (a zero-width space or a byte order
mark pasted with a copied order number, a stray direction mark) says nothing, so an optional
one is left out and a blank description is asked for; one the model cannot keep (a NUL, too
many characters) is named beside the field."""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from complaintkit.api.app import create_app
from complaintkit.api.wording import say
from complaintkit.desk import Desk
from complaintkit.model.complaint import MAX_ID_CHARS, MAX_SUBJECT_CHARS
from complaintkit.model.language import LANGS, Lang
from complaintkit.testing.server import running_server
from loopback import loopback_client

HTML = {"Accept": "text/html"}
INVISIBLE = ["\u200b", "\ufeff", " \u202e ", "\u2060\u00ad", "\u200e\u200f"]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[httpx.Client, Desk]]:
    path: Path = tmp_path_factory.mktemp("form") / "cases.db"
    desk = Desk(None, storage=f"sqlite:///{path}")
    with (
        desk.storage,
        running_server(create_app(desk)) as url,
        loopback_client(base_url=url) as client,
    ):
        yield client, desk


@pytest.mark.parametrize("field", ["name", "order_id"])
@pytest.mark.parametrize("invisible", INVISIBLE)
def test_an_optional_field_showing_nothing_is_left_out(
    served: tuple[httpx.Client, Desk], field: str, invisible: str
) -> None:
    client, desk = served
    answer = client.post("/?lang=zh", data={field: invisible, "text": "洗衣机漏水"}, headers=HTML)
    assert answer.status_code == 303, answer.text
    token = answer.headers["location"].split("/status/")[1].split("?")[0]
    case = desk.storage.find_by_token(token)
    assert case is not None
    assert case.complaint.order_id is None
    assert case.complaint.customer.name is None


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("invisible", INVISIBLE)
def test_a_description_showing_nothing_is_asked_for_in_the_page_language(
    served: tuple[httpx.Client, Desk], lang: Lang, invisible: str
) -> None:
    client, desk = served
    page = client.post(f"/?lang={lang}", data={"text": invisible}, headers=HTML)
    assert page.status_code == 422
    assert say("text_required", lang) in page.text
    assert desk.storage.dead_letters() == []


@pytest.mark.parametrize(
    ("field", "value", "phrase", "limit"),
    [
        ("text", "漏水\x00了", "field_not_text", None),
        ("name", "王\x00女士", "field_not_text", None),
        ("order_id", "A-1\x00", "field_not_text", None),
        ("name", "王" * 1001, "field_too_long", MAX_SUBJECT_CHARS),
        ("order_id", "9" * 257, "field_too_long", MAX_ID_CHARS),
    ],
)
@pytest.mark.parametrize("lang", LANGS)
def test_a_field_the_model_refuses_is_explained_in_the_page_language(
    served: tuple[httpx.Client, Desk],
    lang: Lang,
    field: str,
    value: str,
    phrase: str,
    limit: int | None,
) -> None:
    client, desk = served
    data = {"text": "洗衣机漏水", field: value}
    page = client.post(f"/?lang={lang}", data=data, headers=HTML)
    assert page.status_code == 422
    said = say(phrase, lang) if limit is None else say(phrase, lang, limit=f"{limit:,}")
    assert f'id="{field}-error">{html.escape(said)}<' in page.text
    assert desk.storage.dead_letters() == []
