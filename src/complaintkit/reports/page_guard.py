"""What a browser may do with an HTML file complaintkit writes (a report, a replay).

The files hold stored text anyone may have typed (a product, an owner, a reason), escaped
where it is written; this policy keeps a slip in escaping from running anything: no
script, plug-in, frame, image, font or connection, from anywhere, the one inline style
sheet aside. A file opened from disk has no response headers, so it is a ``<meta>``, the
first thing in the head after the character set.
"""

from __future__ import annotations

from typing import Final

CONTENT_SECURITY_POLICY: Final = (
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
)
GUARD_META: Final = (
    f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">'
)
