"""The hypothesis strategies plugin and policy authors generate complaints with."""

from __future__ import annotations

import pytest
from hypothesis import find, settings
from hypothesis.errors import NoSuchExample

from complaintkit.model.complaint import shows_nothing
from complaintkit.testing import strategies


def test_generated_free_text_is_text_a_complaint_takes() -> None:
    """A soft hyphen or a zero-width space alone is blank to the model (``shows_nothing``):
    a strategy generating one fails while it builds a complaint, not in the test using it."""
    with pytest.raises(NoSuchExample):
        find(
            strategies._TEXT,  # the free text of names, subjects, texts and attributes
            shows_nothing,
            settings=settings(max_examples=3000, database=None, derandomize=True),
        )
