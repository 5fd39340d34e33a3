"""A policy or a tests file is text someone else may have written (a pack, an SOP shared by
another shop), and what ``validate``, ``test`` and ``check`` print of it reached the
terminal raw: a path in ``extends`` or a test's name holding ``ESC ] 0;…BEL`` retitled the
window, and a bidi override (U+202E) reversed what followed it. It is printed as visible
escapes, as stored text is (``complaintkit.visible``)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
#: as a policy writes it, in double quotes: an OSC retitling the window, a bidi override
WRITTEN = "\\e]0;owned\\a\\u202egnp"
RAW = "\x1b]0;owned\x07\u202egnp"


def _unacted(output: str) -> None:
    assert not any(c in output for c in "\x1b\x07\u202e"), output
    assert "\\x1b]0;owned\\x07\\u202egnp" in output


def test_validate_prints_a_path_extends_names_as_escapes(tmp_path: Path) -> None:
    policy = tmp_path / "p.yaml"
    policy.write_text(f'complaintkit: 1\nextends: "./{WRITTEN}.yaml"\n', "utf-8")
    result = CliRunner().invoke(CLI, ["validate", str(policy)])
    assert result.exit_code == 1
    _unacted(result.output)


def test_test_prints_a_tests_name_and_its_problems_as_escapes(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    tests = tmp_path / "p.tests.yaml"
    tests.write_text(
        f'tests:\n  - name: "{WRITTEN}"\n    complaint: {{text: 变质}}\n'
        "    expect: {category: service}\n",
        "utf-8",
    )
    failed = CliRunner().invoke(CLI, ["test", str(tests)])
    assert failed.exit_code == 1
    _unacted(failed.output)
    tests.write_text(
        f'tests:\n  - name: a\n    complaint: {{text: 变质}}\n    expect: {{"{WRITTEN}": 1}}\n',
        "utf-8",
    )
    unreadable = CliRunner().invoke(CLI, ["test", str(tests)])
    assert unreadable.exit_code == 1
    _unacted(unreadable.output)
