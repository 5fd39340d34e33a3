"""The options a dead letter keeps: what reads its record again, never a credential."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from complaintkit.channels.read_with import read_options, split_options, with_options


def test_credentials_are_not_kept_with_the_letter() -> None:
    options = {
        "channel": "old-desk",
        "columns": {"text": "narrative", "api_key": "k-1"},
        "url": "nats://user:hunter2@127.0.0.1:4222",
        "password": "hunter2",
        "Auth-Token": "t",
        "client_secret": "s",
    }
    source = with_options("csv:rows.csv:3", options)
    assert "hunter2" not in source
    assert split_options(source) == (
        "csv:rows.csv:3",
        {"channel": "old-desk", "columns": {"text": "narrative"}},
    )


def test_a_url_without_credentials_is_kept() -> None:
    source = with_options("nats:orders:7", {"url": "nats://127.0.0.1:4222"})
    assert split_options(source)[1] == {"url": "nats://127.0.0.1:4222"}


@given(
    st.dictionaries(
        st.sampled_from(["channel", "encoding", "delimiter", "timezone"]),
        st.text(min_size=1, max_size=12),
    )
)
def test_options_a_record_is_read_with_come_back_as_written(options: dict[str, str]) -> None:
    assert split_options(with_options("csv:rows.csv:3", options)) == ("csv:rows.csv:3", options)


class Broker:
    fetch_options = frozenset({"batch", "idle"})


def test_options_that_only_fetch_records_are_not_kept() -> None:
    """A record delivered again to a consumer restarted with another batch size must find
    the letter it became the first time: same source, kept once."""
    first = read_options(Broker(), {"channel": "desk", "batch": "100", "idle": "2"})
    again = read_options(Broker(), {"channel": "desk", "batch": "50"})
    assert with_options("nats:in#4", first) == with_options("nats:in#4", again)
    assert first == {"channel": "desk"}


def test_a_channel_that_names_no_fetch_options_keeps_them_all() -> None:
    options = {"channel": "desk", "batch": "100"}
    assert read_options(object(), options) == options
