"""A ``classify_complaint`` answer holding text no backend stores (a NUL, a lone surrogate:
a model's output cut mid-character, a C library's string) refuses the complaint naming
the plugin and the hook, as every other bad answer does: it was refused as
``classified.category: holds a NUL``, a field of a stored event the plugin author never
wrote, with no word of the plugin that answered it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.desk.classification import checked_override
from complaintkit.errors import InvalidInput
from complaintkit.hookspecs import hookimpl
from complaintkit.model.complaint import Complaint
from complaintkit.model.jsonvalues import storable_text
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.testing.storage_contract import make_complaint

ANSWERS = {
    "NUL category": ({"category": "food\x00safety"}, "category"),
    "lone surrogate category": ({"category": "\ud83d"}, "category"),
    "lone surrogate severity": ({"severity": "high\udc00"}, "severity"),
    "NUL priority": ({"priority": "\x00"}, "priority"),
    "lone surrogate tag": ({"tags": ["vip", "\udcff"]}, "tags[1]"),
}


def _plugins(answer: dict[str, Any]) -> Plugins:
    class Classifier:
        @hookimpl
        def classify_complaint(self, complaint: Complaint) -> dict[str, Any]:
            return answer

    pm = plugin_manager(load_entrypoints=False)
    pm.register(Classifier(), name="acme")
    return Plugins(pm)


@pytest.mark.parametrize(("answer", "field"), ANSWERS.values(), ids=ANSWERS)
def test_unstorable_text_is_a_dead_letter_naming_the_plugin(
    answer: dict[str, Any], field: str, tmp_path: Path
) -> None:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(make_complaint("a").to_json()) + "\n", encoding="utf-8")
    result = CliRunner().invoke(build_cli(_plugins(answer)), ["--db", db, "intake", str(source)])
    assert result.exit_code == 3, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    desk = Desk(storage=db)
    assert desk.storage.find_by_key("web", "a") is None
    (letter,) = desk.storage.dead_letters()
    assert "plugin 'acme'" in letter.reason
    assert "classify_complaint" in letter.reason
    assert field in letter.reason


@given(st.text(min_size=1, max_size=20))
def test_a_category_is_taken_exactly_when_it_is_storable(category: str) -> None:
    plugins = Plugins(plugin_manager(load_entrypoints=False))
    if category.strip() and storable_text(category):
        override = checked_override(plugins, {"category": category}, None, ["acme"])
        assert override == {"category": category}
    else:
        with pytest.raises(InvalidInput, match="plugin 'acme'"):
            checked_override(plugins, {"category": category}, None, ["acme"])
