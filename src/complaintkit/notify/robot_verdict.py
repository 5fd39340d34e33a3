"""A chat robot's refusal written in a ``2xx`` answer's JSON body.

DingTalk's and WeCom's robots answer ``{"errcode": 310000, "errmsg": "…"}``, Feishu's
(Lark's) ``{"code": 19021, "msg": "…"}`` or, in its first version, ``{"StatusCode": …,
"StatusMessage": …}``, all under ``200 OK``: a webhook that trusted the status counted
every message they refused (a keyword missing, a wrong signature, an address not allowed)
as delivered. A code is read as a verdict only beside its message, as these robots write
both, so that another receiver's own ``code`` field is not taken for one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from complaintkit.notify.json_members import Member
from complaintkit.notify.visible_text import visible

#: (code, message) field pairs, as the robots name them, and how a failure names the code.
_FIELDS = (("errcode", "errmsg", "errcode"), ("code", "msg", "code"))
_FIELDS_V1 = ("StatusCode", "StatusMessage", "code")

#: The members a verdict is read from.
FIELD_NAMES = frozenset(name for fields in (*_FIELDS, _FIELDS_V1) for name in fields[:2])

#: Codes that say "busy" or "too fast", which a later attempt gets past: DingTalk's and
#: WeCom's -1 (system busy), DingTalk's 130101 and 410100 (sent too fast), WeCom's 45009
#: (too many calls), Feishu's 11232 (flow control) and 2200 (internal error).
RETRYABLE = frozenset({-1, 130101, 410100, 45009, 11232, 2200})


@dataclass(frozen=True)
class Refusal:
    """The robot's code (named as it names it) and message, on one visible line."""

    field: str
    code: int
    message: str

    @property
    def final(self) -> bool:
        """Whether no retry can get past it (the robot's setup, or the message's text)."""
        return self.code not in RETRYABLE

    def __str__(self) -> str:
        said = f"{self.message!r:.200}"
        return f"the receiver refused it in its answer: {self.field} {self.code}: {said}"


def refusal(members: Mapping[str, Member]) -> Refusal | None:
    """The refusal a body's top-level ``members`` (those in ``FIELD_NAMES``) hold, None for
    any other (no code, a code of 0, a code with no message beside it)."""
    for code_field, message_field, shown in (*_FIELDS, _FIELDS_V1):
        code, words = members.get(code_field), members.get(message_field)
        if code is None or words is None:
            continue
        number = code.value()
        if type(number) is not int:  # bool is no code
            continue
        if number == 0:
            return None
        return Refusal(shown, number, visible(words.words()))
    return None
