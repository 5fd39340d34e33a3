"""A country's code written where a language's goes (``cn`` for Chinese, ``hk`` for the
Traditional script, ``jp`` for Japanese) was a valid-looking key no customer's language
matches: a Chinese letter showed the English label, or the template written first. Each is
an error at it naming the language code to write."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"

_NOTIFY = (
    "notifications:\n  default_language: {default}\n  notifiers: {{log: {{type: log}}}}\n"
    '  rules: [{{"on": opened, notify: [customer], via: log, template: ack}}]\n'
    'templates:\n  ack:\n    {language}: {{subject: "{{case.id}}", body: "您好"}}\n'
)


def _errors(tmp_path: Path, text: str) -> list[tuple[int | None, str, str, str]]:
    (tmp_path / "base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    policy = tmp_path / "p.yaml"
    policy.write_text("complaintkit: 1\nextends: ./base.yaml\n" + text, "utf-8")
    return [
        (p.location.line, p.location.path, p.message, p.hint)
        for p in check_policy(policy)
        if p.severity == "error"
    ]


@pytest.mark.parametrize(
    ("written", "meant"), [("cn", "zh"), ("hk", "zh-Hant"), ("jp", "ja"), ("cn-Hans", "zh-Hans")]
)
def test_a_label_keyed_by_a_country_names_the_language(
    tmp_path: Path, written: str, meant: str
) -> None:
    ((line, path, message, hint),) = _errors(
        tmp_path, f"categories:\n  food: {{label: {{{written}: 食品, en: Food}}}}\n"
    )
    assert (line, path) == (4, f"categories.food.label.{written}")
    assert repr(written) in message
    assert "country" in message
    assert f"write {meant}" in hint


def test_a_template_keyed_by_a_country_names_the_language(tmp_path: Path) -> None:
    ((line, path, message, hint),) = _errors(tmp_path, _NOTIFY.format(default="zh", language="cn"))
    assert (line, path) == (9, "templates.ack.cn")
    assert "'cn'" in message
    assert "write zh" in hint


def test_a_default_language_written_as_a_country_names_the_language(tmp_path: Path) -> None:
    ((line, path, message, hint),) = _errors(tmp_path, _NOTIFY.format(default="cn", language="zh"))
    assert (line, path) == (4, "notifications.default_language")
    assert "'cn'" in message
    assert "country" in message
    assert hint == "write zh"


@pytest.mark.parametrize("language", ["zh", "zh-Hant", "zh-CN", "en-GB", "ja", "ko"])
def test_language_codes_stay_valid(tmp_path: Path, language: str) -> None:
    assert _errors(tmp_path, _NOTIFY.format(default=language, language=language)) == []


def test_the_default_language_is_not_said_unused_beside_the_country_meaning_it(
    tmp_path: Path,
) -> None:
    """The warning that no template is in ``zh`` told the author to write ``cn``."""
    _errors(tmp_path, _NOTIFY.format(default="zh", language="cn"))
    said = [p for p in check_policy(tmp_path / "p.yaml") if "default_language" in p.location.path]
    assert said == []
