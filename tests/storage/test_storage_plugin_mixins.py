"""A plugin's storage class made of mixins, each implementing some of the optional
``Storage`` methods (the PostgreSQL plugin's plan mark and step answers): each mixin's
class was given a wrapped copy of every method it inherited from ``Storage`` — to contain
a plugin's ``sys.exit``, to check arguments — so the first mixin's copy of a default hid
the second mixin's implementation. On PostgreSQL the plan mark was never read or kept
(``hold_plan_mark`` was ``Storage``'s default), and a new policy version re-planned
nothing. Found by CI's PostgreSQL re-plan tests after the step-answers mixin was added."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from complaintkit_postgres.storage import PostgresStorage

from complaintkit.storage.memory import MemoryStorage
from complaintkit.storage.plan_mark import PlanMark

MARK = PlanMark("2", superseded=("1",))


class Marking(MemoryStorage):
    """A mixin keeping the plan mark, as a plugin's would."""

    @contextmanager
    def hold_plan_mark(self) -> Iterator[PlanMark | None]:
        yield MARK


class Acknowledging(MemoryStorage):
    """A mixin answering the e-mail limit's question, as a plugin's would."""

    def acknowledged_since(self, since: datetime) -> list[str]:
        return ["wang@example.cn"]


class Both(Acknowledging, Marking):
    pass


class BothTheOtherWay(Marking, Acknowledging):
    pass


def test_each_mixin_s_methods_are_the_class_s() -> None:
    for storage in (Both(), BothTheOtherWay()):
        with storage.hold_plan_mark() as mark:
            assert mark == MARK
        assert storage.acknowledged_since(datetime(2026, 11, 24, tzinfo=UTC)) == ["wang@example.cn"]


def implementation(cls: type, name: str) -> str:
    """Whose code ``cls.name`` runs, under the wrappers complaintkit puts around it."""
    method = getattr(cls, name)
    while hasattr(method, "__wrapped__"):
        method = method.__wrapped__
    return str(method.__qualname__).split(".")[0]


def test_the_postgres_storage_keeps_its_plan_mark_and_its_step_answers() -> None:
    for name in (
        "hold_plan_mark",
        "set_plan_mark",
        "open_case_versions",
        "open_cases_after",
        "open_cases_planned_by",
        "set_planned_by",
    ):
        assert implementation(PostgresStorage, name) == "PostgresPlanMark"
    for name in ("claim_step_key", "keep_step_answer"):
        assert implementation(PostgresStorage, name) == "PostgresStepAnswers"
