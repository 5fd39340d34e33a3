"""The cases of a batch saved one by one, after a damaged page or a refused write failed it.

A page of the store that cannot be read, or still reads but can no longer be written
(damaged on disk), fails every read or save of a case on it, and so the one transaction a
batch is read and saved in: the whole batch was rolled back and the tick ended, however
many of its cases could be read and written. The batch's cases are then read again and
each brought up to date and saved in a transaction of its own: a case whose read or save
meets the damage is named, with what to run, and left as it was, and the others are saved.
So is a batch whose save the store refused for one case's values or a concurrent change
(``RefusedWrite``: a constraint added outside complaintkit, a serialization failure).
Damage in a part of the store every save writes into (the outbox, the event log: their
last page is shared) is no case's: it is named once, in ``shared``, and each case whose
save it failed is left due naming that part, while those whose save does not write it
(a case that sends nothing, when the outbox is damaged) are saved.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

import attrs

from complaintkit.errors import (
    Conflict,
    DamagedRecord,
    DamagedSharedPart,
    DamagedStore,
    RefusedWrite,
    StorageError,
)
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.plugin_said import said
from complaintkit.storage.base import Storage

log = logging.getLogger(__name__)

#: One case brought up to date in place: the events to save with it and what they send.
Bring = Callable[[Case], tuple[list[CaseEvent], list[Any]]]


@attrs.frozen
class Apart:
    """What saving a batch's cases apart did: the changes saved, to announce; how many
    cases were brought up to date; how many were named in ``failed`` and left as they were."""

    saved: list[tuple[Case, Sequence[CaseEvent]]]
    brought: int
    left: int


def saved_apart(
    storage: Storage,
    case_ids: Sequence[str],
    bring: Bring,
    write: Callable[[Sequence[Any]], None],
    failed: list[tuple[str, str]],
    shared: dict[str, str],
    *,
    wanted: Callable[[Case], bool] = lambda case: True,
    recorded: Callable[[Case], None] = lambda case: None,
) -> Apart:
    """Bring each of ``case_ids`` that is ``wanted`` up to date and save it with what it
    sends, and what ``recorded`` writes of it, in a transaction of its own; name each that
    fails in ``failed``, and each damaged part of the store every save writes into once
    in ``shared`` (the part: what is wrong and what to do)."""
    saved: list[tuple[Case, Sequence[CaseEvent]]] = []
    brought, named = 0, len(failed)
    for case_id in case_ids:
        try:
            with storage.transaction():
                case = storage.get(case_id)
                if not wanted(case):
                    continue
                events, send = bring(case)
                if events:
                    storage.save_many([(case, events)])
                    write(send)
                recorded(case)
        except Conflict:  # another worker saved it since the batch was rolled back
            continue
        except DamagedSharedPart as exc:  # the store's, not this case's
            log.error("tick: case %s left due: %s cannot be written", case_id, exc.part)
            shared.setdefault(exc.part, str(exc))
            failed.append(
                (
                    case_id,
                    f"not saved: {exc.part} cannot be written (the damage is named once in this report)",
                )
            )
            continue
        except (DamagedStore, DamagedRecord, RefusedWrite) as exc:
            log.error("tick: case %s left due: %s", case_id, exc)
            failed.append((case_id, str(exc)))
            continue
        except Exception as exc:  # the engine failing on it: its own, as in the batch
            if isinstance(exc, StorageError):
                raise
            log.error("tick: case %s left due", case_id, exc_info=exc)
            failed.append((case_id, said(exc)))
            continue
        brought += 1
        if events:
            saved.append((case, events))
    return Apart(saved, brought, len(failed) - named)
