"""A reports test's store: the played day (``reports_day``) taken in through the Desk on
SQLite or PostgreSQL, then edited outside complaintkit, as with the database's own shell."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import psycopg
import pytest
from complaintkit_postgres.url import parse_url
from reports_day import T0, GradingPolicy, play_day

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager


def installed() -> Plugins:
    """The plugins a user's ``complaintkit`` loads (the PostgreSQL backend among them)."""
    return Plugins(plugin_manager(load_entrypoints=True))


def played(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path
) -> tuple[str, dict[str, str]]:
    """The store's URL, and the case id of each of the day's complaints (A to D)."""
    url = (
        f"sqlite:///{tmp_path / 'cases.db'}"
        if backend == "sqlite"
        else str(request.getfixturevalue("postgres_url"))
    )
    clock = ManualClock(T0)
    desk = Desk(GradingPolicy(), storage=url, clock=clock, plugins=installed())
    try:
        return url, play_day(desk, clock)
    finally:
        desk.storage.close()


def edit_behind(url: str, *statements: str, value: object = None) -> None:
    """Run each statement on the store; each must change one row. A statement's ``{}`` is
    ``value``, bound as a parameter."""
    if url.startswith("sqlite"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            for statement in statements:
                bound = (value,) if "{}" in statement else ()
                assert db.execute(statement.format("?"), bound).rowcount == 1, statement
        return
    where = parse_url(url)
    with psycopg.connect(where.conninfo, options=where.server_options) as conn:
        for statement in statements:
            bound = (value,) if "{}" in statement else ()
            assert conn.execute(statement.format("%s"), bound).rowcount == 1, statement
