"""Loading a policy pauses the cyclic garbage collector (a large table's rows, all kept,
set off collections that took half the loading) and leaves it as it found it; ``validate``
reads each policy file once, so the problems it reports and the policy it then checks
for holiday data are the same text."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.demo.script import demo_policy_path
from complaintkit.errors import PolicyError
from complaintkit.hookspecs import hookimpl
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy import document
from complaintkit.policy.compiled import check_policy, checked_policy, load_policy
from complaintkit.policy.source import read_source

pytestmark = pytest.mark.usefixtures("restore_collector")


class Pack:
    """A plugin's policy pack, noting whether the collector ran when it was asked for."""

    def __init__(self) -> None:
        self.collector_on: list[bool] = []

    @hookimpl
    def register_policy_packs(self, register: Any) -> None:
        self.collector_on.append(gc.isenabled())
        register("supermarket", str(demo_policy_path()))


def _child(tmp_path: Path, body: str = "") -> Path:
    path = tmp_path / "shop.yaml"
    path.write_text(f"complaintkit: 1\nextends: supermarket\nname: my-shop\n{body}", "utf-8")
    return path


def _plugins(pack: Pack) -> Plugins:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(pack, name="pack-plugin")
    return Plugins(pm)


def test_a_policy_loads_with_the_collector_paused_and_resumes_it(tmp_path: Path) -> None:
    pack = Pack()
    gc.enable()
    policy = load_policy(_child(tmp_path), _plugins(pack))
    assert policy.name == "my-shop"
    assert pack.collector_on == [False]
    assert gc.isenabled()


def test_a_collector_the_application_disabled_stays_disabled_after_loading(
    tmp_path: Path,
) -> None:
    gc.disable()
    load_policy(_child(tmp_path), _plugins(Pack()))
    assert not gc.isenabled()


def test_a_policy_with_errors_resumes_the_collector(tmp_path: Path) -> None:
    gc.enable()
    with pytest.raises(PolicyError):
        load_policy(_child(tmp_path, "categories: 7\n"), _plugins(Pack()))
    assert gc.isenabled()
    unreadable = tmp_path / "missing.yaml"
    assert [p.code for p in check_policy(unreadable)] == ["not-found"]
    assert gc.isenabled()


def test_checked_policy_gives_the_policy_and_the_problems_load_and_check_give(
    tmp_path: Path,
) -> None:
    (tmp_path / "broken").mkdir()
    good, broken = _child(tmp_path), _child(tmp_path / "broken", "categories: 7\n")
    policy, problems = checked_policy(good, _plugins(Pack()))
    assert policy is not None
    assert policy.name == load_policy(good, _plugins(Pack())).name
    assert problems == check_policy(good, _plugins(Pack()))
    none, errors = checked_policy(broken, _plugins(Pack()))
    assert none is None
    with pytest.raises(PolicyError) as refused:
        load_policy(broken, _plugins(Pack()))
    assert list(refused.value.problems) == [p for p in errors if p.severity == "error"]
    assert errors == check_policy(broken, _plugins(Pack()))


def test_validate_reads_each_policy_file_once(monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[Path] = []

    def counted(path: Path) -> Any:
        read.append(path)
        return read_source(path)

    monkeypatch.setattr(document, "read_source", counted)
    result = CliRunner().invoke(build_cli(_plugins(Pack())), ["validate", str(demo_policy_path())])
    assert result.exit_code == 0, result.output
    assert read, "validate read no file"
    assert len(read) == len(set(read)), f"files read more than once: {read}"
