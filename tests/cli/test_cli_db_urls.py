"""``--db`` as users write it: the store a command reports on or writes is the one the URL
names, and one the command prints can be pasted back."""

import shlex
from pathlib import Path

from click.testing import CliRunner, Result

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager


def run(*args: str) -> Result:
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    return CliRunner().invoke(cli, list(args))


def test_the_demo_stores_in_the_folder_given_whatever_its_name(tmp_path: Path) -> None:
    out = tmp_path / "run?1#a"
    result = run("demo", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert (out / "demo.db").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name], "no stray store"
    hint = result.output.split("Look again with: ", 1)[1].splitlines()[0]
    again = run(*shlex.split(hint)[1:])
    assert again.exit_code == 0, again.output
    assert again.output.count("CK-") == 8


def test_a_sqlite_url_naming_a_host_is_a_one_line_error(tmp_path: Path) -> None:
    result = run("--db", "sqlite://server/cases.db", "intake", "/dev/null")
    assert result.exit_code == 2  # a usage error of --db
    assert "Traceback" not in result.output
    assert result.output.startswith("Error: Invalid value for '--db': 'sqlite://server/cases.db'")
    assert len(result.output.strip().splitlines()) == 1
