"""A tests file written as a Chinese SOP names its keys (``投诉:`` for ``complaint:``,
``期望:`` for ``expect:``) was told 'unknown key' and the keys allowed, with no word of
the one meant, though a policy's ``分类:`` is told 'did you mean 'classification'?'; and a
test whose name was written so (``名称:``), or that is no mapping at all (``- 12``), was
told a second time, at the same spot, that 'every test needs a name'. Each key is now told
the one meant, and a test is told once what is wrong with it."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.errors import PolicyError, Problem
from complaintkit.policytest import Runner

BASE = Path(__file__).resolve().parents[2] / "docs" / "policy" / "base.yaml"
TEST = {"name": "变质", "complaint": "{text: 牛奶变质了}", "expect": "{category: product}"}


def problems(tmp_path: Path, body: str) -> list[Problem]:
    path = tmp_path / "p.tests.yaml"
    path.write_text(f"policy: {BASE}\n{body}", "utf-8")
    with pytest.raises(PolicyError) as error:
        Runner().load_file(path)
    return list(error.value.problems)


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("名称", "name"),
        ("投诉", "complaint"),
        ("期望", "expect"),
        ("预期", "expect"),
        ("預期", "expect"),
        ("事实", "facts"),
        ("步骤", "steps"),
        ("步驟", "steps"),
    ],
)
def test_a_test_key_written_in_chinese_is_told_the_one_meant(
    tmp_path: Path, written: str, meant: str
) -> None:
    fields = {**TEST, "facts": "{vip: true}", "steps": "[{at: 1h, note: 已联系}]"}
    fields[written] = fields.pop(meant)
    body = "tests:\n  - " + "\n    ".join(f"{k}: {v}" for k, v in fields.items()) + "\n"
    found = problems(tmp_path, body)
    assert len(found) == 1, [(p.location.path, p.message) for p in found]
    assert found[0].location.path == f"tests[0].{written}"
    assert found[0].hint.startswith(f"did you mean {meant!r}?")


@pytest.mark.parametrize(("written", "meant"), [("测试", "tests"), ("策略", "policy")])
def test_a_file_key_written_in_chinese_is_told_the_one_meant(
    tmp_path: Path, written: str, meant: str
) -> None:
    body = f"{written}: []\ntests:\n  - name: a\n    complaint: {{text: x}}\n    expect: {{}}\n"
    found = [p for p in problems(tmp_path, body) if p.location.path == written]
    assert found, "no error at the key"
    assert found[0].hint.startswith(f"did you mean {meant!r}?")


@pytest.mark.parametrize("item", ["12", "变质", "[a]"])
def test_a_test_that_is_no_mapping_is_told_once(tmp_path: Path, item: str) -> None:
    found = problems(tmp_path, f"tests:\n  - {item}\n")
    assert [p.location.path for p in found] == ["tests[0]"]
