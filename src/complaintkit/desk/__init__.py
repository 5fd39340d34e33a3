"""The Desk: the embedding API."""

from complaintkit.desk.desk import Desk
from complaintkit.desk.taken import Taken

__all__ = ["Desk", "Taken"]
