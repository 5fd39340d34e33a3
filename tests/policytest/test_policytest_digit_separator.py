"""An expected amount written with Python's digit separator (``total: 22_00 CNY``) was read
by ``Decimal`` as 2200, so a test meant for 22.00 passed on a decision of 2,200 yuan. No
other amount in complaintkit is read so (a complaint's ``"12_50"`` is no number), and an
expected one is refused too, at its line, as any amount that is none."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.errors import PolicyError
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policytest.spec import load_test_file

POLICY = Path(__file__).parents[2] / "policies" / "statutory" / "cn-food-safety-art148.yaml"


@pytest.mark.parametrize(
    ("expect", "path"),
    [
        ("{total: 22_00 CNY}", "tests[0].expect.compensation.total"),
        ("{total: '2_200'}", "tests[0].expect.compensation.total"),
        ("{remedies: [refund 2_00 CNY]}", "tests[0].expect.compensation.remedies[0]"),
    ],
)
def test_an_expected_amount_with_a_digit_separator_is_an_error_at_its_line(
    tmp_path: Path, expect: str, path: str
) -> None:
    (tmp_path / "p.yaml").write_text("complaintkit: 1\n", "utf-8")
    tests = tmp_path / "p.tests.yaml"
    tests.write_text(
        f"tests:\n  - name: a\n    complaint: {{text: x}}\n    expect:\n"
        f"      compensation: {expect}\n",
        "utf-8",
    )
    with pytest.raises(PolicyError) as caught:
        load_test_file(tests)
    [problem] = caught.value.problems
    assert problem.location.line == 5
    assert problem.location.path == path


def test_a_test_expecting_22_00_never_passes_on_2200(tmp_path: Path) -> None:
    (tmp_path / POLICY.name).write_text(POLICY.read_text("utf-8"), "utf-8")
    (tmp_path / POLICY.name.replace(".yaml", ".tests.yaml")).write_text(
        "complaint: {channel: web, customer: {id: C-1}, text: x}\n"
        "tests:\n"
        "  - name: ten times the price\n"
        '    complaint: {amount: {amount: "200.00", currency: CNY}}\n'
        "    facts: {unsafe_food: true}\n"
        "    expect: {compensation: {total: 22_00 CNY}}\n",
        "utf-8",
    )
    plugins = Plugins(plugin_manager(load_entrypoints=False))
    result = CliRunner().invoke(build_cli(plugins), ["test", str(tmp_path)])
    assert result.exit_code == 1
    assert "1 passed" not in result.output
    assert "tests[0].expect.compensation.total" in result.output
