"""Files an editor or an operating system leaves beside a policy file, named like one:
Emacs's lock while a buffer is modified (.#10-base.yaml, a link to user@host.pid, which
leads nowhere) and macOS's AppleDouble metadata on a shared drive or in a zip
(._10-base.yaml, binary). The folder read them as policy files, so the policy could not
load while being edited ('cannot read the policy file … No such file or directory') or
from a Mac's copy ('the file is UTF-16 text'). They hold no policy and are left out."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from complaintkit.policy.compiled import checked_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


@pytest.mark.parametrize("name", [".#10-base.yaml", "._10-base.yaml", "._20-rules.json"])
def test_an_editor_or_system_artefact_is_left_out(tmp_path: Path, name: str) -> None:
    (tmp_path / "10-base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    if name.startswith(".#"):
        os.symlink("chen@desk.4242:1764921600", tmp_path / name)
    else:
        (tmp_path / name).write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        ")
    policy, problems = checked_policy(tmp_path)
    assert policy is not None, problems
    assert [p for p in problems if name in p.location.file] == []


def test_a_hidden_policy_file_is_still_read(tmp_path: Path) -> None:
    (tmp_path / "10-base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    (tmp_path / ".20-more.yaml").write_text(
        "complaintkit: 1\ncategories:\n  hidden: {label: {zh: 隐藏}}\n", "utf-8"
    )
    policy, _ = checked_policy(tmp_path)
    assert policy is not None
    assert "hidden" in policy.document.data["categories"]
