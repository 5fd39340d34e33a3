"""Checks of the options a policy gives the built-in notifiers: a bad one stops the policy's
notifiers from being built, instead of failing every delivery in a socket's words."""

from __future__ import annotations

import math
import re
from urllib.parse import quote, urlsplit, urlunsplit

from complaintkit.errors import ConfigError
from complaintkit.notify.idna_name import ascii_domain
from complaintkit.passwords import without_password

#: The longest one attempt may take, in seconds. The worker sends one delivery at a time,
#: and sockets and timers refuse far longer waits (NaN, 0 and negative ones too).
MAX_TIMEOUT = 3600.0


def timeout_seconds(notifier: str, value: object) -> float:
    """``value`` (a number, or its text from the policy) as seconds above 0 and at most
    ``MAX_TIMEOUT``."""
    try:
        seconds = math.nan if isinstance(value, bool) else float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        seconds = math.nan
    if not 0 < seconds <= MAX_TIMEOUT:  # NaN fails it too
        raise ConfigError(
            f"{notifier} notifier: timeout {value!r} is not a number of seconds above 0 "
            f"and at most {MAX_TIMEOUT:g}"
        )
    return seconds


def port_number(notifier: str, value: object) -> int:
    """``value`` (a number, or its text from the policy) as a TCP port, 1 to 65535."""
    text = str(value).strip()
    port = int(text) if text.isascii() and text.isdigit() else 0
    if not 0 < port < 65536:
        raise ConfigError(f"{notifier} notifier: port {value!r} is not a TCP port (1 to 65535)")
    return port


#: What a path or query keeps as it is; the rest (text that is not ASCII) is %-encoded.
_URL_SAFE = "/?#[]@!$&'()*+,;=%:~"
#: Controls and whitespace: urllib refuses them in a URL at every attempt.
_URL_UNSAFE = re.compile("[\x00-\x20\x7f-\x9f]")


#: A URL's scheme and host (``https://hooks.example:8443``): what is shown of it.
_ORIGIN = re.compile(r"(?:[^:/?#]*:)?(?://[^/?#]*)?")


def shown_url(url: str) -> str:
    """``url`` as failures and errors may quote it: its scheme and host, and ``/…`` for the
    rest. Many receivers take their key in the URL (DingTalk's ``?access_token=``, WeCom's
    ``?key=``, a Feishu or Slack hook's path), and a failure is the outbox's last error, a
    dead letter's reason and a log line; the notifier's name says which one it was."""
    origin = _ORIGIN.match(url)
    head = origin.group() if origin is not None else ""
    rest = "/…" if url[len(head) :] not in ("", "/") else url[len(head) :]
    return without_password(head, user=False) + rest


def webhook_url(value: object) -> str:
    """``value`` as an http(s) URL every attempt can request: the host in IDNA, the rest
    %-encoded. One no attempt can reach (no host, a bad port, a line break, a user and
    password urllib would ignore) is refused now, not at each delivery."""
    if not isinstance(value, str):
        raise ConfigError(f"webhook notifier: url must be text (got {type(value).__name__})")
    shown = shown_url(value)  # a token as user, in the path or in the query is a secret
    try:
        parts = urlsplit(value)
        port = parts.port
        host = ascii_domain(parts.hostname or "")
    except (ValueError, UnicodeError) as exc:  # UnsureDomain too
        raise ConfigError(f"webhook notifier: url {shown!r} cannot be read: {exc}") from None
    problems = [
        (parts.scheme not in ("http", "https"), "is not an http(s) URL"),
        (not host, "names no host"),
        (bool(_URL_UNSAFE.search(value)), "holds a space or a control character"),
        ("@" in parts.netloc, "holds a user or password, which is not sent; sign with secret"),
        (port == 0, "has port 0"),
    ]
    problem = next((why for wrong, why in problems if wrong), "")
    if problem:
        raise ConfigError(f"webhook notifier: url {shown!r} {problem}")
    netloc = parts.netloc if parts.netloc.isascii() else host + (f":{port}" if port else "")
    path, query, fragment = (quote(p, safe=_URL_SAFE) for p in parts[2:])
    return urlunsplit((parts.scheme, netloc, path, query, fragment))


def text_option(notifier: str, option: str, value: object) -> str | None:
    """``value`` if it is text (or absent): YAML reads ``password: 123456`` as a number."""
    if value is not None and not isinstance(value, str):
        raise ConfigError(
            f"{notifier} notifier: {option} must be text (got {type(value).__name__}; "
            "quote it in the policy)"
        )
    return value
