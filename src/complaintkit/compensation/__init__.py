"""Compensation matrices: remedies by conditions, amount formulas, caps, approvals, explain."""
