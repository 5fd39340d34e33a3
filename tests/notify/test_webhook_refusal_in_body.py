"""A chat robot's webhook (DingTalk, WeCom, Feishu) answers ``200 OK`` to what it refused,
its verdict in the JSON body: ``{"errcode": 310000, "errmsg": "keywords not in content"}``,
``{"code": 19021, "msg": "sign match fail …"}``. Such an answer was counted as delivered, the
message lost; it is a failed attempt naming the code and the message, retried for a code
that says "busy" or "too fast", else final, a dead letter at once (real receivers on
loopback, answering raw bytes)."""

from __future__ import annotations

import json

import pytest
from canned_receiver import Receiver, failure_of, ok_answer, posted_twice
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

REFUSED = {
    "dingtalk": ({"errcode": 310000, "errmsg": "keywords not in content"}, "errcode 310000"),
    "wecom": ({"errcode": 93000, "errmsg": "invalid webhook url"}, "errcode 93000"),
    "feishu": (
        {"code": 19021, "data": {}, "msg": "sign match fail or timestamp is not within one hour"},
        "code 19021",
    ),
    "feishu-v1": ({"StatusCode": 19024, "StatusMessage": "Key Words Not Found"}, "code 19024"),
}


@pytest.mark.parametrize("kind", sorted(REFUSED))
def test_a_refusal_in_a_200_is_a_final_failure_naming_code_and_message(kind: str) -> None:
    body, code = REFUSED[kind]
    failed = failure_of(ok_answer(json.dumps(body).encode()))
    assert failed is not None
    said = str(failed)
    assert "HTTP 200" in said
    assert code in said
    words = body.get("errmsg") or body.get("msg") or body.get("StatusMessage")
    assert str(words) in said
    assert failed.final


@pytest.mark.parametrize(
    "body",
    [
        {"errcode": -1, "errmsg": "system busy"},
        {"errcode": 130101, "errmsg": "send too fast, exceed 20 times per minute"},
        {"errcode": 410100, "errmsg": "send too fast"},
        {"code": 11232, "msg": "frequency limited"},
    ],
)
def test_busy_or_too_fast_is_retried(body: dict[str, object]) -> None:
    failed = failure_of(ok_answer(json.dumps(body).encode()))
    assert failed is not None
    assert not failed.final


@pytest.mark.parametrize(
    "body",
    [
        b'{"errcode": 0, "errmsg": "ok"}',
        b'{"code": 0, "msg": "success", "data": {}}',
        b'{"StatusCode": 0, "StatusMessage": "success", "Extra": null}',
        b"",
        b"ok",
        b"<html>thanks</html>",
        b'{"code": 201}',  # no message beside it: a receiver's own field, not a verdict
        b'{"errcode": "310000", "errmsg": "x"}',  # a code that is no number is no verdict
        b"[1, 2]",
        b'{"errcode": 1e400, "errmsg": "x"}',
    ],
)
def test_an_answer_holding_no_refusal_is_delivered(body: bytes) -> None:
    assert failure_of(ok_answer(body)) is None


def test_a_refused_delivery_is_a_dead_letter_holding_the_reason() -> None:
    body = json.dumps({"errcode": 300001, "errmsg": "token is not exist"}).encode()
    receiver = Receiver(ok_answer(body))
    try:
        report, storage = posted_twice(receiver)
    finally:
        receiver.close()
    assert (report.delivered, report.dead) == (0, 1)
    assert receiver.requests == 1  # not posted again
    (letter,) = storage.dead_letters()
    assert letter.source.startswith("notify:ops:")
    assert "errcode 300001" in letter.reason
    assert "token is not exist" in letter.reason


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=40)
@given(
    code=st.integers(min_value=-(2**70), max_value=2**70).filter(lambda n: n != 0),
    words=st.text(),
    field=st.sampled_from([("errcode", "errmsg"), ("code", "msg")]),
    extra=st.dictionaries(st.text(min_size=1), _JSON, max_size=3),
    encoding=st.sampled_from(["utf-8", "utf-16", "utf-32"]),
)
def test_any_refusal_is_a_failure_on_one_line_naming_its_code(
    code: int, words: str, field: tuple[str, str], extra: dict[str, object], encoding: str
) -> None:
    """Whatever the message holds (line breaks, NUL, bidi controls) and however
    the JSON is encoded (RFC 8259 readers take UTF-16 and -32 too), the failure is one line
    of visible characters, the code in it."""
    body = {**extra, field[0]: code, field[1]: words}
    failed = failure_of(
        ok_answer(json.dumps(body, ensure_ascii=False).encode(encoding, "surrogatepass"))
    )
    assert failed is not None
    said = str(failed)
    assert f"{field[0]} {code}" in said or f"code {code}" in said
    assert not {"\n", "\r", "\x00", "\u202e"} & set(said)
    assert len(said) < 1000


def test_a_huge_answer_is_not_read_whole() -> None:
    """A body of megabytes is no robot's verdict: the attempt is delivered by its 200, not
    held reading (nor kept in memory)."""
    huge = b'{"errcode": 0, "errmsg": "' + b"x" * 5_000_000 + b'"}'
    assert failure_of(ok_answer(huge)) is None
