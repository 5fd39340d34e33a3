"""The policy's vocabulary: categories, severities, priorities and teams, as data.

Industries differ (a supermarket's ``delivery`` is a property manager's ``maintenance``), so
none of these is an enum in code. Each is a mapping from id to a spec with a label — text,
or ``{zh: 产品, en: Product}`` — and severities and priorities are listed from most to least
urgent, which is the order escalation raises them along.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Final

import attrs

from complaintkit.errors import InvalidInput, Problem
from complaintkit.model.language import written_in
from complaintkit.policy.file_formats import in_yaml, items_to_write
from complaintkit.policy.keyword_lists import FULL_WIDTH_SEPARATORS
from complaintkit.policy.label_twins import label_twins
from complaintkit.policy.language_twice import twice_message, written_twice
from complaintkit.policy.sections import Locate, SectionContext
from complaintkit.policy.source import join
from complaintkit.policy.team_members import repeated_members
from complaintkit.policy.typos import close_matches

NAME: Final = "catalog"
KINDS: Final = ("categories", "severities", "priorities", "teams")
#: Ids are ASCII so rules, routes and reports can name them; labels carry any language.
ID_PATTERN: Final = r"^[A-Za-z0-9_][A-Za-z0-9_.\-]*$"
_ID: Final = re.compile(ID_PATTERN)
#: Countries' codes authors write for a language (``cn`` for Chinese), none of them a
#: language's own code, and the language each means (``meant_values.meant_language``).
COUNTRIES_AS_LANGUAGES: Final = {
    "cn": "zh",
    "hk": "zh-Hant",
    "jp": "ja",
    "vn": "vi",
    "cz": "cs",
    "dk": "da",
    "gr": "el",
    "ua": "uk",
    "us": "en",
    "gb": "en",
}
#: The languages a label is written in: zh, en, zh-Hant, en-GB, in any case (a tag's case
#: means nothing: ZH is zh); a country's code written for one matches no customer's
#: language. Each letter is a class of both cases: JSON Schema's regular expressions
#: (ECMA 262) have no flag to ignore case that every validator reads.
_COUNTRY_CODES: Final = "|".join(
    "".join(f"[{letter}{letter.upper()}]" for letter in code) for code in COUNTRIES_AS_LANGUAGES
)
LANGUAGE_PATTERN: Final = f"^(?!({_COUNTRY_CODES})(-|$))[A-Za-z]{{2,3}}(-[A-Za-z0-9]+)*$"


def usable_ids(ids: Iterable[str]) -> list[str]:
    """The ids a hint may offer: those the schema takes (a refused ``物流`` is reported at
    its key, so offering it for a reference would only send the author to a second error)."""
    return [entry_id for entry_id in ids if _ID.match(entry_id)]


def closest_id(written: str, ids: Iterable[str]) -> str | None:
    """The usable id ``written`` most likely meant: one differing only in case or width,
    else the closest in spelling; None when none is close."""
    usable = usable_ids(ids)
    folded = unicodedata.normalize("NFKC", written).casefold()  # typed in full-width mode too
    same = [entry_id for entry_id in usable if entry_id.casefold() == folded]
    close = same or close_matches(written, usable, n=1)
    return close[0] if close else None


def _entry(extra: Mapping[str, Any], description: str) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "propertyNames": {"pattern": ID_PATTERN},
        "additionalProperties": {
            "type": "object",
            "properties": {
                "label": {"$ref": "#/$defs/label"},
                "description": {"type": "string"},
                **extra,
            },
            "additionalProperties": False,
        },
    }


SCHEMA: Final[Mapping[str, Any]] = {
    "categories": _entry({}, "Complaint types (产品, 服务, 价格…): id → {label, description}."),
    "severities": _entry({}, "Severity grades, most severe first: id → {label, description}."),
    "priorities": _entry({}, "Priority labels, most urgent first: id → {label, description}."),
    "teams": _entry(
        {
            "default_owner": {
                "type": "string",
                "minLength": 1,
                "description": "Who owns a case routed to this team when the row names no owner.",
            },
            "members": {"type": "array", "items": {"type": "string", "minLength": 1}},
            "email": {"type": "string"},
        },
        "Teams cases are routed to: id → {label, default_owner, members}.",
    ),
}


@attrs.frozen
class Entry:
    """One category, severity, priority or team."""

    id: str
    labels: Mapping[str, str]
    spec: Mapping[str, Any]

    def label(self, language: str | None = None) -> str:
        """The label in ``language`` (``model.language.written_in``: ``zh`` and ``zh-CN``
        read each other's), else English, else any, else the id."""
        for key in (written_in(self.labels, language), "en", "default"):
            if key and key in self.labels:
                return self.labels[key]
        return next(iter(self.labels.values()), self.id)


@attrs.frozen
class Catalog:
    """Known ids per kind, in declaration order."""

    categories: Mapping[str, Entry]
    severities: Mapping[str, Entry]
    priorities: Mapping[str, Entry]
    teams: Mapping[str, Entry]
    problems: tuple[Problem, ...] = ()

    def kind(self, name: str) -> Mapping[str, Entry]:
        value: Mapping[str, Entry] = getattr(self, name)
        return value

    def declares(self, kind: str, entry_id: str) -> bool:
        """Whether ``entry_id`` is one of ``kind``'s ids; a kind the policy declares none
        of takes any id."""
        known = self.kind(kind)
        return not known or entry_id in known

    def labelled(self, kind: str, label: str) -> str | None:
        """The usable id of ``kind`` that ``label`` is a label of (``产品`` of ``product``):
        a Chinese SOP names a category by what it is called, the policy by its id."""
        for entry in self.kind(kind).values():
            if label in entry.labels.values() and usable_ids([entry.id]):
                return entry.id
        return None

    def check_team(self, team: str) -> None:
        """Refuse a hand-over to a team the policy does not declare (a typo would leave the
        case with a team nobody reads); a policy that declares no teams takes any."""
        if not self.declares("teams", team):
            raise InvalidInput(
                "team",
                f"{team!r} is not a team the policy declares; known: {', '.join(self.teams)}",
            )

    def check_kept_team(self, case_id: str, team: str | None) -> None:
        """Refuse a hand-over that keeps the case in a team the policy no longer declares
        (renamed or merged since it was routed there): its new owner would hold it where
        nobody reads it."""
        if team is not None and not self.declares("teams", team):
            raise InvalidInput(
                "team",
                f"case {case_id} is of team {team!r}, which the policy does not declare (any "
                f"more): name the team it goes to with the owner; known: {', '.join(self.teams)}",
            )

    def check_member(self, team: str | None, owner: str) -> None:
        """Refuse a hand-over of ``team``'s case to someone not among its ``members``."""
        if stranger := self.stranger(team, owner):
            raise InvalidInput("owner", f"{stranger}: name one of them, or another team")

    def stranger(self, team: object, owner: object, what: str = "owner") -> str | None:
        """Why ``owner`` cannot own ``team``'s cases: not one of the members it lists (a
        typo, li.an for li.na, would hand every case to nobody); None if they can."""
        entry = self.teams.get(team) if isinstance(team, str) else None
        members = entry.spec.get("members") if entry is not None else None
        if not isinstance(members, list) or not all(isinstance(m, str) for m in members):
            return None  # the schema says what is wrong with it
        if not members or not isinstance(owner, str) or owner in members:
            return None
        return f"{what} {owner!r} is not one of team {team}'s members ({', '.join(members)})"

    def member_hint(self, team: object, owner: object) -> str:
        """What to write for an ``owner`` that is not one of ``team``'s members."""
        entry = self.teams.get(team) if isinstance(team, str) else None
        members = [str(m) for m in (entry.spec.get("members") or [])] if entry else []
        return member_hint(str(team), str(owner), members)

    def default_owner(self, team: str | None) -> str | None:
        if team is None or team not in self.teams:
            return None
        owner = self.teams[team].spec.get("default_owner")
        return owner if isinstance(owner, str) else None


def _labels(raw: object, entry_id: str) -> Mapping[str, str]:
    if isinstance(raw, str):
        return {"default": raw}
    if isinstance(raw, Mapping):
        return {str(k): str(v) for k, v in raw.items()}
    return {"default": entry_id}


def _tags_twice(
    kinds: Mapping[str, Mapping[str, Entry]], path: str, locate: Locate
) -> list[Problem]:
    """An error at each label written again for a language an earlier key of the same
    label names in another case (``zh-Hans`` then ``zh-hans``): only one could be shown."""
    problems = []
    for kind, entries in kinds.items():
        for entry in entries.values():
            for tag, earlier in written_twice(entry.labels):
                problems.append(
                    Problem(
                        locate(join(join(join(join(path, kind), entry.id), "label"), tag)),
                        *twice_message(tag, earlier, "label"),
                        code="duplicate-language",
                    )
                )
    return problems


def compile(data: Mapping[str, Any], path: str, locate: Locate, context: SectionContext) -> Catalog:
    kinds: dict[str, dict[str, Entry]] = {}
    for kind in KINDS:
        raw = data.get(kind) or {}
        entries: dict[str, Entry] = {}
        if isinstance(raw, Mapping):
            for entry_id, raw_spec in raw.items():
                spec = raw_spec if isinstance(raw_spec, Mapping) else {}
                entries[str(entry_id)] = Entry(
                    str(entry_id), _labels(spec.get("label"), str(entry_id)), dict(spec)
                )
        kinds[kind] = entries
    problems = [
        *_tags_twice(kinds, path, locate),
        *(
            Problem(
                locate(join(path, kind)),
                f"the policy declares no {kind}",
                f"add {kind}: with at least one entry, e.g. {kind}: {{other: {{label: "
                "{zh: 其他, en: Other}}}",
                code="missing-vocabulary",
            )
            for kind in ("categories", "severities", "priorities")
            if not kinds[kind]
        ),
    ]
    catalog = Catalog(kinds["categories"], kinds["severities"], kinds["priorities"], kinds["teams"])
    for team, entry in catalog.teams.items():
        listed = join(join(join(path, "teams"), team), "members")
        if slips := list(_separated_members(entry.spec.get("members"), listed, locate)):
            problems += slips  # one name to YAML: the owner would be told they are no member
            continue
        problems += repeated_members(entry.spec.get("members"), listed, locate)
        if wrong := catalog.stranger(team, entry.spec.get("default_owner"), "default_owner"):
            where = locate(join(join(join(path, "teams"), team), "default_owner"))
            hint = catalog.member_hint(team, entry.spec.get("default_owner"))
            problems.append(Problem(where, wrong, hint, code="not-member"))
        if entry.spec.get("members") == []:  # a list left to fill in, as read it names nobody
            problems.append(
                Problem(
                    locate(join(join(join(path, "teams"), team), "members")),
                    f"team {team!r} lists no members: members: [] names nobody, and the "
                    "team's cases are then owned by whoever they are given to",
                    "list who is in the team (members: [li.na, wang.fang]), or remove "
                    "members to let anyone own its cases",
                    severity="warning",
                    code="empty-members",
                )
            )
    problems += _case_twins(kinds, path, locate)
    for kind, entries in kinds.items():
        written = {i: e.labels for i, e in entries.items() if "label" in e.spec}
        problems += label_twins(kind, written, path, locate)
    # missing vocabulary is reported, not raised, so the tables are still checked
    return attrs.evolve(catalog, problems=tuple(problems))


def _separated_members(members: object, path: str, locate: Locate) -> Iterator[Problem]:
    """An error at each member typed as several names with a Chinese input method's comma
    (``members: [张三, 李四]`` typed with a full-width comma), which YAML reads as one name."""
    for i, member in enumerate(members if isinstance(members, list) else ()):
        at = next((n for n, ch in enumerate(str(member)) if ch in FULL_WIDTH_SEPARATORS), None)
        if not isinstance(member, str) or at is None:
            continue
        where = locate(join(path, i))
        yaml = in_yaml(where)
        if where.column is not None:
            where = attrs.evolve(where, column=where.column + at)
        mark = member[at]
        parts = [part.strip() for part in re.split("[\uff0c\u3001\uff1b]", member)]
        yield Problem(
            where,
            f"full-width {FULL_WIDTH_SEPARATORS[mark]} {mark!r} inside the member {member!r}: "
            + ("YAML reads it as one name" if yaml else "the list holds it as one name"),
            (
                "separate members with an ASCII comma and a space: "
                if yaml
                else "write each member in its own quotes: "
            )
            + items_to_write(parts, yaml),
            code="full-width",
        )


def _case_twins(
    kinds: Mapping[str, Mapping[str, Entry]], path: str, locate: Locate
) -> list[Problem]:
    """A warning at each id spelt as an earlier one of its vocabulary but for case
    (``Product:`` beside ``product:``): two entries, of which rules name one, where the
    author, often a child policy over its parent, meant one."""
    problems = []
    for kind, entries in kinds.items():
        first: dict[str, str] = {}
        for entry_id in entries:
            earlier = first.setdefault(entry_id.casefold(), entry_id)
            if earlier != entry_id:
                problems.append(
                    Problem(
                        locate(join(join(path, kind), entry_id)),
                        f"{kind} {entry_id!r} and {earlier!r} differ only in case: they are "
                        "two entries, and rules name each exactly as written",
                        f"write {earlier!r} to change that entry, or give this one another id",
                        severity="warning",
                        code="id-case",
                    )
                )
    return problems


def member_hint(team: str, owner: str, members: list[str]) -> str:
    """``did you mean 'li.na'? name one of team quality's members (…), or add li.an to its
    members``: a typo of a member's id is the likeliest cause. A member that is the owner
    in another Unicode form (an accent composed or combining, full-width letters) looks the
    same as it, so that is said instead."""
    form = unicodedata.normalize("NFKC", owner)
    if twin := next((m for m in members if unicodedata.normalize("NFKC", m) == form), None):
        return (
            f"{owner!r} and the member {twin!r} are written in different Unicode forms (an "
            "accent as one character or as a combining mark, or full-width letters), so they "
            "are two ids that look alike: retype one of them as the other"
        )
    meant = close_matches(owner, members, n=1)
    lead = f"did you mean {meant[0]!r}? " if meant else ""
    return (
        f"{lead}name one of team {team}'s members ({', '.join(members)}), "
        f"or add {owner} to its members"
    )
