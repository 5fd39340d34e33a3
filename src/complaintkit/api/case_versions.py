"""Agents' optimistic concurrency: a case's version is its ``ETag``, and a step sent with
``If-Match`` is taken only while the case is at a version it names.

Two agents who each read a case and change it would otherwise see the later change win
silently. ``GET /cases/{case_id}`` and every step's answer carry the case's version as a
strong entity tag (``"7"``); a step sent with ``If-Match: "7"`` finds the case changed
since is a 412 naming the version it is at, nothing recorded (``desk.expected_version``
checks it where the Desk reads the case, so no change can slip in between). ``*``, or no
header, takes the case at any version, as before. If-Match compares strongly, so a weak
tag (``W/"7"``) matches nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Final

from starlette.requests import Request

from complaintkit.api.failures import ApiError, quoted
from complaintkit.desk.expected_version import expecting
from complaintkit.errors import VersionMismatch

HEADER: Final = "If-Match"
_TAG: Final = re.compile(r'(?P<weak>W/)?"(?P<opaque>[\x21\x23-\x7e\x80-\xff]*)"')
#: A version as its tag writes it: no store counts past 18 digits (a 64-bit integer), and
#: a longer number, which no case is at, is not converted (over 4,300 digits Python refuses).
_VERSION: Final = re.compile(r"0|[1-9][0-9]{0,17}")


def etag(version: int) -> str:
    """The entity tag of a case at ``version``."""
    return f'"{version}"'


def expected_versions(request: Request) -> frozenset[int] | None:
    """The versions the request's ``If-Match`` takes the case at; None for any (``*``, or
    none sent). One that is no list of entity tags is a 422 naming it: a client sending
    ``If-Match: 7`` would otherwise be refused for ever."""
    sent = request.headers.getlist(HEADER)
    if not sent:
        return None
    if len(sent) > 1:
        raise ApiError(400, f"{HEADER} is sent twice; send it once", HEADER)
    value = sent[0].strip(" \t")
    if value == "*":
        return None
    versions = set()
    for tag in value.split(","):
        match = _TAG.fullmatch(tag.strip(" \t"))
        if match is None:
            raise ApiError(
                422,
                f"{HEADER} {quoted(value)} is not a list of entity tags; send the ETag a read "
                'of the case or a step\'s answer gave, quoted as given ("7"), or *',
                HEADER,
            )
        opaque = match["opaque"]
        if match["weak"] is None and _VERSION.fullmatch(opaque):
            versions.add(int(opaque))
    return frozenset(versions)


@contextmanager
def held_to(versions: frozenset[int] | None) -> Iterator[None]:
    """Changes made within taken only to a case at one of ``versions`` (None: any); one
    at another is a 412 giving the version it is at, as data and as its ETag."""
    with expecting(versions):
        try:
            yield
        except VersionMismatch as exc:
            extra = {"version": exc.actual, "etag": etag(exc.actual)}
            raise ApiError(412, str(exc), HEADER, extra) from None
