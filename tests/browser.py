"""Debian's Chromium for the tests that look at pages: where it is, how it starts, when to skip."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from complaintkit.reports.page_guard import GUARD_META

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Headless on a machine with no display, GPU or sandbox, and no traffic beyond loopback.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# CI installs it (.ci/run), so there a missing browser fails the test instead of skipping it.
needs_chromium = pytest.mark.skipif(
    not Path(CHROMIUM).exists() and not os.environ.get("CI"),
    reason="Debian's chromium is not installed (apt-get install chromium fonts-noto-cjk)",
)


def measured(page: str, script: str) -> str:
    """``page`` with a test's own measuring ``script`` before ``</body>``, and without the
    page's Content-Security-Policy, which lets no script run (``reports.page_guard``)."""
    return page.replace(GUARD_META, "").replace("</body>", script + "</body>")
