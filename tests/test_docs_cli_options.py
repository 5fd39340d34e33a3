"""The options of the commands customers' cases are worked with (``cases``, ``serve``,
``tick``) each say in ``--help`` what they do, and a docs page shows each beside its
command: an option only ``--help`` names is one users never find."""

from __future__ import annotations

import re
import shlex
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


#: Fenced blocks holding no shell: their lines are data, not commands.
DATA_BLOCKS = {"python", "yaml", "json", "jsonl", "csv", "toml"}


def command_lines() -> list[tuple[str, str]]:
    """Each ``complaintkit …`` command a page shows: in a shell block (continuation lines
    joined, a ``$`` prompt and a trailing comment dropped) or in inline code."""
    found: list[tuple[str, str]] = []
    for page in PAGES:
        text = page.read_text("utf-8")
        lines, fence = [], None
        for line in text.replace("\\\n", " ").splitlines():
            if line.startswith("```"):
                fence = line[3:] if fence is None else None
            elif fence is not None and fence not in DATA_BLOCKS:
                lines.append(line.strip().removeprefix("$ "))
        lines += re.findall(r"`(complaintkit [^`]+)`", text)
        for line in lines:
            command = re.split(r" #| \| | > | && ", line)[0]
            if command.startswith("complaintkit ") and "…" not in command.split():
                found.append((page.name, command))
    return found


def unknown_words(words: list[str]) -> list[str]:
    """The commands and ``--options`` of a command line the CLI does not have."""
    command: click.Command = build_cli()
    params = list(command.params)
    unknown, taking_value = [], False
    for word in words:
        if taking_value:
            taking_value = False
        elif word.startswith("--"):
            flag = word.split("=")[0]
            known = [
                p
                for p in params
                if isinstance(p, click.Option) and flag in (*p.opts, *p.secondary_opts)
            ]
            if not known and flag != "--help":  # every command's, added as it runs
                unknown.append(flag)
            taking_value = bool(known) and not known[0].is_flag and "=" not in word
        elif isinstance(command, click.Group) and not word.startswith("-"):
            sub = command.commands.get(word)
            if sub is None:
                unknown.append(word)
                break
            command, params = sub, [*params, *sub.params]
    return unknown


def test_every_command_a_page_shows_is_one_the_cli_takes() -> None:
    """A command or option the docs show that the CLI does not have fails users at once;
    the option test above only goes from --help to the docs, not back."""
    lines = command_lines()
    assert len(lines) > 150
    wrong = [
        (page, line, unknown)
        for page, line in lines
        if (unknown := unknown_words(shlex.split(line)[1:]))
    ]
    assert wrong == []


def test_every_make_target_a_page_names_is_in_the_makefile() -> None:
    targets = set(re.findall(r"^([\w-]+):", (ROOT / "Makefile").read_text("utf-8"), flags=re.M))
    named = {n for page in PAGES for n in re.findall(r"`make ([\w-]+)", page.read_text("utf-8"))}
    named |= set(re.findall(r"^make ([\w-]+)", (ROOT / "README.md").read_text("utf-8"), re.M))
    assert {"demo", "test"} <= named
    assert named - targets == set()
