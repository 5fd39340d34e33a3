"""A TLS handshake's failure in words an operator can act on.

OpenSSL's own words (``[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed:
self-signed certificate (_ssl.c:1006)``) say what went wrong to whoever knows TLS, not what
to mend, nor on which side: trust the server's CA here, have its certificate renewed, name
the server as its certificate does, or reach its TLS port at all.
"""

from __future__ import annotations

import ssl

from complaintkit.notify.failure_chain import found_in_chain

#: OpenSSL's verify codes for a certificate this machine does not trust (X509_V_ERR_*):
#: self-signed, self-signed in the chain, issuer unknown here (local, or only the leaf).
_UNTRUSTED = frozenset({18, 19, 20, 21})
#: ... for one past its dates (not yet valid, expired).
_OUT_OF_DATE = frozenset({9, 10})
#: ... for one naming another host (or IP address) than the one reached.
_OTHER_NAME = frozenset({62, 64})


def tls_trouble(failure: BaseException | None, asked: str, without: str) -> str | None:
    """What ``failure`` (or what caused it) says went wrong in a TLS handshake, and what to
    mend; None when it is no TLS failure. ``asked`` names what asked for TLS (``the URL's
    https``, ``starttls: yes``), ``without`` what asks for none: a server that speaks no TLS
    there fails the handshake."""
    found = found_in_chain(failure, ssl.SSLError)
    return None if found is None else _said(found, asked, without)


def _said(error: ssl.SSLError, asked: str, without: str) -> str:
    if isinstance(error, ssl.SSLCertVerificationError):
        why = error.verify_message or str(error)
        if error.verify_code in _UNTRUSTED:
            return (
                f"its TLS certificate is not trusted on this machine ({why}): add the CA "
                "that signed it to the system's trust store (or name a file of it in "
                "SSL_CERT_FILE), or have the server use a certificate of a public CA"
            )
        if error.verify_code in _OUT_OF_DATE:
            return (
                f"its TLS certificate is out of date ({why}): have the server's certificate renewed"
            )
        if error.verify_code in _OTHER_NAME:
            return (
                f"its TLS certificate is for another name ({why}): reach the server by a "
                "name its certificate holds"
            )
        return f"its TLS certificate was refused ({why})"
    reason = getattr(error, "reason", None)  # OpenSSL's name for it, when OpenSSL raised it
    if reason in ("WRONG_VERSION_NUMBER", "RECORD_LAYER_FAILURE", "UNKNOWN_PROTOCOL"):
        return (
            f"it speaks no TLS there ({reason}), which {asked} asks for: check the port, "
            f"or use {without} for a server that has no TLS"
        )
    return f"the TLS handshake failed ({reason or error})"
