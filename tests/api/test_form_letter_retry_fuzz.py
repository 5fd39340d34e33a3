"""Any form kept whole as its dead letter — any words, in any charset a site's form sends,
declared or not, urlencoded or multipart — is taken in by ``dead-letters retry`` exactly
once with the words the customer typed, or stays a letter with a reason: never a
traceback, never a second case, never a case with other words."""

from __future__ import annotations

from urllib.parse import quote_from_bytes

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from raw_asgi import asgi_request

from complaintkit.api.app import create_app
from complaintkit.api.form_complaint import entered
from complaintkit.api.form_fields import MAX_FIELDS
from complaintkit.cli.dead_letters import _retry
from complaintkit.desk import Desk

CHARSETS = st.sampled_from([None, "utf-8", "gbk", "gb18030", "big5", "shift_jis", "utf-16"])
WORDS = st.text(st.characters(codec="utf-8"), min_size=1, max_size=40)
#: The codec a browser's form on a page in each charset encodes with (WHATWG's encoders):
#: Shift_JIS is Windows-31J, GBK and Big5 their supersets. Python's encoders also write
#: characters the charset has not by a look-alike (cp932 writes ¢ as ￠'s 0x8191), which
#: a browser does not, so only text the codec reads back as written is sent in it.
SENT_AS = {"shift_jis": "cp932", "gbk": "gb18030", "big5": "big5hkscs"}


def _urlencoded(fields: dict[str, bytes], charset: str | None) -> tuple[bytes, str]:
    pairs = (f"{name}={quote_from_bytes(value)}" for name, value in fields.items())
    kind = "application/x-www-form-urlencoded"
    return "&".join(pairs).encode(), kind if charset is None else f"{kind}; charset={charset}"


#: A boundary no drawn text holds (drawn texts are at most 40 characters).
BOUNDARY = "complaintkit-fuzz-boundary-0123456789abcdef"


def _multipart(fields: dict[str, bytes], charset: str | None) -> tuple[bytes, str]:
    """Each field a part naming ``charset``, as a GBK page's form sends them."""
    head = "" if charset is None else f"Content-Type: text/plain; charset={charset}\r\n"
    parts = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n{head}\r\n'.encode()
        + value
        + b"\r\n"
        for name, value in fields.items()
    )
    return b"".join(
        parts
    ) + f"--{BOUNDARY}--\r\n".encode(), f"multipart/form-data; boundary={BOUNDARY}"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=WORDS, charset=CHARSETS, multipart=st.booleans(), declared=st.booleans())
@example(text="\u00a2", charset="shift_jis", multipart=False, declared=True)
def test_a_kept_form_is_taken_in_once_as_typed_or_stays(
    text: str, charset: str | None, multipart: bool, declared: bool
) -> None:
    written = charset or "utf-8"
    codec = SENT_AS.get(written, written)
    value = text.encode(codec, "replace")
    if value.decode(codec, "replace") != text:  # a character the charset has not: a
        value = text.encode("utf-8")  # browser sends it otherwise (&#162;), so UTF-8 here
        written = "utf-8"
    extras = {f"x{i}": b"1" for i in range(MAX_FIELDS)}
    fields = {"text": value, "submission": b"ab" * 10, **extras}
    named = written if declared and charset is not None else None
    body, kind = (_multipart if multipart else _urlencoded)(fields, named)
    desk = Desk(storage="memory:")
    status, _, _ = asgi_request(
        create_app(desk), "POST", "/", [(b"content-type", kind.encode())], body
    )
    assert status == 413
    (letter,) = desk.storage.dead_letters()
    outcome, reason = _retry(desk, letter, None, {})
    cases = list(desk.storage.case_ids())
    if outcome == "taken":
        (case_id,) = cases
        assert desk.storage.get(case_id).complaint.text == entered({"text": text}, "text")
        assert desk.storage.dead_letters() == []
        assert _retry(desk, letter, None, {})[0] == "gone"
        assert list(desk.storage.case_ids()) == cases
    else:
        assert outcome == "refused", (outcome, reason)
        assert reason
        assert cases == []
        (kept,) = desk.storage.dead_letters()
        assert kept.retries == 1
