"""``Storage``'s default step answers (``KeptInMemory``) kept with a backend's transactions.

A backend that leaves ``claim_step_key`` and ``keep_step_answer`` to ``Storage`` keeps its
answers in the process, outside the transactions it writes. An answer kept in a block whose
commit then failed stayed kept: the retry of its ``Idempotency-Key`` was answered 200 for
a step the store never recorded. ``Storage`` wraps such a backend's ``transaction`` when
its class is made (``keep_answers_with_blocks``): each thread's open blocks note how to take
back the answers kept in them, and a block that raises, or whose commit raises, takes its
own back (a nested one alone), as the backend undid the step they answer.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from complaintkit.storage.plugin_calls import written_in

#: The attribute marking a ``transaction`` already wrapped here (``functools.wraps`` copies
#: it onto the wrappers made around it later, so a subclass inheriting it is left alone).
_MARK = "__keeps_step_answers__"


class _OpenBlocks(threading.local):
    """One thread's open blocks of one store: how to undo each answer kept in them, in
    order (``None``: no block open)."""

    undo: list[Callable[[], None]] | None = None


def on_undo(storage: object, step: Callable[[], None]) -> None:
    """Inside a wrapped block: ``step`` takes back an answer just kept, if the block fails."""
    blocks = vars(storage).get("_answer_blocks")
    if blocks is not None and blocks.undo is not None:
        blocks.undo.append(step)


def keep_answers_with_blocks(cls: type, base: type) -> None:
    """Wrap ``cls.transaction`` when ``cls`` keeps answers as ``base`` (``Storage``) does
    by default and has a transaction of its own."""
    transaction = getattr(cls, "transaction", None)
    if (
        written_in(cls, "keep_step_answer") is not base
        or written_in(cls, "transaction") in (None, base)
        or getattr(transaction, "__isabstractmethod__", False)
        or getattr(transaction, _MARK, False)
        or not callable(transaction)
    ):
        return
    cls.transaction = _with_answers(transaction)  # type: ignore[attr-defined]


def _with_answers(
    transaction: Callable[[Any], AbstractContextManager[None]],
) -> Callable[[Any], AbstractContextManager[None]]:
    @functools.wraps(transaction)
    @contextmanager
    def keeping_answers(self: Any) -> Iterator[None]:
        blocks = vars(self).get("_answer_blocks")
        if blocks is None:  # setdefault: two threads asking first get the same one
            blocks = vars(self).setdefault("_answer_blocks", _OpenBlocks())
        outer = blocks.undo is None
        undo = blocks.undo = [] if outer else blocks.undo
        mark = len(undo)
        try:
            with transaction(self):
                yield
        except BaseException:  # the block, or the backend's commit, failed: undone
            while len(undo) > mark:  # the latest first: each puts back what it replaced
                undo.pop()()
            raise
        finally:
            if outer:
                blocks.undo = None

    setattr(keeping_answers, _MARK, True)
    return keeping_answers
