"""A template written for ``zh`` and again for ``ZH`` (or ``zh-Hans`` and ``zh-hans``) is
one language written twice, as a label's is: a tag's case means nothing (RFC 5646), so
only one of the two letters could ever be sent, chosen by the order the keys happen to be
in. It was valid; it is now an error at the second, naming the first."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def _errors(tmp_path: Path, versions: str) -> list[tuple[int | None, str, str, str]]:
    policy = tmp_path / "p.yaml"
    policy.write_text(
        f"complaintkit: 1\nextends: {BASE}\ntemplates:\n  acknowledgement:\n{versions}",
        "utf-8",
    )
    return [
        (p.location.line, p.location.path, p.message, p.code)
        for p in check_policy(policy)
        if p.severity == "error"
    ]


@pytest.mark.parametrize(
    ("first", "second"), [("zh", "ZH"), ("zh-Hans", "zh-hans"), ("en-GB", "EN-gb")]
)
def test_one_language_written_twice_is_an_error_at_the_second(
    tmp_path: Path, first: str, second: str
) -> None:
    versions = (
        f"    {first}: {{subject: '受理 {{case.id}}', body: 您好}}\n"
        f"    {second}: {{subject: '已受理 {{case.id}}', body: 您好呀}}\n"
    )
    ((line, path, message, code),) = _errors(tmp_path, versions)
    assert (line, path, code) == (6, f"templates.acknowledgement.{second}", "duplicate-language")
    assert f"{second!r}" in message
    assert f"{first!r}" in message


def test_languages_that_differ_are_each_a_letter(tmp_path: Path) -> None:
    versions = (
        "    zh: {subject: '受理 {case.id}', body: 您好}\n"
        "    zh-Hant: {subject: '受理 {case.id}', body: 您好}\n"
        "    en: {subject: 'Received {case.id}', body: Hello}\n"
    )
    assert _errors(tmp_path, versions) == []
