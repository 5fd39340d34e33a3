"""complaintkit: complaint-handling SOPs as running software."""
