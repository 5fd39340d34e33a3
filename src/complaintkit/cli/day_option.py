"""``--since``/``--until``, ``--at``, ``tick --now``: an instant with its offset, or a plain
date (``2026-11-23``).

A date means the start of that day where the policy keeps time — its home zone, UTC
without one — as the report counts days there; the zone is known only once the policy is
loaded, so the option's callback keeps the date and the command places it (:func:`placed`,
:func:`placed_one`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, time, tzinfo
from typing import Any, TypeVar

import click

from complaintkit.cli.context import instant_argument, time_range
from complaintkit.model.complaint import RECEIVED_YEARS

#: A calendar date and nothing else: ``2026-11-23``.
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

#: What the options' help says they take, after what they select.
DAY_OR_INSTANT = (
    "a date (2026-11-23: the start of that day in the policy's home zone, UTC without "
    "one) or an ISO 8601 instant with offset"
)


F = TypeVar("F", bound=Callable[..., Any])


def since_until_options(selected: str, zone: str = "") -> Callable[[F], F]:
    """``--since``/``--until``, spelt alike on every command: ``selected`` says what they
    keep (``Complaints received``), ``zone`` whose home zone a date is placed in when it is
    not the ``--policy``'s (`` (the CANDIDATE's zone)``)."""

    def options(func: F) -> F:
        until = click.option(
            "--until",
            callback=day_or_instant,
            metavar="WHEN",
            help=f"{selected} before WHEN (a date: before that day begins): "
            f"{DAY_OR_INSTANT}{zone}.",
        )
        since = click.option(
            "--since",
            callback=day_or_instant,
            metavar="WHEN",
            help=f"{selected} at or after WHEN: {DAY_OR_INSTANT}{zone}.",
        )
        return since(until(func))

    return options


def day_or_instant(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    """An option's ``callback``: a ``date`` for a plain date, else the instant
    :func:`instant_argument` reads (or its usage error naming the option)."""
    hint = param.opts[0] if param.opts else f"--{param.name}"
    if value is None:
        return None
    text = value.strip()
    if not _DATE.fullmatch(text):
        try:
            return instant_argument(value, hint)
        except click.BadParameter as exc:  # it says what an instant needs; a date does too
            raise click.BadParameter(
                f"{exc.message}; or a date (2026-11-23) for the start of that day in the "
                "policy's home zone",
                param_hint=hint,
            ) from None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise click.BadParameter(f"{value!r} is no day of the calendar", param_hint=hint) from None
    if day.year not in RECEIVED_YEARS:
        raise click.BadParameter(
            f"{value!r} is outside the years {RECEIVED_YEARS.start} to {RECEIVED_YEARS.stop - 1}",
            param_hint=hint,
        )
    return day


def placed(
    since: datetime | date | None, until: datetime | date | None, zone: tzinfo | None
) -> tuple[datetime | None, datetime | None]:
    """``since`` and ``until`` as instants, a date as the start of its day in ``zone``
    (UTC for None), else a usage error naming ``--until`` when they are out of order."""
    start, end = placed_one(since, zone), placed_one(until, zone)
    time_range(start, end)
    return start, end


def placed_one(value: datetime | date | None, zone: tzinfo | None) -> datetime | None:
    """``value`` as an instant, a date as the start of its day in ``zone`` (UTC for None)."""
    return None if value is None else instant_of(value, zone)


def instant_of(value: datetime | date, zone: tzinfo | None) -> datetime:
    """``value``, a date as the instant its day begins in ``zone`` (UTC for None)."""
    if isinstance(value, datetime):
        return value
    # midnight skipped by a clock change (zoneinfo's fold 0) is the instant the day begins
    zone = zone or UTC
    return datetime.combine(value, time(), tzinfo=zone).astimezone(UTC).astimezone(zone)
