"""The ``Content-Type`` a body is read under. A JSON endpoint reads JSON sent as JSON, as
text, or as ``curl -d`` labels it; an XML document, a file or a form sent to it would be
refused as "not JSON", which names no cause. A form endpoint reads forms. A type giving
its charset twice, or two ``Content-Type`` headers, are refused too: whichever one was
read, the other may have been meant."""

from __future__ import annotations

from email.message import Message

from starlette.requests import Request

from complaintkit.errors import InvalidInput

#: What a JSON endpoint reads as JSON (besides a body with no ``Content-Type``, and any
#: ``application/<name>+json``): ``text/plain`` is what a browser's ``fetch`` sends
#: without asking first, the form type what ``curl -d`` sends.
JSON_TYPES = ("application/json", "text/plain", "application/x-www-form-urlencoded")
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class UnsupportedMediaType(InvalidInput):
    """A body under a ``Content-Type`` the endpoint does not read (HTTP 415)."""

    def __init__(self, message: str) -> None:
        super().__init__("Content-Type", message)


def content_type(request: Request) -> str | None:
    """The request's ``Content-Type``, if any; ``UnsupportedMediaType`` when it is sent
    twice: the copy read would decide how the body is read, and a proxy may go by the
    other."""
    sent = request.headers.getlist("content-type")
    if len(sent) > 1:
        raise UnsupportedMediaType(f"is sent {len(sent)} times; send it once")
    return sent[0] if sent else None


def _parsed(content_type: str) -> tuple[str, list[str]]:
    """The media type, lower-cased, and the names of its parameters, in order."""
    message = Message()  # compat32: it keeps a parameter given twice, where the newer
    message["Content-Type"] = " ".join(content_type.splitlines())  # parser drops one
    params = message.get_params(failobj=[], header="content-type") or []
    kind = content_type.split(";", maxsplit=1)[0].strip().lower()
    return kind, [name.strip().lower().rstrip("*") for name, _ in params[1:]]


def check_media_type(content_type: str | None, accepted: tuple[str, ...]) -> None:
    """``UnsupportedMediaType`` unless ``content_type`` is absent or one of ``accepted``
    (JSON endpoints: any ``+json`` type too), with its charset given at most once."""
    if content_type is None or not content_type.strip():
        return
    kind, names = _parsed(content_type)
    json_suffix = JSON_TYPES[0] in accepted and kind.startswith("application/")
    if kind not in accepted and not (json_suffix and kind.endswith("+json")):
        also = ", ".join(accepted[1:])
        raise UnsupportedMediaType(
            f"is {content_type!r:.80}; this endpoint reads {accepted[0]} (also {also}): "
            f"send the body as {accepted[0]}"
        )
    if names.count("charset") > 1:
        raise UnsupportedMediaType(
            f"is {content_type!r:.80}, which gives charset more than once: give it once"
        )
