"""Fixtures for the report tests; the day itself lives in reports_day.py."""

from reports_day import backend, day

__all__ = ["backend", "day"]
