# ruff: noqa: RUF002 -- look-alike letters in an id are what these tests are about
"""An approval is another person's check: whoever proposed a compensation cannot approve
it, nor one person approve it as two roles. The actor who proposed, written again with
what does not show — a blank or newline at an end (an id pasted from a spreadsheet), a
zero-width space, a direction mark, full-width letters, another case — names the same
person, and is refused as the proposer, nothing stored."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import InvalidInput

T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
PROPOSER = "li.na"

#: What a person's id may be written with and still read as theirs on every screen.
LOOK_ALIKES = pytest.mark.parametrize(
    "look_alike",
    [
        lambda a: a + " ",
        lambda a: " " + a,
        lambda a: a + "\n",
        lambda a: a + "\t",
        lambda a: a + "\u200b",
        lambda a: "\u200e" + a,
        lambda a: "\u202d" + a + "\u202c",
        lambda a: a.upper(),
        lambda a: a.replace(".", "\u2024"),  # ONE DOT LEADER, NFKC "."
        lambda a: "".join(
            chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in a
        ),  # full-width forms
        lambda a: a[:1] + "\u00ad" + a[1:],  # a soft hyphen inside
        lambda a: a + "\ufe0f",  # a variation selector, which prints as nothing
        lambda a: a[:2] + "\u3164" + a[2:],  # a Hangul filler, a letter no font draws
    ],
    ids=[
        "blank after",
        "blank before",
        "newline",
        "tab",
        "zero-width space",
        "left-to-right mark",
        "override",
        "upper case",
        "dot leader",
        "full width",
        "soft hyphen",
        "variation selector",
        "hangul filler",
    ],
)


def _policy(folder: Path, approvals: list[dict[str, object]]) -> Path:
    policy = {
        "complaintkit": 1,
        "name": "four-eyes",
        "version": "1",
        "categories": {"goods": {"label": "Goods"}},
        "severities": {"normal": {"label": "Normal"}},
        "priorities": {"normal": {"label": "Normal"}},
        "classification": {
            "rules": [],
            "default": {"category": "goods", "severity": "normal", "priority": "normal"},
        },
        "routing": {"rules": [], "default": {"owner": PROPOSER}},
        "compensation": {
            "currency": "CNY",
            "rules": [
                {"id": "goodwill", "remedies": [{"kind": "voucher", "amount": {"fixed": 800}}]}
            ],
            "approvals": approvals,
        },
    }
    path = folder / f"policy-{approvals[0]['role']}.yaml"
    path.write_text(yaml.safe_dump(policy, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def policy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _policy(tmp_path_factory.mktemp("four-eyes"), [{"above": 500, "role": "supervisor"}])


@pytest.fixture(scope="module")
def raised(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The policy since changed: the 800 proposed needs a director too."""
    return _policy(tmp_path_factory.mktemp("four-eyes"), [{"above": 700, "role": "director"}])


def _proposed(policy: Path, proposer: str = PROPOSER) -> tuple[Desk, str]:
    desk = Desk(policy, storage="memory:", clock=ManualClock(T0))
    clock = desk.clock
    assert isinstance(clock, ManualClock)
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "w-1",
            "customer": {"id": "c-1"},
            "received_at": T0.isoformat(),
            "text": "The voucher never came",
        }
    )
    clock.advance(timedelta(minutes=5))
    desk.propose_compensation(case.id, actor=proposer)
    clock.advance(timedelta(minutes=5))
    return desk, case.id


@LOOK_ALIKES
def test_the_proposer_written_otherwise_cannot_approve(
    policy: Path, look_alike: Callable[[str], str]
) -> None:
    desk, case_id = _proposed(policy)
    before = desk.history(case_id)
    actor = look_alike(PROPOSER)
    with pytest.raises(InvalidInput) as refused:  # as the proposer, or as no id at all
        desk.approve_compensation(case_id, "comp-1", role="supervisor", actor=actor)
    assert refused.value.field == "actor"
    assert any(why in refused.value.message for why in ("cannot approve", "blank", "visible"))
    assert desk.history(case_id) == before


@LOOK_ALIKES
def test_one_approver_written_otherwise_cannot_approve_as_a_second_role(
    policy: Path, raised: Path, look_alike: Callable[[str], str]
) -> None:
    first, case_id = _proposed(policy)
    first.approve_compensation(case_id, "comp-1", role="supervisor", actor="wang.wei")
    desk = Desk(raised, storage=first.storage, clock=first.clock)
    before = desk.history(case_id)
    actor = look_alike("wang.wei")
    with pytest.raises(InvalidInput) as refused:  # as that approver, or as no id at all
        desk.approve_compensation(case_id, "comp-1", role="director", actor=actor)
    assert refused.value.field == "actor"
    assert any(why in refused.value.message for why in ("already", "blank", "visible"))
    assert desk.history(case_id) == before


def test_other_people_still_approve(policy: Path, raised: Path) -> None:
    first, case_id = _proposed(policy)
    first.approve_compensation(case_id, "comp-1", role="supervisor", actor="wang.wei")
    desk = Desk(raised, storage=first.storage, clock=first.clock)
    case = desk.approve_compensation(case_id, "comp-1", role="director", actor="wang.wen")
    assert [a["by"] for a in case.compensation[-1]["approvals"]] == ["wang.wei", "wang.wen"]
    assert case.compensation[-1]["status"] == "approved"


@pytest.mark.parametrize(
    "dash",
    ["\u2010", "\u2011", "\u2013", "\u2212", "\ufe63", "\uff0d"],
    ids=["hyphen", "non-breaking hyphen", "en dash", "minus sign", "small hyphen", "full width"],
)
def test_a_proposer_with_a_hyphen_cannot_approve_with_another_dash(policy: Path, dash: str) -> None:
    """``li-na`` typed by a word processor or copied from a PDF comes back with U+2010 or an
    en dash for its hyphen: on a screen it is the same id, and the same person."""
    desk, case_id = _proposed(policy, "li-na")
    before = desk.history(case_id)
    with pytest.raises(InvalidInput) as refused:
        desk.approve_compensation(case_id, "comp-1", role="supervisor", actor=f"li{dash}na")
    assert refused.value.field == "actor"
    assert "cannot approve" in refused.value.message
    assert desk.history(case_id) == before


@pytest.mark.parametrize(
    "actor",
    ["li-n\u0430", "l\u0456-na", "li-\u03bda", "LI-N\u0391", "\u04c0i-na", "li-n\u0430\u0301"],
    ids=[
        "cyrillic a",
        "ukrainian i",
        "greek nu",
        "greek capital alpha",
        "cyrillic palochka",
        "cyrillic a with an accent",
    ],
)
def test_a_proposer_cannot_approve_in_look_alike_letters_of_another_script(
    policy: Path, actor: str
) -> None:
    """``li-nа`` with a Cyrillic ``а`` (a Russian keyboard layout left on, or a spoof) reads as
    ``li-na`` on every screen: the same person."""
    proposer = "li-n\u00e1" if actor.endswith("\u0301") else "li-na"
    desk, case_id = _proposed(policy, proposer)
    before = desk.history(case_id)
    with pytest.raises(InvalidInput) as refused:
        desk.approve_compensation(case_id, "comp-1", role="supervisor", actor=actor)
    assert refused.value.field == "actor"
    assert "cannot approve" in refused.value.message
    assert desk.history(case_id) == before
