"""A slow plugin called per record logged a warning per record, flooding the log: its first
slow call of a hook is logged, then one line every ``SlowHooks.every`` seconds counting the
slow calls since. The clock that times the calls is handed in, so no test sleeps."""

from __future__ import annotations

import logging
import re

import pytest

from complaintkit.desk import Desk
from complaintkit.plugin_slow import SlowHooks
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.testing.storage_contract import make_complaint
from test_plugin_slow_hooks import LOGGER, Taking, Ticking

MORE = re.compile(r"and (\d+) more slow call\(s\) of it since the last warning")


def _warnings(caplog: pytest.LogCaptureFixture, hook: str) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == LOGGER and f" in {hook}," in r.getMessage()
    ]


def _take_in(plugins: Plugins, count: int) -> None:
    desk = Desk(storage="memory:", plugins=plugins)
    desk.intake_many([make_complaint(f"s-{n}") for n in range(count)])


@pytest.mark.parametrize(("each", "count"), [(6.0, 20), (1.0, 7), (30.0, 12)])
def test_hook_classify_complaint_slow_per_record_is_logged_once_a_minute_with_a_count(
    caplog: pytest.LogCaptureFixture, each: float, count: int
) -> None:
    clock = Ticking()
    pm = plugin_manager(load_entrypoints=False)
    pm.register(Taking(clock, each), name="acme-model")
    plugins = Plugins(pm, slow_hooks=SlowHooks(1.0, clock, every=60.0))
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        _take_in(plugins, count)
    logged = _warnings(caplog, "classify_complaint")
    assert logged[0].startswith(f"plugin 'acme-model' took {each:g} s in classify_complaint")
    assert MORE.search(logged[0]) is None
    # each line after the first counts the calls not logged since the one before it
    counted = [int(m.group(1)) for line in logged[1:] if (m := MORE.search(line))]
    assert len(counted) == len(logged) - 1
    assert len(logged) + sum(counted) <= count
    assert len(logged) <= 1 + each * count / 60 + 1
    assert all("plugin 'acme-model'" in line for line in logged)


def test_each_plugin_and_hook_has_its_own_first_warning(caplog: pytest.LogCaptureFixture) -> None:
    clock = Ticking()
    pm = plugin_manager(load_entrypoints=False)
    pm.register(Taking(clock, 2), name="acme-a")
    pm.register(Taking(clock, 2), name="acme-b")
    plugins = Plugins(pm, slow_hooks=SlowHooks(1.0, clock, every=3600.0))
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        _take_in(plugins, 5)
    for hook in ("classify_complaint", "case_event"):
        logged = _warnings(caplog, hook)
        assert sorted(line.split(" took")[0] for line in logged) == [
            "plugin 'acme-a'",
            "plugin 'acme-b'",
        ]


def test_a_summary_period_that_is_no_number_of_seconds_is_refused() -> None:
    with pytest.raises(ValueError, match="every"):
        SlowHooks(1.0, every=-1)
