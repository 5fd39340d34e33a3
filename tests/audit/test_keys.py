from pathlib import Path

import pytest

from complaintkit.audit.keys import AuditKey, load_key, seal
from complaintkit.errors import ConfigError

SECRET = "0123456789abcdef0123456789abcdef"


def test_no_key_configured_means_plain_hashes() -> None:
    assert load_key({}) is None
    assert seal("text", None) == seal("text", None)


def test_key_from_the_environment_or_a_file_is_the_same_key(tmp_path: Path) -> None:
    (tmp_path / "audit.key").write_text(SECRET + "\n")
    from_env = load_key({"COMPLAINTKIT_AUDIT_KEY": SECRET})
    from_file = load_key({"COMPLAINTKIT_AUDIT_KEY_FILE": str(tmp_path / "audit.key")})
    assert from_env == from_file == AuditKey(SECRET.encode())


def test_key_id_names_the_key_without_revealing_it() -> None:
    key = AuditKey(SECRET.encode())
    assert len(key.key_id) == 16
    assert SECRET not in key.key_id
    assert SECRET not in repr(key)
    assert key.key_id != AuditKey(b"another secret of enough length").key_id


def test_a_keyed_seal_differs_from_the_plain_hash() -> None:
    key = AuditKey(SECRET.encode())
    assert seal("text", key) != seal("text", None)
    assert seal("text", key) != seal("text", AuditKey(b"another secret of enough length"))


@pytest.mark.parametrize(
    ("environ", "names"),
    [
        ({"COMPLAINTKIT_AUDIT_KEY": "short"}, "at least 16 bytes"),
        (
            {"COMPLAINTKIT_AUDIT_KEY": SECRET, "COMPLAINTKIT_AUDIT_KEY_FILE": "k"},
            "not both",
        ),
        ({"COMPLAINTKIT_AUDIT_KEY_FILE": "/nonexistent/audit.key"}, "/nonexistent/audit.key"),
    ],
)
def test_bad_key_settings_are_config_errors(environ: dict[str, str], names: str) -> None:
    with pytest.raises(ConfigError, match=names):
        load_key(environ)


@pytest.mark.parametrize("variable", ["COMPLAINTKIT_AUDIT_KEY", "COMPLAINTKIT_AUDIT_KEY_FILE"])
@pytest.mark.parametrize("value", ["", " \n"])
def test_a_key_variable_set_but_empty_is_refused_not_read_as_no_key(
    variable: str, value: str
) -> None:
    """``COMPLAINTKIT_AUDIT_KEY="$AUDIT_KEY"`` with the variable unset was read as no key:
    every writer sealed nothing, silently, as an empty ``--secret`` is refused for."""
    with pytest.raises(ConfigError, match=f"{variable} is set but empty"):
        load_key({variable: value})
