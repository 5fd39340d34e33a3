"""``complaintkit check``: property checks find planted gaps and print the smallest example."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import load_policy
from complaintkit.policytest.generators import Vocabulary, policy_test_files, vocabulary
from complaintkit.policytest.properties import check

HERE = Path(__file__).parent
POLICIES = HERE.parents[1] / "policies"


@pytest.mark.slow
def test_planted_gap_is_found_with_the_smallest_example() -> None:
    # fixtures/gap.yaml has rules for product and service complaints only
    findings = check(
        load_policy(HERE / "fixtures" / "gap.yaml"), types=("product", "price"), examples=60
    )
    assert [f.property for f in findings] == ["classified"]
    (finding,) = findings
    assert "no classification rule matched" in finding.message
    assert "default gave category 'other'" in finding.message
    # shrunk: a bare phrase of an unhandled type, no framing, no amount
    assert finding.example["text"] == "价格和标价不一致"
    assert "amount" not in finding.example
    assert "smallest example:" in str(finding)


def test_gap_policy_passes_for_the_types_it_handles() -> None:
    policy = load_policy(HERE / "fixtures" / "gap.yaml")
    assert check(policy, types=("product", "service"), examples=40) == []


@pytest.mark.slow
def test_seed_policies_hold_every_property() -> None:
    for path, types in [
        (POLICIES / "retail" / "supermarket.yaml", ("product", "service", "price", "delivery")),
        (POLICIES / "property" / "property-management.yaml", ("service", "price", "management")),
        (POLICIES / "ecommerce" / "online-shop.yaml", ("product", "service", "price", "delivery")),
    ]:
        assert check(load_policy(path), types=types, examples=30) == [], path


SHIPPED = sorted(p for p in POLICIES.rglob("*.yaml") if not p.name.endswith(".tests.yaml"))


@pytest.mark.slow
@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_policy_holds_every_property_on_its_own_words(path: Path) -> None:
    policy = load_policy(path)
    assert check(policy, vocab=vocabulary(policy, policy_test_files(path)), examples=60) == []


def test_a_gap_the_policys_own_keywords_reveal_is_found_without_types() -> None:
    (finding,) = check(load_policy(HERE / "fixtures" / "channel_gap.yaml"), examples=40)
    assert finding.property == "classified"
    assert finding.example["text"] in {"退款", "refund"}


def test_the_cap_property_counts_only_the_remedies_a_cap_covers() -> None:
    # 牛奶变质了 earns a refund and statutory damages; the cap covers vouchers and cash only
    policy = load_policy(POLICIES / "retail" / "supermarket.yaml")
    vocab = Vocabulary(examples=("牛奶变质了",), money_inputs=("price",), currency="CNY")
    assert check(policy, vocab=vocab, only=("compensation",), examples=40) == []


def test_check_writes_no_files_unless_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    check(load_policy(HERE / "fixtures" / "gap.yaml"), examples=5)
    assert list(tmp_path.iterdir()) == []
    kept = tmp_path / "kept"
    check(load_policy(HERE / "fixtures" / "gap.yaml"), types=("price",), examples=5, keep=kept)
    assert kept.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["kept"]


def test_check_refuses_an_unknown_property() -> None:
    with pytest.raises(ValueError, match="unknown properties"):
        check(load_policy(HERE / "fixtures" / "gap.yaml"), only=("nonsense",))


@pytest.mark.parametrize("examples", [0, -5])
def test_check_refuses_fewer_than_one_example(examples: int) -> None:
    with pytest.raises(ValueError, match="examples must be 1 or more"):
        check(load_policy(HERE / "fixtures" / "gap.yaml"), examples=examples)


def test_a_complaint_the_policy_cannot_decide_is_a_finding_with_its_example(
    tmp_path: Path,
) -> None:
    # two rows of a unique table matching one complaint ended the whole check in an error
    # naming no complaint; it is a gap in the SOP like any other
    base = HERE.parents[1] / "docs" / "policy" / "base.yaml"
    policy = tmp_path / "unique.yaml"
    policy.write_text(
        f"complaintkit: 1\nextends: {base}\nclassification:\n  hit_policy: unique\n"
        "  rules:\n    - {id: milk, when: {keywords: [牛奶]}, "
        "then: {category: product, severity: critical, priority: urgent}}\n",
        "utf-8",
    )
    tests = tmp_path / "unique.tests.yaml"
    tests.write_text(
        "tests: [{name: a, complaint: {text: 牛奶变质了}, expect: {team: quality}}]\n", "utf-8"
    )
    loaded = load_policy(policy)
    vocab = vocabulary(loaded, [tests])
    (finding,) = check(loaded, examples=30, only=("owner",), vocab=vocab)
    assert "cannot decide this complaint" in finding.message
    assert "hit policy unique" in finding.message
    assert "牛奶" in finding.example["text"]
    assert "变质" in finding.example["text"]


_SUBJECT_ONLY = """\
complaintkit: 1
categories: {billing: {label: {en: Billing}}, other: {label: {en: Other}}}
severities: {minor: {label: {en: Minor}}}
priorities: {normal: {label: {en: Normal}}}
teams: {desk: {default_owner: amy}}
classification:
  rules:
    - id: billing-by-subject
      when: {keywords: [refund], fields: [complaint.subject]}
      then: {category: billing, severity: minor, priority: normal}
  default: {category: other, severity: minor, priority: normal}
routing:
  rules: []
  default: {team: desk, owner: amy}
"""


def test_a_keyword_read_only_in_the_subject_is_no_classification_gap(tmp_path: Path) -> None:
    # every generated complaint carried its keyword in the text alone: 'refund' was a gap
    path = tmp_path / "subject-only.yaml"
    path.write_text(_SUBJECT_ONLY, encoding="utf-8")
    assert check(load_policy(path), only=("classified",), examples=20) == []


def test_keywords_read_in_other_fields_are_put_in_those_fields() -> None:
    """A row reading its keywords in ``complaint.product`` or a fact is exercised with them
    there: put in the subject and text only, they never matched, and every such row was
    reported as a gap the policy does not have."""
    policy = load_policy(HERE / "fixtures" / "product_keywords.yaml")
    assert check(policy, examples=60) == []


_TRADITIONAL = """\
complaintkit: 1
name: traditional-keywords
categories: {product: {label: 產品}, service: {label: 服務}, other: {label: 其他}}
severities: {major: {label: 嚴重}, minor: {label: 一般}}
priorities: {normal: {label: 一般}}
teams: {desk: {label: 客服, default_owner: zhang.wei}}
classification:
  rules:
    - {id: spoiled, when: {keywords: [變質, 頭髮]}, then: {category: product, severity: major, priority: normal}}
    - {id: rude, when: {keywords: [态度很差, rude]}, then: {category: service, severity: minor, priority: normal}}
  default: {category: other, severity: minor, priority: normal}
routing:
  rules: []
  default: {team: desk}
"""


def test_check_sends_each_keyword_in_traditional_and_simplified_characters(
    tmp_path: Path,
) -> None:
    # a keyword finds both spellings, yet check only ever sent the one the policy wrote
    path = tmp_path / "traditional.yaml"
    path.write_text(_TRADITIONAL, encoding="utf-8")
    policy = load_policy(path)
    texts = vocabulary(policy).texts
    assert {"變質", "变质", "頭髮", "头发", "态度很差", "態度很差", "rude"} <= set(texts)
    assert len(texts) == len(set(texts))
    assert check(policy, only=("classified",), vocab=vocabulary(policy), examples=30) == []


def test_a_unique_table_whose_rows_overlap_on_two_keywords_is_found_from_its_words(
    tmp_path: Path,
) -> None:
    # each generated complaint said one keyword: 牛奶变质了 matches both rows of this
    # unique table, yet check passed it unless a policy test happened to say it
    policy = tmp_path / "overlap.yaml"
    policy.write_text(
        "complaintkit: 1\nname: overlap\n"
        "categories: {product: {label: 产品}, service: {label: 服务}, other: {label: 其他}}\n"
        "severities: {minor: {label: 一般}}\npriorities: {normal: {label: 一般}}\n"
        "teams: {desk: {label: 客服, default_owner: zhang.wei}}\n"
        "classification:\n  hit_policy: unique\n  rules:\n"
        "    - {id: spoiled, when: {keywords: [变质]}, "
        "then: {category: product, severity: minor, priority: normal}}\n"
        "    - {id: milk, when: {keywords: [牛奶]}, "
        "then: {category: service, severity: minor, priority: normal}}\n"
        "  default: {category: other, severity: minor, priority: normal}\n"
        "routing: {rules: [], default: {team: desk}}\n",
        "utf-8",
    )
    (finding,) = check(load_policy(policy), examples=40, only=("owner",))
    assert "hit policy unique" in finding.message
    assert "变质" in finding.example["text"]
    assert "牛奶" in finding.example["text"]
    # classification alone does not combine words: an exclusion may rightly send a
    # complaint naming two things to the default row
    assert check(load_policy(policy), examples=40, only=("classified",)) == []
