"""The README's examples run: a tour that no longer works is a bug."""

import importlib.util
import json
import re
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.policy.compiled import load_policy
from complaintkit.policytest.spec import load_test_file

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.S)


def test_readme_policy_is_valid(tmp_path: Path) -> None:
    (policy_text,) = blocks("yaml")
    path = tmp_path / "policy.yaml"
    path.write_text(policy_text, encoding="utf-8")
    policy = load_policy(path)
    assert [p for p in policy.problems if p.severity == "error"] == []
    assert policy.sla is not None


def test_readme_python_tour_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tour = blocks("python")[0]
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"print": lambda *args: None}
    # runs our own README tour; never policy or complaint content
    exec(compile(tour, "README.md", "exec"), namespace)
    assert (tmp_path / "cases.db").exists()


def test_the_performance_table_is_the_saved_results() -> None:
    """The README's table is what `make bench` printed: benchmarks/suite.py's table of the
    committed benchmarks/results, so a figure cannot be edited by hand or left stale."""
    root = Path(__file__).parents[1]
    spec = importlib.util.spec_from_file_location("suite", root / "benchmarks" / "suite.py")
    assert spec is not None
    assert spec.loader is not None
    suite = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(suite)
    results = [
        json.loads((root / "benchmarks" / "results" / f"{name}.json").read_text(encoding="utf-8"))
        for name in suite.BENCHMARKS
    ]
    assert all(result["checks"] for result in results)
    assert suite.table(results) in README


def test_the_count_of_the_shipped_policies_tests_is_theirs() -> None:
    """'a supermarket (`retail/`), a property manager (`property/`) and an online shop
    (`ecommerce/`), each with N to M policy tests beside it': the fewest and the most they have."""
    policies = Path(__file__).parents[1] / "policies"
    counts = [
        len(load_test_file(path).tests)
        for path in (
            policies / "retail" / "supermarket.tests.yaml",
            policies / "property" / "property-management.tests.yaml",
            policies / "ecommerce" / "online-shop.tests.yaml",
        )
    ]
    text = " ".join(README.split())
    dash = "\N{EN DASH}"
    assert f"each with {min(counts)}{dash}{max(counts)} policy tests beside it" in text


def test_every_command_takes_json_but_those_the_readme_names() -> None:
    def commands(command: click.Command, words: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
        if not isinstance(command, click.Group) or command.invoke_without_command:
            yield words
        if isinstance(command, click.Group):
            for name, sub in command.commands.items():
                yield from commands(sub, (*words, name))

    cli = build_cli()
    without = set()
    for words in commands(cli, ()):
        command: click.Command = cli
        for word in words:
            assert isinstance(command, click.Group)
            command = command.commands[word]
        if not any("--json" in getattr(p, "opts", ()) for p in command.params):
            without.add(" ".join(words))
    text = " ".join(README.split())
    assert (
        "Every command takes `--json` but `schema`, `audit checkpoint` and `cases export` "
        "(JSON unless `--csv`), which print JSON anyway, and `serve`." in text
    )
    assert without == {"schema", "audit checkpoint", "cases export", "serve"}


@pytest.mark.parametrize(
    "command",
    [
        ["cases", "list"],
        ["report"],
        ["replay", "policies/retail/supermarket.yaml"],
        ["audit", "verify"],
        ["dead-letters", "list"],
        ["outbox"],
    ],
    ids=" ".join,
)
def test_a_db_naming_no_file_exits_as_the_readme_says(tmp_path: Path, command: list[str]) -> None:
    """'… given a `--db` that names no file say so and exit N': said 1, was always 2 (an
    invalid --db, a usage error)."""
    text = " ".join(README.split())
    (code,) = re.findall(r"given a `--db` that names no file say so and exit (\d)", text)
    missing = tmp_path / "cases.db"
    root = Path(__file__).parents[1]
    args = [str(root / word) if word.startswith("policies/") else word for word in command]
    result = CliRunner().invoke(build_cli(), ["--db", f"sqlite:///{missing}", *args])
    assert result.exit_code == int(code), result.output
    assert "there is no database at" in result.stderr
    assert not missing.exists()
