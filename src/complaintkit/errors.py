"""One hierarchy for everything complaintkit raises.

Each error also subclasses the builtin a caller would naturally catch (``ValueError``,
``LookupError``…), and its message names the thing, what was expected, what was found and
what to do next. The CLI turns these into exit codes at a single boundary.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from complaintkit.brief import brief


class ComplaintkitError(Exception):
    """Root of every error complaintkit raises on purpose."""


class InvalidInput(ComplaintkitError, ValueError):
    """A complaint, case or value handed to the library is malformed.

    ``field`` is the dotted path of the offending field (``customer.contact``).
    """

    def __init__(self, field: str, message: str) -> None:
        # cut (``brief``): a refused value of a megabyte is not quoted whole
        self.field = brief(field)
        self.message = brief(message)
        super().__init__(f"{self.field}: {self.message}")


class InvalidInputs(InvalidInput):
    """Several independent problems of one value (the first is its own ``field`` and
    ``message``), so an author fixing a policy sees them all in one run."""

    def __init__(self, problems: list[InvalidInput]) -> None:
        self.problems = tuple(
            each for problem in problems for each in getattr(problem, "problems", (problem,))
        )
        super().__init__(self.problems[0].field, self.problems[0].message)


class StepOutOfTurn(InvalidInput):
    """A well-formed step the case is not where it can be taken: compensation on a case
    that ended, an offer answered already, one offered or approved already. The request
    is not to be mended but the case looked at (409 over HTTP, as ``CaseEnded``); still an
    ``InvalidInput``, naming the ``field`` (``status``, ``compensation``, ``role``) whose
    state refuses it."""


class KeyConflict(InvalidInput):
    """A complaint's idempotency key is already held by another customer's complaint.

    Not "already known": the newcomer is kept (a dead letter) for someone to look at, and
    the message never names the other case.
    """

    def __init__(self, channel: str, external_id: str) -> None:
        super().__init__(
            "external_id",
            f"{external_id!r} on channel {channel!r} is already held by another customer's "
            "complaint; kept for review instead of being counted as already known",
        )


class KeyReused(KeyConflict):
    """A complaint's idempotency key is already held by the same customer's complaint with
    other content (``fields``, the fields both give differently): a new complaint or a
    correction under an old key, not a retry of it."""

    def __init__(
        self,
        channel: str,
        external_id: str,
        fields: Sequence[str] = (),
        other: str = "",  # what differs, up to "the complaint that holds it"
        hint: str = "",
    ) -> None:
        self.fields = tuple(fields)
        if not other:
            named = ", ".join(self.fields) or "its content"
            other = f"{named} {'differ' if len(self.fields) > 1 else 'differs'} from"
        InvalidInput.__init__(
            self,
            "external_id",
            f"{external_id!r} on channel {channel!r} is reused with different content "
            f"({other} the complaint that holds it){hint}; kept for review "
            "instead of being counted as already known",
        )


class CurrencyMismatch(InvalidInput):
    """Arithmetic or comparison between Money of two currencies."""


#: Characters of a policy path a message shows; ``Location.path`` keeps it whole.
_LONGEST_PATH = 100


@attrs.frozen
class Location:
    """Where in a policy file a problem sits; line and column are 1-based."""

    file: str
    line: int | None = None
    column: int | None = None
    path: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        if not self.path:
            return where
        path = self.path  # a path down 64 levels is shown by its ends, to fit a line
        if len(path) > _LONGEST_PATH:
            path = f"{path[: _LONGEST_PATH // 2]}…{path[-_LONGEST_PATH // 2 :]}"
        return f"{where} (at {path})"


@attrs.frozen
class Problem:
    """One finding about a policy: an error stops loading, a warning does not."""

    location: Location
    message: str
    hint: str = ""
    severity: str = "error"
    code: str = ""

    def __str__(self) -> str:
        text = f"{self.location}: {self.severity}: {self.message}"
        return f"{text}\n  hint: {self.hint}" if self.hint else text

    def to_json(self) -> dict[str, object]:
        return {
            "file": self.location.file,
            "line": self.location.line,
            "column": self.location.column,
            "path": self.location.path,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }


class PolicyError(ComplaintkitError, ValueError):
    """A policy file could not be loaded; ``problems`` lists every error found at once."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        lines = [str(p) for p in self.problems]
        super().__init__("\n".join(lines) if lines else "invalid policy")


class PluginError(ComplaintkitError, RuntimeError):
    """A plugin misbehaved or two plugins registered the same name. ``of_store``: it is a
    storage backend that raised or answered in another shape than ``Storage`` declares,
    which to whoever waits on the store is a store that failed."""

    def __init__(
        self, message: str, plugins: Sequence[str] = (), *, of_store: bool = False
    ) -> None:
        self.plugins = tuple(plugins)
        self.of_store = of_store
        super().__init__(message)


def store_failed(exc: BaseException) -> bool:
    """Whether ``exc`` is a store failing: a ``StorageError``, or a storage backend's bug."""
    return isinstance(exc, StorageError) or (isinstance(exc, PluginError) and exc.of_store)


class ConfigError(ComplaintkitError, ValueError):
    """A setting (storage URL, channel option, environment variable) is wrong."""

    def __init__(self, message: str = "", *args: object) -> None:
        super().__init__(brief(message), *args)  # a setting of a megabyte is not quoted whole


class UnknownOption(ConfigError):
    """An option a plugin's factory does not take (a typo, or one meant for another
    channel): the CLI reports it as a usage error, naming the option."""


class BadStorageURL(ConfigError):
    """A storage URL no store can be opened from: no scheme or an unknown one, an option the
    backend does not take, a file in a folder that does not exist. Backends raise it for
    their URLs, so that the CLI can say which option is wrong (``--db``, a usage error)."""


class StorageError(ComplaintkitError, RuntimeError):
    """The storage backend failed or holds data this version cannot read."""


class DamagedStore(StorageError):
    """The store's file is damaged where it was read or written (SQLite's SQLITE_CORRUPT): no
    retry mends it, and no plugin that met it is at fault, so a command stops at it."""


class DamagedSharedPart(DamagedStore):
    """A part of the store that every save writes into (the outbox, the event log, the
    audit ledger) is damaged where it is written: no case is at fault, and the save of each
    that writes it fails until the file is restored. ``part`` names it."""

    def __init__(self, part: str, message: str) -> None:
        super().__init__(message)
        self.part = part


class RefusedWrite(StorageError):
    """The store refused one write for what it holds, not for failing: a constraint added
    outside complaintkit refused a value, or a concurrent change made it fail to serialize.
    It is the write's own failure: the batch it was part of is saved case by case, so that
    the cases the store takes are saved and the one it refused is named."""


class DamagedRecord(StorageError):
    """A stored row cannot be read back: altered or damaged outside complaintkit."""

    #: The case the record is of, where the reader knew it (a case row read by its id):
    #: what a reader of many rows needs to read that case another way (from its events).
    case_id: str | None = None


class UnknownEventKind(DamagedRecord):
    """A stored event of a kind this version neither records nor sees marked custom: most
    likely written by a newer complaintkit, else altered. Folded as nothing, its case would
    be rebuilt unlike what was stored, unseen; so the case is refused, and the others go
    on. The message says both, as the other damaged records' point at the audit."""

    def __init__(self, case_id: str, seq: int, kind: str) -> None:
        self.case_id, self.seq, self.kind = case_id, seq, kind
        super().__init__(
            f"case {case_id} event {seq} has {self.problem}; if no newer version wrote it, "
            "it was altered: `complaintkit audit verify` lists every damaged record"
        )

    @property
    def problem(self) -> str:
        """What is wrong, for a finding that names the case and event itself."""
        kind = self.kind if len(self.kind) <= 64 else self.kind[:64] + "…"
        return (
            f"kind {kind!r}, which this complaintkit version does not know (written by a "
            "newer version?); upgrade complaintkit to read this case"
        )


class NotFound(ComplaintkitError, LookupError):
    """A case, event or named thing does not exist."""


class Conflict(StorageError):
    """A save carried a stale version: someone else changed the case first.

    Reload the case, re-apply the change and save again.
    """

    def __init__(self, case_id: str, expected: int, actual: int | None) -> None:
        self.case_id = case_id
        self.expected = expected
        self.actual = actual
        found = "no stored case" if actual is None else f"stored version {actual}"
        super().__init__(
            f"case {case_id}: save expected version {expected} but found {found}; "
            "reload the case and apply the change again"
        )


class VersionMismatch(ComplaintkitError, ValueError):
    """A change was asked of a case at a version it is no longer at (``If-Match`` over
    HTTP): another change came first, which its author has not seen; nothing was stored.
    ``actual`` is the version the case is at."""

    def __init__(self, case_id: str, actual: int) -> None:
        self.case_id = case_id
        self.actual = actual
        super().__init__(
            f"case {case_id} is at version {actual}, changed since the version this change "
            "was made for; read it again and decide whether the change still stands"
        )


class IllegalTransition(ComplaintkitError, ValueError):
    """A lifecycle move the state machine does not allow."""

    def __init__(self, case_id: str, source: str, target: str, allowed: Sequence[str]) -> None:
        self.case_id = case_id
        self.source = source
        self.target = target
        self.allowed = tuple(allowed)
        options = ", ".join(self.allowed) if self.allowed else "none (the state is terminal)"
        super().__init__(
            f"case {case_id}: cannot go from {source!r} to {target!r}; allowed from {source!r}: "
            f"{options}"
        )


class FollowUpLocked(ComplaintkitError, ValueError):
    """The follow-up visit (回访) cannot be recorded: the SOP has one per resolution, so a
    visit before the case is resolved asks about nothing yet, a second one (score or
    refusal) would silently replace the customer's answer, and a closed case's is part of
    its record. Reopening and resolving again allows a new one.
    """

    def __init__(self, case_id: str, why: str) -> None:
        self.case_id = case_id
        super().__init__(f"case {case_id}: {why}")


class CaseEnded(ComplaintkitError, ValueError):
    """A reply or progress update to a case that is closed, rejected or withdrawn: it would
    reach the customer (and their status page) as if the case were still worked on. A
    closed case is reopened first; a rejected or withdrawn one takes no more replies.
    """

    def __init__(self, case_id: str, status: str) -> None:
        self.case_id = case_id
        self.status = status
        then = "reopen it first" if status == "closed" else "it takes no more replies"
        super().__init__(f"case {case_id} is {status}: nothing is sent on it ({then})")


class StepsMissing(ComplaintkitError, ValueError):
    """A move the policy's gates refuse until the SOP's steps are recorded (回访, root cause…).

    ``missing`` lists ``(gate id, step, message)`` for every step the case lacks.
    """

    def __init__(self, case_id: str, target: str, missing: Sequence[tuple[str, str, str]]) -> None:
        self.case_id = case_id
        self.target = target
        self.missing = tuple(missing)
        steps = "; ".join(f"{message} (gate {gate}: {step})" for gate, step, message in missing)
        super().__init__(f"case {case_id} cannot become {target!r} yet: record {steps}")
