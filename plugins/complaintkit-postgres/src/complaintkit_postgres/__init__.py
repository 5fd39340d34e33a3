"""PostgreSQL storage for complaintkit: ``postgresql://user@host:5432/db?schema=complaints``."""

from complaintkit_postgres.storage import PostgresStorage

__all__ = ["PostgresStorage"]
