"""Every Python example in docs/plugins.md runs: the hook sections' by test_docs_plugins,
the rest (the entry-point module, the spool channel, its contract test) here. A new
example anywhere else fails ``test_every_python_example_is_run`` until a test runs it."""

from __future__ import annotations

import inspect
import json
import re
import types
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from complaintkit import hookspecs
from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.hookspecs import hookimpl
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import load_policy

DOCS = Path(__file__).parents[1] / "docs" / "plugins.md"
INTRO = "# Writing complaintkit plugins"
SPOOL = "## Streaming channels: acknowledge after commit"
CONTRACT = "## Testing a plugin"


def python_examples() -> list[tuple[str, str]]:
    """Each ```python block with the heading it stands under (headings inside another
    block, a TOML comment, are none)."""
    found: list[tuple[str, str]] = []
    heading, fence, code = "", None, [""]
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        if fence is None and line.startswith("```"):
            fence, code = line[3:], []
        elif fence is not None and line == "```":
            if fence == "python":
                found.append((heading, "\n".join(code) + "\n"))
            fence = None
        elif fence is not None:
            code.append(line)
        elif line.startswith("#"):
            heading = line
    return found


def run(heading: str, namespace: dict[str, Any] | None = None) -> dict[str, Any]:
    """The example under ``heading`` run in ``namespace`` (what earlier examples defined)."""
    (code,) = [code for at, code in python_examples() if at == heading]
    namespace = {"__name__": __name__, **(namespace or {})}
    exec(compile(code, f"docs/plugins.md ({heading})", "exec"), namespace)  # our own docs
    return namespace


def test_every_python_example_is_run() -> None:
    hook_sections = {
        f"### `{name}({', '.join(inspect.signature(spec).parameters)})`"
        for name, spec in inspect.getmembers(hookspecs, inspect.isfunction)
        if hasattr(spec, "complaintkit_spec")
    }
    headings = [heading for heading, _ in python_examples()]
    assert sorted(headings) == sorted({*hook_sections, INTRO, SPOOL, CONTRACT})


def test_the_entry_point_module_registers_its_notifier() -> None:
    class AcmePager:
        def send(self, message: object) -> None:
            pass

    module = types.ModuleType("complaintkit_acme.plugin")
    vars(module).update(run(INTRO, {"AcmePager": AcmePager}))
    pm = plugin_manager(load_entrypoints=False)
    pm.register(module, name="acme")
    registered = Plugins(pm).notifiers["acme-pager"]
    assert (registered.value, registered.plugin) == (AcmePager, "acme")


SPOOLING = run(SPOOL)


class Spooling:
    @hookimpl
    def register_channels(self, register: Any) -> None:
        register("spool", SPOOLING["SpoolChannel"])  # as the docs say


def test_the_spool_channel_takes_a_folder_in_and_deletes_what_it_stored(tmp_path: Path) -> None:
    spool = tmp_path / "spool"
    spool.mkdir()
    for n in range(3):
        (spool / f"K-{n}.json").write_text(
            json.dumps(
                {
                    "received_at": "2026-11-23T09:00:00+08:00",
                    "customer": {"id": f"C{n}"},
                    "text": "the parcel is late",
                }
            ),
            encoding="utf-8",
        )
    (spool / "broken.json").write_text("{not json", encoding="utf-8")
    pm = plugin_manager(load_entrypoints=False)
    pm.register(Spooling(), name="spooling")
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    cli = build_cli(Plugins(pm))
    result = CliRunner().invoke(cli, ["--db", db, "intake", "--channel", "spool", str(spool)])
    assert result.exit_code == 3, result.output  # taken in, one dead-lettered
    assert list(spool.iterdir()) == []
    desk = Desk(storage=db)
    assert [desk.storage.find_by_key("spool", f"K-{n}") is not None for n in range(3)] == [True] * 3
    (letter,) = desk.storage.dead_letters()
    assert (letter.source, letter.raw) == ("spool:broken.json", b"{not json")


CONTRACTS = run(CONTRACT, dict(SPOOLING))
#: The docs' contract test, collected and run by pytest as written.
TestSpoolChannel = CONTRACTS["TestSpoolChannel"]


def test_the_publishing_policy_loads_with_its_webhook_publisher(tmp_path: Path) -> None:
    """The ```yaml block of docs/plugins.md: a webhook notifier publishing every case event,
    with the delivery settings it shows."""
    (block,) = re.findall(r"```yaml\n(.*?)```", DOCS.read_text(encoding="utf-8"), flags=re.S)
    base = DOCS.parent / "policy" / "base.yaml"
    policy = tmp_path / "policy.yaml"
    policy.write_text(f"complaintkit: 1\nextends: {base}\n{block}", encoding="utf-8")
    notifications = load_policy(policy).section("notifications")
    assert list(notifications.publish) == ["hook"]
    assert notifications.delivery == {"attempts": 8, "backoff": 30, "max_backoff": 21600}
