"""What was offered to the customer, as their status page shows it: each offer's remedies
and where it stands — waiting for their answer, accepted, declined, or lapsed.

Only offers leave this module. A proposal not yet offered (waiting for an approval, or
approved and not yet put to the customer) and one an approver rejected promise nothing, so
they never show; nor who proposed, approved or answered an entry, why, or how an amount was
worked out. An offer its case ended without answering has lapsed (``reported_status``), as
the letters tell it — they name only accepted money on an ended case: it is shown lapsed,
never as waiting for an answer, and stands again if the case is reopened. A remedy whose
money a cap (or what the case already pays) cut to nothing promises nothing and is left
out (``told_money.promised``); an offer of nothing else is not shown, nor answered here.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any, Final

from complaintkit.api.wording import money_words, say
from complaintkit.model.case import Case
from complaintkit.model.compensation import (
    ACCEPTED,
    DECLINED,
    LAPSED,
    OFFERED,
    reported_status,
)
from complaintkit.model.instants import parse_instant
from complaintkit.model.language import Lang
from complaintkit.notify.templates import remedy_title
from complaintkit.notify.told_money import promised

#: The states of an offer a customer sees; every other is the desk's own.
SHOWN: Final = (OFFERED, ACCEPTED, DECLINED, LAPSED)
#: The states in which the customer answered, and when.
ANSWERED: Final = (ACCEPTED, DECLINED)


def offers(case: Case) -> list[dict[str, Any]]:
    """The offers made on ``case``, oldest first, in a whitelist of fields: ``id`` (what
    the customer answers, ``comp-N``), ``status``
    (one of ``SHOWN``), ``offered_at`` and ``answered_at`` (datetimes, ``None`` unless
    answered), ``remedies`` (``kind``, ``label``, ``amount`` as Money JSON or ``None``;
    never an amount of zero) and ``total`` (Money JSON, ``None`` when no remedy is money)."""
    shown = []
    for entry in case.compensation:
        status = reported_status(entry.get("status"), case.is_open)
        if status not in SHOWN or entry.get("offered_at") is None:
            continue
        answered = entry.get("closed_at") if status in ANSWERED else None
        decision = entry.get("decision") or {}
        remedies = [_remedy(r) for r in promised(decision.get("remedies", []))]
        if not remedies:
            continue  # every remedy was money cut to nothing: no offer to the customer
        total = decision.get("total")
        if not any(r["amount"] is not None for r in remedies):
            total = None  # a replacement and an apology total nothing
        shown.append(
            {
                "id": str(entry["id"]),
                "status": status,
                "offered_at": parse_instant(entry["offered_at"], "offered_at"),
                "answered_at": None if answered is None else parse_instant(answered, "closed_at"),
                "remedies": remedies,
                "total": None if total is None else _money(total),
            }
        )
    return shown


def _remedy(remedy: Mapping[str, Any]) -> dict[str, Any]:
    amount = remedy.get("amount")
    return {
        "kind": str(remedy.get("kind", "")),
        "label": {str(k): str(v) for k, v in (remedy.get("label") or {}).items()},
        "amount": None if amount is None else _money(amount),
    }


def _money(amount: Mapping[str, Any]) -> dict[str, str]:
    return {"amount": str(amount["amount"]), "currency": str(amount["currency"])}


def offers_json(case: Case, local: Callable[[datetime], str]) -> list[dict[str, Any]]:
    """``offers`` with its instants written by ``local`` (the view's zone)."""
    return [
        {
            **offer,
            "offered_at": local(offer["offered_at"]),
            "answered_at": None if offer["answered_at"] is None else local(offer["answered_at"]),
        }
        for offer in offers(case)
    ]


def offers_html(
    case: Case,
    lang: Lang,
    when: Callable[[datetime], str],
    answer_at: Callable[[str], str] | None = None,
) -> str:
    """The offers as a section of the status page (empty when none was made): remedies
    labelled and amounts written in ``lang``, instants by ``when`` (escaped already). With
    ``answer_at`` (an offer's id -> the URL its answer is posted to), each offer waiting
    for an answer has a form with two buttons, accept and decline."""
    made = offers(case)
    if not made:
        return ""
    items = "".join(_offer_html(offer, lang, when, answer_at) for offer in made)
    return f"<h2>{say('offers', lang)}</h2><ol id=offers>{items}</ol>"


def _answer_form(action: str, lang: Lang) -> str:
    """Two submit buttons of one field, ``answer``: the one pressed is the one sent."""
    buttons = "".join(
        f'<button type="submit" name="answer" value="{value}" class="answer-{value}">'
        f"{say(value, lang)}</button>"
        for value in ("accept", "decline")
    )
    return f'<form method="post" action="{html.escape(action)}" class="answer">{buttons}</form>'


def _offer_html(
    offer: Mapping[str, Any],
    lang: Lang,
    when: Callable[[datetime], str],
    answer_at: Callable[[str], str] | None = None,
) -> str:
    lines = []
    for remedy in offer["remedies"]:
        title = html.escape(remedy_title(remedy, lang))
        amount = remedy["amount"]
        lines.append(f"{title} {_words(amount, lang)}" if amount else title)
    total = offer["total"]
    if total is not None and sum(r["amount"] is not None for r in offer["remedies"]) > 1:
        lines.append(f"{say('offer_total', lang)} {_words(total, lang)}")
    status = offer["status"]
    answered = offer["answered_at"]
    state = say(f"offer_{status}", lang) + (f" · {when(answered)}" if answered else "")
    offered = say("offered_on", lang, at=when(offer["offered_at"]))
    form = ""
    if status == OFFERED and answer_at is not None:
        form = _answer_form(answer_at(offer["id"]), lang)
    return (
        f'<li class="offer-{status}" id="offer-{html.escape(offer["id"])}">'
        f"<span class=muted>{offered}</span><br>"
        f"{'<br>'.join(lines)}<br><strong>{state}</strong>{form}</li>"
    )


def _words(amount: Mapping[str, str], lang: Lang) -> str:
    return html.escape(money_words(Decimal(amount["amount"]), amount["currency"], lang))
