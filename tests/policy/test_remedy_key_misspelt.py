"""A remedy's misspelt key is told as such, not as a value outside the remedy kinds.

Found writing an SOP as a policy: ``remedies: [{kidn: cash, amount: 250}]`` was answered,
beside "unknown key 'kidn' … did you mean 'kind'?", with "{kidn: cash, amount: 250} is not
one of 'refund', 'voucher', …", the words of the branch for a remedy written as a bare kind
(``apology``), which a mapping can never be.
"""

from __future__ import annotations

from pathlib import Path

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parent / "mistakes" / "base.yaml"


def test_a_misspelt_remedy_key_is_not_told_it_is_no_kind(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(BASE.read_text("utf-8").replace("kind: cash", "kidn: cash"), "utf-8")
    found = [p for p in check_policy(path) if p.severity == "error"]
    assert not [p for p in found if "is not one of" in p.message]
    assert any("did you mean 'kind'?" in p.hint for p in found)
