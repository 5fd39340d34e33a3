"""The one-team shop policy the mail tests take letters in with: one template mailed to the
customer on one event — the acknowledgement on ``opened``, or the answer on ``responded``."""

from __future__ import annotations

TEMPLATES = {
    "acknowledgement": '{en: {subject: "We received your complaint", body: "Thank you."}}',
    "answer": '{en: {subject: "About your complaint", body: "{message}"}}',
}


def mail_policy(template: str, on: str, sender: str = "care@shop.example") -> str:
    """The policy text mailing ``template`` to the customer on ``on``, from ``sender``."""
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
  {template}: {TEMPLATES[template]}
notifications:
  notifiers:
    mail: {{type: smtp, options: {{sender: {sender}, host: 127.0.0.1, port: 25}}}}
  rules:
    - {{"on": {on}, notify: [customer], via: mail, template: {template}}}
"""
