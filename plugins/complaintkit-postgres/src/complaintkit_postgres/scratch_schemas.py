"""Migrated scratch schemas for tests, emptied and reused rather than migrated anew.

Migrating a fresh schema creates a dozen tables with their indexes, triggers and functions
(some 0.4 s of a loaded test server), and dropping it costs another 0.1 s; deleting the few
rows a test wrote costs milliseconds. A schema goes back to the pool only when its catalog
still reads exactly as the template's and no other session holds a lock in it: a test that
altered a column, disabled a trigger or added a function, or left the outbox lock held,
has its schema dropped instead. Its rows are deleted, the rows a fresh
migration writes are copied back from the template and its sequences restart, so the next
test finds it as a store's first open leaves one.
"""

from __future__ import annotations

import secrets

import psycopg
from psycopg import Connection, sql
from psycopg.rows import TupleRow

from complaintkit_postgres.outbox import outbox_lock
from complaintkit_postgres.schema import migrate

#: Every definition a schema's objects have, one text per object; ``catalog`` writes the
#: schema's own name out of them, so two schemas alike read alike.
_CATALOG = """
SELECT c.relname || ' ' || c.relkind::text || ' ' || c.relpersistence::text || ' '
       || c.relrowsecurity::text || c.relforcerowsecurity::text || c.relreplident::text || ' '
       || coalesce(c.reloptions::text, '') || coalesce(c.relacl::text, '')
       || coalesce(obj_description(c.oid, 'pg_class'), '')
FROM pg_class c WHERE c.relnamespace = %(schema)s::text::regnamespace
UNION ALL
SELECT c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' '
       || a.attnotnull::text || a.attidentity::text || a.attgenerated::text || ' '
       || a.attstattarget::text || ' ' || a.attcollation::regcollation::text || ' '
       || coalesce(pg_get_expr(d.adbin, d.adrelid), '')
FROM pg_class c
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
WHERE c.relnamespace = %(schema)s::text::regnamespace
UNION ALL
SELECT 'index ' || pg_get_indexdef(i.indexrelid) || ' ' || i.indisvalid::text
       || i.indisclustered::text
FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
WHERE c.relnamespace = %(schema)s::text::regnamespace
UNION ALL
SELECT 'constraint ' || k.conrelid::regclass::text || ' ' || k.conname || ' '
       || pg_get_constraintdef(k.oid)
FROM pg_constraint k WHERE k.connamespace = %(schema)s::text::regnamespace
UNION ALL
SELECT 'trigger ' || CASE WHEN t.tgisinternal  -- a foreign key's, named by its oid
           THEN c.relname || ' ' || t.tgfoid::regproc::text || ' ' || t.tgtype::text
           ELSE pg_get_triggerdef(t.oid) END || ' ' || t.tgenabled::text
FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
WHERE c.relnamespace = %(schema)s::text::regnamespace
UNION ALL
SELECT 'rule ' || pg_get_ruledef(r.oid) || ' ' || r.ev_enabled::text
FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class
WHERE c.relnamespace = %(schema)s::text::regnamespace
UNION ALL
SELECT 'policy ' || p.polrelid::regclass::text || ' ' || p.polname
FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid
WHERE c.relnamespace = %(schema)s::text::regnamespace
UNION ALL
SELECT 'function ' || pg_get_functiondef(p.oid)
FROM pg_proc p WHERE p.pronamespace = %(schema)s::text::regnamespace AND p.prokind <> 'a'
UNION ALL
SELECT 'aggregate ' || p.oid::regprocedure::text
FROM pg_proc p WHERE p.pronamespace = %(schema)s::text::regnamespace AND p.prokind = 'a'
UNION ALL
SELECT 'type ' || t.typname || ' ' || t.typtype::text
FROM pg_type t WHERE t.typnamespace = %(schema)s::text::regnamespace
UNION ALL
SELECT 'sequence ' || s.seqrelid::regclass::text || ' ' || s.seqtypid::regtype::text || ' '
       || s.seqstart || ' ' || s.seqincrement || ' ' || s.seqmax || ' ' || s.seqmin || ' '
       || s.seqcache || ' ' || s.seqcycle::text
FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid
WHERE c.relnamespace = %(schema)s::text::regnamespace
UNION ALL
SELECT 'statistics ' || e.stxname
FROM pg_statistic_ext e WHERE e.stxnamespace = %(schema)s::text::regnamespace
UNION ALL
SELECT 'operator ' || o.oprname FROM pg_operator o WHERE o.oprnamespace = %(schema)s::text::regnamespace
UNION ALL
SELECT 'collation ' || l.collname FROM pg_collation l WHERE l.collnamespace = %(schema)s::text::regnamespace
UNION ALL
SELECT 'schema ' || n.nspowner::regrole::text || coalesce(n.nspacl::text, '')
       || coalesce(obj_description(n.oid, 'pg_namespace'), '')
FROM pg_namespace n WHERE n.nspname::text = %(schema)s::text
"""


def catalog(conn: Connection[TupleRow], schema: str) -> list[str]:
    """The definitions of ``schema``'s objects, sorted; empty when there is no such schema."""
    with conn.transaction():
        found = conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (schema,))
        if found.fetchone() is None:
            return []
        conn.execute(sql.SQL("SET LOCAL search_path TO {}").format(sql.Identifier(schema)))
        found = conn.execute(_CATALOG, {"schema": schema})
        return sorted(str(row[0]).replace(schema, "<schema>") for row in found)


def drop_schema(url: str, schema: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))


class MigratedSchemas:
    """A pool of schemas on the server ``url`` names, each migrated and empty when taken."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.template = _new_name("ck_template")
        self.idle: list[str] = []
        try:
            with psycopg.connect(url, autocommit=True) as conn:
                migrate(conn, self.template)
                self.definitions = catalog(conn, self.template)
                self.tables = _tables_referencing_first(conn, self.template)
                self.sequences = _names(conn, self.template, "S")
                self.seeded = [t for t in self.tables if _has_rows(conn, self.template, t)]
        except BaseException:  # a pool never made leaves no template behind
            drop_schema(url, self.template)
            raise

    def take(self) -> str:
        """An empty schema migrated to the current version, the test's until given back."""
        if self.idle:
            return self.idle.pop()
        schema = _new_name("ck_test")
        with psycopg.connect(self.url, autocommit=True) as conn:
            migrate(conn, schema)
        return schema

    def give_back(self, schema: str) -> None:
        """Empty ``schema`` for the next test, or drop it when the test changed its design."""
        try:
            with psycopg.connect(self.url, autocommit=True) as conn:
                conn.execute("SET lock_timeout = '5s'")
                if catalog(conn, schema) != self.definitions or _in_use(conn, schema):
                    conn.execute(
                        sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema))
                    )
                    return
                self._empty(conn, schema)
        except psycopg.Error:
            drop_schema(self.url, schema)
            return
        self.idle.append(schema)

    def close(self) -> None:
        """Drop the template and every schema waiting in the pool."""
        for schema in [*self.idle, self.template]:
            drop_schema(self.url, schema)
        self.idle.clear()

    def _empty(self, conn: Connection[TupleRow], schema: str) -> None:
        with conn.transaction():
            for table in self.tables:
                conn.execute(sql.SQL("DELETE FROM {}").format(sql.Identifier(schema, table)))
            for table in self.seeded:
                conn.execute(
                    sql.SQL("INSERT INTO {} SELECT * FROM {}").format(
                        sql.Identifier(schema, table), sql.Identifier(self.template, table)
                    )
                )
            for sequence in self.sequences:
                conn.execute(
                    "SELECT setval(%s::regclass, seqstart, false) FROM pg_sequence "
                    "WHERE seqrelid = %s::regclass",
                    (f'"{schema}"."{sequence}"',) * 2,
                )


def _in_use(conn: Connection[TupleRow], schema: str) -> bool:
    """Whether another session still holds a lock in ``schema``: on one of its tables (a
    connection left in a transaction, a killed process's server side not yet ended) or its
    outbox lock, which outlives the schema's rows and would keep the next test's worker out."""
    first, second = outbox_lock(schema)
    row = conn.execute(
        "SELECT EXISTS (SELECT 1 FROM pg_locks l WHERE l.pid <> pg_backend_pid() AND ("
        " (l.locktype = 'relation' AND l.relation IN ("
        "   SELECT oid FROM pg_class WHERE relnamespace = %s::text::regnamespace))"
        " OR (l.locktype = 'advisory' AND l.objsubid = 2"
        "   AND l.classid::bigint = %s AND l.objid::bigint = %s)))",
        (schema, first % 2**32, second % 2**32),
    ).fetchone()
    return row is None or bool(row[0])


def _new_name(prefix: str) -> str:
    return f"{prefix}_{secrets.token_hex(6)}"


def _names(conn: Connection[TupleRow], schema: str, kind: str) -> list[str]:
    rows = conn.execute(
        "SELECT relname FROM pg_class WHERE relnamespace = %s::regnamespace AND relkind = %s "
        "ORDER BY relname",
        (schema, kind),
    )
    return [str(row[0]) for row in rows]


def _tables_referencing_first(conn: Connection[TupleRow], schema: str) -> list[str]:
    """``schema``'s tables, those a foreign key points to last, so deleting in this order
    never leaves a row pointing nowhere (a longer chain fails, and the schema is dropped)."""
    rows = conn.execute(
        "SELECT relname FROM pg_class c WHERE relnamespace = %s::regnamespace AND relkind = 'r' "
        "ORDER BY EXISTS (SELECT 1 FROM pg_constraint k WHERE k.confrelid = c.oid), relname",
        (schema,),
    )
    return [str(row[0]) for row in rows]


def _has_rows(conn: Connection[TupleRow], schema: str, table: str) -> bool:
    query = sql.SQL("SELECT EXISTS (SELECT 1 FROM {})").format(sql.Identifier(schema, table))
    row = conn.execute(query).fetchone()
    return row is not None and bool(row[0])
