"""The CSV channel: rows mapped to complaint fields by a column mapping.

The mapping names, for each complaint field, the column that holds it
(``{"external_id": "Complaint ID", "text": "Consumer complaint narrative|Issue"}``);
``a|b`` takes the first non-blank of several columns. ``customer.<field>`` maps customer
fields; a column mapped as ``attributes.<name>`` lands in the complaint's attributes.
Dates (``2020-03-06``) and times without an offset are read in the channel's ``timezone``.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from complaintkit.channels.base import Rejected, isolated
from complaintkit.channels.files import open_source, raw_bytes, undecodable
from complaintkit.errors import ConfigError, InvalidInput
from complaintkit.model.complaint import Complaint

REQUIRED = ("external_id", "received_at", "text")
FIELDS = frozenset(
    {*REQUIRED, "subject", "product", "order_id", "language", "amount", "currency"}
    | {f"customer.{name}" for name in ("id", "name", "contact", "tier", "region")}
)


def load_mapping(columns: Mapping[str, str] | str) -> dict[str, str]:
    """The column mapping itself, or read from a JSON or YAML file path."""
    if isinstance(columns, str):
        try:
            text = Path(columns).read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"cannot read column mapping {columns!r}: {exc.strerror}") from None
        loaded = json.loads(text) if columns.endswith(".json") else yaml.safe_load(text)
        if not isinstance(loaded, dict):
            raise ConfigError(f"column mapping {columns!r} must map complaint fields to columns")
        columns = loaded
    mapping = {str(k): str(v) for k, v in columns.items()}
    for field in mapping:
        if field not in FIELDS and not field.startswith("attributes."):
            raise ConfigError(
                f"column mapping: {field!r} is not a complaint field; "
                f"use one of {', '.join(sorted(FIELDS))} or attributes.<name>"
            )
    missing = [f for f in REQUIRED if f not in mapping]
    if missing:
        raise ConfigError(f"column mapping: map {', '.join(missing)} to a column")
    return mapping


class CsvChannel:
    """Reads a CSV file with a header row; each row becomes one complaint or one reject."""

    def __init__(
        self,
        columns: Mapping[str, str] | str,
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
            absent = sorted(
                {c for spec in self.mapping.values() for c in spec.split("|")} - set(header)
            )
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
        for field, spec in self.mapping.items():
            value = next(
                (v.strip() for c in spec.split("|") if (v := row.get(c) or "").strip()), ""
            )
            if value:
                values[field] = value
        data: dict[str, Any] = {"channel": self.channel, "attributes": {}}
        customer: dict[str, Any] = {}
        for field, value in values.items():
            if field.startswith("customer."):
                customer[field.removeprefix("customer.")] = value
            elif field.startswith("attributes."):
                data["attributes"][field.removeprefix("attributes.")] = value
            elif field not in ("amount", "currency"):
                data[field] = value
        for field in REQUIRED:
            if field not in data:
                raise InvalidInput(field, f"column {self.mapping[field]!r} is blank")
        data["received_at"] = self._instant(data["received_at"])
        customer.setdefault("id", f"{self.channel}:{data['external_id']}")
        data["customer"] = customer
        if "amount" in values:
            data["amount"] = {"amount": values["amount"], "currency": values.get("currency")}
        if self.language and "language" not in data:
            data["language"] = self.language
        return Complaint.from_json(data)

    def _instant(self, value: str) -> datetime:
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise InvalidInput(
                "received_at", f"column {self.mapping['received_at']!r}: {value!r} is not a date"
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
