"""Hostile values in every field of a complaint, agent step and form, straight to the
application: lone surrogates, NUL and other control characters, numbers past any float,
integers of thousands of digits, nesting past the limit, odd ``Content-Type``s. Each
request is answered below 500; a complaint taken in holds exactly what was sent, and one
refused is kept whole as a dead letter its request id locates."""

from __future__ import annotations

import asyncio
import json
from collections.abc import MutableMapping
from typing import Any

import attrs
from hypothesis import event, example, given, settings
from hypothesis import strategies as st

from complaintkit.api.app import create_app
from complaintkit.api.unsigned_keys import own_key
from complaintkit.desk import Desk
from complaintkit.testing.storage_contract import make_complaint

AGENT = "agent-token-0123456789"
DESK = Desk()
APP = create_app(  # every refused body kept, however many the examples send
    DESK, agent_tokens={AGENT: "li.na"}, max_body=20_000, refusals_kept=10_000
)
OPEN = DESK.intake(make_complaint("OPEN"))

hostile_chars = st.sampled_from(
    ["\x00", "\ud800", "\udfff", "\u202e", "\ufeff", "\x1b", "\u2028", "\U0001f600", "漏水"]
)
plain_text = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=12)
hostile_text = plain_text | st.lists(hostile_chars | plain_text, max_size=6).map("".join)
numbers = (
    st.sampled_from(
        ["1e400", "-1e400", "1e-400", "-0", "0.0000000001", "9" * 450, "1" + "0" * 20, "NaN"]
    ).map(json.loads)
    | st.integers()
    | st.floats()
)
scalars = st.none() | st.booleans() | numbers | hostile_text
nested = st.integers(20, 40).map(lambda depth: json.loads("[" * depth + "]" * depth))
values = st.recursive(
    scalars | nested,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(hostile_text, inner, max_size=3),
    max_leaves=8,
)
money = st.fixed_dictionaries(
    {"amount": numbers | st.text(max_size=10), "currency": st.sampled_from(["CNY", "JPY", "cny"])}
)
customers = st.fixed_dictionaries(
    {"id": hostile_text | st.just("c")},
    optional={"name": hostile_text, "contact": hostile_text, "tier": hostile_text},
)
complaints = st.fixed_dictionaries(
    {
        "external_id": plain_text | hostile_text,
        "customer": customers | customers | values,
        "text": plain_text.filter(str.strip) | hostile_text,
    },
    optional={
        "subject": hostile_text,
        "amount": money | values,
        "language": st.sampled_from(["zh", "en", "fr"]) | hostile_text,
        "order_id": hostile_text | numbers,
        "received_at": st.sampled_from(["1e400", "2026-12-04T09:30:00+08:00"]) | values,
        "attributes": values,
    },
)
content_types = st.sampled_from(
    [b"application/json"] * 4
    + [b"text/plain", b"application/xml", b"application/json; charset=gbk"]
)


def call(
    path: str, body: bytes, headers: list[tuple[bytes, bytes]]
) -> tuple[int, dict[bytes, bytes], bytes]:
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": headers,
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80),
    }
    arriving = [{"type": "http.request", "body": body, "more_body": False}]
    sent: list[MutableMapping[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return arriving.pop(0) if arriving else {"type": "http.disconnect"}

    async def send(message: MutableMapping[str, Any]) -> None:
        sent.append(message)

    asyncio.run(APP(scope, receive, send))
    return (
        sent[0]["status"],
        dict(sent[0]["headers"]),
        b"".join(m.get("body", b"") for m in sent[1:]),
    )


def encoded(data: Any, ascii_only: bool) -> bytes:
    text = json.dumps(data, ensure_ascii=ascii_only)
    return text.encode("utf-8", "surrogatepass")


@settings(max_examples=400, deadline=None)
@given(complaint=complaints, ascii_only=st.booleans(), kind=content_types)
@example(
    complaint={"external_id": "\ud800\udfff", "text": "\ud800\udfff", "customer": {"id": "c"}},
    ascii_only=True,
    kind=b"application/json",
)
def test_any_complaint_is_taken_whole_or_refused_and_kept(
    complaint: dict[str, Any], ascii_only: bool, kind: bytes
) -> None:
    body = encoded(complaint, ascii_only)
    before = len(DESK.storage.dead_letters())
    status, _, answer = call("/complaints", body, [(b"content-type", kind)])
    event(f"status {status}")
    assert status < 500, answer
    reply = json.loads(answer)
    if status in (200, 201):
        case = DESK.get(reply["case_id"])
        if status == 201:  # as JSON reads it: "\ud800\udfff", a pair, is one character
            sent = json.loads(body.decode("utf-8", "surrogatepass"))
            assert case.complaint.text == sent["text"]
            # or, its key held by another complaint, a key of its own (unsigned_keys)
            own = own_key(attrs.evolve(case.complaint, external_id=sent["external_id"]))
            assert case.complaint.external_id in (sent["external_id"], own.external_id)
        return
    assert reply["field"], reply
    kept = DESK.storage.dead_letters()[before:]
    assert [letter.raw for letter in kept] == [body], reply
    assert kept[0].source.startswith(f"http:http:{reply['request_id']}")


steps = st.sampled_from(["respond", "note", "transition", "resolve", "tag", "assign"])


@settings(max_examples=200, deadline=None)
@given(step=steps, data=st.dictionaries(hostile_text, values, max_size=4) | values)
def test_any_agent_step_body_is_a_change_or_a_named_4xx(step: str, data: Any) -> None:
    headers = [(b"authorization", f"Bearer {AGENT}".encode())]
    status, _, answer = call(f"/cases/{OPEN.id}/{step}", encoded(data, False), headers)
    assert status < 500, answer
    if status >= 400:
        assert json.loads(answer)["error"]


part_names = st.sampled_from(["text", "name", "contact", "order_id", "lang", "submission"])
part_heads = st.sampled_from(
    [
        'form-data; name="{name}"',
        "form-data; name={name}",
        'form-data; name="{name}"; filename="a.jpg"',
        "form-data; name*=utf-8''{name}",
        'form-data; name="{name}"; name="text"',
        'attachment; name="{name}"',
        "",
    ]
)
part_types = st.sampled_from(
    [
        "",
        "text/plain; charset=gbk",
        "text/plain; charset=\x00",
        "message/rfc822",
        "x/y; charset=utf-7",
    ]
)


@st.composite
def multipart_forms(draw: st.DrawFn) -> tuple[bytes, bytes]:
    boundary = draw(st.sampled_from(["b", "----x", "a b", "漏", ""]))
    parts = []
    for _ in range(draw(st.integers(0, 5))):
        # a head line given twice, alike or not, as a proxy adding its own above may
        heads = draw(st.lists(part_heads, min_size=1, max_size=2))
        kinds = draw(st.lists(part_types, min_size=1, max_size=2))
        value = draw(hostile_text).encode("utf-8", "surrogatepass")
        name = draw(part_names)
        lines = [f"Content-Disposition: {head.format(name=name)}" for head in heads if head]
        lines += [f"Content-Type: {kind}" for kind in kinds if kind]
        parts.append("\r\n".join(lines).encode("utf-8", "surrogatepass") + b"\r\n\r\n" + value)
    delimiter = f"--{boundary}".encode()
    body = b"".join(delimiter + b"\r\n" + part + b"\r\n" for part in parts) + delimiter + b"--"
    return f"multipart/form-data; boundary={boundary}".encode(), body


@settings(max_examples=200, deadline=None)
@given(form=multipart_forms())
def test_any_multipart_form_is_a_page_or_a_status_link(form: tuple[bytes, bytes]) -> None:
    kind, body = form
    for path in ("/", f"/status/{OPEN.status_token}/offers/o-1"):
        status, headers, answer = call(path, body, [(b"content-type", kind)])
        assert status < 500, answer
        assert headers.get(b"x-request-id"), answer
