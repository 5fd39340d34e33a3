"""The direction each text on an HTML page is drawn in: the ``dir`` of the element that holds
it (``None``: the page's own), for the tests of right-to-left text on pages and reports."""

from __future__ import annotations

from html.parser import HTMLParser

#: elements with no end tag, which hold no text
_VOID = frozenset({"meta", "link", "input", "br", "hr", "img", "col", "wbr"})


class _Holders(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.open: list[str | None] = []
        self.found: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID:
            self.open.append(dict(attrs).get("dir"))

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID and self.open:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        if data.strip() and self.open:
            self.found[data.strip()] = self.open[-1]


def directions(page: str) -> dict[str, str | None]:
    """Each text of ``page`` (stripped) → the ``dir`` of its innermost element."""
    holders = _Holders()
    holders.feed(page)
    holders.close()
    return holders.found
