"""The policy of the delivery commands' tests: the smallest whole policy, acknowledging each
opened case to its customer through one notifier the test names by its type."""

from __future__ import annotations

from complaintkit.testing.policies import MINIMAL_POLICY


def acknowledging(notifier_type: str) -> str:
    """The policy text, its notifier ``out`` of type ``notifier_type``."""
    return (
        MINIMAL_POLICY
        + f"""\
templates:
  ack:
    en: {{subject: "We received {{case.id}}", body: "Dear {{customer.name}}"}}
notifications:
  notifiers: {{out: {{type: {notifier_type}}}}}
  rules:
    - {{"on": opened, notify: [customer], via: out, template: ack}}
"""
    )
