"""Reading a ``sqlite:`` URL: the one file it names and its one option.

Anything the URL says that would be ignored — a host, a ``#fragment``, an option without a
value or given twice — is a ``BadStorageURL`` naming it, so a mistyped URL never opens a
store somewhere the user did not mean. The path is percent-decoded, as a URL's is, so any
file name can be written (``%3F`` for ``?``, ``%23`` for ``#``); :func:`sqlite_url` does it.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qsl, quote, unquote, urlsplit

from complaintkit.errors import BadStorageURL

SYNCHRONOUS = ("full", "normal", "off")

_WRITE = "write sqlite:///cases.db (relative) or sqlite:////srv/desk/cases.db (absolute)"


def database_file(url: str) -> Path:
    """The file a URL names: ``sqlite:///cases.db`` relative, ``sqlite:////db/c.db`` absolute."""
    parts = urlsplit(url)
    if parts.scheme != "sqlite" or not parts.path:
        raise BadStorageURL(f"{url!r} is not a SQLite URL; write sqlite:///path/to/cases.db")
    after_scheme = url[len("sqlite:") :]
    if parts.netloc:
        raise BadStorageURL(
            f"{url!r} names a host {parts.netloc!r}; a SQLite file has none: {_WRITE}"
        )
    if after_scheme.startswith("/") and not after_scheme.startswith("//"):
        raise BadStorageURL(
            f"{url!r}: with one slash it is unclear whether the path is relative; {_WRITE}"
        )
    if "#" in url:
        raise BadStorageURL(f"{url!r}: a '#' ends a URL; in a file name write it %23")
    try:
        path = unquote(
            parts.path[1:] if parts.path.startswith("/") else parts.path, errors="strict"
        )
    except UnicodeDecodeError:
        raise BadStorageURL(f"{url!r}: its %-escapes are not UTF-8 text") from None
    if not path:
        raise BadStorageURL(f"{url!r} names no file; {_WRITE}")
    if path.endswith("/"):
        raise BadStorageURL(f"{url!r} names a folder; name the database file in it (…/cases.db)")
    if path == ":memory:":  # reports and batch incidents would open an empty one of their own
        raise BadStorageURL(f"{url!r}: SQLite's :memory: has one connection; write memory:")
    if "\0" in path:
        raise BadStorageURL(f"{url!r}: a file name cannot hold a NUL (%00)")
    return Path(path)


def file_exists(url: str, path: Path) -> bool:
    """Whether ``path``, the file ``url`` names, exists; a name the system cannot look up
    (longer than the filesystem allows), or one under a file as if it were a folder (the
    source given where the store goes), is a ``BadStorageURL`` naming the URL."""
    try:
        if path.exists():
            return True
        above = next((p for p in path.absolute().parents if p.exists()), None)
    except OSError as exc:
        raise BadStorageURL(f"{url!r}: cannot look for {str(path)!r}: {exc.strerror}") from None
    if above is not None and not above.is_dir():
        raise BadStorageURL(
            f"{url!r}: {str(above)!r} is a file, not a folder; name the store's file in a folder"
        )
    return False


def openable_file(url: str) -> Path:
    """The file a URL names, refused when no file can be there: in a folder that does not
    exist, a folder itself, or a FIFO or device (opening a FIFO waits for a writer, deaf
    to signals)."""
    path = database_file(url)
    if path.parent and not file_exists(url, path.parent):
        home = path.parts[0].startswith("~")  # no shell expands it inside a URL
        raise BadStorageURL(
            f"{url!r}: folder {str(path.parent)!r} does not exist"
            + (f"; a '~' in a URL is no home folder: {_WRITE}" if home else "")
        )
    if file_exists(url, path) and path.is_dir():
        raise BadStorageURL(
            f"{url!r}: cannot open {str(path)!r} as a database: it is a folder; name a file in it"
        )
    if file_exists(url, path) and not path.is_file():  # SQLite would wait on a FIFO forever
        raise BadStorageURL(
            f"{url!r}: cannot open {str(path)!r} as a database: it is not a regular file "
            "(a FIFO, socket or device); name a file"
        )
    return path


def synchronous(url: str) -> str:
    """The ``synchronous`` option (``full`` unless given): the URL's only one."""
    values = "|".join(SYNCHRONOUS)
    usage = f"the only option is synchronous={values}"
    try:
        pairs = parse_qsl(urlsplit(url).query, keep_blank_values=True, strict_parsing=True)
    except ValueError:  # a field with no '=': ?synchronous, ?fast
        raise BadStorageURL(f"{url!r}: an option without a value; {usage}") from None
    names = [name for name, _ in pairs]
    for name in names:
        if name != "synchronous":
            raise BadStorageURL(f"{url!r}: unknown option {name!r}; {usage}")
    if len(names) > 1:
        raise BadStorageURL(f"{url!r}: synchronous is given twice; give it once")
    value = pairs[0][1].lower() if pairs else "full"
    if value not in SYNCHRONOUS:
        raise BadStorageURL(f"{url!r}: synchronous={pairs[0][1]!r} is not one of {values}")
    return value


def sqlite_url(path: Path) -> str:
    """The URL naming ``path``, whatever characters its name holds."""
    return "sqlite:///" + quote(str(path), safe="/")
