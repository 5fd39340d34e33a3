# ruff: noqa: RUF001 -- full-width forms and dashes are what the folding is for
"""One fold serves the incidents' product keys and the four-eyes check, and each keeps
what it had: a product key is byte for byte the key stored cases were counted under (an
incident recorded on a case, a report's ``--product`` filter), and every two actors the
four-eyes check took for one person still are one person.

The two folds as they were written apart are kept here as the references."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from hypothesis import given
from hypothesis import strategies as st

from complaintkit.incidents.key import fold_key
from complaintkit.model.as_it_reads import as_it_reads
from complaintkit.model.same_person import same_person, shown_as
from complaintkit.policy.matchtext import without_odd

_DASHES = str.maketrans(
    dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63", "-")
)


def key_as_stored(value: str) -> str:
    """``fold_key`` as incidents were counted under before the folds were one."""
    if not value.isascii():
        value = unicodedata.normalize("NFKC", without_odd(value))
        value = unicodedata.normalize("NFKC", value.casefold()).translate(_DASHES)
    return " ".join(value.lower().split())


def actor_as_compared(actor: str) -> str:
    """``shown_as`` as the four-eyes check compared actors before the folds were one."""
    folded = unicodedata.normalize("NFKC", actor)
    kept = "".join(
        " " if char.isspace() else char for char in folded if char.isspace() or char.isprintable()
    )
    return " ".join(kept.split()).casefold()


#: What the two folds treat at their edges: dashes, controls, format and default-ignorable
#: characters, spaces, full-width and compatibility forms, letters that fold to two.
_EDGES = (
    "-\u2010\u2011\u2013\u2212\ufe63\x00\x07\x1c\x7f\x85\x9f\xa0\xad\u034f\u0600\u061c"
    "\u115f\u180e\u200b\u200d\u200e\u202e\u2028\u2060\u3000\u3164\ufe0f\ufeff\uffa0"
    "\ufff9\ue000\U000e0001\U000e0100\U0010ffff\ud800"
    "\u01f0\u0301\u2024\u2126\u210c\u1e9e\u00dfſ\u03c2Ａａ．ｌ１Ⅻ"
)
TEXTS = st.text(
    st.one_of(
        st.sampled_from(_EDGES),
        st.characters(codec=None, categories=None),
        st.sampled_from("li.na-MILK1 \t\n"),
    ),
    max_size=12,
)


@given(TEXTS)
def test_a_product_key_is_the_key_stored_cases_were_counted_under(value: str) -> None:
    assert fold_key(value) == key_as_stored(value)


@given(TEXTS)
def test_actors_that_were_one_person_still_are(actor: str) -> None:
    """``shown_as`` reads whatever the earlier fold made of an actor as the actor itself,
    so any two actors that fold was equal on stay equal."""
    assert shown_as(actor) == shown_as(actor_as_compared(actor))


#: What an actor may be written again with and still read as theirs.
_DISGUISES = (
    str.upper,
    str.casefold,
    lambda a: unicodedata.normalize("NFKD", a),
    lambda a: "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in a),
    lambda a: f" \u200e{a}\u200b\n",
    "\u00ad".join,
    lambda a: a.replace(" ", "\u3000\t"),
)


@given(TEXTS, st.lists(st.sampled_from(_DISGUISES), max_size=3))
def test_the_four_eyes_check_holds_every_pair_it_held(
    actor: str, disguises: list[Callable[[str], str]]
) -> None:
    other = actor
    for disguise in disguises:
        other = disguise(other)
    if actor_as_compared(actor) == actor_as_compared(other):
        assert same_person(actor, other)


def test_each_difference_is_a_named_switch() -> None:
    assert as_it_reads("MILK\u20131") == "milk-1"
    assert as_it_reads("li\x07.na", unprintable=True) == "li.na"
    assert as_it_reads("li\x07.na") == "li\x07.na"
    assert as_it_reads(" ｌｉ．ｎａ\u200b\t") == "li.na"


#: Each Latin letter with the Cyrillic and Greek letters that read as it, capital or small.
LOOK_ALIKES = {
    "a": "CYRILLIC CAPITAL LETTER A/CYRILLIC SMALL LETTER A/GREEK CAPITAL LETTER ALPHA/"
    "GREEK SMALL LETTER ALPHA",
    "b": "CYRILLIC CAPITAL LETTER VE/GREEK CAPITAL LETTER BETA",
    "c": "CYRILLIC CAPITAL LETTER ES/CYRILLIC SMALL LETTER ES",
    "d": "CYRILLIC SMALL LETTER KOMI DE",
    "e": "CYRILLIC CAPITAL LETTER IE/CYRILLIC SMALL LETTER IE/GREEK CAPITAL LETTER EPSILON",
    "h": "CYRILLIC CAPITAL LETTER EN/CYRILLIC SMALL LETTER SHHA/GREEK CAPITAL LETTER ETA",
    "i": "CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I/"
    "CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I/GREEK CAPITAL LETTER IOTA",
    "j": "CYRILLIC CAPITAL LETTER JE/CYRILLIC SMALL LETTER JE/GREEK LETTER YOT",
    "k": "CYRILLIC CAPITAL LETTER KA/GREEK CAPITAL LETTER KAPPA",
    "l": "CYRILLIC SMALL LETTER PALOCHKA",
    "m": "CYRILLIC CAPITAL LETTER EM/GREEK CAPITAL LETTER MU",
    "n": "GREEK CAPITAL LETTER NU",
    "o": "CYRILLIC CAPITAL LETTER O/CYRILLIC SMALL LETTER O/GREEK CAPITAL LETTER OMICRON/"
    "GREEK SMALL LETTER OMICRON",
    "p": "CYRILLIC CAPITAL LETTER ER/CYRILLIC SMALL LETTER ER/GREEK CAPITAL LETTER RHO/"
    "GREEK SMALL LETTER RHO",
    "q": "CYRILLIC SMALL LETTER QA",
    "s": "CYRILLIC CAPITAL LETTER DZE/CYRILLIC SMALL LETTER DZE",
    "t": "CYRILLIC CAPITAL LETTER TE/GREEK CAPITAL LETTER TAU",
    "w": "CYRILLIC SMALL LETTER WE",
    "x": "CYRILLIC CAPITAL LETTER HA/CYRILLIC SMALL LETTER HA/GREEK CAPITAL LETTER CHI",
    "y": "CYRILLIC SMALL LETTER U/CYRILLIC CAPITAL LETTER STRAIGHT U/GREEK CAPITAL LETTER UPSILON",
    "z": "GREEK CAPITAL LETTER ZETA",
}
_IDS = st.text(st.sampled_from("abcdefhijklmnopqstwxyz0-."), min_size=1, max_size=8)


@st.composite
def in_other_scripts(draw: st.DrawFn, actor: str) -> str:
    """``actor`` with some of its letters written in a look-alike of another script."""
    return "".join(
        unicodedata.lookup(draw(st.sampled_from(LOOK_ALIKES[c].split("/"))))
        if c in LOOK_ALIKES and draw(st.booleans())
        else c
        for c in actor
    )


@given(st.data(), _IDS, _IDS)
def test_the_four_eyes_check_reads_letters_of_other_scripts_as_theirs(
    data: st.DataObject, one: str, other: str
) -> None:
    """Two ids written with Cyrillic or Greek letters that read as Latin ones name one person
    exactly when the Latin ids do: what reads alike is one person, and nothing else is."""
    written = data.draw(in_other_scripts(one)), data.draw(in_other_scripts(other))
    assert same_person(*written) == (one == other)


def test_a_product_key_keeps_its_script() -> None:
    """Product codes are counted as typed in their script: a code wholly in Cyrillic is its
    own product, and the keys stored incidents were counted under stay as they were."""
    assert fold_key("\u0421\u0410\u0425\u0410\u0420-1") == "\u0441\u0430\u0445\u0430\u0440-1"
    assert fold_key("\u0421\u0410\u0425\u0410\u0420-1") != fold_key("CAXAP-1")
    assert shown_as("\u0421\u0410\u0425\u0410\u0420-1") == "caxap-1"
