"""The compiled policy: what ``load_policy`` returns and the Desk calls at intake.

Loading reads the document (with everything it extends), checks it against the schema,
then hands it to each section's compile function (:mod:`complaintkit.policy.sections`) —
once. Assessing a complaint builds one :class:`~complaintkit.policy.facts.Facts` and runs
the compiled tables; nothing is parsed again.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs

from complaintkit.collector import collector_paused
from complaintkit.compensation.formulas import default_formulas, formula_registry
from complaintkit.errors import ConfigError, Location, PluginError, PolicyError, Problem
from complaintkit.model.case import Case
from complaintkit.model.complaint import Complaint
from complaintkit.options import build, checked_options, required_options
from complaintkit.plugin_said import said
from complaintkit.plugins import Plugins
from complaintkit.policy.assess import Assessor
from complaintkit.policy.assessment import Assessment, History
from complaintkit.policy.document import Document, UnreadFolder, load_document
from complaintkit.policy.explain import ExplainBlock, Explanation
from complaintkit.policy.facts import Facts, HistoryProvider
from complaintkit.policy.misnamed_sections import without_ghosts
from complaintkit.policy.operators import OperatorRegistry, default_registry
from complaintkit.policy.peer_files import peer_problems
from complaintkit.policy.schema import KEY_NAME, schema_problems
from complaintkit.policy.sections import NotifierCheck, SectionContext, problems_of, section_modules
from complaintkit.policy.supplied import attribute_facts
from complaintkit.policy.unread_numbers import UnreadNumber

if TYPE_CHECKING:
    from complaintkit.compensation.policy import CompensationPolicy
    from complaintkit.notify.policy import NotificationPolicy
    from complaintkit.policy.catalog import Catalog
    from complaintkit.policy.gates import Gates
    from complaintkit.reports.policy import IncidentPolicy
    from complaintkit.sla.policy import SlaPolicy


def record(complaint: Complaint) -> dict[str, Any]:
    """The nested data conditions read: ``complaint.*``, ``customer.*``, ``case.*`` and each
    attribute as a top-level fact (as compensation reads it, :mod:`~.supplied`).

    Money becomes ``complaint.amount`` (a Decimal) and ``complaint.currency``; ``complaint``
    holds the fields of ``Complaint.to_json`` in its order, with the instant and amount as
    values. Assessing writes only the part its tables read (:mod:`~.projection`).
    """
    data: dict[str, Any] = {
        "channel": complaint.channel,
        "external_id": complaint.external_id,
        "received_at": complaint.received_at,
        "subject": complaint.subject,
        "text": complaint.text,
    }
    if complaint.product is not None:
        data["product"] = complaint.product
    if complaint.order_id is not None:
        data["order_id"] = complaint.order_id
    if complaint.language is not None:
        data["language"] = complaint.language
    amount = complaint.amount
    if amount is not None:
        data["amount"] = amount.amount
    attributes = complaint.attributes
    if attributes:
        data["attributes"] = dict(attributes)
    if complaint.history is not None:
        data["history"] = complaint.history.to_json()
    if amount is not None:
        data["currency"] = amount.currency
    facts = attribute_facts(attributes)
    return {**facts, "complaint": data, "customer": complaint.customer.to_json(), "case": {}}


def history_provider(history: History) -> HistoryProvider:
    def provide(name: str, argument: object) -> object:
        if name == "complaints_in_last_days" and isinstance(argument, int):
            return history.complaints_in_last_days(argument)
        if name == "open_cases":
            return history.open_cases()
        return None

    return provide


@attrs.frozen
class Policy:
    """A loaded, validated, compiled policy (implements ``AssessingPolicy``)."""

    name: str
    version: str
    document: Document
    sections: Mapping[str, Any]
    #: warnings found while loading (errors raise PolicyError instead)
    problems: tuple[Problem, ...] = ()

    @property
    def data(self) -> Mapping[str, Any]:
        """The merged raw document, for sections compiled outside the loader."""
        return self.document.data

    def locate(self, path: str) -> Location:
        return self.document.locate(path)

    def section(self, name: str) -> Any:
        """A compiled section by its ``NAME`` (``"catalog"``, ``"assess"``, ``"sla"``…)."""
        try:
            return self.sections[name]
        except KeyError:
            known = ", ".join(self.sections)
            raise LookupError(f"the policy has no section {name!r}; it has {known}") from None

    @property
    def compensation(self) -> CompensationPolicy | None:
        """The compiled ``compensation`` section, or None (the Desk reads this)."""
        section: CompensationPolicy | None = self.sections.get("compensation")
        return section

    @property
    def notifications(self) -> NotificationPolicy | None:
        """The compiled ``templates`` + ``notifications`` sections, or None."""
        section: NotificationPolicy | None = self.sections.get("notifications")
        return section

    @property
    def catalog(self) -> Catalog | None:
        """The compiled categories, severities, priorities and teams with their labels."""
        section: Catalog | None = self.sections.get("catalog")
        return section

    @property
    def incidents(self) -> IncidentPolicy | None:
        """The compiled ``incidents`` section (batch and spike thresholds), or None."""
        section: IncidentPolicy | None = self.sections.get("incidents")
        return section

    @property
    def sla(self) -> SlaPolicy | None:
        """The compiled ``calendars`` + ``sla`` + ``escalation`` sections, or None."""
        section: SlaPolicy | None = self.sections.get("sla")
        return section

    @property
    def gates(self) -> Gates | None:
        """The compiled ``gates`` section (closing steps the Desk enforces), or None."""
        section: Gates | None = self.sections.get("gates")
        return section

    @property
    def assessor(self) -> Assessor:
        assessor: Assessor = self.sections["assess"]
        return assessor

    def facts(self, complaint: Complaint, history: History | None = None) -> Facts:
        return Facts(record(complaint), history_provider(history or _NoHistory()))

    def assess(self, complaint: Complaint, history: History) -> Assessment:
        """Classify, grade and route one complaint; reasons name the rows that decided.

        The tables see the part of the record they read (:mod:`~.projection`).
        """
        assessor = self.assessor
        provider = history_provider(history or _NoHistory())
        try:
            return assessor.assess(Facts(assessor.projection.record(complaint), provider))
        except UnreadNumber as unread:  # the complaint gives its facts as its attributes
            raise unread.under("attributes") from None

    def explain(
        self, complaint: Complaint, case: Case, history: History | None = None
    ) -> Explanation:
        """Every section's trace for ``complaint``: each row, matched or why not, then what
        ``case`` — the one the Desk would open for it (see
        :func:`complaintkit.desk.provisional.explain_complaint`) — is promised and would earn."""
        history = history if history is not None else _NoHistory()
        blocks: list[ExplainBlock] = []
        for module in section_modules():
            explain = getattr(module, "explain", None)
            compiled = self.sections.get(module.NAME)
            if explain is not None and compiled is not None:
                blocks.extend(explain(compiled, self.facts(complaint, history), complaint, case))
        outcome = self.assess(complaint, history)
        return Explanation(
            f"{self.name} {self.version}",
            tuple(blocks),
            {k: v for k, v in outcome.to_json().items() if k != "reasons"},
        )


class _NoHistory:
    """History for explaining without storage: no earlier complaints."""

    def complaints_in_last_days(self, days: int) -> int:
        return 0

    def open_cases(self) -> int:
        return 0


def operator_registry(plugins: Plugins | None) -> OperatorRegistry:
    """Every operator registered through ``register_operators`` (the built-ins come from
    ``complaintkit.builtin.operators``); only the built-ins when there are no plugins."""
    if plugins is None:
        return default_registry()
    registry = OperatorRegistry()
    for item in plugins.operators.values():
        spec = item.value
        pair = spec if isinstance(spec, tuple) and len(spec) == 2 else (spec, "an argument")
        factory, expects = pair
        if isinstance(factory, tuple) or not callable(factory):
            raise PluginError(
                f"plugin {item.plugin!r} registered condition operator {item.name!r} as "
                f"{spec!r}; register a factory, or (factory, what it expects)",
                [item.plugin],
            )
        if not isinstance(expects, str):
            raise PluginError(
                f"plugin {item.plugin!r} registered condition operator {item.name!r} "
                f"expecting {expects!r}; describe its argument in text, e.g. 'a prefix'",
                [item.plugin],
            )
        registry.register(item.name, factory, expects=expects, provider=item.plugin)
    return registry


def _pack_resolver(plugins: Plugins | None) -> Callable[[str], Path | None]:
    def resolve(name: str) -> Path | None:
        if plugins is None or name not in plugins.policy_packs:
            return None
        pack = plugins.policy_packs[name]
        if not isinstance(pack.value, str | os.PathLike):
            raise PluginError(
                f"plugin {pack.plugin!r} registered policy pack {name!r} (register_policy_packs) "
                f"as a {type(pack.value).__name__}; register the path of its file or folder",
                [pack.plugin],
            )
        path = Path(pack.value)
        if not path.is_absolute():  # read from wherever the application happens to run
            raise PluginError(
                f"plugin {pack.plugin!r} registered policy pack {name!r} (register_policy_packs) "
                f"as the relative path {str(path)!r}, which is read from the working "
                "directory, so the pack is found only where the plugin was tried: register "
                f"an absolute path, e.g. Path(__file__).parent / {path.as_posix()!r}",
                [pack.plugin],
            )
        return path

    return resolve


def _pack_names(plugins: Plugins | None) -> Callable[[], list[str]]:
    def names() -> list[str]:
        return [] if plugins is None else list(plugins.policy_packs)

    return names


#: The plugin registering the built-in notifiers (``log``, ``smtp``, ``webhook``).
BUILTIN_NOTIFIERS: Final = "complaintkit.builtin.notifiers"


def notifier_checker(plugins: Plugins) -> NotifierCheck:
    """Checks a notifier type's options against its factory: the options the type cannot
    do without, and what is wrong with these (None: nothing). A built-in type is built,
    which reaches no server, so that a value it refuses (a sender of two addresses, a
    secret too short) is an error here rather than at every command; a plugin's is not
    (building it may connect somewhere)."""

    def check(kind: str, options: Mapping[str, Any]) -> tuple[list[str], str | None]:
        item = plugins.notifiers.get(kind)
        if item is None:
            return [], None  # an unknown type is its own error
        what = f"a {kind} notifier"
        try:
            checked_options(item.value, options, what)
            if item.plugin == BUILTIN_NOTIFIERS:
                build(item.value, options, None, what)
        except ConfigError as exc:
            return required_options(item.value), str(exc)
        return required_options(item.value), None

    return check


def section_context(plugins: Plugins | None) -> SectionContext:
    """The registries sections compile against: built-ins plus what ``plugins`` add."""
    if plugins is None:
        return SectionContext(operator_registry(None), {}, default_formulas())
    return SectionContext(
        operator_registry(plugins),
        {},
        formula_registry(plugins),
        frozenset(plugins.notifiers),
        frozenset(
            name
            for name, item in plugins.notifiers.items()
            if isinstance(item.value, type) and not callable(getattr(item.value, "publish", None))
        ),
        notifier_checker(plugins),
    )


def compile_document(
    document: Document, plugins: Plugins | None = None
) -> tuple[Policy | None, list[Problem]]:
    """Compile a document; every problem found (errors and warnings) is returned."""
    read = list(document.problems)
    # a value the reader could not use is None now; the schema and sections would only
    # repeat that, at its path or at its location (a warning there says something else)
    spots = {_spot(p) for p in read if p.severity == "error"}
    unusable = {p.location.path for p in read if p.location.path and p.code in _UNUSABLE}
    problems = [
        *read,
        *(
            p
            for p in schema_problems(document.data, document.locate)
            if _spot(p) not in spots and not _covered(p.location.path, unusable)
        ),
    ]
    schema_found = [p for p in problems[len(read) :] if p.location.path]
    # a badly named key covers only itself: what it holds is checked all the same
    named = {p.location.path for p in schema_found if p.code == KEY_NAME}
    flagged = unusable | {p.location.path for p in schema_found if p.code != KEY_NAME}
    context = section_context(plugins)
    compiled: dict[str, Any] = {}
    failed: set[str] = set()
    #: sections that compiled all the same beside their schema errors: the policy is
    #: refused, but the sections reading them are still checked in the same run
    partial: set[str] = set()
    broken = {_root(path) for path in flagged | named}
    for module in section_modules():
        if (failed - partial) & set(getattr(module, "REQUIRES", ())):
            failed.add(module.NAME)  # it reads a section that failed
            continue
        if broken & set(module.SCHEMA):
            # the schema rejected part of its data: the rest may hold problems of its own,
            # reported in the same run (those at or around the rejected parts would repeat it)
            result, found = _beside_schema_errors(
                module, document, context, compiled, flagged, named
            )
            problems.extend(found)
            failed.add(module.NAME)
            if result is not None:
                compiled[module.NAME] = result
                partial.add(module.NAME)
            continue
        try:
            result = module.compile(
                document.data, "", document.locate, attrs.evolve(context, compiled=compiled)
            )
        except PolicyError as exc:
            # the schema already said what is wrong at (or above) these paths
            problems.extend(
                p for p in exc.problems if not _covered(p.location.path, flagged, named)
            )
            failed.add(module.NAME)
            continue
        except Exception as exc:  # a located error is the loader's contract, even for a bug
            problems.append(_crash(module.NAME, set(module.SCHEMA), exc, document))
            failed.add(module.NAME)
            continue
        if result is not None:  # None: the document does not use the section
            compiled[module.NAME] = result
        problems.extend(problems_of(result))
    problems = [p for p in problems if p in read or _spot(p) not in spots]
    if failed or any(p.severity == "error" for p in problems):
        return None, problems
    data = document.data
    policy = Policy(
        name=str(data.get("name", Path(document.files[-1]).stem)),
        version=str(data.get("version", "0")),
        document=document,
        sections=compiled,
        problems=tuple(problems),
    )
    return policy, problems


def _beside_schema_errors(
    module: Any,
    document: Document,
    context: SectionContext,
    compiled: Mapping[str, Any],
    flagged: set[str],
    named: set[str],
) -> tuple[Any, list[Problem]]:
    """The problems a section finds in data the schema partly rejected, away from the
    rejected parts, and what it compiled (None when it could not). Data of the wrong shape
    may make a compiler fail in ways of its own; the schema has already named the cause,
    so that failure is not reported again."""
    result = None
    try:
        result = module.compile(
            document.data, "", document.locate, attrs.evolve(context, compiled=compiled)
        )
        found = problems_of(result)
    except PolicyError as exc:
        found = exc.problems
    except Exception:
        return None, []
    kept = [p for p in found if p.location.path and not _covered(p.location.path, flagged, named)]
    return result, kept


#: Reader problems that leave a value unusable (None), as opposed to merely wrong.
_UNUSABLE: Final = frozenset({"bad-value", "yaml-tag", "alias"})


def _root(path: str) -> str:
    return path.split(".", 1)[0].split("[", 1)[0]


def _crash(name: str, keys: set[str], exc: Exception, document: Document) -> Problem:
    """A section compiler that raised instead of reporting: still a located problem."""
    key = next((k for k in sorted(keys) if k in document.data), "")
    return Problem(
        document.locate(key),
        f"the {name} section could not be compiled ({said(exc)})",
        "check this section against docs/policies.md; if it looks right, please report "
        "this as a complaintkit bug with the policy attached",
        code="compile-crash",
    )


def _spot(problem: Problem) -> tuple[str, int | None, int | None]:
    where = problem.location
    return (where.file, where.line, where.column)


def _covered(path: str, flagged: set[str], named: frozenset[str] | set[str] = frozenset()) -> bool:
    """Whether a section's problem at ``path`` repeats a schema problem: one at, above or
    below a ``flagged`` value, or at a key whose name alone was refused (``named``)."""
    return path in named or any(
        path == f
        or path.startswith((f"{f}.", f"{f}["))
        or (f and f.startswith((f"{path}.", f"{path}[")))
        for f in flagged
    )


def check_policy(path: str | Path, plugins: Plugins | None = None) -> list[Problem]:
    """Every error and warning for the policy at ``path`` (for ``complaintkit validate``)."""
    return checked_policy(path, plugins)[1]


def checked_policy(
    path: str | Path, plugins: Plugins | None = None
) -> tuple[Policy | None, list[Problem]]:
    """The policy at ``path`` (None when it has errors) and every error and warning, in
    file order: one reading serves both a report of the problems and the policy itself.

    The cyclic garbage collector is paused meanwhile (``complaintkit.collector``): a large
    table's rows, all kept, would otherwise set off collections that took half the time.
    """
    with collector_paused():
        try:
            document = load_document(path, _pack_resolver(plugins), _pack_names(plugins))
        except UnreadFolder as exc:  # a file's own problem at a spot the loader named repeats it
            spots = {_spot(p) for p in exc.problems}
            own = [p for p in peer_problems(exc.readable) if _spot(p) not in spots]
            return None, sorted([*exc.problems, *own], key=_order)
        except PolicyError as exc:
            return None, list(exc.problems)
        policy, problems = compile_document(document, plugins)
        problems = without_ghosts(problems, document.data)
    return policy, sorted(problems, key=_order)


def _order(problem: Problem) -> tuple[str, int, int]:
    where = problem.location
    return (where.file, where.line or 0, where.column or 0)


def load_policy(path: str | Path, plugins: Plugins | None = None) -> Policy:
    """Load, validate and compile the policy file or folder at ``path``.

    Raises :class:`~complaintkit.errors.PolicyError` listing every error with
    file:line:column; warnings are kept on ``policy.problems``.
    """
    policy, problems = checked_policy(path, plugins)
    if policy is None:
        raise PolicyError([p for p in problems if p.severity == "error"] or problems)
    return policy
