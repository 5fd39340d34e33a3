"""Built-in notifiers: ``log``, ``smtp`` and ``webhook``."""

from __future__ import annotations

from complaintkit.hookspecs import Register, hookimpl
from complaintkit.notify.log import LogNotifier
from complaintkit.notify.smtp import SmtpNotifier
from complaintkit.notify.webhook import WebhookNotifier


@hookimpl
def register_notifiers(register: Register) -> None:
    register("log", LogNotifier)
    register("smtp", SmtpNotifier)
    register("webhook", WebhookNotifier)
