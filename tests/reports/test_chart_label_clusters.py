"""A chart label is wrapped and cut between whole characters as a reader sees them.

The HTML report's charts wrap a long name onto two lines and end it in "…"; they broke it
at any code point, so an emoji family was split across the lines after a dangling joiner
(two halves drawn as separate faces), a flag between its regional indicators (two letters
in boxes), an accent from its letter. Lines now break, and the cut falls, between
grapheme clusters (``complaintkit.graphemes``), as the text report's cut does.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from complaintkit.graphemes import clusters
from complaintkit.reports.svg import text_width, wrap

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"
FLAG = "\U0001f1e8\U0001f1f3"
WAVE = "\U0001f44b\U0001f3fd"
KI = "\u0915\u093f"
PIECES = st.sampled_from([FAMILY, FLAG, WAVE, KI, "e\u0301", "汉", "a", " ", "\U0001f1fa"])


def _whole(text: str, line: str) -> bool:
    """Whether ``line`` is a run of whole clusters of ``text``."""
    return line == "" or any(
        "".join(parts[i : i + len(list(clusters(line)))]) == line
        for parts in [list(clusters(text))]
        for i in range(len(parts))
    )


def test_an_emoji_family_is_never_split_across_lines() -> None:
    for pad in range(12):
        text = "x" * pad + FAMILY * 20
        lines = wrap(text, 120)
        for line in lines:
            assert _whole(text, line.removesuffix("…")), (pad, lines)


def test_a_flag_is_never_halved_at_the_cut() -> None:
    for pad in range(12):
        text = "x" * pad + FLAG * 30
        for line in wrap(text, 120):
            assert len(line.removesuffix("…").lstrip("x")) % 2 == 0, (pad, line)


@given(st.lists(PIECES, max_size=40).map("".join), st.integers(min_value=20, max_value=200))
def test_every_line_is_whole_clusters_within_the_room(text: str, room: int) -> None:
    for line in wrap(text, room):
        assert _whole(text, line.removesuffix("…").strip()), line
        assert text_width(line) <= room or len(list(clusters(line.removesuffix("…")))) <= 1
