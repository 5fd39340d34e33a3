"""``COMPLAINTKIT_DISABLE_PLUGINS`` took anything silently: a misspelt plugin name, or names
separated by semicolons or spaces, blocked nothing and said nothing. Each command now warns
on stderr, in one line, naming the entries that name no plugin and the plugins there are;
the command still runs (exit 0), and a list of known names says nothing."""

from __future__ import annotations

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.cli import build_cli
from complaintkit.plugins import DEFAULT_PLUGINS, Plugins, plugin_manager

VARIABLE = "COMPLAINTKIT_DISABLE_PLUGINS"
HARMLESS = "complaintkit.builtin.formulas"  # blocking it leaves the plugins command


def run(monkeypatch: pytest.MonkeyPatch, value: str) -> Result:
    monkeypatch.setenv(VARIABLE, value)
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    return CliRunner().invoke(cli, ["plugins", "--json"])


def _warning(result: Result) -> str:
    lines = [line for line in result.stderr.splitlines() if VARIABLE in line]
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.parametrize("value", [HARMLESS, f" {HARMLESS} ,", "", ","])
def test_known_names_say_nothing(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    result = run(monkeypatch, value)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("value", "unknown"),
    [
        ("complaintkit.builtin.formula", "complaintkit.builtin.formula"),
        (f"{HARMLESS};complaintkit.builtin.channels", f"{HARMLESS};complaintkit.builtin.channels"),
        (f"{HARMLESS} complaintkit.builtin.channels", f"{HARMLESS} complaintkit.builtin.channels"),
        (f"{HARMLESS},nope", "nope"),
    ],
)
def test_an_entry_naming_no_plugin_is_named_with_the_plugins_there_are(
    monkeypatch: pytest.MonkeyPatch, value: str, unknown: str
) -> None:
    result = run(monkeypatch, value)
    assert result.exit_code == 0, result.output
    warning = _warning(result)
    assert repr(unknown) in warning
    assert all(name in warning for name in DEFAULT_PLUGINS)
    if ";" in value or " " in value.strip():
        assert "comma" in warning


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    names=st.lists(
        st.sampled_from(DEFAULT_PLUGINS[2:6])
        | st.text(
            st.characters(blacklist_characters=",\x00", blacklist_categories=["Cs"]), max_size=8
        )
    )
)
def test_every_unknown_entry_is_named_and_no_known_one(
    monkeypatch: pytest.MonkeyPatch, names: list[str]
) -> None:
    result = run(monkeypatch, ",".join(names))
    assert result.exit_code == 0, result.output
    unknown = {name.strip() for name in names if name.strip() not in {*DEFAULT_PLUGINS, ""}}
    if not unknown:
        assert VARIABLE not in result.stderr
        return
    warning = _warning(result)
    for name in unknown:
        assert repr(name) in warning
