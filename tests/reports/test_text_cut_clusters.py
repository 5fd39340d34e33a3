"""The text report's 40-column cut falls between what a reader sees as characters, and
measures them as a terminal shows them.

Cut per code point, a long name lost half a character at the cut: an emoji family's last
faces after a dangling zero-width joiner, a flag's second regional indicator (the first
alone is a letter in a box), a skin tone torn from its hand; and it measured an emoji
family as six columns (three faces of two, the joiners none) and a flag as two narrow
letters, where a terminal shows each in two. Names are cut only between grapheme clusters
(UAX #29, in short) and a cluster is two columns when it is wide: an East Asian wide or
full-width character, a flag, an emoji sequence, an emoji asked for in colour (U+FE0F).
"""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.reports import build_report, open_source
from complaintkit.reports.table import TEXT_CELL_WIDTH, cell_width, fitted, render_text
from complaintkit.testing.storage_contract import T0, make_complaint

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"  # 👨‍👩‍👧‍👦
FLAG = "\U0001f1e8\U0001f1f3"  # 🇨🇳
WAVE = "\U0001f44b\U0001f3fd"  # 👋🏽
HEART = "\u2764\ufe0f"  # ❤️, a narrow character asked for as a colour emoji
ACCENTED = "e\u0301"  # é as e and a combining acute
KI = "\u0915\u093f"  # कि, Devanagari ka and its vowel sign i, written before it
#: clusters a cut may not split (U+FF21 a full-width A), each shown in the columns a terminal gives it
CLUSTERS = {FAMILY: 2, FLAG: 2, WAVE: 2, HEART: 2, ACCENTED: 1, KI: 2, "汉": 2, "\uff21": 2, "a": 1}


def test_a_cluster_is_measured_as_a_terminal_shows_it() -> None:
    for cluster, columns in CLUSTERS.items():
        assert cell_width(cluster) == columns, cluster
    assert cell_width("火锅" + FAMILY + FLAG + "ok") == 4 + 2 + 2 + 2


def test_an_emoji_family_at_the_cut_is_kept_whole_or_left_out() -> None:
    for pad in range(TEXT_CELL_WIDTH - 4, TEXT_CELL_WIDTH):
        cut = fitted("x" * pad + FAMILY * 3)
        assert cut.endswith(("x…", FAMILY + "…")), (pad, cut)
        assert cell_width(cut) <= TEXT_CELL_WIDTH


def test_a_flag_is_never_halved() -> None:
    for pad in range(TEXT_CELL_WIDTH - 4, TEXT_CELL_WIDTH):
        cut = fitted("x" * pad + FLAG * 5)
        kept = cut.removesuffix("…").lstrip("x")
        assert len(kept) % 2 == 0, (pad, cut)


def test_a_mark_stays_with_its_base() -> None:
    cut = fitted(ACCENTED * TEXT_CELL_WIDTH * 2)
    assert cut == ACCENTED * (TEXT_CELL_WIDTH - 1) + "…"
    for pad in range(TEXT_CELL_WIDTH - 4, TEXT_CELL_WIDTH):
        cut = fitted("x" * pad + KI * 20)  # a spacing vowel sign takes a column of its own
        kept = cut.removesuffix("…").lstrip("x")
        assert len(kept) % 2 == 0, (pad, cut)
        assert cell_width(cut) <= TEXT_CELL_WIDTH


def test_the_report_table_keeps_an_emoji_family_whole_and_lined_up() -> None:
    desk = Desk(storage="memory:", clock=ManualClock(T0))
    products = ["家庭套餐" + FAMILY * 30, "plain"]
    for n, product in enumerate(products):
        desk.intake(make_complaint(f"P{n}", product=product))
    lines = render_text(build_report(open_source(desk.storage), now=T0)).split("\n")
    start = lines.index("== Product") + 2
    rows = lines[start : lines.index("", start)]
    name = next(row for row in rows if row.startswith("  家庭套餐"))[2:].split("  ")[0]
    assert name == "家庭套餐" + FAMILY * 15 + "…"
    counts = {cell_width(row[: row.index(" 1 ")]) for row in rows}
    assert len(counts) == 1, rows


#: pieces that make up clusters of every kind named above, and plain letters
PIECES = st.sampled_from([*CLUSTERS, "\u200d", "\U0001f1fa", "\u0301", "\ufe0f", "b"])


@given(st.lists(PIECES, max_size=60).map("".join), st.integers(min_value=2, max_value=50))
def test_a_cut_is_a_prefix_of_whole_clusters_within_the_width(text: str, width: int) -> None:
    cut = fitted(text, width)
    assert cell_width(cut) <= width
    if cut == text:
        return
    kept = cut.removesuffix("…")
    assert text.startswith(kept)
    rest = text[len(kept) :]
    if kept:  # what follows the cut starts a cluster: no joiner, mark or selector goes on
        assert rest[0] != "\u200d"
        assert not unicodedata.category(rest[0]).startswith("M")
