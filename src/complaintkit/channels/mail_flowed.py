"""Plain text sent ``format=flowed`` (RFC 3676), read as its sender wrote it.

A flowed text's lines are cut at the sender's width: a line ending in a space is a soft
break, and the next line of the same quote depth continues it. Read line by line, every
paragraph came in pieces, and with ``delsp=yes`` (Apple Mail, Thunderbird writing Chinese
or Japanese, where no space stands between words) a space stood in each word cut in two.
A space at the start of a line is the sender's stuffing (4.4), not the customer's.
"""

from __future__ import annotations

from email.message import Message

#: The line that opens a signature: fixed, though it ends in a space (4.3).
_SIGNATURE = "-- "


def is_flowed(part: Message) -> bool:
    """Whether ``part`` is text/plain sent ``format=flowed``."""
    return part.get_content_type() == "text/plain" and _param(part, "format") == "flowed"


def unflowed(text: str, part: Message) -> str:
    """``text``, the body of the flowed ``part``, with its soft breaks joined (less the space
    before each when it says ``delsp=yes``), its stuffing gone, its quotes written ``> ``, its lines ending as its others do."""
    delete_space = _param(part, "delsp") == "yes"
    lines: list[tuple[int, list[str]]] = []  # each line's quote depth and its pieces
    joining = False
    for line in text.splitlines():
        depth = len(line) - len(line.lstrip(">"))
        content = line[depth:].removeprefix(" ")
        if joining and lines[-1][0] == depth:
            lines[-1][1].append(content)
        else:
            lines.append((depth, [content]))
        joining = content.endswith(" ") and content != _SIGNATURE
        if joining and delete_space:
            lines[-1][1][-1] = content[:-1]
    end = "\r\n" if "\r\n" in text else "\n"  # as the part's other lines end
    return end.join(
        f"{'>' * depth} {''.join(pieces)}" if depth else "".join(pieces) for depth, pieces in lines
    )


def _param(part: Message, name: str) -> str:
    value = part.get_param(name)
    return value.strip().lower() if isinstance(value, str) else ""
