"""The CSV channel: rows mapped to complaint fields by a column mapping.

The mapping (``complaintkit.channels.mapping``) names, for each complaint field, the column
that holds it (``{"external_id": "Complaint ID", "text": "Consumer complaint narrative|Issue"}``);
``history.<field>`` columns carry what another system already did with the complaint.
Dates (``2020-03-06``) and times without an offset are read in the channel's ``timezone``
(by default the Desk's home zone, where reports count days):
a time the clocks skipped (a daylight-saving change) is refused, a time they showed twice
is its first occurrence, and a date whose midnight was skipped starts when the day did.
A recorded date (``history.closed_at: 2026-10-02``) on the day of an earlier instant of the
record (received at 14:00 that day) is the end of that day, or the next recorded time that
day: its start would precede the receipt, and the end never shows the complaint handled
faster than the record does.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from complaintkit.channels.base import Rejected, channel_option, isolated
from complaintkit.channels.csv_encoding import (
    FileStart,
    header_encoding_error,
    is_utf,
    is_wide,
    naming_charset,
    past_wide_line_ends,
    row_encoding_error,
    unmarked_wide_start,
    windows_for_latin1,
    writes_a_mark,
)
from complaintkit.channels.csv_names import header_names, near_misses
from complaintkit.channels.csvrows import CutLine, EndlessLine, Record, records
from complaintkit.channels.date_advice import date_advice
from complaintkit.channels.files import open_source, raw_bytes, source_named
from complaintkit.channels.jsonl import CUT, ENDLESS, bounded_lines, grown_while_read
from complaintkit.channels.mapping import REQUIRED, load_mapping
from complaintkit.channels.web_charset_labels import WEB_LABELS
from complaintkit.errors import ConfigError, InvalidInput
from complaintkit.model.complaint import Complaint, shows_nothing
from complaintkit.model.instants import from_iso
from complaintkit.model.recorded import INSTANTS

if TYPE_CHECKING:
    from complaintkit.desk.context import PluginContext

#: Characters that cannot separate fields: quoting and line breaks mean something else.
_NOT_DELIMITERS = frozenset('"\r\n\x00')


#: Excel's first line naming the delimiter; it is no header.
_EXCEL_HINT = re.compile('sep=[^"\r\n\x00]\r?\n?')


def excel_hint(lines: Iterable[str]) -> tuple[str, Iterator[str]]:
    """The ``sep=X`` line ``lines`` start with, or ``""``, and the lines after it."""
    rest = iter(lines)
    first = next(rest, "")
    if _EXCEL_HINT.fullmatch(first):
        return first, rest
    return "", itertools.chain([first], rest)


#: A tab written out: bash alone types one (``$'\\t'``), cmd cannot, and a script or the
#: docs of an exporter write ``\\t``. No delimiter is two characters, so neither is
#: another one.
_TAB_NAMES = ("\\t", "tab")


def _excel_hint_again(line: str) -> str:
    """The delimiter a ``sep=X`` line inside a file names (behind a byte order mark too:
    the next export joined on with `cat`), or ``""``: it is no record."""
    bare = line.removeprefix("\ufeff")
    return bare[len("sep=")] if _EXCEL_HINT.fullmatch(bare) else ""


def _other_delimiter(named: str, delimiter: str) -> str:
    """Why a ``sep=`` line naming another ``delimiter`` than the file's is refused."""
    return (
        f"an Excel line 'sep={named}' inside the file names another delimiter than the "
        f"{delimiter!r} its rows are read by: exports joined with `cat` separated "
        "differently; read each export on its own"
    )


#: Characters exports separate fields by, each as a shell takes it in an option.
_SEPARATORS = {
    ",": "-o delimiter=,",
    ";": "-o 'delimiter=;'",
    "\t": "-o delimiter=tab",
    "|": "-o 'delimiter=|'",
    "\uff0c": "-o delimiter=\uff0c",  # the fullwidth comma a Chinese input method types
}


def _separated_by(header: list[str], named: set[str], delimiter: str) -> str:
    """Advice on reading ``header`` when it holds every ``named`` column, separated by
    another character than ``delimiter`` (Excel in a European locale writes ``;``), or
    ``""``: read by the wrong one, a header is one column of all the names."""
    for separator, option in _SEPARATORS.items():
        names = {name.strip().strip('"') for cell in header for name in cell.split(separator)}
        if separator != delimiter and named <= names:
            return f"; its names are separated by {separator!r}: read the file with {option}"
    return ""


def _zone(name: str | None, context: PluginContext | None) -> tzinfo:
    """The zone named; without a name the Desk's home zone (UTC without a Desk): an
    export's date means that day where the business is, the day reports count it on."""
    if name is None:
        return UTC if context is None else context.desk.zone
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"timezone {name!r} is not an IANA zone name") from None


def _counts(row: Record, header: list[str]) -> str:
    """How many fields ``row`` has against the ``header``'s columns (named, the first ten):
    'the row has 1 field; the header has 5 (id, at, text, shop, note)'. Where the row is
    goes with it (``rows.csv:7``), not in it: its letter read again is refused alike."""
    fields = len(row.values)
    names = ", ".join(header[:10]) + (f" and {len(header) - 10} more" if len(header) > 10 else "")
    return (
        f"the row has {fields} field{'' if fields == 1 else 's'}; "
        f"the header has {len(header)} ({names})"
    )


def _bounded(handle: TextIO, held: list[int]) -> Iterator[str]:
    """The lines of ``handle``, each cut at the longest line read (as JSON lines are): a
    line with no end (``/dev/zero``) is not held whole, and its row is refused. The number
    of a last line left for the next run goes in ``held`` (``bounded_lines``)."""
    for line, cut in bounded_lines(handle, held=held):
        yield {CUT: CutLine, ENDLESS: EndlessLine}.get(cut, str)(line)


class CsvChannel:
    """Reads a CSV file with a header row; each row becomes one complaint or one reject."""

    def __init__(
        self,
        columns: Mapping[str, Any] | str,
        *,
        channel: str = "csv",
        timezone: str | None = None,
        delimiter: str = ",",
        encoding: str = "utf-8",
        language: str | None = None,
        date_format: str | None = None,
        context: PluginContext | None = None,
    ) -> None:
        self.mapping = load_mapping(columns)
        self.date_format = _date_format(date_format)
        self.channel = channel_option(channel)
        self.zone = _zone(timezone, context)
        if delimiter.lower() in _TAB_NAMES:
            delimiter = "\t"
        if len(delimiter) != 1 or delimiter in _NOT_DELIMITERS:
            raise ConfigError(
                f"delimiter {delimiter!r} must be one character other than a quote, a line "
                "break or NUL (a tab: -o delimiter=tab)"
            )
        self.delimiter = delimiter
        self.encoding = windows_for_latin1(WEB_LABELS.get(encoding.lower(), encoding))
        self.language = language
        #: Where the row yielded last starts (``rows.csv:7``).
        self.location: str | None = None
        #: What says a last line was left for the next run: the file grew as it was read.
        self.held: list[str] = []
        #: A header and the names, case folded, a row of names again holds (_header_again).
        self._folded: tuple[list[str], set[str]] = ([], set())

    def read(self, source: str) -> Iterator[Complaint | Rejected]:
        """Each row is one complaint or one reject; a reject keeps the header line and the
        row's own lines, exactly as read, so it can be taken in again on its own. Blank
        lines are skipped. Excel's ``sep=;`` first line names the delimiter. A row naming
        every column the mapping reads is a header again (exports joined with ``cat``),
        which the rows after it are read by."""
        name = "<stdin>" if source == "-" else Path(source).name
        shown = source_named(source)
        with open_source(source, "CSV", self.encoding) as handle:
            half: list[int] = []  # the number of a line left for the next run
            start = FileStart(_bounded(handle, half))
            hint, lines = excel_hint(start)
            delimiter = hint[len("sep=")] if hint else self.delimiter
            if not is_wide(self.encoding):
                lines = past_wide_line_ends(lines)
            rows = records(lines, delimiter, first=2 if hint else 1)
            head = next(rows, Record(1, "", []))
            self._check_head(shown, head, start)
            header = header_names(head.values)  # exports pad names: 'ID , Date'
            self._check_header(shown, header, raw_bytes(head.text, self.encoding), delimiter)
            header_text, broken = head.text, ""  # broken: where a header not read is
            for record in rows:
                row = self._past_mark(record, delimiter)
                if shows_nothing(row.text):  # blank, or a mark alone (`cat` of an empty file)
                    continue
                where = self.location = f"{name}:{row.line}"
                raw = raw_bytes(hint + header_text + row.text, self.encoding)
                if again := _excel_hint_again(row.text):  # exports joined with `cat`
                    if again != delimiter:
                        yield Rejected(where, raw, _other_delimiter(again, delimiter))
                    continue
                error = _long_field_named(row, header) or row.error
                names = None if error else self._header_again(row.values, header)
                if names is not None:  # exports joined with `cat`: the rows after it read by it
                    header_text = row.text
                    try:
                        self._check_header(shown, names)
                    except ConfigError as exc:
                        broken = where  # its rows are read by no other header
                        yield Rejected(where, raw, f"header row again: {exc}")
                        continue
                    header, broken = names, ""
                    continue
                error = error or self._unreadable(row, header)
                if broken:
                    error = (
                        f"row under the header row at {broken}, which cannot be read (its "
                        "letter says why): not read by another header's columns; mend the "
                        "header in this letter and retry it"
                    )
                if error:
                    yield Rejected(where, raw, error)
                    continue
                values = dict(zip(header, row.values, strict=False))
                if short := self._short_of(values, _counts(row, header)):
                    yield Rejected(where, raw, short)
                    continue
                yield isolated(where, raw, self.complaint, values)
            self.held += [grown_while_read(source, number) for number in half]

    def _past_mark(self, row: Record, delimiter: str) -> Record:
        """``row`` read without UTF-8's byte order mark before it, in a file read in another
        encoding (GBK), where it is the next export joined on with `cat` (one tool wrote
        the mark, another the text) and ``row`` is blank, a ``sep=`` line or a header:
        read as GBK, the mark's bytes are characters taking the header's first letter
        with them (``锘縯ext``), and the rows after it were read by the names before it. A
        row of data after a mark is as read, so its letter keeps its bytes. In a file read
        in UTF-8, UTF-16 or GB18030 the mark before any row is the joined export's, never the
        row's (GB18030's too): read as its first character, it would keep a quoted field
        behind it from being read as quoted (a comma in it splitting the row)."""
        if writes_a_mark(self.encoding) and row.text.startswith(_MARK) and not row.error:
            return _without_mark(row, delimiter)
        if row.error or is_utf(self.encoding):
            return row
        raw = raw_bytes(row.text, self.encoding)
        if not raw.startswith(codecs.BOM_UTF8):
            return row
        try:
            text = raw[len(codecs.BOM_UTF8) :].decode(self.encoding)
            values = next(csv.reader(io.StringIO(text), delimiter=delimiter, strict=True), [])
        except (UnicodeDecodeError, csv.Error):
            return row
        bare = Record(row.line, text, values)
        if (
            shows_nothing(text)
            or _excel_hint_again(text)
            or self._header_again(values, []) is not None
        ):
            return bare
        return row

    def _check_head(self, shown: str, head: Record, start: FileStart) -> None:
        """The first row must be a header in the file's encoding, with names. One that
        lacks a column the mapping reads, in a file whose ``start`` reads as UTF-16 or
        UTF-32, is that (``unmarked_wide_start``)."""
        named = self.mapping.column_names() <= set(header_names(head.values))
        if not named and (wide := unmarked_wide_start(shown, start, self.encoding)):
            raise ConfigError(wide)
        if head.error:
            raise ConfigError(f"{shown}: the header row cannot be read: {head.error}")
        if error := header_encoding_error(shown, head.text, self.encoding):
            raise ConfigError(error)
        if not "".join(head.values).strip():
            empty = "the first line is blank" if head.text else "the file is empty"
            raise ConfigError(
                f"{shown}: {empty}; a CSV file starts with its header row, the names of its columns"
            )

    def _check_header(
        self, source: str, header: list[str], raw: bytes = b"", delimiter: str = ","
    ) -> None:
        """Every column the mapping names must be in the header exactly once. When the
        header's bytes, ``raw``, name them all in another charset than the file's, the
        error names it: read in the file's, they are mojibake ('絪腹' for Big5's 編號 read
        as GBK)."""
        named = self.mapping.column_names()
        absent = sorted(named - set(header))
        if absent:
            meant = naming_charset(raw, delimiter, self.encoding, named)
            raise ConfigError(
                f"{source}: the column mapping names {', '.join(map(repr, absent))}, "
                f"which the header does not have; columns: {', '.join(map(repr, header))}"
                + _separated_by(header, named, self.delimiter)
                + near_misses(absent, header)
                + (
                    f"; the header reads as {meant}: read the file with -o encoding={meant}"
                    if meant
                    else ""
                )
            )
        twice = sorted(c for c in named if header.count(c) > 1)
        if twice:
            raise ConfigError(
                f"{source}: the header has {', '.join(map(repr, twice))} more than once, "
                "so the column mapping cannot tell which to read; rename the columns"
            )

    def _short_of(self, values: Mapping[str, str], counts: str) -> str:
        """Why a row, with fewer fields than the header (``counts`` says both), lacks a
        column a complaint needs, or ``""``: it was cut, not left blank."""
        for field in REQUIRED:
            spec = self.mapping.columns[field]
            if all(name not in values for name in spec.split("|")):
                return (
                    f"{field}: {counts}, "
                    f"and column {spec!r} is not among them (a line break outside quotes, "
                    "or a row written in part)"
                )
        return ""

    def _header_again(self, values: list[str], header: list[str]) -> list[str] | None:
        """A row's names if it is a header: it names every column the mapping reads, or
        every cell is a column's name in any case (``ID`` for ``id``), more than half as
        many as the mapping reads (a short row of data is no header); the mapping's
        spelling of each it reads. Else ``None``."""
        names = header_names(values)
        named = self.mapping.column_names()
        if named <= set(names):
            return names
        if sum(map(bool, names)) <= max(1, len(named) // 2):
            return None
        if self._folded[0] is not header:  # asked of every row: once per header
            self._folded = (header, {name.casefold() for name in (*header, *named)})
        if not all(name.casefold() in self._folded[1] for name in names if name):
            return None
        mapped = {name.casefold(): name for name in named}
        return [mapped.get(name.casefold(), name) for name in names]

    def _unreadable(self, row: Record, header: list[str]) -> str:
        """Why a parsed row cannot be read without losing part of it, or ``""``."""
        columns = len(header)
        if error := row_encoding_error(row.text, self.encoding):
            return error
        if any(value.strip() for value in row.values[columns:]):
            return f"{_counts(row, header)}; the extra ones would be lost"
        return ""

    def complaint(self, row: Mapping[str, str | None]) -> Complaint:
        """One row as a complaint; a bad value raises ``InvalidInput`` naming the column."""
        values: dict[str, Any] = {}
        for field, spec in self.mapping.columns.items():
            value = _cell(row, field, spec)
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
        data["received_at"] = self._instant(data["received_at"], "received_at")
        history = self._history(values)
        if history:
            data["history"] = self._dates_settled(history, values, data["received_at"])
        customer.setdefault("id", f"{self.channel}:{data['external_id']}")
        data["customer"] = customer
        if "amount" in values:
            data["amount"] = self._money(values)
        if self.language and "language" not in data:
            data["language"] = self.language
        return Complaint.from_json(data)

    def _money(self, values: Mapping[str, str]) -> dict[str, str]:
        """The amount's JSON; its currency is in a column of its own, which must be given."""
        if "currency" not in values:
            column = self.mapping.columns.get("currency")
            raise InvalidInput(
                "currency",
                f"column {column!r} is blank; an amount needs its currency"
                if column
                else "the column mapping names no currency column; an amount needs one",
            )
        return {"amount": values["amount"], "currency": values["currency"]}

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

    def _dates_settled(
        self, history: dict[str, Any], values: Mapping[str, str], received: datetime
    ) -> dict[str, Any]:
        """``history`` with each recorded date that starts before an earlier instant of the
        same day moved to the end of that day, or to the next recorded time that day."""
        earlier = received
        for index, name in enumerate(INSTANTS):
            at = history.get(name)
            if at is None:
                continue
            if _date_only(values[f"history.{name}"]) and self._same_day_before(at, earlier):
                end = self._end_of_day(at)
                later = [
                    history[n]
                    for n in INSTANTS[index + 1 :]
                    if n in history and not _date_only(values[f"history.{n}"])
                ]
                at = history[name] = min([end, *(t for t in later if earlier <= t < end)])
            earlier = at
        return history

    def _same_day_before(self, day_start: datetime, earlier: datetime) -> bool:
        return day_start < earlier and earlier.astimezone(self.zone).date() == day_start.date()

    def _end_of_day(self, day_start: datetime) -> datetime:
        """The last second of ``day_start``'s day: a second before the next day starts,
        counted in UTC so that a last hour shown twice ends with its second showing."""
        following = (day_start.date() + timedelta(days=1)).isoformat()
        start = datetime.fromisoformat(following).replace(tzinfo=self.zone)
        if not _happened(start):  # the next midnight was skipped: the day ends before it
            start = start.astimezone(UTC).astimezone(self.zone)
        return _fixed((start.astimezone(UTC) - timedelta(seconds=1)).astimezone(self.zone))

    def _instant(self, value: str, field: str) -> datetime:
        column = self.mapping.columns[field]
        try:
            parsed = (
                from_iso(value)
                if self.date_format is None
                else datetime.strptime(value, self.date_format)  # noqa: DTZ007 -- zone below
            )
        except ValueError:
            hint = (
                date_advice(value)
                if self.date_format is None
                else f"it is not in -o date_format={self.date_format}"
            )
            raise InvalidInput(
                field, f"column {column!r}: {value!r} is not a date; {hint}"
            ) from None
        if parsed.tzinfo is not None:
            return parsed
        local = parsed.replace(tzinfo=self.zone)  # fold 0: an hour told twice is the first
        if _happened(local):
            return _fixed(local)
        if self._date_only(value):  # the day's midnight was skipped: the day starts after it
            return _fixed(local.astimezone(UTC).astimezone(self.zone))
        raise InvalidInput(
            field,
            f"column {column!r}: {value!r} does not exist in {self.zone}: the clocks "
            "skipped it (a daylight-saving change); write the time with its UTC offset",
        )

    def _date_only(self, value: str) -> bool:
        if self.date_format is None:
            return _date_only(value)
        return not any(f"%{d}" in self.date_format for d in "HIMSfpXc")


#: The byte order mark, as a character.
_MARK = "\ufeff"
#: The columns a byte order mark is refused in rather than dropped from.
_KEYS = frozenset({"external_id", "customer.id"})


def _cell(row: Mapping[str, str | None], field: str, spec: str) -> str:
    """What the first of ``spec``'s columns (``a|b``) that shows something holds for
    ``field``, without the spaces around it; ``""`` when none does. A byte order mark in
    it (pasted with copied text, or left inside a quoted field by a join) is no text and
    is dropped, but from a key, which refuses it: the key would look like another and
    open a second case for the same complaint."""
    value = next(
        (v.strip() for c in spec.split("|") if not shows_nothing(v := row.get(c) or "")), ""
    )
    return value if field in _KEYS else value.replace(_MARK, "").strip()


def _without_mark(row: Record, delimiter: str) -> Record:
    """``row``, read in an encoding that writes a mark, without one before it: its fields
    read again from its text after the mark (a quote behind it opens a quoted field)."""
    if not row.text.startswith(_MARK):
        return row
    text = row.text[1:]
    try:
        values = next(csv.reader(io.StringIO(text), delimiter=delimiter, strict=True), [])
    except csv.Error:
        return row
    return Record(row.line, text, values)


def _long_field_named(row: Record, header: list[str]) -> str:
    """Why ``row`` holds a field longer than the reader takes, naming its column, or ``""``."""
    if row.long_field is None:
        return ""
    where = (
        f"column {header[row.long_field - 1]!r} (field {row.long_field})"
        if row.long_field <= len(header)
        else f"field {row.long_field}, past the header's {len(header)} columns,"
    )
    return f"{where} is longer than {csv.field_size_limit():,} characters, the longest field read"


def _date_format(written: str | None) -> str | None:
    """A ``strptime`` format naming the year, month and day: ``03/04/2026`` is never
    guessed to be March or April."""
    if written is None:
        return None
    if not all(any(f"%{d}" in written for d in ds) for ds in ("Yy", "mbB", "d")):
        raise ConfigError(
            f"date_format {written!r} must name the year (%Y), the month (%m) and the day "
            "(%d), as strptime writes them: e.g. -o date_format=%m/%d/%Y"
        )
    if "%Z" in written.replace("%%", ""):  # strptime reads the name and gives no offset
        raise ConfigError(
            f"date_format {written!r} reads a zone's name with %Z, which strptime gives no "
            "offset for: the time would be read in the sheet's zone whatever the name says. "
            "Read an offset written +0800 with %z, or leave the name out of the format and "
            "name the zone with -o timezone"
        )
    return written


def _fixed(local: datetime) -> datetime:
    """``local`` at its UTC offset rather than in its zone: an instant in an hour shown
    twice compares unequal to every instant of another zone, even itself read back from
    its stored text (PEP 495), so the same file taken in again would not be the same."""
    return local.replace(tzinfo=timezone(local.utcoffset() or timedelta()))


def _happened(local: datetime) -> bool:
    """Whether the wall time ``local`` was ever shown in its zone: a time in the hour the
    clocks skip comes back from UTC as another wall time."""
    try:
        back = local.astimezone(UTC).astimezone(local.tzinfo)
    except OverflowError:  # year 1 or 9999: refused by the complaint's year range instead
        return True
    return back.replace(tzinfo=None) == local.replace(tzinfo=None)


def _date_only(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True
