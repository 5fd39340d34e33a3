"""The options of the commands customers' cases are worked with (``cases``, ``serve``,
``tick``) each say in ``--help`` what they do, and a docs page shows each beside its
command: an option only ``--help`` names is one users never find."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import click
import pytest

from complaintkit.cli import build_cli

ROOT = Path(__file__).parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
#: Options every command shares, explained once for all (docs/closing-the-loop.md).
SHARED = {"--help", "--json", "--actor"}
DOCUMENTED_GROUPS = ("cases", "serve", "tick")


def commands() -> Iterator[tuple[str, click.Command]]:
    def walk(command: click.Command, words: list[str]) -> Iterator[tuple[str, click.Command]]:
        if isinstance(command, click.Group):
            for name, sub in command.commands.items():
                yield from walk(sub, [*words, name])
        else:
            yield " ".join(words), command

    yield from walk(build_cli(), [])


def options() -> list[tuple[str, str, click.Option]]:
    return [
        (name, flag, param)
        for name, command in commands()
        for param in command.params
        if isinstance(param, click.Option)
        for flag in (*param.opts, *param.secondary_opts)
        if flag.startswith("--") and flag not in SHARED
    ]


def paragraphs() -> list[str]:
    return [part for page in PAGES for part in re.split(r"\n\s*\n", page.read_text("utf-8"))]


@pytest.mark.parametrize(("command", "flag", "option"), options(), ids=str)
def test_each_option_is_explained_in_help_and_shown_in_the_docs(
    command: str, flag: str, option: click.Option
) -> None:
    assert option.help, f"{command} {flag} has no help text"
    named = re.compile(re.escape(flag) + r"(?![\w-])")
    assert any(command in part and named.search(part) for part in paragraphs()), (
        f"no docs paragraph shows `complaintkit {command} … {flag}`"
    )


def test_the_shared_actor_option_is_explained_once() -> None:
    text = (ROOT / "docs" / "closing-the-loop.md").read_text("utf-8")
    assert "`--actor` (or `COMPLAINTKIT_ACTOR`)" in text
