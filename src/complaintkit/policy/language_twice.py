"""One language keyed twice in one mapping, in another case (``zh`` and ``ZH``).

A language tag's case means nothing (RFC 5646), so a label or a template written for
``zh-Hans`` and again for ``zh-hans`` holds two texts of which only one could ever be
shown or sent, chosen by the order the keys happen to be in.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator


def written_twice(tags: Iterable[str]) -> Iterator[tuple[str, str]]:
    """``(tag, earlier)`` for each tag naming the language an earlier one names."""
    first: dict[str, str] = {}
    for tag in tags:
        earlier = first.setdefault(tag.lower(), tag)
        if earlier != tag:
            yield tag, earlier


def twice_message(tag: str, earlier: str, kept: str) -> tuple[str, str]:
    """The message and hint for ``tag``, written again for ``earlier``'s language, of
    which one ``kept`` (a label, a template) is to stay."""
    return (
        f"{tag!r} names the language {earlier!r} does: a language tag's case means nothing",
        f"keep one {kept} for {earlier}, and delete the other",
    )
