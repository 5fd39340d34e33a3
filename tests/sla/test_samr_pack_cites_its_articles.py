"""The SAMR pack cites the articles of 市场监督管理投诉举报处理暂行办法 (2022年修正) that
set its periods. It cited 第二十三条(五) for the 45 working days of mediation and 第二十四条
for testing time not counting; in the text, the end of mediation after 45 working days is
第二十一条(五), testing time is 第二十条's third paragraph, while 第二十三条 is the check of a
violation found during mediation and 第二十四条 what a reporter must provide. An office
auditing its deadlines against the pack, or a policy test's name, was sent to the wrong
article."""

from __future__ import annotations

from pathlib import Path

import pytest

PACK = Path(__file__).parents[2] / "policies" / "regulatory"
FILES = [PACK / "samr-complaints.yaml", PACK / "samr-complaints.tests.yaml"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_period_is_cited_to_an_article_that_does_not_set_it(path: Path) -> None:
    text = path.read_text("utf-8")
    assert "第二十四条" not in text
    for line in text.splitlines():  # 第二十三条 is cited for the check of a violation only
        if "第二十三条" in line:
            assert "调解期限" not in line
            assert "45" not in line
            assert "检测" not in line


def test_mediation_and_testing_cite_the_articles_that_set_them() -> None:
    pack = FILES[0].read_text("utf-8")
    mediation = next(line for line in pack.splitlines() if "四十五个工作日" in line)
    assert "第二十一条(五)" in mediation
    testing = next(line for line in pack.splitlines() if "不计算在调解期限内" in line)
    assert "第二十条" in testing
