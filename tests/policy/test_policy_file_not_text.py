"""A policy file that is no text at all — the SOP's Excel workbook saved over policy.yaml, a
PDF of it, a zipped folder, a compressed copy — is named as what it is. Any file starting
with a NUL beside another byte was reported as "UTF-16 text, not UTF-8" (bytes 00 01 02),
and a workbook as "byte 0x86 here is no character", with the hint to save it as UTF-8."""

from __future__ import annotations

import codecs
import gzip
import io
import zipfile
from pathlib import Path
from unicodedata import category

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from complaintkit.errors import PolicyError, Problem
from complaintkit.policy.encoding import policy_text
from complaintkit.policy.source import read_source

_UNWRITTEN = {"Cc", "Cs", "Co", "Cn"}


def refused(tmp_path: Path, raw: bytes) -> Problem:
    path = tmp_path / "policy.yaml"
    path.write_bytes(raw)
    with pytest.raises(PolicyError) as info:
        read_source(path)
    (problem,) = info.value.problems
    assert problem.code == "encoding"
    assert (problem.location.line, problem.location.column) == (1, 1)
    return problem


def zipped() -> bytes:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return data.getvalue()


@pytest.mark.parametrize(
    ("raw", "named"),
    [
        (zipped(), "ZIP"),  # an .xlsx, .docx or .ods is one
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), "Office"),  # .xls or .doc
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(16), "PDF"),
        (gzip.compress(b"complaintkit: 1\n" * 20), "gzip"),
        (b"\x89PNG\r\n\x1a\n" + bytes(32), "image"),
        (b"\xff\xd8\xff\xe0" + bytes(32), "image"),
        (b"SQLite format 3\x00" + bytes(84), "--db"),  # --policy complaintkit.db
    ],
    # named, not shown: a ZIP and a gzip stream hold the time they were made, and xdist's
    # workers must collect the same ids
    ids=["zip", "office", "pdf", "gzip", "png", "jpeg", "sqlite"],
)
def test_a_known_kind_of_file_is_named(tmp_path: Path, raw: bytes, named: str) -> None:
    problem = refused(tmp_path, raw)
    assert named in problem.message
    assert "UTF-16" not in problem.message
    assert "UTF-32" not in problem.message
    assert "YAML, JSON or TOML" in (problem.hint or "")  # not "save the policy as UTF-8"


def test_bytes_with_a_nul_that_are_no_wide_text_are_named_binary(tmp_path: Path) -> None:
    problem = refused(tmp_path, b"\x00\x01\x02")
    assert "not text" in problem.message
    assert "UTF-16" not in problem.message


@given(st.binary(min_size=1, max_size=64).filter(lambda raw: b"\x00" in raw))
@example(b"\xfe\xff\x00")  # the mark and a NUL: UTF-16 cut short
def test_bytes_with_a_nul_are_called_wide_text_only_when_they_read_as_it(raw: bytes) -> None:
    """Never "UTF-16 text" for bytes that do not read as UTF-16 text of a policy (letters,
    digits, punctuation and line breaks), unless they begin with its byte order mark: the
    mark says what an editor saved, and a file cut short after it is still that file."""
    path_problem = _problem_of(raw)
    if "UTF-16" in path_problem.message:
        marked = raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        assert marked or _reads_as(raw, ("utf-16-le", "utf-16-be"), 2)
    if "UTF-32" in path_problem.message:
        marked = raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE))
        assert marked or _reads_as(raw, ("utf-32-le", "utf-32-be"), 4)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_wide_text_without_a_mark_is_still_named(tmp_path: Path, codec: str) -> None:
    problem = refused(tmp_path, "complaintkit: 1\nname: 商城\n".encode(codec))
    assert codec[:6].upper() in problem.message


def _problem_of(raw: bytes) -> Problem:
    with pytest.raises(PolicyError) as info:
        policy_text(raw, "policy.yaml")
    (problem,) = info.value.problems
    return problem


def _reads_as(raw: bytes, codecs: tuple[str, ...], unit: int) -> bool:
    """Whether ``raw``'s whole units read as text in one of ``codecs`` (a file cut short
    mid-character is still wide text): no control character but tabs and line ends, no
    unassigned or private one, and some ASCII."""
    for codec in codecs:
        try:
            text = raw[: len(raw) // unit * unit].decode(codec)
        except UnicodeDecodeError:
            continue
        shown = all(char in "\t\r\n" or category(char) not in _UNWRITTEN for char in text)
        if shown and any(char.isascii() for char in text):
            return True
    return False
