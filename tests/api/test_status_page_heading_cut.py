"""The status page's heading, the first characters of a complaint with no subject, is cut
between what a reader sees as characters, and says that it was cut.

It took the text's first 60 code points: an emoji family (👨‍👩‍👧, three faces joined by
zero-width joiners), a flag (🇭🇰, two regional indicators) or an accented letter typed as
``e`` and a combining accent straddling the cut was broken into a lone face and a dangling
joiner, a letter in a box, an unaccented ``e``; and the heading ended mid-sentence with
nothing to say more followed.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.api.app import create_app
from complaintkit.api.heading import heading_of
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.server import running_server
from loopback import loopback_client

RETAIL = Path(__file__).resolve().parents[2] / "policies" / "retail" / "supermarket.yaml"
NOON = datetime(2026, 12, 1, 4, 0, tzinfo=UTC)
FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
FLAG = "\U0001f1ed\U0001f1f0"
ACCENTED = "e\u0301"
#: What may not end a heading cut short: a joiner, and a flag's first half.
JOINER = "\u200d"


@pytest.fixture(name="served")
def served_fixture(tmp_path: Path) -> Iterator[tuple[httpx.Client, Desk]]:
    desk = Desk(
        load_policy(RETAIL), storage=f"sqlite:///{tmp_path / 'cases.db'}", clock=ManualClock(NOON)
    )
    with (
        desk.storage,
        running_server(create_app(desk)) as url,
        loopback_client(base_url=url) as client,
    ):
        yield client, desk


def heading(client: httpx.Client, desk: Desk, text: str) -> str:
    case = desk.intake(
        {
            "channel": "web",
            "external_id": f"w-{len(desk.find())}",
            "customer": {"id": "c-1"},
            "received_at": NOON.isoformat(),
            "text": text,
        }
    )
    page = client.get(f"/status/{case.status_token}", headers={"Accept": "text/html"}).text
    found = re.search(r"</h1>(?:<p[^>]*>[^<]*</p>)??<p dir=auto>([^<]*)</p>", page)
    assert found is not None, page
    return html.unescape(found.group(1))


@pytest.mark.parametrize(
    ("cluster", "name"), [(FAMILY, "family"), (FLAG, "flag"), (ACCENTED, "accent")]
)
@pytest.mark.parametrize("before", [58, 59])
def test_a_cluster_across_the_cut_is_kept_whole_or_left_out(
    served: tuple[httpx.Client, Desk], cluster: str, name: str, before: int
) -> None:
    client, desk = served
    shown = heading(client, desk, "收" * before + cluster + "收银员态度很差" * 5)
    assert shown.endswith("…"), name
    kept = shown.removesuffix("…").removeprefix("收" * before)
    assert kept in ("", cluster), (name, kept)


def test_a_short_text_is_shown_whole(served: tuple[httpx.Client, Desk]) -> None:
    client, desk = served
    assert heading(client, desk, f"收银员态度很差{FAMILY}{FLAG}") == f"收银员态度很差{FAMILY}{FLAG}"


CLUSTERS = st.sampled_from([FAMILY, FLAG, ACCENTED, "收", "a", " ", "👍🏽"])


@settings(max_examples=300)
@given(st.lists(CLUSTERS, min_size=40, max_size=80))
def test_the_heading_is_whole_clusters_of_the_text(clusters: list[str]) -> None:
    text = "".join(clusters)
    shown = heading_of(text)
    if len(text) <= 60:
        assert shown == text
        return
    kept = shown.removesuffix("…")
    assert shown.endswith("…")
    assert len(kept) <= 60
    # what is kept is a run of whole clusters from the start
    whole, used = "", 0
    for cluster in clusters:
        if used + len(cluster) > len(kept):
            break
        whole, used = whole + cluster, used + len(cluster)
    assert kept == whole, (kept, whole)
    assert not kept.endswith(JOINER)
    assert unicodedata.category(text[len(kept)]) != "Mn"
