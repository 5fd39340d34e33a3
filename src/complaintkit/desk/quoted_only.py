"""Whether a customer's reply holds nothing but the letter it quotes (reply pressed, then
send): recorded on the case, it answers nothing, and a case waiting on the customer keeps
waiting (``desk.replies``).

Every line is quoted (``>``, as the mail channel marks an HTML quote too) but, before the
first, the line naming who wrote it, ending in a colon, full-width or not (``On …
wrote:``, ``在 … 写道``). A line of the customer's own that ends in a colon ("it is on
the invoice I sent:") names no writer, and answers. Gmail's plain text wraps a long
attribution in two or three lines (``On Mon, Nov 23, 2026 at 9:00 AM Care <care@…>`` then
``wrote:``): lines so read are one attribution when the first opens as one does (``On``,
``在``, ``Am``… or an address) and each holds part of one — a year, a time, an address or
the word for wrote — and none but the last ends a sentence; words above an attribution
("BCD-256W", "It stopped on Monday.") answer.

Outlook, QQ Mail, Foxmail and 163 put the letter answered below, unquoted, after a line
(``-----Original Message-----``, ``------------------ 原始邮件 ------------------``, a
rule of underscores) or a block of its headers (``From:`` or ``发件人:`` with ``Sent:``,
``Date:`` or ``发送时间:`` below): from there on, the lines are read as quoted.

A phone's mail app signs every message ("Sent from my iPhone", "发自我的iPhone", "Get
Outlook for Android"): such a line alone is no word of the customer's.
"""

from __future__ import annotations

import re

#: What a mail program's line before a quote says (``On … wrote:``, ``在 … 写道``):
#: "wrote" in the languages mail programs write it in, or the writer's address.
_WROTE = re.compile(
    r"wrote|\u5199\u9053|\u5beb\u9053|schrieb|a \u00e9crit|escribi\u00f3|scrisse|escreveu"
    r"|\u043d\u0430\u043f\u0438\u0441\u0430\u043b|schreef|skrev|napisa\u0142|kirjoitti|@",
    re.IGNORECASE,
)
#: How an attribution wrapped over lines begins: "On …", "在 …", "Am …", "Le …", or an address.
_OPENS = re.compile(
    r"(?:on|am|le|el|il|em|op|den|w dniu|\u5728|\u65bc|\u4e8e)\s|.*@", re.IGNORECASE
)
#: A part of an attribution: a year, a time of day, an address, the word for wrote.
_PART = re.compile(
    rf"(?<![A-Za-z0-9])(?:19|20)\d\d(?![A-Za-z0-9])|(?<!\d)\d{{1,2}}:\d\d(?!\d)|{_WROTE.pattern}",
    re.IGNORECASE,
)
#: Lines an attribution is wrapped over at most.
_WRAPPED = 3
#: The line above an unquoted original: "-----Original Message-----" and its translations,
#: and Outlook's rule of underscores, when a header block follows it (``_RULE``).
_ORIGINAL = re.compile(
    r"-{2,}\s*(?:original message|\u539f\u59cb\u90ae\u4ef6|\u539f\u59cb\u90f5\u4ef6"
    r"|urspr\u00fcngliche nachricht|message d'origine|mensaje original|messaggio originale"
    r"|oorspronkelijk bericht|mensagem original)\s*-{2,}",
    re.IGNORECASE,
)
_RULE = re.compile(r"_{10,}")
#: A mail app's signature line, which the customer did not write.
_SIGNED = re.compile(
    r"(?:sent from my|sent from (?:mail|outlook|yahoo mail|gmail)(?: for)?|get outlook for"
    r"|envoy\u00e9 de mon|enviado desde mi|inviato da|von meinem|\u53d1\u81ea\u6211\u7684"
    r"|\u6765\u81ea\u6211\u7684|\u767c\u81ea\u6211\u7684|\u4ece\u6211\u7684)\s?[^.!?:]{1,40}",
    re.IGNORECASE,
)
#: A header block's first line, and one of the next two, naming when the original was sent.
_FROM = re.compile(r"(?:from|\u53d1\u4ef6\u4eba|\u5bc4\u4ef6\u8005|von|de|da)\s*[:\uff1a]", re.I)
_SENT = re.compile(
    r"(?:sent|date|\u53d1\u9001\u65f6\u95f4|\u65e5\u671f|\u5bc4\u4ef6\u65e5\u671f|\u6642\u9593"
    r"|gesendet|datum|envoy\u00e9|enviado|inviato)\s*[:\uff1a]",
    re.IGNORECASE,
)


def only_quoted(text: str) -> bool:
    """Whether ``text`` is a quote and, above it, at most its attribution."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    lines = [line for line in lines if not _SIGNED.fullmatch(line)]
    below = _original_at(lines)
    lines = lines[:below] + [f"> {line}" for line in lines[below:]]
    own = [line for line in lines if not line.startswith(">")]
    if len(lines) == len(own):
        return False
    return not own or (own == lines[: len(own)] and _said_who(own))


def _said_who(own: list[str]) -> bool:
    """Whether the lines above the quote are its attribution, on one line or wrapped."""
    if not own[-1].endswith((":", "\uff1a")):
        return False
    if len(own) == 1:
        return _WROTE.search(own[0]) is not None
    return (
        len(own) <= _WRAPPED
        and _OPENS.match(own[0]) is not None
        and all(_PART.search(line) for line in own)
        and not any(
            line.endswith((".", "!", "?", "\u3002", "\uff01", "\uff1f")) for line in own[:-1]
        )
        and _WROTE.search(" ".join(own)) is not None
    )


def _original_at(lines: list[str]) -> int:
    """Where an unquoted original begins: its line or its header block; past the end if
    none does."""
    for at, line in enumerate(lines):
        if line.startswith(">"):
            continue
        ruled = _RULE.fullmatch(line) is not None  # the block is below Outlook's rule
        if _ORIGINAL.fullmatch(line) or _headers_at(lines, at + 1 if ruled else at):
            return at
    return len(lines)


def _headers_at(lines: list[str], at: int) -> bool:
    """Whether a header block begins at ``at``: a sender, and its date in the next two."""
    return (
        at < len(lines)
        and _FROM.match(lines[at]) is not None
        and any(_SENT.match(line) for line in lines[at + 1 : at + 3])
    )
