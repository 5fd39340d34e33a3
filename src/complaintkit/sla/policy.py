"""The ``calendars``, ``sla`` and ``escalation`` policy sections: compilation.

The loader validates a document against :data:`complaintkit.sla.schema.SCHEMA` (one
fragment per section) and then calls :func:`compile_sections` once with the whole
document; the three sections refer to each other (targets name calendars, ladders name
metrics), so they compile together. Every problem is collected with its location before anything is raised.

```yaml
calendars:
  office: {timezone: Asia/Shanghai, hours: {mon-fri: ["09:00-12:00", "13:30-18:00"]},
           holiday_country: CN}
  cn_office: {intersect: [office, cn_public]}        # or {union: [a, b]}
sla:
  calendar: office                  # default calendar of business-time targets
  metrics:                          # semantics; first_response, next_update and
    on_site: {start: [opened], stop: [visited], pause_in: [waiting_on_customer],
              reopen: new_cycle}    # resolution exist unless redefined
  targets:                          # per metric, the first matching row naming it wins
    - when: {field: case.priority, "==": urgent}
      first_response: 2h
    - first_response: 24h
      resolution: {within: 10 business days, calendar: office, warnings: [0.9]}
  migrate: {mode: rebase_keep_elapsed, from: ["2025.1"]}   # keep | rebase | rebase_keep_elapsed
escalation:
  ladders:
    - name: standard
      when: {field: case.category, "!=": fraud}
      levels:
        - name: lead
          trigger: {sla: resolution, elapsed: 0.8}
          actions: [{notify: {role: team_lead, template: sla_at_risk}}]
        - name: manager
          trigger: {since: responded, after: 2 business days}
          actions: [{reassign: {owner: wang.fang}}, {raise_priority: urgent},
                    {add_tags: [escalated]}, {require_approval: {role: manager}}]
```
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs

from complaintkit.errors import InvalidInput, Location, PolicyError, Problem
from complaintkit.model.lifecycle import Status
from complaintkit.policy.as_written import got
from complaintkit.policy.conditions import Condition, default_locate, refusing_condition
from complaintkit.policy.currency import amount_currency
from complaintkit.policy.operators import OperatorRegistry
from complaintkit.policy.signal_names import signal_problems
from complaintkit.sla.action_keys import unknown_action_keys
from complaintkit.sla.calendar import BusinessCalendar, CalendarInvalid
from complaintkit.sla.calendar_names import named_calendars, unknown_calendar_hint
from complaintkit.sla.composed import Composition, compose
from complaintkit.sla.dead_end_since import never_fires
from complaintkit.sla.durations import Duration, parse_duration
from complaintkit.sla.elapsed_scale import elapsed_as_percentage
from complaintkit.sla.empty_signals import empty_signals
from complaintkit.sla.ending_extensions import extensions_upon_an_end
from complaintkit.sla.escalation import Action, Ladder, Level, Trigger, ranked
from complaintkit.sla.extension_twins import extensions_upon_twice
from complaintkit.sla.level_order import levels_out_of_order
from complaintkit.sla.metrics import (
    BUILTIN_METRICS,
    Extension,
    MetricSpec,
    Reopen,
    Target,
    WarningPoint,
    metric_hint,
)
from complaintkit.sla.reach import BUSINESS_TIME, OPENING, Need, too_late, unreachable
from complaintkit.sla.read_fields import chosen_by_problem, start_field_problem
from complaintkit.sla.reckoning import CalendarChoice, Rules
from complaintkit.sla.response_order import responses_after_resolution
from complaintkit.sla.schema import ACTIONS, ALWAYS, MIGRATION_MODES
from complaintkit.sla.setting_advice import ACTION, REASSIGN, WARNINGS, names_advice, no_signals
from complaintkit.sla.shadowed import shadowed_targets
from complaintkit.sla.timeline import Timeline
from complaintkit.sla.trigger_forms import HINT, foreign_keys
from complaintkit.sla.void_extensions import void_extensions
from complaintkit.sla.warning_points import NotAWarning, warning_point
from complaintkit.sla.zero_targets import zero_targets

Locate = Callable[[str], Location]
#: Actions that name a role (or a person) in a mapping.
_ROLED = ("notify", "require_approval")
_WHO = ("role", "person")  # the keys that say who, one of them not blank

# --- compiled policy ---------------------------------------------------------------------


@attrs.frozen
class TargetRow:
    when: Condition | None
    targets: Mapping[str, Target]


@attrs.frozen
class Migration:
    """How open cases from older policy versions move to this one."""

    mode: str
    versions: frozenset[str] = frozenset()  # empty: every other version

    def applies_to(self, version: str) -> bool:
        return not self.versions or version in self.versions


@attrs.frozen
class SlaPolicy:
    """Everything the SLA engine needs, compiled: calendars, metric semantics, target rows,
    default warnings, migration and escalation ladders."""

    calendars: Mapping[str, Timeline]
    metrics: Mapping[str, MetricSpec]
    targets: tuple[TargetRow, ...] = ()
    warnings: tuple[WarningPoint, ...] = ()
    default_calendar: str = ALWAYS
    migration: Migration | None = None
    ladders: tuple[Ladder, ...] = ()
    #: warnings for ``validate`` (a signal a letter off an event or status)
    problems: tuple[Problem, ...] = ()

    def warnings_for(self, metric: str, target: Target) -> tuple[WarningPoint, ...]:
        if target.warnings is not None:
            return target.warnings
        spec = self.metrics[metric].warnings
        return spec if spec is not None else self.warnings


def compile_sections(
    document: Mapping[str, Any],
    locate: Locate = default_locate,
    operators: OperatorRegistry | None = None,
) -> SlaPolicy | None:
    """Compile the three sections of a policy document; None when none is present.

    Conditions (target rows, ladders) may use every operator in ``operators``, plugins'
    included; without it, only the built-ins.

    Raises ``PolicyError`` listing every problem found.
    """
    if not any(key in document for key in ("calendars", "sla", "escalation")):
        return None
    compiler = _Compiler(locate, operators, amount_currency(document))
    calendars = compiler.calendars(document.get("calendars") or {})
    policy = compiler.sla(document.get("sla") or {}, calendars)
    ladders = ranked(compiler.ladders(document.get("escalation") or {}, policy), document)
    if compiler.problems:  # with the warnings: an error must not hide them until it is fixed
        raise PolicyError([*compiler.problems, *compiler.doubts])
    return attrs.evolve(policy, ladders=ladders, problems=tuple(compiler.doubts))


class _Compiler:
    def __init__(
        self,
        locate: Locate,
        operators: OperatorRegistry | None = None,
        currency: str | None = None,
    ) -> None:
        self.locate = locate
        self.operators = operators
        #: the policy's currency: a bare number compared with the amount is money in it
        self.currency = currency
        self.problems: list[Problem] = []
        self.doubts: list[Problem] = []
        self.idle: set[str] = set()  # calendars already reported as without working time

    def error(self, path: str, message: str, hint: str = "", code: str = "sla") -> None:
        self.problems.append(Problem(self.locate(path), message, hint, code=code))

    def condition(self, data: object, path: str) -> Condition | None:
        if data is None:
            return None
        try:
            return refusing_condition(
                data, path, locate=self.locate, registry=self.operators, currency=self.currency
            )
        except PolicyError as exc:
            self.problems.extend(exc.problems)
            return None

    def duration(self, text: object, path: str) -> Duration | None:
        """A duration as written at ``path``, or None after reporting why it is not one."""
        try:
            return parse_duration(str(text))
        except InvalidInput as exc:  # DurationTooLong has its hint; the rest, after a ';'
            self.error(path, exc.message, getattr(exc, "hint", ""))
        return None

    def reach(
        self,
        duration: Duration,
        names: Sequence[str],
        path: str,
        calendars: Mapping[str, Timeline],
        need: Need = BUSINESS_TIME,
    ) -> None:
        """Refuse business time (or what else ``need`` says) on a calendar that never works,
        named once where it is defined, or that works so little the time would fall due more
        than 100 years later."""
        duration = need.least or duration
        if not duration.business:
            return
        for name in names:
            calendar = calendars.get(name)
            found = None if calendar is None else unreachable(duration, name, calendar, need)
            if found is None or (found.idle and name in self.idle):
                continue
            where = path
            if found.idle:
                self.idle.add(name)
                where = f"calendars.{name}"
                where += ".hours" if isinstance(calendar, BusinessCalendar) else ""
            self.error(where, found.message, found.hint)

    def signals(self, data: object, path: str) -> list[str]:
        """Event kinds or statuses; see ``signal_problems``."""
        names = [data] if isinstance(data, str) else self.names(data, path)
        for problem in signal_problems(names, self.locate(path), "event or status"):
            (self.problems if problem.severity == "error" else self.doubts).append(problem)
        return names

    def names(self, data: object, path: str) -> list[str]:
        if not isinstance(data, Sequence) or isinstance(data, str):
            self.error(path, f"expected a list of names (got {got(data)})", names_advice(path))
            return []
        return [str(item) for item in data]

    # -- calendars ------------------------------------------------------------------------

    def calendars(self, data: Mapping[str, Any]) -> dict[str, Timeline]:
        built: dict[str, Timeline] = {ALWAYS: BusinessCalendar.always()}
        composed: list[Composition] = []
        for name, body in data.items():
            path = f"calendars.{name}"
            if isinstance(body, Mapping) and ({"intersect", "union"} & body.keys()):
                op = "intersect" if "intersect" in body else "union"
                parts = self.names(body[op], f"{path}.{op}")
                if len(parts) != 2:
                    self.error(f"{path}.{op}", "compose exactly two calendars", "write [a, b]")
                    built[name] = BusinessCalendar.always(name=name)  # known, as failed
                else:
                    composed.append((name, op, (parts[0], parts[1])))
                continue
            try:  # named by its key, so a runtime error about it says which one it is
                calendar = BusinessCalendar.from_mapping(body, path)
                built[name] = attrs.evolve(calendar, name=calendar.name or name)
            except InvalidInput as exc:
                for problem in exc.problems if isinstance(exc, CalendarInvalid) else (exc,):
                    self.error(problem.field, problem.message)
                built[name] = BusinessCalendar.always(name=name)  # known: no "unknown" later
        compose(built, composed, self.error)
        return built

    # -- sla ------------------------------------------------------------------------------

    def warnings(self, data: object, path: str) -> tuple[WarningPoint, ...]:
        points: list[WarningPoint] = []
        if not isinstance(data, Sequence) or isinstance(data, str):
            self.error(path, f"expected a list of warnings (got {got(data)})", WARNINGS)
            return ()
        for i, item in enumerate(data):
            try:
                points.append(warning_point(item))
            except NotAWarning as slip:
                self.error(f"{path}[{i}]", slip.message, slip.hint)
        return tuple(points)

    def metric(self, name: str, data: Mapping[str, Any], path: str) -> MetricSpec:
        base = BUILTIN_METRICS.get(name)
        if base is None and not {"start", "stop"} <= data.keys():
            self.error(path, *no_signals(name))
        fields: dict[str, Any] = {"name": name}
        for key in ("start", "stop", "restart"):
            if key in data:
                fields[key] = frozenset(self.signals(data[key], f"{path}.{key}"))
        for severity, at, message, hint in empty_signals(name, data, path):
            if severity == "error":
                self.error(at, message, hint)
            else:
                self.doubts.append(Problem(self.locate(at), message, hint, "warning", "sla"))
        if "pause_in" in data:
            fields["pause_in"] = self.statuses(data["pause_in"], f"{path}.pause_in")
        if "reopen" in data:
            try:
                fields["reopen"] = Reopen(data["reopen"])
            except ValueError:
                self.error(
                    f"{path}.reopen",
                    f"{data['reopen']!r} is not a reopen mode",
                    "resume, restart, new_cycle or keep",
                )
        if "warnings" in data:
            fields["warnings"] = self.warnings(data["warnings"], f"{path}.warnings")
        if "promise" in data:
            fields["promise"] = bool(data["promise"])
        if base is not None:
            return attrs.evolve(base, **fields)
        return MetricSpec(**{"start": frozenset(), "stop": frozenset(), **fields})

    def target(
        self,
        raw: object,
        calendar: object,
        path: str,
        calendars: Mapping[str, Timeline],
        row: int = 0,
    ) -> Target | None:
        text, warnings = raw, None
        body: Mapping[str, Any] = {}
        if isinstance(raw, Mapping):
            body = raw
            text = raw.get("within")
            calendar = raw.get("calendar", calendar)
            if "warnings" in raw:
                warnings = self.warnings(raw["warnings"], f"{path}.warnings")
        where = f"{path}.within" if body else path
        duration = self.duration(text, where)
        if duration is None:
            return None
        choice = self.calendar_choice(calendar, f"{path}.calendar" if body else path, calendars)
        if choice is False:
            return None
        fixed = calendar if isinstance(calendar, str) else None
        names = [fixed] if fixed else []
        if isinstance(choice, CalendarChoice):
            names = [choice.default, *choice.by_value.values()]
        self.reach(duration, names, where, calendars)
        rules = self.rules(body, path)
        if rules.after_hours or rules.roll:  # each looks for working time, whatever the unit
            self.reach(duration, names, where, calendars, OPENING)
        return Target(
            str(text),
            duration,
            fixed,
            warnings,
            rules=rules,
            extensions=self.extensions(
                body.get("extend") or [], f"{path}.extend", names, calendars
            ),
            pause_in=self.statuses(body["pause_in"], f"{path}.pause_in")
            if "pause_in" in body
            else None,
            choice=choice if isinstance(choice, CalendarChoice) else None,
            row=row,
        )

    def calendar_choice(
        self, value: object, path: str, calendars: Mapping[str, Timeline]
    ) -> CalendarChoice | bool | None:
        """None for a fixed calendar (or none), a choice by field, False after an error."""
        names = named_calendars(value)
        if names is None:  # a choice of another shape: the schema's to tell
            return False
        for name in names:
            if name not in calendars:
                self.error(
                    path,
                    f"unknown calendar {name!r}",
                    unknown_calendar_hint(name, calendars),
                )
                return False
        if not isinstance(value, Mapping):
            return None
        field = str(value.get("field"))
        if (problem := chosen_by_problem(field)) is not None:
            code, message, hint = problem
            self.error(f"{path}.field", message, hint, code)
        mapping = {str(k): str(v) for k, v in (value.get("map") or {}).items()}
        return CalendarChoice(str(value["default"]), field, mapping)

    def rules(self, body: Mapping[str, Any], path: str) -> Rules:
        start = body.get("from")
        if start is not None and not isinstance(start, str):
            self.error(f"{path}.from", f"expected a field path (got {start!r})")
            start = None
        if start is not None and (problem := start_field_problem(start)) is not None:
            code, message, hint = problem
            self.error(f"{path}.from", message, hint, code)
        return Rules(
            start_field=start,
            after_hours=body.get("after_hours") == "next_opening",
            end=str(body.get("ends", "exact")),
            roll=body.get("roll") == "next_business_day",
        )

    def extensions(
        self, data: object, path: str, names: Sequence[str], calendars: Mapping[str, Timeline]
    ) -> tuple[Extension, ...]:
        out: list[Extension] = []
        if not isinstance(data, Sequence) or isinstance(data, str):
            self.error(path, f"expected a list of extensions (got {data!r})")
            return ()
        for i, item in enumerate(data):
            mode = "to" if "to" in item else "by"
            duration = self.duration(item[mode], f"{path}[{i}].{mode}")
            if duration is None:
                continue
            self.reach(duration, names, f"{path}[{i}].{mode}", calendars)
            self.signals(str(item["upon"]), f"{path}[{i}].upon")
            out.append(Extension(str(item["upon"]), mode, str(item[mode])))
        return tuple(out)

    def statuses(self, data: object, path: str) -> frozenset[Status]:
        known = {s.value for s in Status}
        names = self.names(data, path)
        for name in names:
            if name not in known:
                self.error(
                    path, f"{name!r} is not a case status", f"use one of {', '.join(sorted(known))}"
                )
        return frozenset(Status(n) for n in names if n in known)

    def sla(self, data: Mapping[str, Any], calendars: Mapping[str, Timeline]) -> SlaPolicy:
        default = data.get("calendar", ALWAYS)
        if default not in calendars:
            hint = unknown_calendar_hint(default, calendars)
            self.error("sla.calendar", f"unknown calendar {default!r}", hint)
            default = ALWAYS
        metrics = dict(BUILTIN_METRICS)
        for name, body in (data.get("metrics") or {}).items():
            metrics[name] = self.metric(name, body or {}, f"sla.metrics.{name}")
        rows: list[TargetRow] = []
        for i, row in enumerate(data.get("targets") or []):
            path = f"sla.targets[{i}]"
            calendar = row.get("calendar", default)
            targets: dict[str, Target] = {}
            for name, raw in row.items():
                if name in ("when", "calendar"):
                    continue
                if name not in metrics:
                    hint = metric_hint(name, metrics)
                    if hint.startswith("known"):
                        hint = f"declare it under sla.metrics; {hint}"
                    self.error(f"{path}.{name}", f"unknown metric {name!r}", hint)
                    continue
                target = self.target(raw, calendar, f"{path}.{name}", calendars, i)
                if target is not None:
                    targets[name] = target
            rows.append(TargetRow(self.condition(row.get("when"), f"{path}.when"), targets))
        targets_raw, compiled = data.get("targets") or [], [row.targets for row in rows]
        self.problems += shadowed_targets(targets_raw, [r.when for r in rows], self.locate)
        self.doubts += responses_after_resolution(targets_raw, compiled, metrics, self.locate)
        for check in (zero_targets, void_extensions, extensions_upon_twice):
            self.doubts += check(compiled, self.locate)
        self.doubts += extensions_upon_an_end(compiled, metrics, self.locate)
        migration = None
        if "migrate" in data:
            raw = data["migrate"]
            mode = raw.get("mode")
            if mode not in MIGRATION_MODES:
                self.error(
                    "sla.migrate.mode",
                    f"{mode!r} is not a migration mode",
                    f"use one of {', '.join(MIGRATION_MODES)}",
                )
            else:
                versions = frozenset(self.names(raw.get("from", []), "sla.migrate.from"))
                migration = Migration(mode, versions)
        return SlaPolicy(
            calendars=calendars,
            metrics=metrics,
            targets=tuple(rows),
            warnings=self.warnings(data.get("warnings", [0.8]), "sla.warnings"),
            default_calendar=default,
            migration=migration,
        )

    # -- escalation -----------------------------------------------------------------------

    def trigger(self, data: Mapping[str, Any], path: str, policy: SlaPolicy) -> Trigger | None:
        form, foreign = foreign_keys(data)
        for key in foreign:
            written = ", ".join(key for key in form if key in data)
            self.error(f"{path}.{key}", f"{key!r} is not read beside {written}", HINT)
        if foreign:
            return None
        if "sla" in data:
            return self._sla_trigger(data, path, policy)
        if "since" in data:
            return self._since_trigger(data, path, policy)
        condition = self.condition(data.get("condition"), f"{path}.condition")
        if condition is None and "condition" not in data:
            self.error(path, "a trigger needs {sla, elapsed}, {since, after} or {condition}")
        return None if condition is None else Trigger(condition=condition)

    def _sla_trigger(self, data: Mapping[str, Any], path: str, policy: SlaPolicy) -> Trigger | None:
        metric, fraction = data["sla"], data.get("elapsed")
        if metric not in policy.metrics:
            self.error(
                f"{path}.sla", f"unknown metric {metric!r}", metric_hint(metric, policy.metrics)
            )
            return None
        if not isinstance(fraction, int | float) or isinstance(fraction, bool) or fraction <= 0:
            self.error(
                f"{path}.elapsed", f"expected a fraction > 0 such as 0.8 or 1.5 (got {fraction!r})"
            )
            return None
        targets = (row.targets[metric] for row in policy.targets if metric in row.targets)
        if late := too_late(fraction, targets, policy.calendars, policy.default_calendar):
            self.error(f"{path}.elapsed", late, "lower elapsed, or shorten the target")
            return None
        if slip := elapsed_as_percentage(fraction, self.locate(f"{path}.elapsed")):
            self.doubts.append(slip)
        return Trigger(sla=metric, fraction=float(fraction))

    def _since_trigger(
        self, data: Mapping[str, Any], path: str, policy: SlaPolicy
    ) -> Trigger | None:
        calendar = data.get("calendar", policy.default_calendar)
        choice = self.calendar_choice(calendar, f"{path}.calendar", policy.calendars)
        if choice is False:
            return None
        after = self.duration(data.get("after"), f"{path}.after")
        if after is None:
            return None
        chosen = choice if isinstance(choice, CalendarChoice) else None
        names = [str(calendar)] if chosen is None else [chosen.default, *chosen.by_value.values()]
        self.reach(after, names, f"{path}.after", policy.calendars)
        self.signals(str(data["since"]), f"{path}.since")
        if dead_end := never_fires(str(data["since"]), self.locate(f"{path}.since")):
            self.doubts.append(dead_end)
        return Trigger(
            since=str(data["since"]),
            after=after,
            after_text=str(data["after"]),
            calendar=names[0],
            choice=chosen,
        )

    def action(self, data: object, path: str) -> Action | None:
        if not isinstance(data, Mapping) or len(data) != 1 or next(iter(data)) not in ACTIONS:
            self.error(path, f"expected one of {', '.join(ACTIONS)} (got {got(data)})", ACTION)
            return None
        kind, value = next(iter(data.items()))
        if kind in ("raise_priority", "raise_severity"):
            return Action(kind, {"value": str(value)})
        if kind == "add_tags":
            tags = self.names(value, f"{path}.add_tags")
            if not all(tag.strip() for tag in tags):
                self.error(f"{path}.add_tags", f"a tag is empty (got {tags!r})", "give it text")
            return Action(kind, {"tags": tags})
        if kind == "reassign" and isinstance(value, str):
            value = {"owner": value}
        problem = None
        if not isinstance(value, Mapping):
            written = f"write {kind}: {{role: {value}}}" if kind in _ROLED else REASSIGN
            problem = (f"expected a mapping (got {got(value)})", written)
        elif kind == "reassign" and "owner" not in value:
            problem = ("name the new owner", "write {owner: name}")
        elif kind in _ROLED and not any(str(value.get(k) or "").strip() for k in _WHO):
            problem = ("name a role or a person", "write {role: team_lead}")  # not blank
        if problem is not None:
            self.error(f"{path}.{kind}", *problem)
            return None
        assert isinstance(value, Mapping)
        for key, message, hint in unknown_action_keys(kind, value):
            self.error(f"{path}.{kind}.{key}", message, hint)
        return Action(kind, dict(value))

    def ladders(self, data: Mapping[str, Any], policy: SlaPolicy) -> tuple[Ladder, ...]:
        ladders: list[Ladder] = []
        for i, raw in enumerate(data.get("ladders") or []):
            path = f"escalation.ladders[{i}]"
            levels: list[Level] = []
            seen: set[str] = set()
            for j, level in enumerate(raw.get("levels") or []):
                where = f"{path}.levels[{j}]"
                name = str(level.get("name", f"level{j + 1}"))
                if name in seen:
                    self.error(f"{where}.name", f"level {name!r} appears twice in this ladder")
                seen.add(name)
                trigger = self.trigger(level.get("trigger") or {}, f"{where}.trigger", policy)
                actions = [
                    self.action(a, f"{where}.actions[{k}]")
                    for k, a in enumerate(level.get("actions") or [])
                ]
                if trigger is not None:
                    levels.append(
                        Level(
                            name,
                            j + 1,
                            trigger,
                            tuple(a for a in actions if a),
                            self.condition(level.get("when"), f"{where}.when"),
                        )
                    )
            self.doubts.extend(levels_out_of_order(levels, path, self.locate))
            ladders.append(
                Ladder(
                    str(raw.get("name", f"ladder{i + 1}")),
                    tuple(levels),
                    self.condition(raw.get("when"), f"{path}.when"),
                )
            )
        return tuple(ladders)
