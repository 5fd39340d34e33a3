"""complaintkit's pytest plugin (entry point ``pytest11``): fixtures for embedders, and
policy test files (``*.tests.yaml``) collected as tests, so ``pytest policies/`` runs them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import PolicyError
from complaintkit.policytest.diff import render
from complaintkit.policytest.runner import Runner
from complaintkit.policytest.spec import PolicyTest, TestFile, is_test_file

_RUNNER = pytest.StashKey[Runner]()


@pytest.fixture
def manual_clock() -> ManualClock:
    """A clock at 2026-11-23 09:00 UTC that moves only when the test says so."""
    return ManualClock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))


@pytest.fixture
def memory_desk(manual_clock: ManualClock) -> Iterator[Desk]:
    """A Desk with the empty policy on in-memory storage."""
    desk = Desk(storage="memory:", clock=manual_clock)
    yield desk
    desk.storage.close()


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    """Collect ``*.tests.yaml`` only; any other YAML in a policy folder is left alone."""
    if is_test_file(file_path):
        return PolicyTestFile.from_parent(parent, path=file_path)
    return None


class PolicyTestFile(pytest.File):
    def collect(self) -> Iterator[pytest.Item]:
        try:
            test_file = _runner(self.config).load_file(self.path)
        except PolicyError as exc:
            raise self.CollectError(str(exc)) from None
        for test in test_file.tests:
            yield PolicyTestItem.from_parent(self, name=test.name, test_file=test_file, test=test)


def _runner(config: pytest.Config) -> Runner:
    """The session's runner, which loads each policy once for collecting and running."""
    if _RUNNER not in config.stash:
        config.stash[_RUNNER] = Runner()
    return config.stash[_RUNNER]


class PolicyTestFailed(AssertionError):
    """A policy test whose expectations the policy does not meet (the message is the diff)."""


class PolicyTestItem(pytest.Item):
    def __init__(self, *, test_file: TestFile, test: PolicyTest, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.test_file = test_file
        self.test = test

    def runtest(self) -> None:
        result = _runner(self.config).run(self.test_file, self.test)
        if not result.passed:
            raise PolicyTestFailed(render(result))

    def repr_failure(
        self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None
    ) -> str | Any:
        if isinstance(excinfo.value, (PolicyTestFailed, PolicyError)):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, (self.test.location.line or 1) - 1, f"policy test: {self.test.name}"
