"""``report --product mlik-1`` (a typo of ``milk-1``) printed a report of nothing with no
word, while a typo of a category, severity or channel was warned of. A product no stored
case has, however typed, is now warned of on stderr naming the value and the nearest
stored products (never the whole list: a store holds thousands); the report is still
printed, exit 0. A product stored cases have, outside the dates asked for, is no mistake."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.testing.storage_contract import make_complaint


def _run(args: list[str]) -> Result:
    return CliRunner().invoke(build_cli(), args)


def _store(tmp_path: Path, products: list[str]) -> list[str]:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    desk = Desk(storage=url)
    for number, product in enumerate(products):
        desk.intake(make_complaint(f"P{number}", product=product))
    desk.storage.close()
    return ["--db", url]


def test_a_product_no_case_has_is_warned_of_with_the_nearest(tmp_path: Path) -> None:
    db = _store(tmp_path, ["milk-1", "bread", "MILK-2"])
    result = _run([*db, "report", "--product", "mlik-1", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["total"] == 0  # the report is still printed
    assert "warning: --product 'mlik-1' is no product a stored case has" in result.stderr
    assert "did you mean milk-1" in result.stderr


def test_a_product_typed_otherwise_or_outside_the_dates_is_no_mistake(tmp_path: Path) -> None:
    db = _store(tmp_path, ["milk-1"])
    for extra in (["--product", "ＭＩＬＫ－１"], ["--product", "milk-1", "--since", "2099-01-01"]):  # noqa: RUF001
        result = _run([*db, "report", *extra])
        assert result.exit_code == 0, result.output
        assert "warning" not in result.stderr, result.stderr


def test_the_warning_is_bounded_whatever_the_store_holds(tmp_path: Path) -> None:
    db = _store(tmp_path, [f"product-{n:03}" for n in range(60)])
    result = _run([*db, "report", "--product", "product-1000"])
    assert result.exit_code == 0, result.output
    (warning,) = [line for line in result.stderr.splitlines() if "warning" in line]
    assert "60 stored" in warning
    assert len(warning) < 300, warning
