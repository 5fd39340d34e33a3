"""Plain scalars that YAML 1.1 reads as something other than what they spell.

A number's digits (``0755``, ``12:30``) are misread wherever they stand
(:mod:`complaintkit.policy.yaml_numbers`). The words yes, no, on and off, in any case, are
true and false to YAML 1.1: a flag's ``starttls: yes`` means true, but a value a condition
compares a field with is one an author writes as it appears in the data, a country's code
(``in: [SE, NO, DK]``) or a switch's word (``==: on``), and compared as a boolean it never
matches. A policy test's complaint, earlier complaints and facts are JSON, written as
the data arrives (``attributes: {country: NO}``), so there too. In both such a word is
refused, saying to quote it or write true or false.
"""

from __future__ import annotations

import re
from typing import Final

from complaintkit.policy.as_written import shorten
from complaintkit.policy.yaml_numbers import misread_number, quoting_hint

#: A condition's value compared with a field: ``when.==``, ``when.in[2]``, ``…contains``;
#: or a value of a policy tests file's complaint, earlier complaint or facts, which hold
#: JSON (``tests[0].facts.country``): no policy has those keys.
_COMPARED: Final = re.compile(
    r"\.(?:==|!=|contains|(?:not )?in\[\d+\])\Z"
    r"|\A(?:tests\[\d+\]\.)?(?:complaint|facts|earlier\[\d+\])[.\[]"
)


def misread(written: str, value: object, path: str) -> tuple[str, str] | None:
    """``(message, hint)`` when ``value``, which YAML read from the plain scalar
    ``written`` at ``path``, is not what the author wrote; None when it is."""
    if (number := misread_number(written, value)) is not None:
        return number, quoting_hint(written)
    if not isinstance(value, bool) or written.lower() in ("true", "false"):
        return None
    if not _COMPARED.search(path):  # a flag's yes: true, as meant
        return None
    read = str(value).lower()
    return (
        f"YAML reads {shorten(written)} as {read}, not as the text written",
        f'quote it if it is text ("{shorten(written)}"), or write {read}',
    )
