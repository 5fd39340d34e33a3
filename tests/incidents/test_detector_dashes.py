# ruff: noqa: RUF002 -- the dashes an editor types are what these tests are about
"""A product code whose hyphen an editor or a PDF turned into another dash is one product.

Word's autocorrect types an en dash (``MILK–1``), a PDF or a web page gives the Unicode
hyphen (``MILK‐1``, U+2010), the minus sign or a non-breaking hyphen; NFKC keeps each as
it is, so such codes were counted as products of their own and a batch copied from a recall
notice beside typed ones was split, raising no incident."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from complaintkit.incidents import WindowRule, replay
from complaintkit.incidents.key import fold_key

T0 = datetime(2026, 3, 2, 9, tzinfo=UTC)
DASHES = ["\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212", "\ufe58", "\ufe63"]


def test_every_dash_folds_to_the_hyphen() -> None:
    assert {fold_key(f"MILK{dash}1") for dash in DASHES} == {fold_key("milk-1")}
    assert fold_key("MILK\u20131") != fold_key("MILK 1")


def test_codes_copied_with_other_dashes_make_one_incident() -> None:
    found = replay(
        WindowRule("product", 3, 24),
        [
            (code, T0 + n * timedelta(hours=1), f"c{n}")
            for n, code in enumerate(["MILK-1", "MILK\u20131", "MILK\u20101"])
        ],
    )
    assert [i.count for i in found] == [3]
