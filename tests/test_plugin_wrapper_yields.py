"""A wrapper that yields twice, or never, is named, not the plugin it wraps.

pluggy raises its own error for such a wrapper, from its own code once the wrapper's frame
is gone, so no frame of the wrapper is in the traceback: the fault was put on the provider
being wrapped, the classifier asked, or every ``case_event`` implementer at once."""

from __future__ import annotations

import logging
from collections.abc import Callable, Generator
from typing import Any

import pytest

from complaintkit.desk import Desk
from complaintkit.errors import InvalidInput, PluginError
from complaintkit.hookspecs import hookimpl
from complaintkit.model.events import CaseEvent
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.testing.storage_contract import make_complaint

WRAPPER = "acme-wrapper"
PROVIDER = "acme-provider"


class Pager:
    def send(self, message: object) -> None:
        pass


class Provider:
    @hookimpl
    def register_notifiers(self, register: Any) -> None:
        register("pager", Pager)

    @hookimpl
    def classify_complaint(self, proposed: dict[str, Any]) -> None:
        return None

    @hookimpl
    def case_event(self, event: CaseEvent) -> None:
        pass


def _twice_new_style() -> Callable[[], Generator[None, object, object]]:
    def wrapping() -> Generator[None, object, object]:
        result = yield
        yield
        return result

    return hookimpl(wrapper=True)(wrapping)


def _twice_old_style() -> Callable[[], Generator[None, object, None]]:
    def wrapping() -> Generator[None, object, None]:
        yield
        yield

    return hookimpl(hookwrapper=True)(wrapping)


def _never() -> Callable[[], Generator[None, object, object]]:
    def wrapping() -> Generator[None, object, object]:
        yield from ()  # a generator function, as pluggy asks of a wrapper, that never yields
        return None

    return hookimpl(wrapper=True)(wrapping)


#: Each misbehaving wrapper (an implementation may take none of the hook's arguments).
MISBEHAVING: dict[str, Callable[[], Callable[[], Generator[None, object, object]]]] = {
    "wrapper=True yielding twice": _twice_new_style,
    "hookwrapper=True yielding twice": _twice_old_style,
    "wrapper=True never yielding": _never,
}


def _plugins(hook_name: str, wrapping: Callable[[], Generator[None, object, object]]) -> Plugins:
    wrapper = type("Wrapper", (), {hook_name: staticmethod(wrapping)})()
    pm = plugin_manager(load_entrypoints=False)
    pm.register(Provider(), name=PROVIDER)
    pm.register(wrapper, name=WRAPPER)
    return Plugins(pm)


@pytest.mark.parametrize("make", MISBEHAVING.values(), ids=MISBEHAVING)
def test_hook_register_notifiers_misbehaving_wrapper_is_named(
    make: Callable[[], Callable[[], Generator[None, object, object]]],
) -> None:
    with pytest.raises(PluginError) as refused:
        _ = _plugins("register_notifiers", make()).notifiers
    assert refused.value.plugins == (WRAPPER,)
    assert f"{WRAPPER!r}" in str(refused.value)
    assert PROVIDER not in str(refused.value)


@pytest.mark.parametrize("make", MISBEHAVING.values(), ids=MISBEHAVING)
def test_hook_classify_complaint_misbehaving_wrapper_is_named(
    make: Callable[[], Callable[[], Generator[None, object, object]]],
) -> None:
    desk = Desk(storage="memory:", plugins=_plugins("classify_complaint", make()))
    (outcome,) = desk.intake_many([make_complaint("w-1")])
    assert isinstance(outcome, InvalidInput)
    assert f"plugin {WRAPPER!r}" in str(outcome)
    assert PROVIDER not in str(outcome)


@pytest.mark.parametrize("make", MISBEHAVING.values(), ids=MISBEHAVING)
def test_hook_case_event_misbehaving_wrapper_is_logged_by_its_name(
    make: Callable[[], Callable[[], Generator[None, object, object]]],
    caplog: pytest.LogCaptureFixture,
) -> None:
    desk = Desk(storage="memory:", plugins=_plugins("case_event", make()))
    with caplog.at_level(logging.ERROR, logger="complaintkit.builtin.lifecycle"):
        case = desk.intake(make_complaint("w-1"))
    assert desk.storage.find_by_key(case.complaint.channel, "w-1") is not None
    failures = [r.getMessage() for r in caplog.records if "failed handling" in r.getMessage()]
    assert failures
    assert all(f"plugin {WRAPPER!r} (case_event)" in message for message in failures)
