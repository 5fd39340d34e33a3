"""The cases of a batch saved one by one, after a damaged page failed the batch's save.

A page of the store that still reads but can no longer be written (damaged on disk) fails
the save of every case on it, and so the one transaction a batch is saved in: the whole
batch was rolled back and the tick ended, however many of its cases could be written.
The batch's cases are then read again and each brought up to date and saved in a
transaction of its own: a case whose save meets the damage is named, with what to run,
and left due, and the others are saved. When none of them can be saved the damage is the
store's, not a row's (a page every save writes), and the batch's error is raised again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from complaintkit.errors import Conflict, DamagedStore, StorageError
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.plugin_said import said
from complaintkit.storage.base import Storage

log = logging.getLogger(__name__)

#: One case brought up to date in place: the events to save with it and what they send.
Bring = Callable[[Case], tuple[list[CaseEvent], list[Any]]]


def saved_apart(
    storage: Storage,
    case_ids: Sequence[str],
    bring: Bring,
    write: Callable[[Sequence[Any]], None],
    damage: DamagedStore,
    failed: list[tuple[str, str]],
) -> tuple[list[tuple[Case, Sequence[CaseEvent]]], int]:
    """Bring each of ``case_ids`` up to date and save it with what it sends in a
    transaction of its own; name each that fails in
    ``failed``. The changes saved, to announce, and how many cases were left due;
    ``damage`` raised when none could be saved."""
    saved: list[tuple[Case, Sequence[CaseEvent]]] = []
    refused, named = 0, len(failed)
    for case_id in case_ids:
        try:
            with storage.transaction():
                case = storage.get(case_id)
                events, send = bring(case)
                if events:
                    storage.save_many([(case, events)])
                    write(send)
        except Conflict:  # another worker saved it since the batch was rolled back
            continue
        except DamagedStore as exc:
            refused += 1
            log.error("tick: case %s left due: %s", case_id, exc)
            failed.append((case_id, str(exc)))
            continue
        except Exception as exc:  # the engine failing on it: its own, as in the batch
            if isinstance(exc, StorageError):
                raise
            log.error("tick: case %s left due", case_id, exc_info=exc)
            failed.append((case_id, said(exc)))
            continue
        if events:
            saved.append((case, events))
    if refused and refused == len(case_ids) > 1:
        del failed[len(failed) - refused :]
        raise damage
    return saved, len(failed) - named
