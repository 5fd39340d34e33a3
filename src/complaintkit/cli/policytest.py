"""``complaintkit test`` and ``check``: run a policy's tests, and property-check it."""

from __future__ import annotations

from pathlib import Path

import click

from complaintkit.cli.context import App, echo_json, json_option, pass_app
from complaintkit.cli.count_option import Count
from complaintkit.cli.output_file import named_folder
from complaintkit.cli.path_type import NamedPath
from complaintkit.errors import InvalidInput, PolicyError
from complaintkit.plugins import Plugins
from complaintkit.policy.catalog import closest_id
from complaintkit.policy.compiled import load_policy
from complaintkit.policytest import Runner, find_test_files, render
from complaintkit.policytest.property_names import PROPERTIES
from complaintkit.policytest.runner import TestResult
from complaintkit.testing.domain_texts import DOMAIN_TEXTS
from complaintkit.visible import shown


@click.command("test")
@click.argument("paths", nargs=-1, required=True, type=NamedPath(exists=True, path_type=Path))
@json_option
@pass_app
@click.pass_context
def test_command(ctx: click.Context, app: App, paths: tuple[Path, ...], as_json: bool) -> None:
    """Run the policy tests in PATHS (test files, or folders searched for *.tests.yaml).

    Exits 0 when every test passes and 1 when any fails, with a diff per failure.
    """
    files = find_test_files(paths)
    if not files:
        raise InvalidInput(
            "paths",
            "no *.tests.yaml (.yml, .toml, .json) files found; name policy tests "
            "<policy>.tests.yaml",
        )
    runner = Runner(app.plugins or Plugins())
    results: list[TestResult] = []
    broken: list[tuple[Path, PolicyError]] = []
    for path in files:  # a file (or its policy) that cannot be read does not hide the others
        try:
            results.extend(runner.run_file(path))
        except PolicyError as refused:
            broken.append((path, refused))
    failed = [r for r in results if not r.passed]
    if as_json:
        echo_json(
            {
                "passed": len(results) - len(failed),
                "failed": len(failed),
                "tests": [r.to_json() for r in results],
                "errors": [
                    {
                        "file": str(p),
                        "message": str(e),
                        "problems": [problem.to_json() for problem in e.problems],
                    }
                    for p, e in broken
                ],
            }
        )
    else:
        for where, error in broken:
            click.secho(shown(f"ERROR {where}\n{error}"), fg="red")  # others' text
        for result in failed:
            click.secho(shown(render(result)), fg="red")
        unread = f", {len(broken)} file(s) could not run," if broken else ""
        click.secho(
            f"{len(results) - len(failed)} passed, {len(failed)} failed{unread} in "
            f"{len(files)} file(s)",
            fg="red" if failed or broken else "green",
        )
    if failed or broken:
        ctx.exit(1)


@click.command("check")
@click.argument("policy_path", metavar="POLICY", type=NamedPath(exists=True, path_type=Path))
@click.option(
    "--types",
    help="Built-in complaint types the policy must also recognise, comma-separated "
    f"({', '.join(DOMAIN_TEXTS)}). By default only the policy's own words are used.",
)
@click.option(
    "--property",
    "properties",
    multiple=True,
    type=click.Choice(PROPERTIES),
    help="Check only this property (repeat for several). Default: all.",
)
@click.option(
    "--examples",
    default=100,
    show_default=True,
    type=Count(1),
    help="Generated complaints per property.",
)
@click.option(
    "--keep",
    type=NamedPath(file_okay=False),
    callback=named_folder,
    help="Let hypothesis keep its cache in this folder. By default nothing is written.",
)
@json_option
@pass_app
@click.pass_context
def check_command(
    ctx: click.Context,
    app: App,
    policy_path: Path,
    types: str | None,
    properties: tuple[str, ...],
    examples: int,
    keep: Path | None,
    as_json: bool,
) -> None:
    """Property-check POLICY on complaints generated from its own keywords, the values its
    conditions name and its tests' texts: classified, owned, deadlines, caps.

    Exits 1 when a property fails, printing the smallest complaint that breaks it.
    """
    # hypothesis is loaded here, not with the command line: no other command uses it
    from complaintkit.policytest.generators import policy_test_files, vocabulary  # noqa: PLC0415
    from complaintkit.policytest.properties import check  # noqa: PLC0415

    wanted = _types(types)
    plugins = app.plugins or Plugins()
    policy = load_policy(policy_path, plugins)
    vocab = vocabulary(policy, policy_test_files(policy_path))
    only = tuple(dict.fromkeys(properties)) or PROPERTIES  # each once, as first named
    findings = check(
        policy,
        types=wanted,
        examples=examples,
        plugins=plugins,
        only=only,
        vocab=vocab,
        keep=keep,
    )
    if as_json:
        echo_json(
            {
                "passed": not findings,
                "properties": list(only),
                "findings": [f.to_json() for f in findings],
            }
        )
    else:
        for finding in findings:
            click.secho(shown(str(finding)), fg="red")
        if not findings:
            held = [p for p in only if p != "classified" or vocab.keywords or wanted]
            skipped = "" if held == list(only) else "; classified: no category keywords to check"
            click.secho(
                f"{policy_path}: {', '.join(held)} hold on {examples} complaints each "
                f"({len(vocab.keywords)} keywords, {len(vocab.examples)} other texts{skipped})",
                fg="green",
            )
    if findings:
        ctx.exit(1)


def _types(given: str | None) -> tuple[str, ...]:
    """The built-in complaint types ``--types`` names; a usage error (exit code 2, as for an
    unknown ``--property``) for one it does not know, naming the one a slip meant, or for a
    value naming none (``--types ,``), which would check no type without a word."""
    if given is None:
        return ()
    wanted = tuple(t.strip() for t in given.split(",") if t.strip())
    if not wanted:
        raise click.BadParameter(
            f"{given!r} names no type; name one or more of {', '.join(DOMAIN_TEXTS)}, "
            "or leave --types out",
            param_hint="--types",
        )
    unknown = sorted(set(wanted) - set(DOMAIN_TEXTS))
    if unknown:
        meant = [m for m in (closest_id(t, DOMAIN_TEXTS) for t in unknown) if m]
        slip = f"did you mean {meant[0]!r}? " if len(unknown) == 1 and meant else ""
        raise click.BadParameter(
            f"unknown type(s) {unknown}; {slip}known: {', '.join(DOMAIN_TEXTS)}",
            param_hint="--types",
        )
    return wanted
