"""An option given under another name than the channel's: ``-o charset=gb18030`` to the
CSV channel, whose option is ``encoding`` (HTTP bodies and MIME call it a charset), or a
typo (``-o encodng=gbk``). The error listed the channel's options and left the user to
see which was meant; ``dead-letters retry`` refused every letter so, each reason the same
list. It now names the option meant (``did you mean encoding=gb18030?``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
MAPPING = ["-o", "columns.external_id=id", "-o", "columns.received_at=date"]
MAPPING += ["-o", "columns.text=text"]


@pytest.mark.parametrize(
    ("given", "meant"),
    [
        ("charset=gb18030", "encoding=gb18030"),
        ("codec=gb18030", "encoding=gb18030"),
        ("encodng=gb18030", "encoding=gb18030"),
        ("Encoding=gb18030", "encoding=gb18030"),
        ("separator=;", "delimiter=;"),
        ("mapping=columns.yaml", "columns=columns.yaml"),
    ],
)
def test_a_csv_option_named_otherwise_names_the_option_meant(
    tmp_path: Path, given: str, meant: str
) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_bytes("id,date,text\n1,2026-11-23,送餐太慢了\n".encode("gbk"))
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    result = CliRunner().invoke(
        CLI, ["--db", db, "intake", "--channel", "csv", *MAPPING, "-o", given, str(rows)]
    )
    assert result.exit_code == 2, result.output
    assert f"did you mean {meant}?" in result.stderr, result.stderr


def test_a_retry_with_charset_names_the_encoding_option(tmp_path: Path) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_bytes(b"id,date,text\n1,2026-11-23,ok\n" + "2,2026-11-23,送餐太慢了\n".encode("gbk"))
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    taken = CliRunner().invoke(CLI, ["--db", db, "intake", *MAPPING, str(rows)])
    assert taken.exit_code == 3, taken.output
    retry = ["--db", db, "dead-letters", "retry", "--all", "--json", "-o", "charset=gb18030"]
    (outcome,) = json.loads(CliRunner().invoke(CLI, retry).stdout)
    assert outcome["outcome"] == "refused"
    assert "did you mean encoding=gb18030?" in outcome["reason"], outcome
    retry[-1] = "encoding=gb18030"
    (outcome,) = json.loads(CliRunner().invoke(CLI, retry).stdout)
    assert outcome["outcome"] == "taken", outcome


def test_an_option_like_none_of_the_channels_names_none() -> None:
    result = CliRunner().invoke(CLI, ["intake", "--channel", "csv", "-o", "zzz=1", "x.csv"])
    assert result.exit_code == 2, result.output
    assert "did you mean" not in result.stderr
    assert "'zzz'" in result.stderr
