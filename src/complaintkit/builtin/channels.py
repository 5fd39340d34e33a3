"""Built-in intake channels: ``jsonl``, ``csv`` and ``email`` (.eml, mbox, Maildir)."""

from __future__ import annotations

from complaintkit.channels.csvfile import CsvChannel
from complaintkit.channels.jsonl import JsonLinesChannel
from complaintkit.channels.mail import MailChannel
from complaintkit.hookspecs import Register, hookimpl


@hookimpl
def register_channels(register: Register) -> None:
    register("jsonl", JsonLinesChannel)
    register("csv", CsvChannel)
    register("email", MailChannel)
