"""A process locale whose day and month names are not English, for the tests that check an
English text never follows it: one installed on the machine (``locale -a``), else one built
with glibc's ``localedef`` into a temporary directory (``LOCPATH``), else the test skips."""

from __future__ import annotations

import locale
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

#: Locales naming Thursday otherwise than ``Thu``, the likeliest on a server first.
NAMES = ("de_DE.UTF-8", "zh_CN.UTF-8", "fr_FR.UTF-8")


def _set(name: str) -> bool:
    try:
        locale.setlocale(locale.LC_TIME, name)
    except locale.Error:
        return False
    return True


def _built(directory: Path, monkeypatch: pytest.MonkeyPatch) -> str | None:
    """The first of ``NAMES`` glibc's ``localedef`` builds in ``directory``, if any."""
    localedef = shutil.which("localedef")
    if localedef is None:
        return None
    monkeypatch.setenv("LOCPATH", str(directory))  # glibc reads it at each setlocale
    for name in NAMES:
        source, _, charset = name.partition(".")
        subprocess.run(  # exit status 1 is warnings only: whether it loads is what counts
            [localedef, "-i", source, "-f", charset, str(directory / name)],
            capture_output=True,
            check=False,
        )
        if _set(name):
            return name
    return None


@contextmanager
def foreign_time_locale(directory: Path) -> Iterator[str]:
    """``LC_TIME`` set to a non-English locale (built in ``directory`` if need be) for the
    ``with`` block, and restored after it; skips the test when there is none."""
    before = locale.setlocale(locale.LC_TIME)
    with pytest.MonkeyPatch.context() as monkeypatch:
        chosen = next((name for name in NAMES if _set(name)), None)
        if chosen is None:
            chosen = _built(directory, monkeypatch)
        if chosen is None:
            pytest.skip("no non-English locale is installed and localedef built none")
        try:
            yield chosen
        finally:
            locale.setlocale(locale.LC_TIME, before)
