"""A scripted day at a shop's complaint desk, used by ``complaintkit demo``."""
