"""Any request to an agent's step, keyed or not, straight to the application: any method,
case id, query bytes, header bytes (an ``Idempotency-Key`` of any bytes, sent twice or
not) and body. Each is answered below 500 with its request id, none logs a traceback (an
unforeseen failure, a bug), and each key acts once: a step answered 200 under a key is
answered the same again, and the case records one step per key."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from hypothesis import given, settings
from hypothesis import strategies as st
from raw_asgi import asgi_request

from complaintkit.api.agent import STEPS
from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.testing.storage_contract import make_complaint

AGENT = "agent-token-0123456789"
#: What a well-formed request sends before the headers drawn.
SIGNED = [(b"authorization", f"Bearer {AGENT}".encode()), (b"content-type", b"application/json")]

# the first of each list more often: a request that passes every check but one
steps = st.sampled_from(["note"] * 6 + [*STEPS, "respond", "transition", "resolve", "x", "note/"])
case_ids = st.sampled_from(
    ["{case}"] * 6 + ["{case}/", "CK-NOPE", "%00", "\u6295\u8bc9", "a" * 3000]
)
keys = st.binary(max_size=40) | st.sampled_from(
    [b"k", b" k", b"k\t", b"K", "\u952e".encode(), b"\x7f", b"\x01k", b"a" * 256, b""]
)
headers = st.lists(
    st.tuples(st.just(b"idempotency-key"), keys)
    | st.tuples(
        st.sampled_from([b"content-type", b"content-length", b"authorization", b"accept"]),
        st.binary(max_size=30)
        | st.sampled_from([b"application/json", b"application/json; charset=gbk", b"-1"]),
    ),
    max_size=4,
)
bodies = st.sampled_from(
    [b'{"text":"x"}'] * 4
    + [b'{ "text" : "\\u0078" }', b'{"text":"y"}', b'{"message":"m"}', b'{"to":"investigating"}']
    + [b'{"score":5}', b'{"text":"\\ud800"}', b'{"text":1e999}']
) | st.binary(max_size=40)
requests = st.tuples(
    st.sampled_from(["POST"] * 6 + ["GET", "PUT", "DELETE", "OPTIONS", "FOO"]),
    case_ids,
    steps,
    st.binary(max_size=20),
    st.sampled_from([True, True, True, False]),
    headers,
    bodies,
)


class Tracebacks(logging.Handler):
    """Keeps the records logged with a traceback."""

    def __init__(self) -> None:
        super().__init__()
        self.logged: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info:
            self.logged.append(self.format(record))


@contextmanager
def tracebacks() -> Iterator[list[str]]:
    """The records logged with a traceback during the block."""
    handler, root = Tracebacks(), logging.getLogger()
    root.addHandler(handler)
    try:
        yield handler.logged
    finally:
        root.removeHandler(handler)


@settings(max_examples=150, deadline=None)
@given(st.lists(requests, min_size=1, max_size=6))
def test_any_step_request_is_below_500_untraced_and_each_key_acts_once(
    sent: list[tuple[str, str, str, bytes, bool, list[tuple[bytes, bytes]], bytes]],
) -> None:
    desk = Desk()
    case_id = desk.intake(make_complaint("F1")).id
    app = create_app(desk, agent_tokens={AGENT: "li.na"})
    first_answers: dict[bytes, bytes] = {}
    with tracebacks() as logged:
        for method, case, step, query, signed, more, body in sent:
            path = f"/cases/{case.format(case=case_id)}/{step}"
            before = len(desk.history(case_id))
            status, answered, answer = asgi_request(
                app, method, path, [*SIGNED, *more] if signed else more, body, query
            )
            assert status < 500, answer
            assert answered.get(b"x-request-id"), (status, answer)
            assert not logged, logged[0]
            replayed = answered.get(b"idempotent-replayed") == b"true"
            acted = len(desk.history(case_id)) > before
            assert acted == (status == 200 and not replayed), (status, answer)
            keys = [v for n, v in more if n == b"idempotency-key"]
            if status == 200 and len(keys) == 1:
                first = first_answers.setdefault(keys[0].strip(b" \t"), answer)
                assert replayed == (first is not answer), (status, answer)
                assert answer == first
