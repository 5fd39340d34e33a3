"""The Desk: the embedding API."""

from complaintkit.desk.desk import Desk, Taken

__all__ = ["Desk", "Taken"]
