"""What a customer's page sent that could not be taken, kept for staff as a dead letter:
the fields as read, as JSON, under a source naming what they were for, with why. A body
that may be cut short (a multipart form never closed, ``form_fields.UNCLOSED``) is kept so,
never acted on: its last field may not be what the customer sent. A form whose fields
were not all read is kept as sent, with what reads it again (``form_source``)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from complaintkit.channels.read_with import with_options
from complaintkit.desk import Desk
from complaintkit.model.jsonvalues import printable

#: The kind of source of a customer's answer to an offer kept so: ``answer:<case>:<offer>``.
ANSWER_SOURCE = "answer"
#: The options of a form kept as sent: its ``Content-Type`` as sent (its charset, its
#: multipart boundary) and the language of the page it was typed into.
FORM_OPTION, LANG_OPTION = "form", "lang"


def form_source(reference: str, content_type: str, lang: str) -> str:
    """The source of a form's body kept as sent, ``http:web:<request id>``, with what
    ``dead-letters retry`` reads it by: read as JSON, as a body under ``http:`` is, it
    would never be taken in."""
    return with_options(f"http:web:{reference}", {FORM_OPTION: content_type, LANG_OPTION: lang})


def keep(desk: Desk, source: str, fields: Mapping[str, Any], reason: str) -> None:
    """Keep ``fields`` as the dead letter of ``source``, refused for ``reason`` — once: the
    same fields sent again (a customer pressing "accept" again while a plugin fails it)
    are that letter, however the reason is worded this time (a plugin's error rarely says
    the same twice), not another for staff to record."""
    raw = json.dumps(fields, ensure_ascii=False).encode("utf-8")
    kept = desk.storage.dead_letters_from(source)
    if any(letter.source == printable(source) and letter.raw == raw for letter in kept):
        return
    desk.storage.dead_letter(source, raw, printable(reason), desk.clock.now())


def broken_reason(broken: Sequence[str]) -> str:
    """The reason a dead letter gives for a body ``read_fields`` found ``broken``."""
    return "; ".join(broken)
