"""The URL schemes of a PostgreSQL store, apart from the code that reads such a URL, so
the plugin registers them without importing psycopg."""

SCHEMES = ("postgresql", "postgres")
