"""How each deadline of a case was computed, and when each escalation level fires.

``explain_deadlines`` is the SLA part of ``complaintkit explain`` and ``complaintkit cases
explain``, for a case at any point of its life: for every clock it gives the target row
and the target as written, where the clock started and why (receipt, the next opening
after an after-hours receipt, a complaint field), the calendar and why it was chosen, the
days counted and skipped (weekends, holidays, make-up days), the end rule and
roll-forward, each extension, each pause, the budget and time used, and the due instant;
for the case's ladder, each level's trigger and when it fired, was skipped or will fire.
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from typing import Any

from complaintkit.model.case import Case
from complaintkit.model.clocks import ClockState
from complaintkit.sla import clock, reckoning
from complaintkit.sla.clock import Meter
from complaintkit.sla.durations import Duration, parse_duration
from complaintkit.sla.engine import SlaEngine
from complaintkit.sla.escalation import Trigger
from complaintkit.sla.schema import ALWAYS
from complaintkit.sla.shown_zone import ZoneOf, declared_zones, shown_zone
from complaintkit.sla.timezones import parse_timezone
from complaintkit.sla.work import Work


def _budget(span: timedelta, business: bool, in_days: bool = True) -> str:
    """A span as people say it: business time in business hours ("80 business hours", not
    the "3 days, 8:00:00" of a timedelta, which reads as real days), real time in days and
    hours ("15 days", "1 day 12 hours") — or in hours alone for a target written in hours
    (``in_days`` false: "48 hours", as ``48小时`` was meant, not "2 days"); to the second."""
    minutes, seconds = divmod(int(span.total_seconds()), 60)
    hours, minutes = divmod(minutes, 60)
    in_hours = business or not in_days
    days, hours = (0, hours) if in_hours else divmod(hours, 24)
    hour = "business hour" if business else "hour"
    parts = [
        f"{count} {unit}{'' if count == 1 else 's'}"
        for count, unit in ((days, "day"), (hours, hour), (minutes, "minute"), (seconds, "second"))
        if count
    ]  # nothing, in the unit the span is told in: "0 business hours", not "0 minutes"
    return " ".join(parts) or (f"0 {hour}s" if in_hours else "0 minutes")


def _target_budget(state: ClockState) -> tuple[str, bool]:
    """The clock's budget, and whether time is told in days, as its target was written: a target
    in hours in hours; one in working days (``3个工作日``, ``3 business days``) says so
    before the business hours they come to from its start, which a number of days alone
    would read as calendar days."""
    try:
        written = parse_duration(state.target)
    except ValueError:
        written = None
    in_days = written is None or written.in_days
    budget = _budget(state.budget, state.business, in_days)
    if written is None or not written.in_days or state.granted:
        return budget, in_days
    if written.business:
        count = written.days
        return f"{count} working day{'' if count == 1 else 's'} ({budget})", in_days
    return _calendar_days(written, state.budget), in_days


def _calendar_days(written: Duration, budget: timedelta) -> str:
    """A target in calendar days (weeks, months) as written: "15 days", not the 14 days 23
    hours they come to across a spring DST change; the elapsed time it is measured in (a
    month's days, a DST change's hour) is said beside it when it differs."""
    counts = ((written.months, "month"), (written.days, "day"))
    parts = [f"{count} {unit}{'' if count == 1 else 's'}" for count, unit in counts if count]
    if written.time:
        parts.append(_budget(written.time, False))
    said = " ".join(parts) or "0 days"
    fixed = timedelta(days=written.days) + written.time
    if written.months or fixed != budget:
        return f"{said} ({_budget(budget, False)} of elapsed time)"
    return said


def _local(text: str | None, zone: tzinfo) -> str | None:
    """A stored instant (in its clock's start offset) as people read it: in the calendar's
    zone at that instant, so a deadline after a DST change shows the new offset."""
    return None if text is None else datetime.fromisoformat(text).astimezone(zone).isoformat()


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def explain_deadlines(case: Case, engine: SlaEngine, now: datetime) -> dict[str, Any]:
    """A JSON-ready account of the case's SLA clocks and escalation ladder at ``now``."""
    work = Work(case)
    zones = declared_zones(engine.policy)  # where people read the instants (shown_in)
    metrics = []
    for name, state in work.clocks.items():
        meter = engine.meter(state)
        used = clock.elapsed(state, meter, now)
        warnings = []
        for label, offset in state.thresholds.items():
            at = clock.warning_at(state, meter, offset)
            warnings.append({"label": label, "fired": label in state.warned, "at": _iso(at)})
        json = state.to_json()
        budget, in_days = _target_budget(state)
        metrics.append(
            {
                "metric": name,
                "row": state.row,
                "target": state.target,
                "time": "business" if state.business else "calendar",
                "calendar": state.calendar,
                "timezone": str(engine.calendar(state.calendar).zone),
                "shown_in": str(shown_zone(case, zones, state.calendar)),
                "day_boundary": _day_boundary(engine, state.calendar),
                "cycle": state.cycle,
                "started_at": json["started_at"],
                "pauses": json["pauses"],
                "budget": budget,
                "used": _budget(used, state.business, in_days),
                "fraction": round(used / state.budget, 4) if state.budget else None,
                "state": state.state,
                "due_at": json["due_at"],
                "warnings": warnings,
                "breached_at": json["breached_at"],
                "met_at": json["met_at"],
                "outcome": state.outcome,
                **_reckoning(engine, state),
            }
        )
    ladder = engine.due.ladder(work)
    timeline = []
    if ladder is not None:
        fired = work.escalation.get("fired", {})
        skipped = work.escalation.get("skipped", {})
        for level in ladder.levels:
            at = engine.due.level_instant(work, level)
            timeline.append(
                {
                    "level": level.name,
                    "index": level.index,
                    "trigger": level.trigger.describe(),
                    "fired_at": fired.get(level.name),
                    "skipped_at": skipped.get(level.name),
                    "fires_at": None
                    if level.name in fired or level.name in skipped or at is None
                    else at.isoformat(),
                    "actions": [action.kind for action in level.actions],
                    "timezone": str(_level_zone(engine, work, level.trigger)),
                    "shown_in": str(_level_shown(case, zones, work, level.trigger)),
                }
            )
    return {
        "case": case.id,
        "policy_version": case.policy_version,
        "next_deadline": None if case.next_deadline is None else case.next_deadline.isoformat(),
        "metrics": metrics,
        "ladder": None if ladder is None else ladder.name,
        "timezone": str(engine.calendar(None).zone),
        "levels": timeline,
    }


def _level_zone(engine: SlaEngine, work: Work, trigger: Trigger) -> tzinfo:
    """Where a level's instant is read: in the zone of the clock it watches, or of the
    calendar its ``since`` counts on, as that clock's own deadline is."""
    state = work.clocks.get(trigger.sla or "")
    return engine.calendar(state.calendar if state else trigger.calendar_for(work.facts)).zone


def _level_shown(case: Case, zones: ZoneOf | None, work: Work, trigger: Trigger) -> tzinfo:
    """Where a level's instant is shown: as the deadline of the clock it watches is."""
    state = work.clocks.get(trigger.sla or "")
    return shown_zone(case, zones, state.calendar if state else trigger.calendar_for(work.facts))


def _day_boundary(engine: SlaEngine, name: str | None) -> str | None:
    """For the built-in 24x7 calendar, which keeps UTC days whatever the policy's zone:
    that, and the declared calendar that would count them where the policy is."""
    if (name or engine.policy.default_calendar) != ALWAYS:
        return None
    zone = engine.calendar(ALWAYS).zone
    note = f"every hour counts, and its days run midnight to midnight {zone}"
    elsewhere = [
        (other, calendar.zone)
        for other, calendar in engine.policy.calendars.items()
        if other != ALWAYS and str(calendar.zone) != str(zone)
    ]
    if not elsewhere:
        return f"{note}; declare a calendar with your timezone to count them there"
    other, there = elsewhere[0]
    return f"{note}; sla.calendar: {other} would count them in {there}"


def _calendar_reason(engine: SlaEngine, name: str | None) -> str:
    """Why a clock with no recorded reason (a target's calendar, not chosen by a field)
    counts on ``name``: it is the policy's default, or one its target (or row) names."""
    if name is None or name == engine.policy.default_calendar:
        return "the default calendar"
    return "the target's calendar"


def _reckoning(engine: SlaEngine, state: ClockState) -> dict[str, Any]:
    """Why the clock started where it did, and the days its (extended) period counts."""
    calendar = engine.calendar(state.calendar)
    start = state.started_at
    raw = Meter(calendar if state.business else None).advance(start, state.budget)
    meter = engine.meter(state)
    end = raw if meter.finish is None else meter.finish(raw)
    try:
        duration = parse_duration(state.target)
    except ValueError:
        duration = None
    days = [] if duration is None else reckoning.days_counted(calendar, duration, start, raw, end)
    return {
        "start_reason": state.start_reason,
        "calendar_reason": state.calendar_reason or _calendar_reason(engine, state.calendar),
        "holiday_data": state.holiday_data,
        "end_rule": state.end,
        "roll": state.roll,
        "extended": [record.to_json() for record in state.granted],
        "unpaused_due": end.isoformat(),
        "days": days,
    }


def render_deadlines(explanation: dict[str, Any]) -> list[str]:
    """The explanation as lines of text for the terminal."""
    lines = []
    for m in explanation["metrics"]:
        zone = parse_timezone(m["shown_in"])
        pauses = ", ".join(  # one of no length hid no time (a re-base marks its move so)
            f"{_local(a, zone)}→{_local(b, zone) or 'now'}" for a, b in m["pauses"] if a != b
        )
        lines.append(
            f"{m['metric']}: {m['target']} (sla.targets[{m['row']}], {m['time']} time, "
            f"calendar {m['calendar']}), started {_local(m['started_at'], zone)}, "
            f"pauses {pauses or 'none'}, used {m['used']} of {m['budget']}, "
            f"due {_local(m['due_at'], zone) or '-'} [{m['outcome'] or m['state']}]"
        )
        lines.extend(f"    {line}" for line in _why_lines(m, zone))
    if explanation["ladder"]:
        lines.append(f"ladder {explanation['ladder']}:")
        for level in explanation["levels"]:
            zone = parse_timezone(level["shown_in"])
            fired, skipped = _local(level["fired_at"], zone), _local(level["skipped_at"], zone)
            fires = _local(level["fires_at"], zone)
            when = fired and f"fired {fired}"
            when = when or (skipped and f"skipped at {skipped}")
            when = when or (fires and f"fires {fires}") or "not scheduled"
            lines.append(f"  {level['index']}. {level['level']}: {level['trigger']} — {when}")
    return lines


def _why_lines(m: dict[str, Any], zone: tzinfo) -> list[str]:
    lines = [f"start: {m['start_reason'] or m['started_at']}"]
    reason = m["calendar_reason"]
    if m["day_boundary"]:
        reason += f": {m['day_boundary']}"
    calendar = f"calendar: {m['calendar']} ({reason})"
    if m["holiday_data"]:
        calendar += f", holiday data {m['holiday_data']}"
    lines.append(calendar)
    extended = any(_business(e["within"]) for e in m["extended"])
    if reckoning.counts_days_off(m["time"] == "business", m["end_rule"], m["roll"], extended):
        lines.extend(_incomplete_years(m["holiday_data"]))
    lines.extend(
        f"extended {e['mode']} {e['within']} upon {e['upon']} at {_local(e['at'], zone)}"
        for e in m["extended"]
    )
    closes = "at the close of business of its last day"
    exact = closes if m["time"] == "business" and m["days"] else "exactly when the time runs out"
    ends = {"exact": exact, "end_of_day": "at the end of its last day"}.get(m["end_rule"], closes)
    roll = "; a last day off rolls forward to the next business day" if m["roll"] else ""
    lines.append(f"ends {ends}{roll}: {_local(m['unpaused_due'], zone)} before pauses")
    counted = [d for d in m["days"] if d["count"] is not None]
    rolled_to = [d for d in m["days"] if d["count"] is None and d["why"] == reckoning.ROLLED_TO]
    skipped = [d for d in m["days"] if d["count"] is None and d not in rolled_to]
    if m["days"]:
        lines.append(f"days: {len(counted)} counted, {len(skipped)} skipped")
        lines.extend(f"  skipped {day['date']}: {day['why']}" for day in skipped)
        lines.extend(
            f"  last day {day['date']}: rolled forward to the next business day"
            for day in rolled_to
        )
        lines.extend(
            f"  counted {day['date']} (day {day['count']}): {day['why']}"
            for day in counted
            if day["why"]
        )
    return lines


def _business(within: str) -> bool:
    """Whether an extension's period is business time."""
    try:
        return parse_duration(within).business
    except ValueError:
        return False


def _incomplete_years(holiday_data: str | None) -> list[str]:
    """A line per year of the clock's period whose holiday data was provisional or missing
    (what :meth:`~complaintkit.sla.timeline.Timeline.holiday_data` recorded)."""
    notes = (holiday_data or "").split("; ")[1:]
    return [
        f"holiday data for {year} is {status}: the deadline may move once that year's "
        "official holidays are known (docs/sla.md#holiday-data)"
        for year, status in (note.split(" ", 1) for note in notes)
    ]
