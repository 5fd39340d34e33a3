"""``complaintkit calendar show``: a business calendar's year, day by day where it matters."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import click

from complaintkit.cli.context import App, echo_json, json_option, pass_app
from complaintkit.cli.quoted import quoted
from complaintkit.english_dates import month_name, weekday_name
from complaintkit.policy.compiled import load_policy
from complaintkit.policy.typos import close_matches
from complaintkit.sla.calendar import BusinessCalendar, CalendarInvalid
from complaintkit.sla.timeline import Timeline, in_zone

#: What an incomplete year's holiday data means for its deadlines, and what to do.
_INCOMPLETE = {
    "provisional": "its public holidays are computed, without the official arrangement "
    "(China's make-up days, 调休) the data does not have yet; deadlines counted across it "
    "may move. Once published, list it under the calendar's holidays and working_days",
    "missing": "the holidays package has no public holidays for it: only the policy's own "
    "holidays close days. List them under the calendar's holidays",
}


@click.group()
def calendar() -> None:
    """Look at business calendars: working days, holidays and make-up days."""


@calendar.command("show")
@click.argument("name")
@click.option(
    "--year",
    type=click.IntRange(1900, 2200),
    help="The year to show (default: the current year where the calendar keeps its days).",
)
@click.option(
    "--holiday-categories",
    "categories",
    multiple=True,
    metavar="CATEGORY",
    help="For a country code: the holidays package's list to show instead of its default "
    "(public), e.g. optional for Hong Kong's general holidays; repeat for several.",
)
@json_option
@pass_app
def show_calendar(
    app: App, name: str, year: int | None, categories: tuple[str, ...], as_json: bool
) -> None:
    """Show calendar NAME of the policy (--policy) for one year, or a country's public
    holidays when NAME is an ISO code such as CN or GB-SCT."""
    app.only_reads = True
    chosen = _calendar(app, name, categories)
    if year is None:
        year = in_zone(app.clock.now(), chosen.zone).year
    report = year_report(chosen, name, year)
    if as_json:
        echo_json(report)
        return
    lists = ", ".join(report["holiday_categories"])
    named = f" ({lists})" if lists else ""  # a composed calendar has no categories of its own
    data = f", {report['holiday_data']}{named}" if report["holiday_data"] else ""
    click.echo(f"calendar {name}, {year}{data}")
    status = report["holiday_data_status"]
    if status in _INCOMPLETE:
        click.secho(f"holiday data for {year} is {status}: {_INCOMPLETE[status]}", fg="yellow")
    months = "  ".join(f"{m}:{n}" for m, n in report["working_days_by_month"].items())
    click.echo(f"working days: {report['working_days']}  ({months})")
    click.echo(f"holidays ({len(report['holidays'])}):")
    for day in report["holidays"]:
        click.echo(f"  {day['date']} {day['weekday']}  {day['why']}")
    click.echo(f"make-up working days ({len(report['make_up_days'])}):")
    for day in report["make_up_days"]:
        click.echo(f"  {day['date']} {day['weekday']}  {day['why']}")


def _calendar(app: App, name: str, categories: tuple[str, ...]) -> Timeline:
    if app.policy_path is not None:
        sla = load_policy(app.policy_path, app.plugins).sla
        calendars: dict[str, Timeline] = {} if sla is None else dict(sla.calendars)
        if name in calendars:
            if categories:
                raise click.UsageError(
                    f"--holiday-categories is for a country code: the policy's calendar "
                    f"{quoted(name)} takes its holiday_categories from the policy"
                )
            return calendars[name]
        if not _looks_like_country(name):
            known = ", ".join(sorted(calendars)) or "none"
            meant = close_matches(name, calendars, n=1)
            said = f"did you mean {meant[0]!r}? " if meant else ""
            raise click.UsageError(
                f"the policy has no calendar {quoted(name)}; {said}known: {known}"
            )
    if not _looks_like_country(name):
        raise click.UsageError(
            f"{quoted(name)} is not a country code; name a policy calendar with --policy POLICY"
        )
    country, _, subdivision = name.partition("-")
    try:
        return BusinessCalendar.from_mapping(
            {
                "timezone": "UTC",
                "hours": {"mon-fri": ["09:00-17:00"]},
                "holiday_country": country.upper(),
                **({"holiday_subdivision": subdivision.upper()} if subdivision else {}),
                **({"holiday_categories": list(categories)} if categories else {}),
            },
            name,
        )
    except CalendarInvalid as exc:  # its field names a policy's calendar, which NAME is not
        chosen = exc.field.endswith("holiday_categories")
        hint = "'--holiday-categories'" if chosen else "NAME"
        raise click.BadParameter(exc.message, param_hint=hint) from None


def _looks_like_country(name: str) -> bool:
    country = name.partition("-")[0]
    return len(country) == 2 and country.isalpha()


def year_report(calendar: Timeline, name: str, year: int) -> dict[str, Any]:
    """Working days per month, the holidays and the make-up days of ``year``."""
    day, end = date(year, 1, 1), date(year, 12, 31)
    by_month: dict[str, int] = {}
    holidays: list[dict[str, str]] = []
    make_up: list[dict[str, str]] = []
    while day <= end:
        label = {"date": day.isoformat(), "weekday": weekday_name(day)}
        if calendar.is_business_day(day):
            key = month_name(day)
            by_month[key] = by_month.get(key, 0) + 1
            why = calendar.why_open(day)
            if why:
                make_up.append({**label, "why": why})
        else:
            why = calendar.why_closed(day)
            if why != "weekend":
                holidays.append({**label, "why": why.removeprefix("holiday: ")})
        day += timedelta(days=1)
    return {
        "calendar": name,
        "year": year,
        "holiday_data": calendar.data_version(),
        "holiday_categories": list(
            calendar.holiday_lists() if isinstance(calendar, BusinessCalendar) else ()
        ),
        "holiday_data_status": calendar.holiday_data_status(year),
        "working_days": sum(by_month.values()),
        "working_days_by_month": by_month,
        "holidays": holidays,
        "make_up_days": make_up,
    }
