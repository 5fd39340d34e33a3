"""The one-team shop policy the mail tests take letters in with: each template given
mailed to the customer on its event — the acknowledgement on ``opened``, the answer on
``responded``."""

from __future__ import annotations

TEMPLATES = {
    "acknowledgement": '{en: {subject: "We received your complaint", body: "Thank you."}}',
    "answer": '{en: {subject: "About your complaint", body: "{message}"}}',
}


def mail_policy(*mailed: tuple[str, str], sender: str = "care@shop.example") -> str:
    """The policy text mailing each ``(template, event)`` of ``mailed`` to the customer,
    from ``sender``."""
    templates = "".join(f"  {template}: {TEMPLATES[template]}\n" for template, _ in mailed)
    rules = "".join(
        f'    - {{"on": {on}, notify: [customer], via: mail, template: {template}}}\n'
        for template, on in mailed
    )
    return f"""\
complaintkit: 1
name: shop
version: "1"
categories: {{other: {{label: Other}}}}
severities: {{minor: {{label: Minor}}}}
priorities: {{normal: {{label: Normal}}}}
teams: {{care: {{label: Care, default_owner: li.na}}}}
classification: {{rules: [], default: {{category: other, severity: minor, priority: normal}}}}
routing: {{rules: [], default: {{team: care}}}}
templates:
{templates}notifications:
  notifiers:
    mail: {{type: smtp, options: {{sender: {sender}, host: 127.0.0.1, port: 25}}}}
  rules:
{rules}"""
