"""A plugin hook that hangs (a classifier waiting on a service that never answers) can
only be stopped with Ctrl-C or SIGTERM: complaintkit cannot stop a running call. The
command then said 'interrupted (Ctrl-C)' and nothing of the plugin it was waiting on; it
names the plugin and its hook now, and the complaint is not lost: nothing half-made is
stored, and taking the file in again takes it in."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from complaintkit.cli import build_cli
from complaintkit.cli.ctrl_c import Terminated
from complaintkit.hookspecs import hookimpl
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.base import CaseQuery
from complaintkit.storage.sqlite import SQLiteStorage

POLICY = str(Path(__file__).parents[2] / "policies/retail/supermarket.yaml")


class Hanging:
    """Stands for a classifier that hangs on one complaint until Ctrl-C (or SIGTERM)."""

    def __init__(self, stop: type[KeyboardInterrupt] | None) -> None:
        self.stop = stop

    @hookimpl
    def classify_complaint(self, complaint: Any, proposed: Any) -> None:
        if self.stop is not None and "hang" in complaint.text:
            raise self.stop


def invoke(tmp_path: Path, stop: type[KeyboardInterrupt] | None, *args: str) -> Result:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(Hanging(stop), name="acme")
    db = ["--db", f"sqlite:///{tmp_path / 'cases.db'}", "--policy", POLICY]
    return CliRunner().invoke(build_cli(Plugins(pm)), [*db, *args])


def source(tmp_path: Path) -> str:
    path = tmp_path / "in.jsonl"
    lines = [
        {
            "channel": "web",
            "external_id": n,
            "received_at": "2026-11-23T09:00:00+08:00",
            "customer": {"id": n},
            "text": text,
        }
        for n, text in (("a", "牛奶过期了"), ("b", "please hang 😡"), ("c", "rude staff"))
    ]
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), "utf-8")
    return str(path)


def stored(tmp_path: Path) -> int:
    with SQLiteStorage(f"sqlite:///{tmp_path / 'cases.db'}") as storage:
        return storage.count(CaseQuery())


@pytest.mark.parametrize(
    ("stop", "said", "code"),
    [(KeyboardInterrupt, "interrupted (Ctrl-C)", 130), (Terminated, "stopped (SIGTERM)", 143)],
)
def test_stopping_a_hanging_hook_names_the_plugin_and_the_hook(
    tmp_path: Path, stop: type[KeyboardInterrupt], said: str, code: int
) -> None:
    complaints = source(tmp_path)
    result = invoke(tmp_path, stop, "intake", complaints)
    assert result.exit_code == code, result.output
    line = result.stderr.splitlines()[-1]
    assert line.startswith(f"Error: {said} while plugin 'acme' (classify_complaint) ran: "), line
    assert "kept" in line
    assert stored(tmp_path) == 0  # the batch was not committed: nothing half-made
    again = invoke(tmp_path, None, "intake", complaints)
    assert again.exit_code == 0, again.output
    assert stored(tmp_path) == 3


def test_the_json_error_names_them_too(tmp_path: Path) -> None:
    result = invoke(tmp_path, KeyboardInterrupt, "intake", source(tmp_path), "--json")
    assert result.exit_code == 130, result.output
    message = json.loads(result.stdout)["error"]["message"]
    assert message.startswith("interrupted (Ctrl-C) while plugin 'acme' (classify_complaint)")
