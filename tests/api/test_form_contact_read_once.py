"""The form's contact field is checked as an address or a phone number in one reading.

The address check was one pattern, ``local@domain.tld`` with a dot allowed inside each part,
so a contact of dots between two at signs was tried at every split of the dots: quadratic,
six seconds for 20,000 characters and a minute for a body at the form's 64 kB limit, on a
page anyone may post to. It now splits the contact at its at sign and looks for the dot.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from complaintkit.api.form_complaint import form_errors

_INVALID = "contact"


def _refused(contact: str) -> bool:
    return _INVALID in form_errors({"text": "the parcel came open", "contact": contact}, "en")


def test_addresses_and_phone_numbers_pass() -> None:
    for contact in (
        "wang@example.cn",
        "a.b+c@mail.example.com",
        "王@例子.中国",
        "+86 138-0000-0000",
    ):
        assert not _refused(contact), contact


def test_what_is_no_address_is_refused() -> None:
    for contact in ("wang", "wang@", "@example.com", "wang@example", "wang@.com", "wang@com.",
                    "a@b@c.com", "wang @example.com", "wang@exa mple.com", "<wang@example.com>",
                    "wang@example.com;li@example.com"):  # fmt: skip
        assert _refused(contact), contact


def test_a_contact_of_dots_at_the_form_limit_is_answered() -> None:
    """Dots between two at signs: a minute before."""
    assert _refused("a@" + "." * 64_000 + "@")
    assert _refused("a@" + "a." * 32_000 + ",")


_NOT_IN_AN_ADDRESS = frozenset("@ ,;<>")


def _address(contact: str) -> bool:
    """The rule: one at sign between a name and a domain with
    a dot inside it, and no space, comma, semicolon or angle bracket anywhere
    (docs/closing-the-loop.md: one e-mail address)."""
    local, _, domain = contact.partition("@")
    parts_plain = not _NOT_IN_AN_ADDRESS & set(local + domain)
    return contact.count("@") == 1 and bool(local) and parts_plain and "." in domain[1:-1]


@given(st.text(alphabet="ab.@ ,;<>中", max_size=16))
def test_an_address_is_one_at_sign_then_a_domain_with_a_dot_inside(contact: str) -> None:
    contact = contact.strip()
    if contact:
        assert _refused(contact) == (not _address(contact))
