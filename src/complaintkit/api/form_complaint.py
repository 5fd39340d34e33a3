"""The complaint a form's fields make: under the form's one-off ``submission`` id, from
the customer its contact names (hashed), in the language its text is written in. The form
page takes it in as sent; ``dead-letters retry`` a form kept whole (``form_letter``)."""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Mapping
from typing import Any, Final

from complaintkit.api.wording import say
from complaintkit.desk import Desk
from complaintkit.model.complaint import shows_nothing
from complaintkit.model.language import Lang, language_of

#: The longest description the form takes.
MAX_TEXT: Final = 10_000
#: What a part of an address (before or after its at sign) holds: no at sign or space.
_ADDRESS_PART: Final = re.compile(r"[^@\s,;<>]+")
_PHONE: Final = re.compile(r"\+?[0-9][0-9 \-]{5,19}")
#: The fields a customer types into the form.
FIELDS: Final = ("name", "contact", "order_id", "text")
#: What the form sends: those fields, and the hidden ones of its page.
FORM_KEYS: Final = frozenset((*FIELDS, "lang", "submission"))
_SUBMISSION: Final = re.compile(r"[0-9a-f]{20}")


def submission_of(values: Mapping[str, str]) -> str:
    """The form's one-off id, made when the form is shown and sent back with it: the same
    form sent twice (a double click, a reload) is one complaint under one key. What is not
    an id the form makes is replaced by a new one."""
    sent = values.get("submission", "")
    return sent if _SUBMISSION.fullmatch(sent) else secrets.token_hex(10)


def entered(values: Mapping[str, str], name: str) -> str:
    """What the customer typed into the field ``name``, without the spaces around it; blank
    when it shows nothing (a zero-width space or a byte order mark pasted with a copied
    order number), which an optional field is left out for."""
    value = values.get(name, "").strip()
    return "" if shows_nothing(value) else value


def form_errors(values: Mapping[str, str], lang: Lang) -> dict[str, str]:
    errors = {}
    text = entered(values, "text")
    if not text:
        errors["text"] = say("text_required", lang)
    elif len(text) > MAX_TEXT:
        errors["text"] = say("text_too_long", lang)
    contact = entered(values, "contact")
    if contact and not (_address(contact) or _PHONE.fullmatch(contact)):
        errors["contact"] = say("contact_invalid", lang)
    return errors


def _address(contact: str) -> bool:
    """Whether ``contact`` is one e-mail address: a name, an at sign and a domain with a dot
    inside it. Read in parts: one pattern for the whole, with the dot allowed on either side
    of the one it needs, tried every split of a run of dots (a minute for a 64 kB contact)."""
    local, _, domain = contact.partition("@")
    return (
        bool(_ADDRESS_PART.fullmatch(local) and _ADDRESS_PART.fullmatch(domain))
        and "." in domain[1:-1]
    )


def contact_key(contact: str) -> str:
    """``contact`` as one address however it is typed (case, spaces, dashes), hashed."""
    normal = contact.strip().lower().replace(" ", "").replace("-", "")
    return hashlib.sha256(normal.encode()).hexdigest()[:20]


def customer_id(contact: str, submission: str) -> str:
    """Who the complaint is from: the contact they gave (hashed: ids appear in logs and
    reports), or the form's one-off id — never the typed name, which two people may share."""
    if not contact.strip():
        return f"web:{submission}"
    return "contact:" + contact_key(contact)


def complaint_from_form(
    desk: Desk, values: Mapping[str, str], submission: str, lang: Lang
) -> dict[str, Any]:
    """The complaint a form holds, in the language it is written in, else — a text showing
    none — the language of the page it was typed into."""
    text = entered(values, "text")
    name = entered(values, "name")
    contact = entered(values, "contact")
    return {
        "channel": "web",
        "external_id": submission,
        "received_at": desk.clock.now().astimezone(desk.zone).isoformat(),
        "customer": {
            "id": customer_id(contact, submission),
            "name": name or None,
            "contact": contact or None,
        },
        "text": text,
        "order_id": entered(values, "order_id") or None,
        "language": language_of(None, text, lang),
    }
