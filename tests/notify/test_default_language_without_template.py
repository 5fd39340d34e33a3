"""``default_language`` names the version sent when a case's language has none; one no
template is written in (``zn`` for ``zh``, ``fr`` in a policy of zh and en templates)
is never used, and the letters silently go in whichever language was written first: a
warning at ``notifications.default_language`` says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"

POLICY = """\
complaintkit: 1
extends: ./base.yaml
templates:
  ack:
    en: {subject: "Your complaint {case.id}", body: "We read it."}
    zh: {subject: "您的投诉 {case.id}", body: "已收到。"}
notifications:
  default_language: LANGUAGE
  notifiers:
    log: {type: log}
  rules:
    - {"on": opened, notify: [customer], via: log, template: ack}
"""


def _warnings(tmp_path: Path, language: str) -> list[tuple[str, str, str]]:
    (tmp_path / "base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    path = tmp_path / "p.yaml"
    path.write_text(POLICY.replace("LANGUAGE", language), "utf-8")
    return [
        (p.location.path, p.message, p.hint)
        for p in check_policy(path)
        if p.location.path == "notifications.default_language"
    ]


@pytest.mark.parametrize("language", ["zn", "fr"])
def test_a_default_language_no_template_has_is_a_warning(tmp_path: Path, language: str) -> None:
    ((_, message, hint),) = _warnings(tmp_path, language)
    assert repr(language) in message
    assert "en, zh" in hint


@pytest.mark.parametrize("language", ["zh", "en", "zh-CN"])
def test_a_default_language_a_template_has_is_quiet(tmp_path: Path, language: str) -> None:
    assert _warnings(tmp_path, language) == []
