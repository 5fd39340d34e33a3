"""How a message is parsed: the standard library's default policy, except for the MIME
headers its parser trips over.

A parameter name ending in ``*`` with no value (``Content-Disposition: attachment;
filename*``) makes that parser raise ``IndexError`` while the message is being parsed, so
one attachment's odd header cost the whole message. A parameter without a value says
nothing, so such a header is read without its parameters that have none; one that still
cannot be read keeps only its type (``attachment``, ``image/png``), as written.

8-bit bytes in a MIME header (a file name in raw GBK, as Chinese mail clients write it)
are read as a raw header of the message is, as UTF-8, else as GB18030: the standard
library reads any that are not UTF-8 as U+FFFD. So are a file name's encoded words and
RFC 2231 charset, in the superset the label's writers use (``mail_encoded_words``), and
a parameter's RFC 2231 pieces as the bytes they were cut from (``mail_parameter_pieces``);
a name in no charset a codec reads is read as unlabelled text is (``mail_name_guess``).

A MIME header longer than ``MAX_MIME_HEADER_CHARS`` refuses the message, naming it: the
standard library parses parameters in time growing with the square of their number (a
190 kB Content-Type of 20,000 held the intake 22 seconds), and a file name of a megabyte
would be kept in the complaint's notes.
"""

from __future__ import annotations

import email.policy
import re
from email.headerregistry import BaseHeader, HeaderRegistry

from complaintkit.channels.mail_charsets import guessed_text
from complaintkit.channels.mail_encoded_words import relabelled_parameters, relabelled_words
from complaintkit.channels.mail_name_guess import guessed_names
from complaintkit.channels.mail_parameter_pieces import joined_sections
from complaintkit.errors import InvalidInput

#: The headers whose value is MIME parameters; the headers a complaint is made of are not
#: among them: one that cannot be read is refused, naming it (``mail_message``).
_MIME = frozenset({"content-type", "content-disposition", "content-transfer-encoding"})
_PARSER_ERRORS = (ValueError, IndexError, TypeError, AttributeError)
#: A parameter with no ``=`` (and no quote, which could hide a ``;``).
_NO_VALUE = re.compile(r';[^;="]*(?=;|\s*$)')
_AS_WRITTEN = HeaderRegistry(use_default_map=False)
#: The longest MIME header read: a 255-character Chinese file name, %-encoded, is 2.3 kB.
MAX_MIME_HEADER_CHARS = 8 * 1024


class _Headers(HeaderRegistry):
    """The default header classes; a MIME header they cannot parse is read as the module
    docstring says."""

    def __call__(self, name: str, value: str) -> BaseHeader:
        if name.lower() not in _MIME:
            return super().__call__(name, value)
        if len(value) > MAX_MIME_HEADER_CHARS:
            raise InvalidInput(
                name,
                f"header is {len(value):,} characters long; the limit is {MAX_MIME_HEADER_CHARS:,}",
            )
        value = relabelled_words(_eight_bit_read(value))
        value = guessed_names(relabelled_parameters(joined_sections(value)))
        try:
            return super().__call__(name, value)
        except _PARSER_ERRORS:
            pass
        try:
            return super().__call__(name, _NO_VALUE.sub("", value))
        except _PARSER_ERRORS:
            return _AS_WRITTEN(name, value.split(";", 1)[0])


POLICY = email.policy.default.clone(header_factory=_Headers())


def _eight_bit_read(value: str) -> str:
    """``value`` as the parser gives it (8-bit bytes as surrogate escapes) with those bytes
    read as UTF-8, else GB18030; as it is if neither reads them."""
    try:
        written = value.encode("ascii", "surrogateescape")
    except UnicodeEncodeError:  # already text: no bytes to read
        return value
    return guessed_text(written) or value
