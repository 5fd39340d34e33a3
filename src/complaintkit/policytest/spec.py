# ruff: noqa: RUF002 -- Chinese complaint text uses full-width punctuation on purpose
"""Policy test files: their format, how they are found, and how they are read.

A policy test file sits beside the policy it tests and is named after it:
``supermarket.yaml`` is tested by ``supermarket.tests.yaml`` (or any ``*.tests.yaml`` /
``*.tests.yml`` naming its policy with ``policy:``). The name is the contract the CLI and
the pytest plugin share, so a policy folder can hold other YAML without it being run::

    policy: supermarket.yaml                    # optional: defaults to the file's own name
    received_at: "2026-11-23T09:00:00+08:00"    # optional: when each complaint arrives
    complaint: {channel: web, customer: {id: C-1}}   # optional: defaults for every test
    tests:
      - name: spoiled milk is urgent food safety
        complaint: {text: 牛奶变质了}
        expect: {category: product, priority: urgent, owner: li.na,
                 deadlines: {first_response: 2h}}
        steps:                                  # optional: what happens next, and when
          - {at: 1h, respond: 您好，我们已收到}
          - {at: 26h, tick: true, expect: {escalations: [lead]}}

Every error names the file, line and column of the offending entry.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any, Final

import attrs

from complaintkit.errors import InvalidInput, Location, PolicyError, Problem
from complaintkit.model.complaint import parse_instant
from complaintkit.policy.as_written import as_written, got
from complaintkit.policy.data_paths import leaves
from complaintkit.policy.key_hints import meant_key, unknown_key_hint
from complaintkit.policy.located import flatten
from complaintkit.policy.source import TEST_SUFFIXES, join, read_source
from complaintkit.policy.source import is_test_file as named_as_tests
from complaintkit.policytest.file_wording import as_tests_file
from complaintkit.policytest.shapes import (
    Found,
    action_value,
    expect_value,
    text_value,
    unpriced_amounts,
)
from complaintkit.sla.durations import parse_duration
from complaintkit.sla.timeline import add_months

#: File names the runner and the pytest plugin collect: a policy's formats, after ``.tests``.
SUFFIXES: Final = TEST_SUFFIXES
DEFAULT_RECEIVED_AT: Final = "2026-11-23T09:00:00+08:00"  # a Monday morning in Shanghai

#: Step actions and what their value is.
ACTIONS: Final = {
    "respond": "the message sent to the customer",
    "update": "a progress message",
    "note": "an internal note",
    "transition": "the target status",
    "resolve": "how it was resolved",
    "close": "true, or the reason",
    "reopen": "the reason",
    "follow_up": "the satisfaction score, 1 to 5",
    "follow_up_refused": "true, or what the customer said when declining to rate",
    "root_cause": "{fishbone, whys, nature, improvements}: the recorded analysis",
    "assign": "the new owner",
    "record": "a custom event kind, e.g. holding_reply",
    "tick": "true: run the SLA sweep",
    "propose_compensation": "true: record the compensation decision as a proposal",
}
#: What an ``expect`` block may say, each compared the way a policy author means it.
EXPECT_KEYS: Final = (
    "category",
    "severity",
    "priority",
    "tags",
    "tags_include",
    "team",
    "owner",
    "status",
    "deadlines",
    "escalations",
    "escalation_level",
    "compensation",
    "refused",
)
_FILE_KEYS: Final = frozenset({"policy", "received_at", "complaint", "facts", "tests"})
_TEST_KEYS: Final = frozenset({"name", "complaint", "earlier", "facts", "steps", "expect"})


def is_test_file(path: Path) -> bool:
    """Named as policy tests, by the rule a policy folder leaves them out by."""
    return named_as_tests(path)


def find_test_files(paths: Iterable[Path]) -> list[Path]:
    """The test files named by ``paths``: files as given, folders searched recursively;
    each once, where first named, however often and in whatever spelling it is named (a
    file and its folder), so no test is run and counted twice."""
    found: dict[Path, Path] = {}
    for path in paths:
        named = sorted(_found_in(path)) if path.is_dir() else [path]
        for file in named:
            found.setdefault(_where(file), file)
    return list(found.values())


def _found_in(folder: Path) -> Iterable[Path]:
    """The tests files under ``folder``: a folder named like one (``retail.tests.yaml``,
    tests grouped under a file's name) is searched, not read; a link that leads nowhere
    is kept, for reading it to say so."""
    return (p for p in folder.rglob("*.*") if is_test_file(p) and not p.is_dir())


def _where(file: Path) -> Path:
    """The file ``file`` names, to find it named twice; a symbolic link that loops names
    none, and is kept as written, for reading it to fail at its own name."""
    try:
        return file.resolve()
    except (RuntimeError, OSError):  # RuntimeError: Python < 3.13's "Symlink loop"
        return file.absolute()


@attrs.frozen
class Step:
    """One thing that happens to the case at ``at`` (None: at the previous step's time)."""

    action: str | None
    value: Any
    at: datetime | None
    actor: str
    expect: Mapping[str, Any] | None
    location: Location


@attrs.frozen
class PolicyTest:
    name: str
    complaint: Mapping[str, Any]
    earlier: tuple[Mapping[str, Any], ...]
    facts: Mapping[str, Any]
    steps: tuple[Step, ...]
    expect: Mapping[str, Any] | None
    location: Location
    received_at: datetime
    earlier_location: Location | None = None


@attrs.frozen
class TestFile:
    path: Path
    policy: Path
    tests: tuple[PolicyTest, ...]
    locations: Mapping[str, Location] = attrs.field(repr=False, eq=False)


def offset(value: object, base: datetime, field: str, zone: tzinfo | None = None) -> datetime:
    """An instant written as ISO text or as calendar time after ``base`` (``2h``, ``+1 day``).

    Days and months are calendar ones on ``zone``'s wall clock, as an SLA target counts them
    (``1 day`` after 09:00 is 09:00 the next day, 23 or 25 hours across a change of summer
    time; a wall time the clocks skip is read with the offset before the jump); hours are
    elapsed time. Without ``zone``, in ``base``'s own offset. YAML reads an unquoted
    instant (``2026-11-26 10:00:00``) as a datetime, naive without an offset: that is
    refused as the same text quoted is."""
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else parse_instant(value.isoformat(), field)
    if not isinstance(value, str):
        raise InvalidInput(
            field, f"expected an ISO instant or a duration like 2h (got {got(value)})"
        )
    text = value.strip().removeprefix("+")
    if text[:1].isdigit() and ("T" in text or text.count("-") >= 2):
        return parse_instant(text, field)
    duration = parse_duration(text)
    if duration.business:
        raise InvalidInput(
            field, f"{as_written(value)}: step times are calendar time; drop 'business'"
        )
    try:
        if zone is None:
            return add_months(base, duration.months) + timedelta(days=duration.days) + duration.time
        day = base  # hours alone are elapsed from base itself: wall-clock arithmetic would
        # drop its fold, reading the second 01:00 as summer ends as the first, an hour early
        if duration.months or duration.days:
            day = add_months(base.astimezone(zone), duration.months)
            day += timedelta(days=duration.days)
        return (day.astimezone(UTC) + duration.time).astimezone(zone)  # hours: elapsed
    except (OverflowError, ValueError):  # past year 9999
        raise InvalidInput(
            field, f"{as_written(value)} after {base.isoformat()} is past the last date there is"
        ) from None


#: What ``_Reader.mapping`` reads as a complaint's JSON (its attributes, facts), by name.
_JSON_MAPPINGS: Final = frozenset({"complaint", "a complaint", "facts"})
#: What to write for each part of a tests file that must be a mapping.
_MAPPING_HINTS: Final = {
    "a test": "write - {name: <what it shows>, complaint: {text: ...}, expect: {category: ...}}",
    "complaint": "write complaint: {text: <what the customer wrote>}",
    "a complaint": "write {text: <what the customer wrote>}",
    "facts": "write facts: {<fact>: <value>}, e.g. {unsafe_food: true}",
    "expect": "write expect: {<what>: <value>}, e.g. {category: product}",
    "a step": "write {at: <duration>, <action>: ...}, e.g. {at: 25h, tick: true}",
}


def merged(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """``override`` over ``base``, mappings merged key by key."""
    out = dict(base)
    for key, value in override.items():
        old = out.get(key)
        if isinstance(old, Mapping) and isinstance(value, Mapping):
            out[key] = merged(old, value)
        else:
            out[key] = value
    return out


class _Reader:
    """Reads one file's data, collecting every problem with its location."""

    def __init__(
        self, path: Path, locations: Mapping[str, Location], zone: tzinfo | None = None
    ) -> None:
        self.path = path
        self.locations = locations
        #: the policy's home zone, on whose wall clock step days are counted (None: offsets)
        self.zone = zone
        self.problems: list[Problem] = []

    def where(self, path: str) -> Location:
        """``path``'s location; one the file leaves out is at what holds it."""
        here = path
        while here not in self.locations and here:
            parent = re.sub(r"(\.[^.\[]*|\[\d+\])$", "", here)
            here = "" if parent == here else parent
        found = self.locations.get(here)
        if found is None:
            return Location(str(self.path), path=path)
        return attrs.evolve(found, path=path)

    def error(self, path: str, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.where(path), message, hint, code="policy-test"))

    def mapping(self, value: object, path: str, what: str) -> Mapping[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            self.error(path, f"{what} must be a mapping (got {got(value)})", _MAPPING_HINTS[what])
            return {}
        if what in _JSON_MAPPINGS:  # a complaint's own received_at is an instant (offset)
            json = {k: v for k, v in value.items() if what == "facts" or k != "received_at"}
            for below, leaf in leaves(json, path):
                if isinstance(leaf, date):  # a date or time YAML read from unquoted text
                    self.error(
                        below,
                        f"{what} holds JSON, which has no date: YAML reads {as_written(leaf)} "
                        "unquoted as one",
                        f'quote it: "{as_written(leaf)}"',
                    )
        return value

    def keys(self, data: Mapping[str, Any], allowed: Iterable[str], path: str) -> None:
        allowed = sorted(allowed)
        for key in data:
            if key not in allowed:
                self.error(join(path, key), f"unknown key {key!r}", unknown_key_hint(key, allowed))

    def shape(self, found: Iterable[Found], path: str) -> None:
        for below, message, hint in found:
            self.error(path + below, message, hint)

    def expect(self, value: object, path: str) -> Mapping[str, Any] | None:
        if value is None:
            return None
        data = self.mapping(value, path, "expect")
        if isinstance(value, Mapping) and not value:  # the test would pass whatever happened
            self.error(
                path, "expect: {} checks nothing", "name what to expect, e.g. {status: received}"
            )
        self.keys(data, EXPECT_KEYS, path)
        for key, want in data.items():
            self.shape(expect_value(key, want), join(path, key))
        return data

    def step(self, raw: object, path: str, base: datetime) -> Step | None:
        data = self.mapping(raw, path, "a step")
        if raw is not None and not isinstance(raw, Mapping):
            return None  # said: a step that is no mapping has no action to ask for
        self.keys(data, {*ACTIONS, "at", "actor", "expect"}, path)
        actions = [key for key in data if key in ACTIONS]
        if len(actions) > 1:
            self.error(
                path, f"one action per step (got {', '.join(actions)})", "split it in two steps"
            )
            return None
        at = None
        if "at" in data:
            try:
                at = offset(data["at"], base, "at", self.zone)
            except InvalidInput as exc:
                self.error(join(path, "at"), str(exc))
        if not actions and "expect" not in data:
            self.error(
                path, "a step needs an action or an expect", f"actions: {', '.join(ACTIONS)}"
            )
        action = actions[0] if actions else None
        if action:
            self.shape(action_value(action, data[action]), join(path, action))
        actor = data.get("actor", "agent")
        self.shape(text_value("actor", actor), join(path, "actor"))
        return Step(
            action=action,
            value=data.get(action) if action else None,
            at=at,
            actor=str(actor),
            expect=self.expect(data.get("expect"), join(path, "expect")),
            location=self.where(path),
        )

    def in_order(self, steps: Iterable[Step | None], path: str, received: datetime) -> None:
        """Time only moves forward: a step's ``at`` is not before intake or an earlier step's
        (instants compare as instants, so 01:10 EST follows 01:30 EDT)."""
        latest, said = received, f"the complaint was received ({received.isoformat()})"
        for n, step in enumerate(steps):
            if step is None or step.at is None:
                continue
            if step.at < latest:
                self.error(
                    join(path, f"steps[{n}].at"),
                    f"step {n + 1} is at {step.at.isoformat()}, before {said}",
                    "steps happen in time order, from intake on",
                )
                continue
            latest, said = step.at, f"step {n + 1} ({step.at.isoformat()})"

    def test(self, raw: object, path: str, defaults: Mapping[str, Any]) -> PolicyTest | None:
        data = self.mapping(raw, path, "a test")
        if raw is not None and not isinstance(raw, Mapping):
            return None  # said: a test that is no mapping has no name to ask for
        self.keys(data, _TEST_KEYS, path)
        name = data.get("name")
        if name is not None and not isinstance(name, str):
            self.shape(text_value("a test's name", name), join(path, "name"))
            return None
        if not isinstance(name, str) or not name.strip():
            if not _misspelt(data, "name"):  # else the misspelt key says it
                self.error(
                    path,
                    "every test needs a name saying what it shows",
                    "add name: <what the test shows>, e.g. name: spoiled milk is urgent",
                )
            return None
        complaint = merged(
            defaults["complaint"],
            self.mapping(data.get("complaint"), join(path, "complaint"), "complaint"),
        )
        try:
            received = offset(
                complaint.get("received_at", defaults["received_at"]),
                defaults["start"],
                "received_at",
                self.zone,
            )
        except InvalidInput as exc:
            self.error(join(path, "complaint.received_at"), str(exc))
            return None
        complaint["received_at"] = received.isoformat()
        earlier_raw = data.get("earlier", [])
        if not isinstance(earlier_raw, list):
            self.error(join(path, "earlier"), "earlier must be a list of complaints")
            earlier_raw = []
        earlier = tuple(
            merged(
                defaults["complaint"],
                self.mapping(item, join(path, f"earlier[{i}]"), "a complaint"),
            )
            for i, item in enumerate(earlier_raw)
        )
        steps_raw = data.get("steps", [])
        if not isinstance(steps_raw, list):
            self.error(join(path, "steps"), "steps must be a list")
            steps_raw = []
        steps = [
            self.step(item, join(path, f"steps[{i}]"), received) for i, item in enumerate(steps_raw)
        ]
        self.in_order(steps, path, received)
        expect = self.expect(data.get("expect"), join(path, "expect"))
        if expect is not None and "refused" in expect:  # a test's end refuses nothing
            self.error(
                join(path, "expect.refused"),
                "refused names what the gates found missing for one step",
                "move it to that step's expect",
            )
        nothing = expect is None and not any(s is not None and s.expect for s in steps)
        if nothing and not _misspelt(data, "expect"):
            self.error(path, f"test {name!r} expects nothing", "add an expect block")
        return PolicyTest(
            name=name,
            complaint=complaint,
            earlier=earlier,
            facts=merged(
                defaults["facts"], self.mapping(data.get("facts"), join(path, "facts"), "facts")
            ),
            steps=tuple(s for s in steps if s is not None),
            expect=expect,
            location=self.where(path),
            received_at=received,
            earlier_location=self.where(join(path, "earlier")) if earlier else None,
        )


def _stem(path: Path) -> str:
    """``shop`` of ``shop.tests.json``, and of ``shop.tests.txt`` or ``shop.yaml``."""
    stem = path.name
    if stem.lower().endswith(SUFFIXES):
        return stem[: stem.rindex(".tests")]
    stem = path.stem
    return stem[: -len(".tests")] if stem.lower().endswith(".tests") else stem


def default_policy(path: Path) -> Path:
    stem = _stem(path)
    for ext in (".yaml", ".yml", ".toml", ".json"):
        if (candidate := path.with_name(stem + ext)).exists():
            return candidate
    return path.with_name(stem)  # a policy folder


def _not_a_test_file(path: Path) -> Problem:
    tests = [path.with_name(_stem(path) + suffix) for suffix in SUFFIXES]
    beside = next((t for t in tests if t.exists()), None)
    return Problem(
        Location(str(path)),
        f"not a policy test file: the name does not end in {', '.join(SUFFIXES)}",
        f"its tests are {beside}" if beside else f"name policy tests {tests[0].name}",
        code="policy-test",
    )


def _no_tests(path: Path, data: object) -> Problem:
    """The one error of a file that is not a mapping holding ``tests:``: what it holds instead."""
    held = "nothing" if data in (None, {}) else "a list" if isinstance(data, list) else got(data)
    return Problem(
        Location(str(path), 1, 1),
        f"a tests file is a mapping with its tests under tests: (this one holds {held})",
        "start it with tests: and a list of tests, each with a name: and an expect:",
        code="policy-test",
    )


def load_test_file(
    path: Path, home_zone: Callable[[Path], tzinfo | None] | None = None
) -> TestFile:
    """Read and check one test file; raises ``PolicyError`` listing every problem.

    ``home_zone`` gives the zone of the policy at a path (its default calendar's), on whose
    wall clock a step's ``at: 1 day`` is counted; without it, in the offsets written."""
    if not is_test_file(Path(path)):  # a policy read as tests: every key of it is unknown
        raise PolicyError([_not_a_test_file(Path(path))])
    try:
        source = read_source(Path(path))
    except PolicyError as exc:
        raise PolicyError(as_tests_file(exc.problems)) from None
    if source.problems:
        raise PolicyError(as_tests_file(source.problems))
    if not isinstance(source.data, Mapping) or not source.data:  # nothing else can be read
        raise PolicyError([_no_tests(Path(path), source.data)])
    locations = flatten(source.tree)
    data: Mapping[str, Any] = source.data
    policy = data.get("policy")
    usable = isinstance(policy, str) and bool(policy.strip())
    named = Path(path).parent / policy if isinstance(policy, str) and usable else None
    policy_path = named or default_policy(Path(path))
    zone = home_zone(policy_path) if home_zone and policy_path.exists() else None
    reader = _Reader(Path(path), locations, zone)
    reader.keys(data, _FILE_KEYS, "")
    start = parse_instant(DEFAULT_RECEIVED_AT, "received_at")
    try:
        received = offset(data.get("received_at", start), start, "received_at", zone)
    except InvalidInput as exc:
        reader.error("received_at", str(exc))
        received = start  # named once here, not again at every test
    defaults = {
        "complaint": reader.mapping(data.get("complaint"), "complaint", "complaint"),
        "facts": reader.mapping(data.get("facts"), "facts", "facts"),
        "received_at": received,
        "start": start,
    }
    tests_raw = data.get("tests")
    if not isinstance(tests_raw, list) or not tests_raw:
        reader.error("tests", "the file needs a non-empty list under tests:")
        tests_raw = []
    tests = [reader.test(item, f"tests[{i}]", defaults) for i, item in enumerate(tests_raw)]
    names = [t.name for t in tests if t is not None]
    for i, test in enumerate(tests):
        if test is not None and names.count(test.name) > 1:
            reader.error(
                f"tests[{i}].name", f"two tests are named {test.name!r}", "names must be unique"
            )
    if "policy" in data and not usable:  # not the policy named like the file, unasked
        reader.error(
            "policy",
            f"policy must be a path relative to this file (got {got(policy)})",
            f"name the policy file or folder, e.g. policy: {default_policy(Path(path)).name}, "
            "or leave policy: out to test the one named like this file",
        )
    elif not policy_path.exists():
        reader.error(
            "policy" if policy else "", f"no policy at {policy_path}", "name it with policy: <file>"
        )
    if reader.problems:
        raise PolicyError(reader.problems)
    return TestFile(Path(path), policy_path, tuple(t for t in tests if t is not None), locations)


def currency_problems(test_file: TestFile, currency: str) -> list[Problem]:
    """Amounts ``test_file`` expects without a currency that ``currency``, its policy's,
    cannot pay: each at its line, as one with its currency written is on reading."""
    return expectation_problems(test_file, lambda expect: unpriced_amounts(expect, currency))


def expectation_problems(
    test_file: TestFile, check: Callable[[Mapping[str, Any]], Iterable[Found]]
) -> list[Problem]:
    """What ``check`` finds in each expectation of ``test_file`` (a test's and each of its
    steps'), each at its line: mistakes only the policy can tell."""
    reader = _Reader(test_file.path, test_file.locations)
    for i, test in enumerate(test_file.tests):  # a file with a test it could not read is refused
        expects = [(f"tests[{i}].expect", test.expect)]
        expects += [(f"tests[{i}].steps[{n}].expect", s.expect) for n, s in enumerate(test.steps)]
        for path, expect in expects:
            if expect:
                reader.shape(check(expect), path)
    return reader.problems


def _misspelt(data: Mapping[str, Any], key: str) -> bool:
    """Whether a key of a test that is none of its keys was meant as ``key`` (``名称:``,
    ``期望:``): its error says so, and the test is not told again that it lacks one."""
    return any(k not in _TEST_KEYS and meant_key(k, _TEST_KEYS) == key for k in data)
