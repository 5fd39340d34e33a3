"""Notifiers, message templates and notification routing.

Notifiers (``log``, ``smtp``, ``webhook`` and plugins') deliver ``Message`` objects; the
policy's ``templates`` and ``notifications`` sections say which events notify whom, how,
in which words. What they must send is written to the storage's outbox with the change
that causes it, and sent by the delivery worker (``complaintkit.delivery``), never by intake.
"""

from complaintkit.notify.base import Message, Notifier
from complaintkit.notify.notifications import Notifications
from complaintkit.notify.policy import NotificationPolicy, compile_notifications

__all__ = ["Message", "NotificationPolicy", "Notifications", "Notifier", "compile_notifications"]
