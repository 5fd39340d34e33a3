"""The customer's pages served by ``complaintkit serve``: the form and the status page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest

from complaintkit.api.app import create_app
from complaintkit.api.form_complaint import MAX_TEXT
from complaintkit.api.pages import UPLOAD_MAX_BODY
from complaintkit.api.wording import from_accept_language, plain_time
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.language import detect_language
from complaintkit.policy.compiled import Policy, load_policy
from complaintkit.testing.server import running_server
from loopback import loopback_client

RETAIL = Path(__file__).resolve().parents[2] / "policies" / "retail" / "supermarket.yaml"
# 22:12 in Shanghai, after the store's 22:00 close; it opens again at 08:00
LATE_EVENING = datetime(2026, 12, 1, 14, 12, tzinfo=UTC)
HTML = {"Accept": "text/html,application/xhtml+xml", "Accept-Language": "zh-CN,zh;q=0.9"}
AGENT = "agent-token-0123456789"


@pytest.fixture(name="retail", scope="module")
def retail_fixture() -> Policy:
    """The shipped supermarket policy, loaded once: a policy is immutable."""
    return load_policy(RETAIL)


@pytest.fixture(name="served")
def served_fixture(tmp_path: Path, retail: Policy) -> Iterator[tuple[httpx.Client, Desk]]:
    desk = Desk(
        retail,
        storage=f"sqlite:///{tmp_path / 'cases.db'}",
        clock=ManualClock(LATE_EVENING),
    )
    app = create_app(desk, agent_tokens={AGENT: "li.na"})
    with desk.storage, running_server(app) as url, loopback_client(base_url=url) as client:
        yield client, desk


def text_of(page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def submit(client: httpx.Client, **fields: str) -> httpx.Response:
    return client.post("/?lang=zh", data=fields, headers=HTML)


def test_the_form_is_a_phone_ready_page_in_the_readers_language(
    served: tuple[httpx.Client, Desk],
) -> None:
    client, _ = served
    page = client.get("/", headers=HTML)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert '<html lang="zh-CN">' in page.text
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in page.text
    for field in ("name", "contact", "order_id", "text"):
        assert f'<label for="{field}">' in page.text
    english = client.get("/", headers={**HTML, "Accept-Language": "en-GB,en;q=0.8"})
    assert '<html lang="en">' in english.text
    assert "What happened?" in english.text


def test_head_of_the_form_answers_as_get_does_and_takes_nothing_in(
    served: tuple[httpx.Client, Desk],
) -> None:
    client, desk = served
    head = client.head("/", headers=HTML)
    assert head.status_code == 200
    assert head.headers["content-type"].startswith("text/html")
    assert head.headers["content-length"] == client.get("/", headers=HTML).headers["content-length"]
    assert desk.find() == []


def test_a_blank_description_is_refused_beside_its_field_keeping_what_was_typed(
    served: tuple[httpx.Client, Desk],
) -> None:
    client, desk = served
    page = submit(client, name="王女士", contact="13800001234", text="   ")
    assert page.status_code == 422
    assert 'aria-describedby="text-error" aria-invalid="true"' in page.text
    assert '<p class="error" id="text-error">请描述发生了什么。</p>' in page.text
    assert 'value="王女士"' in page.text
    assert 'value="13800001234"' in page.text
    assert "is required" not in page.text
    assert desk.find() == []


def test_fields_the_form_does_not_have_are_ignored(served: tuple[httpx.Client, Desk]) -> None:
    """A browser, an extension or a site's own template may add fields (a submit button's
    value, a CSRF token): the complaint is taken in all the same."""
    client, desk = served
    extra = {f"extra{n}": "x" for n in range(12)}
    sent = submit(client, text="牛奶变质了", contact="13800001234", submit="提交", **extra)
    assert sent.status_code == 303
    assert sent.headers["location"].startswith("/status/")
    assert [c.complaint.text for c in desk.find()] == ["牛奶变质了"]


def test_a_description_the_form_allows_is_taken_in_in_any_script(
    served: tuple[httpx.Client, Desk],
) -> None:
    """The form allows 10,000 characters; sent urlencoded, a Chinese one is nine bytes and
    an emoji twelve, far past the JSON endpoints' default body limit."""
    client, desk = served
    text = "冷" * 9_000 + "\U0001f621" * (MAX_TEXT - 9_000)
    sent = submit(client, name="王" * 1_000, contact="13800001234", order_id="订" * 256, text=text)
    assert sent.status_code == 303, sent.text[:300]
    assert [c.complaint.text for c in desk.find()] == [text]


def test_a_form_sent_as_multipart_is_taken_in_as_an_urlencoded_one_is(
    served: tuple[httpx.Client, Desk],
) -> None:
    """A site's own form with ``enctype="multipart/form-data"`` (one that also lets the
    customer attach a photo) was read as urlencoded: no field came through, so the customer
    saw the form again, empty, told to describe the problem they had just described."""
    client, desk = served
    fields = {"text": "牛奶变质了,退款", "name": "王女士", "contact": "13800001234"}
    photo = {"photo": ("milk.jpg", b"\xff\xd8\xff\xe0 not a real jpeg", "image/jpeg")}
    sent = client.post("/?lang=zh", data=fields, files=photo, headers=HTML)
    assert sent.status_code == 303, text_of(sent.text)[:300]
    (case,) = desk.find()
    assert case.complaint.text == "牛奶变质了,退款"
    assert case.complaint.customer.name == "王女士"


def test_a_form_with_a_phone_photo_attached_is_taken_in(
    served: tuple[httpx.Client, Desk],
) -> None:
    """A photo from a phone is megabytes: the whole form was refused as over the text
    limit, the customer told their description was too long and everything typed lost."""
    client, desk = served
    fields = {"text": "牛奶变质了,退款", "contact": "13800001234"}
    photo = {"photo": ("milk.jpg", b"\xff\xd8" + b"\x00" * 3_000_000, "image/jpeg")}
    sent = client.post("/?lang=zh", data=fields, files=photo, headers=HTML)
    assert sent.status_code == 303, text_of(sent.text)[:300]
    (case,) = desk.find()
    assert case.complaint.text == "牛奶变质了,退款"


def test_a_form_whose_attachment_is_too_big_is_the_form_again_with_what_was_typed(
    served: tuple[httpx.Client, Desk],
) -> None:
    """Over even the upload limit, the fields sent before the file are shown again, and the
    customer is told it was the attachment, not their description."""
    client, desk = served
    fields = {"text": "牛奶变质了,退款", "name": "王女士", "contact": "13800001234"}
    photo = {"photo": ("milk.jpg", b"\x00" * (UPLOAD_MAX_BODY + 1), "image/jpeg")}
    page = client.post("/?lang=zh", data=fields, files=photo, headers=HTML)
    assert page.status_code == 413
    assert "牛奶变质了,退款</textarea>" in page.text
    assert 'value="王女士"' in page.text
    assert '<p class="error" id="text-error">附件太大' in page.text
    assert "描述太长了" not in page.text
    assert desk.find() == []


@pytest.mark.parametrize(
    "body",
    [b"", b"--x\r\nContent-Disposition: form-data; name=text\r\n\r\n", b"\xff" * 100],
    ids=["empty", "cut short", "no parts"],
)
def test_a_broken_multipart_form_is_the_form_again(
    served: tuple[httpx.Client, Desk], body: bytes
) -> None:
    client, desk = served
    headers = {**HTML, "Content-Type": "multipart/form-data; boundary=x"}
    page = client.post("/?lang=zh", content=body, headers=headers)
    assert page.status_code == 422
    assert 'name="text"' in page.text
    assert desk.find() == []


def test_a_form_too_big_to_read_is_the_form_again_in_the_browsers_language(
    served: tuple[httpx.Client, Desk],
) -> None:
    client, desk = served
    for body in (b"text=" + b"x" * 1_000_000, iter([b"text=", b"x" * 1_000_000])):  # chunked too
        page = client.post("/?lang=zh", content=body, headers=HTML)
        assert page.status_code == 413
        assert page.headers["content-type"].startswith("text/html")
        assert '<p class="error" id="text-error">描述太长了' in page.text
    assert desk.find() == []


def test_a_contact_with_two_addresses_is_refused(served: tuple[httpx.Client, Desk]) -> None:
    client, desk = served
    page = submit(client, contact="victim@x.example, attacker@y.example", text="牛奶变质")
    assert page.status_code == 422
    assert 'id="contact-error"' in page.text
    assert desk.find() == []


def test_after_hours_food_safety_complaint_is_told_when_we_open_in_local_time(
    served: tuple[httpx.Client, Desk],
) -> None:
    client, desk = served
    sent = submit(client, name="王女士", contact="13800001234", text="买的牛奶变质了,喝了拉肚子")
    assert sent.status_code == 303
    status_url = sent.headers["location"]
    page = client.get(status_url, headers=HTML)
    assert page.status_code == 200
    text = text_of(page.text)
    assert '<html lang="zh-CN">' in page.text
    assert "已收到,等待受理" in text
    assert "产品投诉" in text  # the policy's label, not the id 'product'
    assert "今天 22:12" in text  # received, in Shanghai time
    # urgent: someone answers within two hours of the store's day, so the customer is told
    # it came in after hours and when the store opens (the night's two real hours were due
    # at 00:12 with no one there)
    assert "下班后" in text
    assert "明天 08:00" in text
    assert re.search(r"首次答复不晚于 明天 10:00", text)
    assert "处理完成不晚于 明天 22:12" in text
    assert "请保存本页链接" in text
    assert "+00:00" not in page.text
    assert "received" not in text
    (case,) = desk.find()
    assert case.complaint.received_at.utcoffset() is not None
    assert case.complaint.received_at.isoformat().endswith("+08:00")


def test_the_status_page_shows_the_agents_reply(served: tuple[httpx.Client, Desk]) -> None:
    client, desk = served
    status_url = submit(client, contact="a@shop.example", text="面包发霉了").headers["location"]
    (case,) = desk.find()
    desk.respond(case.id, "非常抱歉,我们已安排退款。", actor="li.na")
    text = text_of(client.get(status_url, headers=HTML).text)
    assert "非常抱歉,我们已安排退款。" in text
    assert "已答复" in text
    assert "下班后" not in text  # answered: the after-hours note has served its purpose


def test_api_clients_still_get_json(served: tuple[httpx.Client, Desk]) -> None:
    client, _ = served
    status_url = submit(client, text="面包发霉了").headers["location"].split("?")[0]
    data = client.get(status_url, headers={"Accept": "application/json"}).json()
    assert data["status"] == "received"
    missing = client.get("/status/nope", headers=HTML)
    assert missing.status_code == 404
    assert "找不到这个投诉" in missing.text


def test_two_customers_with_one_name_are_two_customers(served: tuple[httpx.Client, Desk]) -> None:
    client, desk = served
    submit(client, name="王女士", contact="13800001234", text="面包发霉了")
    submit(client, name="王女士", contact="13900005678", text="牛奶变质了")
    first, second = desk.find()
    assert first.complaint.customer.id != second.complaint.customer.id
    assert "repeat" not in second.tags


def test_an_after_hours_complaint_is_told_when_we_open(served: tuple[httpx.Client, Desk]) -> None:
    client, _ = served
    sent = submit(client, contact="13800001234", text="收银员态度很差")  # normal: 24 hours
    text = text_of(client.get(sent.headers["location"], headers=HTML).text)
    assert "您的投诉是在我们下班后收到的。我们将于 明天 08:00 (UTC+8) 上班后处理。" in text
    assert "首次答复不晚于 明天 22:12" in text


def test_an_english_complaint_reads_in_english(served: tuple[httpx.Client, Desk]) -> None:
    client, _ = served
    sent = client.post("/", data={"text": "The cashier was rude"}, headers={"Accept": "text/html"})
    page = client.get(sent.headers["location"].split("?")[0], headers={"Accept": "text/html"})
    assert '<html lang="en">' in page.text
    assert (
        "We received your complaint after working hours. We open again tomorrow at 08:00 (UTC+8)."
        in text_of(page.text)
    )


def test_language_helpers() -> None:
    assert detect_language("牛奶变质了") == "zh"
    assert detect_language("The milk went off") == "en"
    assert detect_language("订单 A-1234 milk 变质") == "zh"
    assert from_accept_language("en-US,en;q=0.9,zh;q=0.8") == "en"
    assert from_accept_language("fr-FR, zh-TW;q=0.5") == "zh"
    assert from_accept_language(None, "en") == "en"
    now = datetime(2026, 12, 1, 14, 12, tzinfo=UTC)
    shanghai = ZoneInfo("Asia/Shanghai")
    assert plain_time(now, shanghai, now, "zh") == "今天 22:12 (UTC+8)"
    assert (
        plain_time(datetime(2026, 12, 4, 1, 0, tzinfo=UTC), shanghai, now, "zh")
        == "12月4日(周五) 09:00 (UTC+8)"
    )
    assert (
        plain_time(datetime(2026, 12, 4, 1, 0, tzinfo=UTC), shanghai, now, "en")
        == "Fri 4 Dec at 09:00 (UTC+8)"
    )


def test_a_day_in_another_year_names_its_year() -> None:
    """A status link kept from last year (or a deadline past New Year) shows the date with
    its year: "Tue 1 Dec" alone reads as this year's 1 December, which is another weekday."""
    shanghai = ZoneInfo("Asia/Shanghai")
    received = datetime(2026, 12, 1, 1, 30, tzinfo=UTC)  # 09:30 in Shanghai
    later = datetime(2027, 3, 2, 4, 0, tzinfo=UTC)
    assert plain_time(received, shanghai, later, "zh") == "2026年12月1日(周二) 09:30 (UTC+8)"
    assert plain_time(received, shanghai, later, "en") == "Tue 1 Dec 2026 at 09:30 (UTC+8)"
    new_year = datetime(2027, 1, 4, 1, 0, tzinfo=UTC)
    assert plain_time(new_year, shanghai, received, "zh") == "2027年1月4日(周一) 09:00 (UTC+8)"
    # the day after New Year's Eve is still "tomorrow"
    eve = datetime(2026, 12, 31, 4, 0, tzinfo=UTC)
    assert plain_time(datetime(2027, 1, 1, 1, 0, tzinfo=UTC), shanghai, eve, "en") == (
        "tomorrow at 09:00 (UTC+8)"
    )


def test_the_contact_field_takes_a_phone_or_an_email(served: tuple[httpx.Client, Desk]) -> None:
    """A phone keypad (``type="tel"``) has no @, so an e-mail address could not be typed."""
    client, _ = served
    for page in (client.get("/", headers=HTML), submit(client, contact="13800001234", text=" ")):
        (control,) = re.findall(r'<input id="contact"[^>]*>', page.text)
        assert 'type="text"' in control
        assert 'autocomplete="email"' in control


def test_pages_showing_the_token_are_never_stored_nor_referred(
    served: tuple[httpx.Client, Desk],
) -> None:
    """The URL's token is the status page's only protection: no cache keeps it and no link
    followed from it passes it on."""
    client, _ = served
    sent = submit(client, contact="13800001234", text="面包发霉了")
    status_url = sent.headers["location"]
    answers = [
        sent,
        client.get(status_url, headers=HTML),
        client.get(status_url, headers={"Accept": "application/json"}),
        client.get("/status/nope", headers=HTML),
    ]
    for answer in answers:
        assert answer.headers["cache-control"] == "no-store"
        assert answer.headers["referrer-policy"] == "no-referrer"


def test_every_page_forbids_scripts_and_content_sniffing(
    served: tuple[httpx.Client, Desk],
) -> None:
    """The pages show what customers typed; escaping keeps it text, and a policy that
    allows no script, no plug-in and no form sent elsewhere keeps a slip in escaping from
    running anything. No page had one, nor ``nosniff``."""
    client, _ = served
    sent = submit(client, contact="13800001234", text="<script>alert(1)</script>")
    pages = [
        client.get("/", headers=HTML),
        submit(client, text=" "),  # the form again, with its error
        client.get(sent.headers["location"], headers=HTML),
        client.get("/status/nope", headers=HTML),
    ]
    for page in pages:
        assert page.headers["content-type"].startswith("text/html")
        policy = {
            part.split()[0]: part.split()[1:]
            for part in page.headers["content-security-policy"].split(";")
        }
        assert policy["default-src"] == ["'none'"]
        assert "script-src" not in policy  # default-src 'none' covers scripts
        assert policy["form-action"] == ["'self'"]
        assert policy["base-uri"] == ["'none'"]
        assert page.headers["x-content-type-options"] == "nosniff"
        assert "<script>" not in page.text


def test_a_form_whose_description_is_too_long_keeps_what_was_typed(
    served: tuple[httpx.Client, Desk],
) -> None:
    """The customer who typed too much gets back their name and contact, sent before the
    description; the description, cut off mid-character, is not shown as other words."""
    client, desk = served
    fields = {"name": "王女士", "contact": "13800001234", "text": "漏" * 1_000_000}
    page = client.post("/?lang=zh", data=fields, headers=HTML)
    assert page.status_code == 413
    assert 'value="王女士"' in page.text
    assert 'value="13800001234"' in page.text
    assert 'id="text" name="text" required' in page.text
    assert "></textarea>" in page.text  # the browser's back button still holds it
    assert '<p class="error" id="text-error">描述太长了' in page.text
    assert desk.find() == []
