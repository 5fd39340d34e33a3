"""The CSV channel: rows mapped to complaint fields by a column mapping.

The mapping (``complaintkit.channels.mapping``) names, for each complaint field, the column
that holds it (``{"external_id": "Complaint ID", "text": "Consumer complaint narrative|Issue"}``);
``history.<field>`` columns carry what another system already did with the complaint.
Dates (``2020-03-06``) and times without an offset are read in the channel's ``timezone``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from complaintkit.channels.base import Rejected, isolated
from complaintkit.channels.files import open_source, raw_bytes, undecodable
from complaintkit.channels.mapping import REQUIRED, load_mapping
from complaintkit.errors import ConfigError, InvalidInput
from complaintkit.model.complaint import Complaint


class CsvChannel:
    """Reads a CSV file with a header row; each row becomes one complaint or one reject."""

    def __init__(
        self,
        columns: Mapping[str, Any] | str,
        *,
        channel: str = "csv",
        timezone: str = "UTC",
        delimiter: str = ",",
        encoding: str = "utf-8",
        language: str | None = None,
    ) -> None:
        self.mapping = load_mapping(columns)
        self.channel = channel
        try:
            self.zone = ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ConfigError(f"timezone {timezone!r} is not an IANA zone name") from None
        self.delimiter = delimiter
        self.encoding = encoding
        self.language = language

    def read(self, source: str) -> Iterator[Complaint | Rejected]:
        """Each row is one complaint or one reject; a reject keeps the header line and the
        row's own lines, exactly as read, so it can be taken in again on its own."""
        name = "<stdin>" if source == "-" else Path(source).name
        with open_source(source, "CSV", self.encoding) as handle:
            lines = _LineRecorder(handle)
            reader = csv.reader(lines, delimiter=self.delimiter)
            header = next(reader, [])
            head = "".join(lines.take())
            absent = sorted(self.mapping.column_names() - set(header))
            if absent:
                raise ConfigError(
                    f"{source}: the column mapping names {', '.join(map(repr, absent))}, "
                    f"which the header does not have; columns: {', '.join(header)}"
                )
            while True:
                where = f"{name}:{reader.line_num + 1}"
                try:
                    values = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    values, error = [], f"unreadable CSV: {exc}"
                else:
                    error = ""
                text = "".join(lines.take())
                raw = raw_bytes(head + text, self.encoding)
                if not error and (bad := undecodable(text)) is not None:
                    error = f"row is not valid {self.encoding} (character {bad} of the row)"
                if error:
                    yield Rejected(where, raw, error)
                    continue
                row = dict(zip(header, values, strict=False))
                yield isolated(where, raw, self.complaint, row)

    def complaint(self, row: Mapping[str, str | None]) -> Complaint:
        """One row as a complaint; a bad value raises ``InvalidInput`` naming the column."""
        values: dict[str, Any] = {}
        for field, spec in self.mapping.columns.items():
            value = next(
                (v.strip() for c in spec.split("|") if (v := row.get(c) or "").strip()), ""
            )
            translate = self.mapping.translations.get(field)
            if translate is not None and value:
                value = translate(value)
            if value:
                values[field] = value
        data: dict[str, Any] = {"channel": self.channel, "attributes": {}}
        customer: dict[str, Any] = {}
        for field, value in values.items():
            if field.startswith("customer."):
                customer[field.removeprefix("customer.")] = value
            elif field.startswith("attributes."):
                data["attributes"][field.removeprefix("attributes.")] = value
            elif field not in ("amount", "currency") and not field.startswith("history."):
                data[field] = value
        for field in REQUIRED:
            if field not in data:
                raise InvalidInput(field, f"column {self.mapping.columns[field]!r} is blank")
        history = self._history(values)
        if history:
            data["history"] = history
        data["received_at"] = self._instant(data["received_at"], "received_at")
        customer.setdefault("id", f"{self.channel}:{data['external_id']}")
        data["customer"] = customer
        if "amount" in values:
            data["amount"] = {"amount": values["amount"], "currency": values.get("currency")}
        if self.language and "language" not in data:
            data["language"] = self.language
        return Complaint.from_json(data)

    def _history(self, values: Mapping[str, str]) -> dict[str, Any]:
        """The ``history.*`` fields as a ``Recorded`` record's JSON, times in ``timezone``."""
        history: dict[str, Any] = {}
        for field, value in values.items():
            if field.startswith("history.sla."):
                history.setdefault("sla", {})[field.removeprefix("history.sla.")] = value
            elif field.startswith("history."):
                name = field.removeprefix("history.")
                history[name] = self._instant(value, field) if name.endswith("_at") else value
        return history

    def _instant(self, value: str, field: str) -> datetime:
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise InvalidInput(
                field, f"column {self.mapping.columns[field]!r}: {value!r} is not a date"
            ) from None
        return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=self.zone)


class _LineRecorder:
    """The lines a ``csv.reader`` consumes, kept until taken: one row's exact text."""

    def __init__(self, lines: Iterator[str] | TextIO) -> None:
        self._lines = iter(lines)
        self._taken: list[str] = []

    def __iter__(self) -> _LineRecorder:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self._taken.append(line)
        return line

    def take(self) -> list[str]:
        taken, self._taken = self._taken, []
        return taken
