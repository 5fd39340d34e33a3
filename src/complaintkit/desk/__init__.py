"""The Desk: the embedding API."""

from complaintkit.desk.desk import Desk

__all__ = ["Desk"]
