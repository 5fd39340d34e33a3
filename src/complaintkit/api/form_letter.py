"""A form kept whole as its dead letter (``kept_fields.form_source``: more fields than the
server reads), read again by ``dead-letters retry`` as the form it was sent as: in the
charset its ``Content-Type`` names, by its multipart boundary. Every field is read — the
limit spares the server a body of thousands, not staff taking in what they have looked
at — and checked as the form checks what a customer sends; what the form would have
shown again is the reason the letter stays."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from complaintkit.api.form_complaint import (
    FORM_KEYS,
    complaint_from_form,
    form_errors,
    submission_of,
)
from complaintkit.api.form_fields import kept_as_sent, read_fields
from complaintkit.api.kept_fields import FORM_OPTION, LANG_OPTION
from complaintkit.desk import Desk
from complaintkit.errors import InvalidInput
from complaintkit.model.complaint import Complaint
from complaintkit.model.language import Lang


def complaint_from_form_letter(
    desk: Desk, raw: bytes, options: Mapping[str, Any], received: datetime
) -> Complaint:
    """The complaint the form ``raw`` holds, received at ``received``, read by the
    ``options`` its letter keeps (or given anew: ``-o form='…; charset=gbk'``);
    ``InvalidInput`` names the field the form would have asked the customer to mend."""
    content_type = str(options.get(FORM_OPTION, ""))
    lang: Lang = "en" if options.get(LANG_OPTION) == "en" else "zh"
    unread: list[str] = []
    broken: list[str] = []
    values, repeated = read_fields(raw, content_type, FORM_KEYS, unread, broken=broken, most=None)
    if why := kept_as_sent(broken):  # a charset naming none: read as given anew
        raise InvalidInput("Content-Type", why)
    if repeated:
        raise InvalidInput(
            repeated[0], "is sent more than once: which value the customer meant is unclear"
        )
    if unread:
        raise InvalidInput(
            unread[0],
            f"holds bytes that are not text in the charset the form's Content-Type "
            f"({content_type!r:.100}) names: give the one it is in "
            "(`-o form='application/x-www-form-urlencoded; charset=…'`)",
        )
    if errors := form_errors(values, "en"):
        field, said = next(iter(errors.items()))
        raise InvalidInput(field, f"the form would ask again: {said}")
    complaint = complaint_from_form(desk, values, submission_of(values), lang)
    complaint["received_at"] = received.astimezone(desk.zone).isoformat()
    return Complaint.from_json(complaint)
