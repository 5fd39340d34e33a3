"""A ``classify_complaint`` answer whose ids are members of a ``StrEnum`` (how a plugin
names a fixed set of categories) is the text they stand for, as its tags already were:
it was refused as ``data.category: must be a string or null (got Category)``, a field of
a stored event, naming neither the plugin nor the hook."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.hookspecs import hookimpl
from complaintkit.model.complaint import Complaint
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.testing.storage_contract import make_complaint


class Category(StrEnum):
    PRODUCT = "product"


class Severity(StrEnum):
    CRITICAL = "critical"


class Classifier:
    @hookimpl
    def classify_complaint(self, complaint: Complaint) -> dict[str, Any]:
        return {
            "category": Category.PRODUCT,
            "severity": Severity.CRITICAL,
            "tags": [Category.PRODUCT],
        }


def test_str_enum_ids_are_taken_as_their_text(tmp_path: Path) -> None:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(Classifier(), name="acme")
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(make_complaint("a").to_json()) + "\n", encoding="utf-8")
    result = CliRunner().invoke(build_cli(Plugins(pm)), ["--db", db, "intake", str(source)])
    assert result.exit_code == 0, result.output
    case = Desk(storage=db).storage.find_by_key("web", "a")
    assert case is not None
    assert (case.category, case.severity, case.tags) == ("product", "critical", ("product",))
    assert type(case.category) is str
