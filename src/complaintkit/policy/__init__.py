"""The policy language: documents, conditions, rule tables and what they decide."""
