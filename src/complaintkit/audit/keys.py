"""The optional audit key: with it, ledger entries and checkpoints are HMAC-sealed.

Without a key anyone who can write the database can recompute every hash; with one they
also need the key, which lives outside the database (an environment variable or a file).
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Mapping
from pathlib import Path

import attrs

from complaintkit.errors import ConfigError

KEY_VARIABLE = "COMPLAINTKIT_AUDIT_KEY"
KEY_FILE_VARIABLE = "COMPLAINTKIT_AUDIT_KEY_FILE"
RETIRED_KEYS_VARIABLE = "COMPLAINTKIT_AUDIT_RETIRED_KEYS_FILE"
#: Shorter secrets can be guessed offline from any sealed entry.
MIN_KEY_BYTES = 16
#: The largest key file read: thousands of retired keys a line each fit; a larger file is
#: another named by mistake (``/dev/zero`` was read until memory ran out).
MAX_KEY_FILE_BYTES = 1024 * 1024


@attrs.frozen
class AuditKey:
    """A secret and its public id; the id is recorded beside every seal it makes."""

    secret: bytes = attrs.field(repr=False)

    @property
    def key_id(self) -> str:
        """Names the key without revealing it, so a verifier can tell which key it needs."""
        return hashlib.sha256(b"complaintkit audit key id\0" + self.secret).hexdigest()[:16]

    def seal(self, text: str) -> str:
        return hmac.new(self.secret, text.encode(), hashlib.sha256).hexdigest()


def seal(text: str, key: AuditKey | None) -> str:
    """HMAC-SHA256 of ``text`` under ``key``, or plain SHA-256 when there is no key."""
    if key is None:
        return hashlib.sha256(text.encode()).hexdigest()
    return key.seal(text)


def same_seal(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


def load_key(environ: Mapping[str, str] | None = None) -> AuditKey | None:
    """The key named by ``COMPLAINTKIT_AUDIT_KEY`` or ``COMPLAINTKIT_AUDIT_KEY_FILE``, if any."""
    env = os.environ if environ is None else environ
    text, path = env.get(KEY_VARIABLE), env.get(KEY_FILE_VARIABLE)
    for name, value in ((KEY_VARIABLE, text), (KEY_FILE_VARIABLE, path)):
        if value is not None and not value.strip():  # "$AUDIT_KEY" of an unset variable
            raise ConfigError(
                f"{name} is set but empty (a variable in its value that is not set?); "
                f"give the audit key, or unset {name} to keep no key"
            )
    if text and path:
        raise ConfigError(f"set {KEY_VARIABLE} or {KEY_FILE_VARIABLE}, not both")
    if path:
        secret = _key_file(path, KEY_FILE_VARIABLE, "audit key file").strip()
        return _checked(secret, f"the audit key file {path!r} ({KEY_FILE_VARIABLE})")
    if text:  # the bytes set, as a key file holds them: a byte not UTF-8 is a lone surrogate
        return _checked(os.fsencode(text), KEY_VARIABLE)
    return None


def load_retired_keys(environ: Mapping[str, str] | None = None) -> dict[str, AuditKey]:
    """Keys sealed with before the current one, by id, from the file
    ``COMPLAINTKIT_AUDIT_RETIRED_KEYS_FILE`` names: one key a line, ``#`` comments.

    Only the auditor needs them — writers seal with the current key alone — so a key can be
    rotated without losing the proof that what it sealed is unaltered.
    """
    env = os.environ if environ is None else environ
    path = env.get(RETIRED_KEYS_VARIABLE)
    if not path:
        return {}
    lines = _key_file(path, RETIRED_KEYS_VARIABLE, "retired keys file").splitlines()
    keys = {}
    for number, line in enumerate(lines, start=1):
        secret = line.strip()
        if secret and not secret.startswith(b"#"):
            key = _checked(secret, f"the retired keys file {path!r}, line {number}")
            keys[key.key_id] = key
    return keys


def _key_file(path: str, variable: str, what: str) -> bytes:
    """The bytes of the ``what`` ``path`` (named by ``variable``), read no further than
    ``MAX_KEY_FILE_BYTES``."""
    try:
        with Path(path).open("rb") as file:
            raw = file.read(MAX_KEY_FILE_BYTES + 1)
    except OSError as exc:
        raise ConfigError(f"{variable}: cannot read the {what} {path!r} ({exc.strerror})") from None
    if len(raw) > MAX_KEY_FILE_BYTES:
        raise ConfigError(
            f"{variable}: the {what} {path!r} is larger than {MAX_KEY_FILE_BYTES:,} bytes, "
            "more than any holds: name the file of keys"
        )
    return raw


def _checked(secret: bytes, where: str) -> AuditKey:
    if len(secret) < MIN_KEY_BYTES:
        raise ConfigError(
            f"{where}: the audit key must be at least {MIN_KEY_BYTES} bytes (got {len(secret)}); "
            "generate one with: python -c 'import secrets; print(secrets.token_hex(32))'"
        )
    return AuditKey(secret)
