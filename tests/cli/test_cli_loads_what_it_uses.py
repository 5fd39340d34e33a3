"""A command loads the plugins' client libraries only when it uses them: psycopg when it
opens a PostgreSQL store, nats-py when it builds a NATS channel or publisher; and
hypothesis only for ``complaintkit check``. Every command loads every plugin and every
command's module, and the test suite alone starts hundreds of them.

Each command runs in a child process (with the installed plugins) that reports, as it
exits, which of those libraries it imported; with ``--without`` they cannot be imported,
as where the plugin is installed without its dependencies."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
POLICY = ROOT / "policies" / "retail" / "supermarket.yaml"
#: The client libraries of the bundled plugins (top-level module names), and asyncio, the
#: event loop the nats plugin runs nats-py on (no command of complaintkit's own uses it).
CLIENTS = ("psycopg", "psycopg_pool", "nats", "asyncio")
#: What only ``complaintkit check`` uses.
GENERATORS = ("hypothesis",)
#: A PostgreSQL URL nothing answers at (port 1 refuses at once), and a NATS server alike.
NO_POSTGRES = "postgresql://complaintkit@127.0.0.1:1/none?pool_timeout=1"
NO_NATS = "nats://127.0.0.1:1"

#: Runs the CLI (argv after ``--``) and prints, as it exits, which of those it loaded.
#: Before ``--``: the libraries to make unimportable.
RUNNER = """
import importlib.abc, json, sys
cut = sys.argv.index("--")
BLOCKED, sys.argv = frozenset(sys.argv[1:cut]), ["complaintkit", *sys.argv[cut + 1:]]
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.partition(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None
sys.meta_path.insert(0, Block())
try:
    from complaintkit.cli import main
    main()
finally:
    loaded = sorted({name.partition(".")[0] for name in sys.modules} & set(%r))
    sys.stderr.write("\\nLOADED " + json.dumps(loaded) + "\\n")
""" % ((*CLIENTS, *GENERATORS),)  # noqa: UP031 - the runner's own braces


def run(args: list[str], cwd: Path, without: tuple[str, ...] = ()) -> tuple[int, str, list[str]]:
    """Exit code, output (stdout then stderr) and which of those libraries it loaded."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    for name in ("COMPLAINTKIT_DB", "COMPLAINTKIT_POLICY", "COMPLAINTKIT_DISABLE_PLUGINS"):
        env.pop(name, None)
    done = subprocess.run(
        [sys.executable, "-c", RUNNER, *without, "--", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    output, _, report = done.stderr.rpartition("\nLOADED ")
    loaded: list[str] = json.loads(report)
    return done.returncode, done.stdout + output, loaded


@pytest.fixture
def complaints(tmp_path: Path) -> Path:
    path = tmp_path / "in.jsonl"
    record = {
        "channel": "jsonl",
        "external_id": "k1",
        "received_at": "2026-11-23T09:00:00+08:00",
        "customer": {"id": "C1"},
        "text": "the parcel never came",
    }
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return path


def test_the_bundled_plugins_are_installed() -> None:
    """Else the tests below would pass without testing anything."""
    import importlib.metadata  # noqa: PLC0415

    names = {entry.name for entry in importlib.metadata.entry_points(group="complaintkit")}
    assert {"postgres", "nats"} <= names


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["validate", str(POLICY)],
        ["--db", "sqlite:///cases.db", "--policy", str(POLICY), "intake", "IN"],
        ["test", str(POLICY.parent)],
    ],
    ids=["help", "validate", "sqlite-intake", "policy-tests"],
)
def test_a_command_using_neither_plugin_nor_generators_loads_none_of_them(
    args: list[str], tmp_path: Path, complaints: Path
) -> None:
    args = [str(complaints) if arg == "IN" else arg for arg in args]
    code, output, loaded = run(args, tmp_path)
    assert code == 0, output
    assert loaded == []


def test_the_plugins_are_listed_with_what_they_provide_without_their_clients(
    tmp_path: Path,
) -> None:
    code, output, loaded = run(["plugins", "--json"], tmp_path)
    assert code == 0, output
    assert loaded == []
    provided = {p["name"]: p["provides"] for p in json.loads(output)}
    assert provided["postgres"] == ["storage backend postgresql", "storage backend postgres"]
    assert provided["nats"] == ["channel nats", "notifier nats"]


def test_check_loads_hypothesis(tmp_path: Path) -> None:
    """The check above can fail: ``complaintkit check`` generates complaints with it."""
    code, output, loaded = run(["check", "--examples", "1", str(POLICY)], tmp_path)
    assert code == 0, output
    assert "hypothesis" in loaded


def test_a_postgresql_store_loads_psycopg(tmp_path: Path) -> None:
    """The check above can fail: opening a PostgreSQL store loads psycopg."""
    code, output, loaded = run(["--db", NO_POSTGRES, "cases", "list"], tmp_path)
    assert code == 1, output
    assert "psycopg" in loaded


def test_a_nats_channel_loads_nats(tmp_path: Path) -> None:
    """The channel is built, then refuses its subject before it connects (nats-py would
    try the closed port for some seconds)."""
    code, output, loaded = run(
        [
            "--db",
            "sqlite:///cases.db",
            "intake",
            "--channel",
            "nats",
            "-o",
            f"servers={NO_NATS}",
            "complaints..in",
        ],
        tmp_path,
    )
    assert code == 1, output
    assert "complaints..in" in output
    assert "nats" in loaded


def test_without_psycopg_other_stores_work_and_a_postgresql_one_names_the_plugin(
    tmp_path: Path, complaints: Path
) -> None:
    code, output, _ = run(
        ["--db", "sqlite:///cases.db", "intake", str(complaints)], tmp_path, ("psycopg",)
    )
    assert code == 0, output
    code, output, _ = run(["--db", NO_POSTGRES, "cases", "list"], tmp_path, ("psycopg",))
    assert code == 1
    assert "Traceback" not in output
    assert "plugin 'postgres'" in output
    assert "psycopg" in output


@pytest.mark.parametrize(
    ("args", "exit_code"),
    [
        (["intake", "--channel", "nats", "-o", f"servers={NO_NATS}", "subject"], 1),
        # a notifier its plugin cannot build stands in as one whose messages are dead
        # letters (notify.unbuilt): the Desk, and every other notifier, go on
        (["--policy", "POLICY", "deliver"], 0),
    ],
    ids=["channel", "publisher"],
)
def test_without_nats_py_a_nats_channel_or_notifier_names_the_plugin(
    args: list[str], exit_code: int, tmp_path: Path
) -> None:
    policy = tmp_path / "policy.yaml"
    log = "    log: {type: log}\n"
    text = POLICY.read_text(encoding="utf-8")
    assert log in text
    bus = f"    bus: {{type: nats, options: {{servers: '{NO_NATS}'}}}}\n"
    policy.write_text(text.replace(log, log + bus), encoding="utf-8")
    args = [str(policy) if arg == "POLICY" else arg for arg in args]
    code, output, _ = run(["--db", "sqlite:///cases.db", *args], tmp_path, ("nats",))
    assert code == exit_code, output
    assert "Traceback" not in output
    assert "plugin 'nats'" in output
    assert "nats" in output
