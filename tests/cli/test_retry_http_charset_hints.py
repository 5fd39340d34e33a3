"""``dead-letters retry`` of a refused HTTP body with a charset that does not read it.

A GBK body retried with ``-o charset=utf-16`` was refused as "byte 68 is not 'utf-16', the
charset the body declared" — the body declared none; the user gave it — and said nothing
of what it reads as. Retried with ``-o encoding=gb18030`` (the CSV channel's name for it),
the option was ignored without a word and the letter refused as before; with a charset
Python does not know, no charset was suggested. Each now says what is wrong and which
``-o charset=`` reads the body.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.sqlite import SQLiteStorage

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
COMPLAINT = {"external_id": "G-1", "customer": {"id": "c"}, "text": "送餐太慢了 饭菜都凉了"}


def retried(tmp_path: Path, *options: str) -> dict[str, str]:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    if not (tmp_path / "cases.db").exists():
        with SQLiteStorage(db) as storage:
            body = json.dumps(COMPLAINT, ensure_ascii=False).encode("gbk")
            storage.dead_letter("http:web:req-1", body, "not UTF-8", datetime.now(UTC))
    flags = [part for option in options for part in ("-o", option)]
    result = CliRunner().invoke(
        CLI, ["--db", db, "dead-letters", "retry", "--all", "--json", *flags]
    )
    (outcome,) = json.loads(result.stdout)
    return outcome  # type: ignore[no-any-return]


def test_a_charset_given_that_does_not_read_the_body_names_the_one_that_does(
    tmp_path: Path,
) -> None:
    outcome = retried(tmp_path, "charset=utf-16")
    assert outcome["outcome"] == "refused"
    assert "declared" not in outcome["reason"], outcome
    assert "utf-16" in outcome["reason"]
    assert "-o charset=gb18030" in outcome["reason"], outcome
    assert retried(tmp_path, "charset=gb18030")["outcome"] == "taken"


@pytest.mark.parametrize("option", ["encoding=gb18030", "codec=gb18030", "charst=gb18030"])
def test_an_option_an_http_body_is_not_read_with_names_charset(tmp_path: Path, option: str) -> None:
    outcome = retried(tmp_path, option)
    assert outcome["outcome"] == "refused"
    assert "-o charset=gb18030" in outcome["reason"], outcome
    assert option.split("=", maxsplit=1)[0] in outcome["reason"]


def test_an_unknown_charset_is_refused_suggesting_charsets(tmp_path: Path) -> None:
    outcome = retried(tmp_path, "charset=gbk2")
    assert outcome["outcome"] == "refused"
    assert "'gbk2'" in outcome["reason"]
    assert "-o charset=" in outcome["reason"], outcome
