"""An error as complaintkit starts (a plugin failing as its commands are added) is shown
as every other error is: what a plugin's exception says may carry an escape sequence
(text it quotes from a file, a server's answer), which was printed raw to the terminal."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.cli.group import run

MODULE = """import complaintkit


@complaintkit.hookimpl
def register_commands(cli):
    raise ValueError("bad config line: \\x1b]0;owned\\x07\\x1b[2J\\u202eexe.txt")
"""


def test_a_plugin_failing_at_startup_is_shown_with_escapes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    name = f"acme-{abs(hash(str(tmp_path)))}"  # a plugin name no other test installs
    module = name.replace("-", "_")
    (tmp_path / f"{module}.py").write_text(MODULE, encoding="utf-8")
    info = tmp_path / f"{module}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[complaintkit]\n{name} = {module}\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(SystemExit) as ended:
        run(["plugins"])
    assert ended.value.code == 1
    error = capsys.readouterr().err
    assert f"plugin '{name}'" in error
    assert "register_commands" in error
    assert not {"\x1b", "\x07", "\u202e"} & set(error)
    assert "\\x1b]0;owned\\x07" in error
