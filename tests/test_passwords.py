"""Passwords in URLs never reach a message."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.passwords import holds_password, without_password

_PASSWORD = st.text(
    st.characters(codec="utf-8", exclude_characters="/, \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0"),
    min_size=1,
).filter(lambda pw: not any(c.isspace() for c in pw))


@given(_PASSWORD)
def test_a_password_is_never_repeated(password: str) -> None:
    url = f"postgresql://app:{password}@db.example:5432/cases"
    shown = without_password(url)
    assert shown == "postgresql://app:***@db.example:5432/cases"
    assert holds_password(url)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("nats://u:pw@a:4222,nats://v:pw2@b:4222", "nats://u:***@a:4222,nats://v:***@b:4222"),
        (
            "'postgresql://u:hunter2@[::1/test' is not a URL",
            "'postgresql://u:***@[::1/test' is not a URL",
        ),
        ("postgresql://u:p@ss@host/db", "postgresql://u:***@host/db"),
        ("postgresql://postgres@127.0.0.1/test", "postgresql://postgres@127.0.0.1/test"),
        ("sqlite:///cases.db", "sqlite:///cases.db"),
        ("mail me at jane@example.com", "mail me at jane@example.com"),
    ],
)
def test_what_is_hidden_and_what_is_kept(text: str, shown: str) -> None:
    assert without_password(text) == shown


def test_without_the_user_a_token_in_its_place_goes_too() -> None:
    shown = without_password("https://sk_live_123@hooks.example/in", user=False)
    assert shown == "https://…@hooks.example/in"
    assert not holds_password("https://sk_live_123@hooks.example/in")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (
            "postgresql://app@db/cases?password=hunter2&sslmode=require",
            "postgresql://app@db/cases?password=***&sslmode=require",
        ),
        (
            "postgresql:///cases?host=/run/pg&sslpassword=k3y-pass",
            "postgresql:///cases?host=/run/pg&sslpassword=***",
        ),
        (
            "'postgresql://db/x?PASSWORD=hunter2' is not a storage URL",
            "'postgresql://db/x?PASSWORD=***' is not a storage URL",
        ),
        ("sqlite:///cases.db?mode=ro", "sqlite:///cases.db?mode=ro"),
        (
            "https://shop.example/reset?password_hint=x",
            "https://shop.example/reset?password_hint=x",
        ),
    ],
)
def test_a_password_given_as_a_query_parameter_is_hidden_too(text: str, shown: str) -> None:
    """libpq takes ``password`` (and ``sslpassword``) in a URL's query as well as before
    its host: ``--db 'postgresql://app@db/cases?password=…'`` printed the password in
    every connection error."""
    assert without_password(text) == shown
    assert holds_password(text) == (shown != text)


@given(_PASSWORD.filter(lambda pw: not set(pw) & set("&#'\"")))
def test_a_query_password_is_never_repeated(password: str) -> None:
    url = f"postgresql://app@db.example/cases?password={password}"
    assert without_password(url) == "postgresql://app@db.example/cases?password=***"
