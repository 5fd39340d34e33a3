"""``complaintkit.graphemes``: what a reader sees as one character, and its columns."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from complaintkit.graphemes import cluster_width, clusters, columns, continues, shortened

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
#: pieces of every kind of cluster the module knows, and single characters of any kind
PIECES = st.sampled_from(
    [FAMILY, "\U0001f1e8\U0001f1f3", "\U0001f44b\U0001f3fd", "\u2764\ufe0f", "e\u0301", "\r\n"]
) | st.characters(codec="utf-8")


@given(st.lists(PIECES, max_size=30).map("".join))
def test_the_clusters_make_up_the_text_and_each_starts_where_none_continues(text: str) -> None:
    parts = list(clusters(text))
    assert "".join(parts) == text
    start = 0
    for part in parts:
        assert start == 0 or not continues(text, start)
        assert all(continues(text, start + i) for i in range(1, len(part)))
        start += len(part)


@given(st.lists(PIECES, max_size=30).map("".join))
def test_a_text_takes_its_clusters_columns(text: str) -> None:
    """An emoji sequence, a flag and a wide character take two; a cluster of another
    base takes its characters' (``0`` and a stray skin tone: three, as a terminal draws)."""
    widths = [cluster_width(part) for part in clusters(text)]
    assert all(width >= 0 for width in widths)
    assert columns(text) == sum(widths)
    for piece in (FAMILY, "\U0001f1e8\U0001f1f3", "\U0001f44b\U0001f3fd", "\u2764\ufe0f"):
        assert columns(piece) == 2


@given(st.lists(PIECES, max_size=30).map("".join), st.integers(min_value=1, max_value=40))
def test_a_shortened_text_is_whole_clusters_within_the_limit(text: str, limit: int) -> None:
    cut = shortened(text, limit)
    if cut == text:
        assert len(text) <= limit
        return
    kept = cut.removesuffix("…")
    assert text.startswith(kept)
    assert len(kept) <= limit
    first = next(clusters(text))
    assert kept == text[:limit] if len(first) > limit else not continues(text, len(kept))
