"""Only one of the commands' ``--help`` showed how to use it. Each now ends with a short,
real example; those that can run on a store of their own in a folder of their own are run
here as written (``CK-…`` read as the id of that store's case), in the order a case is
worked, and exit 0."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.cli.examples import EXAMPLES, commands
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.testing.storage_contract import make_complaint

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
RETAIL = Path(__file__).parents[2] / "policies" / "retail"
#: Examples not run here, and why.
NOT_RUN = {
    "serve": "serves until stopped",
    "deliver": "its example loops until stopped",
    "demo": "plays a whole day: tests/test_demo* run it",
    "check": "a property search of its own: tests/cli/test_cli_policy.py runs it",
    "cases approve": "needs a proposal of the policy's that asks approval",
    "cases reject": "needs a proposal of the policy's that asks approval",
    "cases offer": "needs an approved proposal",
    "cases accept": "needs an offered proposal",
    "cases decline": "needs an offered proposal",
    "outbox requeue": "needs a dead delivery through mail",
}


def _example(path: str) -> str:
    args = [*path.split(), "--help"] if path else ["--help"]
    result = CliRunner().invoke(CLI, args)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "Example:" in [line.strip() for line in lines], f"{path or 'complaintkit'}: no example"
    return lines[[line.strip() for line in lines].index("Example:") + 1].strip()


@pytest.mark.parametrize("path", [path for path, _ in commands(CLI)])
def test_every_commands_help_ends_with_an_example_of_that_command(path: str) -> None:
    example = shlex.split(_example(path))
    assert example[0] == "complaintkit"
    words = [word for word in example[1:] if not word.startswith("-")]
    assert path in " ".join(words), example  # the example is of this command


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("examples")
    for name in ("supermarket.yaml", "supermarket.tests.yaml"):
        shutil.copy(RETAIL / name, folder / name)
    shutil.copy(RETAIL / "supermarket.yaml", folder / "candidate.yaml")
    complaint = {
        "channel": "web",
        "external_id": "W-1",
        "received_at": "2026-11-23T09:00:00+08:00",
        "customer": {"id": "C-1"},
        "text": "昨天买的牛奶打开就变质了",
    }
    (folder / "complaint.json").write_text(json.dumps(complaint), "utf-8")
    rows = [{**complaint, "external_id": f"W-{n}", "customer": {"id": f"C-{n}"}} for n in (2, 3)]
    (folder / "complaints.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    desk = Desk(storage=f"sqlite:///{folder / 'complaintkit.db'}")
    case = desk.intake(make_complaint("EXAMPLE1"))
    late = json.dumps({**complaint, "external_id": "W-4", "customer": {"id": "C-4"}})
    for line in ('{"text": "late"', late):  # the first purged, the second taken in again
        desk.storage.dead_letter(
            "jsonl:late.jsonl:1", line.encode(), "fixed since", desk.clock.now()
        )
    desk.storage.close()
    shutil.copy(folder / "complaintkit.db", folder / "cases.db")  # the store --db names
    return folder, case.id


def test_every_example_that_can_run_here_runs(
    folder: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    where, case_id = folder
    monkeypatch.chdir(where)
    failed = []
    for path, example in EXAMPLES.items():
        if path in NOT_RUN:
            continue
        args = shlex.split(re.sub(r"CK-[0-9A-Z]{8,}", case_id, example))[1:]
        result = CliRunner().invoke(CLI, args)
        if result.exit_code != 0:
            failed.append(f"{example}: {result.exit_code} {result.output}")
    assert failed == [], "\n".join(failed)
