"""The JSON-lines channel and ``complaintkit intake --channel``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.channels import Rejected, jsonl
from complaintkit.channels.jsonl import JsonLinesChannel
from complaintkit.cli import build_cli
from complaintkit.errors import ConfigError
from complaintkit.model.complaint import Complaint
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.sqlite import SQLiteStorage

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
GOOD = {
    "external_id": "A-1",
    "received_at": "2026-11-23T09:30:00+08:00",
    "customer": {"id": "c1"},
    "text": "屏幕有坏点",
}


def test_lines_become_complaints_and_bad_lines_rejects(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps(GOOD) + "\n\n{not json\n" + json.dumps({**GOOD, "text": ""}) + "\n",
        encoding="utf-8",
    )
    items = list(JsonLinesChannel(channel="web").read(str(source)))
    assert isinstance(items[0], Complaint)
    assert items[0].channel == "web"
    assert [(i.source, i.reason.split(":")[0]) for i in items[1:] if isinstance(i, Rejected)] == [
        ("in.jsonl:3", "line"),
        ("in.jsonl:4", "text"),
    ]


def test_cli_intake_takes_any_channel_and_keeps_dead_letters(tmp_path: Path) -> None:
    db = tmp_path / "cases.db"
    mail = Path(__file__).parent / "mail"
    runner = CliRunner()
    cli = CLI
    good = runner.invoke(
        cli,
        ["--db", f"sqlite:///{db}", "intake", "--channel", "email", str(mail / "good"), "--json"],
    )
    assert good.exit_code == 0, good.output
    assert json.loads(good.output)["opened"] == 7
    bad = runner.invoke(
        cli,
        [
            "--db",
            f"sqlite:///{db}",
            "intake",
            "--channel",
            "email",
            "-o",
            "format=eml",
            str(mail / "malformed"),
        ],
    )
    assert bad.exit_code == 3
    with SQLiteStorage(f"sqlite:///{db}") as storage:
        assert len(storage.dead_letters()) == len(list((mail / "malformed").glob("*.eml")))


def test_cli_csv_mapping_given_inline(tmp_path: Path) -> None:
    sample = Path(__file__).parents[1] / "fixtures" / "cfpb_sample.csv"
    runner = CliRunner()
    cli = CLI
    result = runner.invoke(
        cli,
        [
            "--db",
            f"sqlite:///{tmp_path / 'c.db'}",
            "intake",
            "--channel",
            "csv",
            "-o",
            "columns.external_id=Complaint ID",
            "-o",
            "columns.received_at=Date received",
            "-o",
            "columns.text=Consumer complaint narrative|Issue",
            "--json",
            str(sample),
        ],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["opened"] == 50


def test_a_byte_order_mark_before_the_first_line_is_not_part_of_it(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"\xef\xbb\xbf" + json.dumps(GOOD).encode() + b"\n")
    (item,) = JsonLinesChannel(channel="web").read(str(source))
    assert isinstance(item, Complaint), item


def test_with_the_channel_option_set_a_line_naming_another_channel_is_refused(
    tmp_path: Path,
) -> None:
    source = tmp_path / "in.jsonl"
    lines = [
        {**GOOD, "external_id": "1"},  # no channel: the option's
        {**GOOD, "external_id": "2", "channel": "web"},  # the same channel: fine
        {**GOOD, "external_id": "3", "channel": "wechat"},  # another: refused
    ]
    source.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    items = list(JsonLinesChannel(channel="web").read(str(source)))
    assert [i.channel for i in items if isinstance(i, Complaint)] == ["web", "web"]
    [refused] = [i for i in items if isinstance(i, Rejected)]
    assert refused.source == "in.jsonl:3"
    assert refused.reason.startswith("channel: ")
    assert "'wechat'" in refused.reason


def test_without_the_channel_option_each_line_names_its_own(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({**GOOD, "channel": "wechat"}) + "\n", encoding="utf-8")
    [complaint] = JsonLinesChannel().read(str(source))
    assert isinstance(complaint, Complaint)
    assert complaint.channel == "wechat"


def test_cli_intake_names_a_line_the_desk_refuses_by_file_and_line(tmp_path: Path) -> None:
    """A key another customer holds is the Desk's refusal, after the channel read the line:
    the run still says which line of which file, as for a line the channel refused."""
    source = tmp_path / "history.jsonl"
    other = {**GOOD, "customer": {"id": "c2"}}
    source.write_text(f"{json.dumps(GOOD)}\n{json.dumps(other)}\n", encoding="utf-8")
    args = ["--db", f"sqlite:///{tmp_path / 'c.db'}", "intake", "-o", "channel=old", str(source)]
    result = CliRunner().invoke(CLI, [*args, "--json"])
    assert result.exit_code == 3, result.output
    [letter] = json.loads(result.output)["dead_letters"]
    assert letter["source"] == "history.jsonl:2"
    text = CliRunner().invoke(CLI, args)
    assert "  history.jsonl:2: external_id: " in text.output


def test_a_utf16_file_is_refused_whole_saying_to_convert_it(tmp_path: Path) -> None:
    """Saved as 'Unicode' by a Windows tool: not one dead letter per line, each 'not valid
    UTF-8' or 'not JSON', but one error saying what the file is."""
    source = tmp_path / "history.jsonl"
    source.write_text(f"{json.dumps(GOOD)}\n{json.dumps(GOOD)}\n", encoding="utf-16")
    with pytest.raises(ConfigError) as refused:
        list(JsonLinesChannel().read(str(source)))
    assert "history.jsonl" in str(refused.value)
    assert "UTF-16" in str(refused.value)
    assert "UTF-8" in str(refused.value)


@pytest.mark.parametrize("ending", ["\n", "\r\n", ""])
def test_a_line_past_the_longest_is_a_dead_letter_and_the_rest_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ending: str
) -> None:
    """A line with no end (a producer's bug, /dev/zero) grew in memory without bound; past
    MAX_LINE_CHARS it is a dead letter keeping its first characters, read no further."""
    monkeypatch.setattr(jsonl, "MAX_LINE_CHARS", 1_000)
    good = json.dumps(
        {
            "channel": "web",
            "external_id": "A-2",
            "received_at": "2026-11-23T09:00:00+00:00",
            "customer": {"id": "c1"},
            "text": "迟到",
        },
        ensure_ascii=False,
    )
    path = tmp_path / "in.jsonl"
    path.write_text(f'{{"text": "{"x" * 5_000}"}}\n{good}{ending}', encoding="utf-8")
    first, second = JsonLinesChannel().read(str(path))
    assert isinstance(first, Rejected)
    assert first.source == "in.jsonl:1"
    assert "longer than 1,000 characters" in first.reason
    assert first.raw == path.read_bytes()[:1_000]
    assert isinstance(second, Complaint)
    assert second.external_id == "A-2"


def test_a_last_line_exactly_the_longest_is_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    line = json.dumps({"channel": "web", "external_id": "A-1", "customer": {"id": "c"}})
    monkeypatch.setattr(jsonl, "MAX_LINE_CHARS", len(line))
    path = tmp_path / "in.jsonl"
    path.write_text(line, encoding="utf-8")
    (only,) = JsonLinesChannel(complete=True).read(str(path))  # unended, yet written whole
    assert isinstance(only, Rejected)
    assert "longer than" not in only.reason  # read whole, refused for what it lacks


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        (None, "null"),
        ("just text", "text"),
        ([1, 2], "a list"),
        (7, "a number"),
        (True, "true or false"),
        ({**GOOD, "channel": "web", "attributes": "vip"}, "text"),
        ({**GOOD, "channel": "web", "text": 7}, "a number"),
    ],
)
def test_a_value_of_the_wrong_kind_is_named_in_jsons_words(
    tmp_path: Path, value: object, kind: str
) -> None:
    """The reason said "got NoneType", Python's word for JSON's null."""
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(value) + "\n", encoding="utf-8")
    (item,) = JsonLinesChannel(channel="web").read(str(source))
    assert isinstance(item, Rejected)
    assert f"(got {kind})" in item.reason
