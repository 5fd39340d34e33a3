"""The JSON-lines channel: one complaint object per line, as ``Complaint.to_json`` writes it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from complaintkit.channels.base import Rejected
from complaintkit.channels.files import open_source
from complaintkit.errors import InvalidInput
from complaintkit.model.complaint import Complaint


class JsonLinesChannel:
    """Reads ``source`` (a file, or ``-`` for stdin); ``channel`` fills in a missing
    ``channel`` field so producers need not repeat it on every line."""

    def __init__(self, channel: str | None = None) -> None:
        self.channel = channel

    def read(self, source: str) -> Iterator[Complaint | Rejected]:
        name = "<stdin>" if source == "-" else Path(source).name
        with open_source(source, "jsonl") as lines:
            for number, line in enumerate(lines, start=1):
                if not line.strip():
                    continue
                where = f"{name}:{number}"
                try:
                    data = json.loads(line)
                    if self.channel is not None and isinstance(data, dict):
                        data.setdefault("channel", self.channel)
                    yield Complaint.from_json(data)
                except json.JSONDecodeError as exc:
                    yield Rejected(where, line.encode("utf-8"), f"not JSON: {exc}")
                except InvalidInput as exc:
                    yield Rejected(where, line.encode("utf-8"), str(exc))
