"""The e-mail channel: .eml files (one file or a folder of them), mbox files and Maildirs."""

from __future__ import annotations

import mailbox
from collections.abc import Iterator
from pathlib import Path

from complaintkit.channels.base import Rejected, isolated
from complaintkit.channels.mail_message import parse_mail
from complaintkit.errors import ConfigError
from complaintkit.model.complaint import Complaint

FORMATS = ("auto", "eml", "mbox", "maildir")


def detect_format(path: Path) -> str:
    """Maildir if the folder has cur/new/tmp, eml for other folders and single files, mbox
    for a file that starts with a ``From `` line."""
    if path.is_dir():
        return "maildir" if all((path / sub).is_dir() for sub in ("cur", "new")) else "eml"
    with path.open("rb") as handle:
        return "mbox" if handle.read(5) == b"From " else "eml"


class MailChannel:
    """Reads ``source`` in ``format`` (``auto`` detects it); each message is one complaint."""

    def __init__(self, *, format: str = "auto", channel: str = "email") -> None:
        if format not in FORMATS:
            raise ConfigError(f"mail format {format!r} is unknown; use one of {', '.join(FORMATS)}")
        self.format = format
        self.channel = channel

    def read(self, source: str) -> Iterator[Complaint | Rejected]:
        path = Path(source)
        if not path.exists():
            raise ConfigError(f"mail source {source!r} does not exist")
        kind = detect_format(path) if self.format == "auto" else self.format
        for where, raw in self._messages(path, kind):
            yield isolated(where, raw, self.message, raw)

    def message(self, raw: bytes) -> Complaint:
        """One raw message as a complaint; ``InvalidInput`` names the header or part."""
        return parse_mail(raw, self.channel)

    def _messages(self, path: Path, kind: str) -> Iterator[tuple[str, bytes]]:
        if kind == "eml":
            files = sorted(path.glob("*.eml")) if path.is_dir() else [path]
            for file in files:
                yield file.name, file.read_bytes()
        elif kind == "mbox":
            box = mailbox.mbox(path, create=False)
            try:
                for number, key in enumerate(box.keys(), start=1):
                    yield f"{path.name}#{number}", box.get_bytes(key)
            finally:
                box.close()
        else:
            folder = mailbox.Maildir(path, create=False)
            for key in sorted(folder.keys()):
                yield f"{path.name}/{key}", folder.get_bytes(key)
