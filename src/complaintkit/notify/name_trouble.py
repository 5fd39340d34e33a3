"""A host name lookup's failure in words an operator can act on.

The resolver's own words (``[Errno -2] Name or service not known``) name neither the host
nor what to check: a typo in the notifier's options, a name only an internal DNS knows, or
this machine's DNS not answering at all.
"""

from __future__ import annotations

import socket

from complaintkit.notify.failure_chain import found_in_chain

#: getaddrinfo's answers that DNS knows no such name (or no address for it).
_NO_SUCH_NAME = frozenset(
    code for code in (socket.EAI_NONAME, getattr(socket, "EAI_NODATA", None)) if code is not None
)


def name_trouble(failure: BaseException | None, host: str, option: str) -> str | None:
    """What ``failure`` (or what caused it) says went wrong looking up ``host``, and what to
    check; None when it is no lookup's failure. ``option`` names where the host is written
    (``url``, ``host``): a typo there is the usual cause."""
    found = found_in_chain(failure, socket.gaierror)
    return None if found is None else _said(found, host, option)


def _said(error: socket.gaierror, host: str, option: str) -> str:
    looked_up = f"the host name {host!r} could not be looked up"
    why = error.strerror or str(error)
    if error.errno in _NO_SUCH_NAME:
        return (
            f"{looked_up}: DNS knows no such name ({why}): check the notifier's {option} for "
            "a typo, or, for a name only an internal DNS knows, that this machine asks that DNS"
        )
    if error.errno == socket.EAI_AGAIN:
        return (
            f"{looked_up}: DNS gave no answer for now ({why}): it is tried again; if that "
            "lasts, check this machine's DNS servers and network"
        )
    return f"{looked_up} ({why}): check the notifier's {option} and this machine's DNS"
