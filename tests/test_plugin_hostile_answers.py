"""Every hook in ``hookspecs.py``, answered with hostile values (None where a value is
needed, the wrong type, huge text, NaN, an int too long to print, objects whose
``__str__``/``__repr__``/``__hash__``/``__eq__``/``__iter__`` raise, nested junk): each
answer is ignored where the hookspec says so, else refused by a complaintkit error naming
the plugin and the hook, never a traceback and never a complaint lost.

The hooks are read from ``hookspecs.py`` itself, so a new hook fails here until it has
a way to be driven."""

from __future__ import annotations

import inspect
import math
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit import hookspecs
from complaintkit.desk import Desk, Taken
from complaintkit.errors import ComplaintkitError, InvalidInput
from complaintkit.hookspecs import hookimpl
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.testing.storage_contract import make_complaint

PLUGIN = "acme-hostile"


def _hook_names() -> list[str]:
    """Each hook ``hookspecs.py`` declares (pluggy marks a hookspec with the project)."""
    return sorted(
        name
        for name, function in inspect.getmembers(hookspecs, inspect.isfunction)
        if hasattr(function, f"{hookspecs.PROJECT}_spec")
    )


# --- hostile values -------------------------------------------------------------------------


class Raises(Exception):
    """What the hostile objects raise."""


def _raise(*args: object) -> Any:
    raise Raises


class Unprintable:
    __str__ = __repr__ = _raise


class Unhashable:
    __hash__ = _raise
    __eq__ = _raise


class Unbooled:
    __bool__ = __len__ = _raise


class UnreadableMapping(Mapping[str, object]):
    """A mapping each of whose readings raises."""

    __getitem__ = __iter__ = __len__ = __contains__ = _raise


class UnprintableStr(str):
    """Text whose ``repr``, ``str``, ``strip`` and hash raise."""

    __repr__ = __str__ = __hash__ = __eq__ = strip = _raise


class UnsayableError(Exception):
    __str__ = _raise


def _stops_midway() -> Iterator[str]:
    yield "vip"
    raise ValueError(10**5000)


def _hashable(value: object) -> bool:
    try:
        hash(value)
    except Exception:
        return False
    return True


_SCALARS: st.SearchStrategy[object] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.builds(lambda: 10**5000),
    st.floats(allow_nan=True),
    st.just(math.nan),
    st.builds(lambda: "x" * 1_000_000),
    st.text(max_size=20),
    st.binary(max_size=10),
    st.builds(Unprintable),
    st.builds(Unhashable),
    st.builds(Unbooled),
    st.builds(UnreadableMapping),
    st.builds(UnprintableStr, st.sampled_from(["delivery", "vip", "high"])),
    st.builds(lambda: ValueError(10**5000)),
    st.builds(UnsayableError),
    st.builds(_stops_midway),
    st.builds(object),
)

HOSTILE: st.SearchStrategy[object] = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.tuples(inner, inner),
        st.dictionaries(st.sampled_from(["category", "severity", "priority", "tags"]), inner),
        st.dictionaries(_SCALARS.filter(_hashable), inner, max_size=2),
    ),
    max_leaves=6,
)


# --- how each hook is driven ---------------------------------------------------------------


def _plugins(hook_name: str, answer: Callable[[], object]) -> Plugins:
    """A plugin implementing ``hook_name`` by giving ``answer()`` (an implementation may
    take none of the hook's arguments)."""

    def implementation() -> object:
        return answer()

    return _implementing(hook_name, implementation)


def _implementing(hook_name: str, implementation: Callable[..., object]) -> Plugins:
    plugin = type("Hostile", (), {hook_name: staticmethod(hookimpl(implementation))})()
    pm = plugin_manager(load_entrypoints=False)
    pm.register(plugin, name=PLUGIN)
    return Plugins(pm)


def _everything_provided(plugins: Plugins) -> None:
    """Every provider hook called, as ``complaintkit plugins`` calls them."""
    plugins.describe()


def _one_complaint_taken_in(plugins: Plugins) -> None:
    """One complaint through intake: taken, or refused with its reason (not lost)."""
    desk = Desk(storage="memory:", plugins=plugins)
    (outcome,) = desk.intake_many([make_complaint("h-1", text="the parcel never arrived")])
    if isinstance(outcome, InvalidInput):
        raise outcome
    assert isinstance(outcome, Taken)
    assert desk.storage.find_by_key(outcome.case.complaint.channel, "h-1") is not None


def _driver(hook_name: str) -> Callable[[Plugins], None]:
    if hook_name.startswith("register_"):
        return _everything_provided
    drivers = {"classify_complaint": _one_complaint_taken_in, "case_event": _one_complaint_taken_in}
    if hook_name not in drivers:
        pytest.fail(f"hook {hook_name} has no driver here: add one to _driver")
    return drivers[hook_name]


def _refusal(drive: Callable[[Plugins], None], plugins: Plugins) -> str | None:
    """What complaintkit said refusing the plugin's answer, or None when it took it."""
    try:
        drive(plugins)
    except ComplaintkitError as error:
        return str(error)
    return None


#: Hooks whose answer the hookspec says is ignored (a provider's only when it registered).
IGNORED = {"case_event"}


def test_every_hook_is_read_from_the_hookspecs() -> None:
    assert {"classify_complaint", "case_event", "register_storage"} <= set(_hook_names())


@pytest.mark.parametrize("hook_name", _hook_names())
@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(value=HOSTILE)
def test_hook_answered_with_hostile_values_is_named_or_ignored(
    hook_name: str, value: object
) -> None:
    refusal = _refusal(_driver(hook_name), _plugins(hook_name, lambda: value))
    if refusal is not None:
        assert hook_name not in IGNORED, f"{hook_name}'s answer is ignored, yet {refusal}"
        assert f"'{PLUGIN}'" in refusal
        assert hook_name in refusal


@pytest.mark.parametrize("hook_name", _hook_names())
@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(value=HOSTILE)
def test_hook_raising_hostile_values_is_named(hook_name: str, value: object) -> None:
    """A hook raising an error carrying a hostile value (an exception's argument is
    what ``str`` of it shows)."""

    def answer() -> object:
        raise ValueError(value)

    refusal = _refusal(_driver(hook_name), _plugins(hook_name, answer))
    if refusal is not None:
        assert f"'{PLUGIN}'" in refusal
        assert hook_name in refusal


PROVIDERS = [name for name in _hook_names() if name.startswith("register_")]


@pytest.mark.parametrize("hook_name", PROVIDERS)
@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(name=HOSTILE, value=HOSTILE)
def test_hook_registering_hostile_names_is_named(
    hook_name: str, name: object, value: object
) -> None:
    """A provider registering (or adding as a command) hostile names and things."""

    def provide(register: Any) -> None:
        register(name, value)

    def add(cli: Any) -> None:
        cli.add_command(value, name)

    provider = add if hook_name == "register_commands" else provide
    refusal = _refusal(_everything_provided, _implementing(hook_name, provider))
    if refusal is not None:
        assert f"'{PLUGIN}'" in refusal
        if hook_name != "register_commands":  # click's add_command reads what it is given
            assert "failed in" not in refusal, refusal
