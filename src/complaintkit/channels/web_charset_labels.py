"""Charset labels that mailers and browsers send and Python's codec registry does not know.

The WHATWG Encoding Standard lists the labels browsers (and the mail programs built on
their engines: Thunderbird, webmail) read; Python knows most of them, but not
``unicode-1-1-utf-8``, ``windows-874``, ``x-mac-roman``, ``iso-8859-8-i``, ``x-cp1251``,
``ks_c_5601-1989`` and sixty more, and a part, encoded word or form so labelled was
refused as in an unknown charset. Each is read here by the codec the Standard reads it
with (EUC-KR's labels by its superset, as ``mail_charsets`` reads EUC-KR). ``win-1251``
and its kin, which old Russian mail programs write, the Standard does not list.
"""

from __future__ import annotations

#: Each label Python does not know, and the Python codec that reads text so labelled.
WEB_LABELS = {
    **dict.fromkeys(
        ["unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8"], "utf-8"
    ),
    **{f"iso8859{n}": f"iso8859-{n}" for n in range(1, 11)},
    **{f"iso88591{n}": f"iso8859-1{n}" for n in (0, 3, 4, 5)},
    **dict.fromkeys(["csiso88596e", "csiso88596i", "iso-8859-6-e", "iso-8859-6-i"], "iso8859-6"),
    "sun_eu_greek": "iso8859-7",
    **dict.fromkeys(["csiso88598e", "iso-8859-8-e", "visual"], "iso8859-8"),
    # logical order: the same characters as ISO-8859-8, shown otherwise
    **dict.fromkeys(["csiso88598i", "iso-8859-8-i", "logical"], "iso8859-8"),
    "csisolatin9": "iso8859-15",
    **dict.fromkeys(["koi", "koi8"], "koi8-r"),
    "koi8-ru": "koi8-u",
    **dict.fromkeys(["csmacintosh", "mac", "x-mac-roman"], "mac-roman"),
    **dict.fromkeys(["x-mac-cyrillic", "x-mac-ukrainian"], "mac-cyrillic"),
    **dict.fromkeys(["dos-874", "iso885911", "windows-874"], "cp874"),
    **{f"x-cp125{n}": f"cp125{n}" for n in range(9)},
    **{f"win-125{n}": f"cp125{n}" for n in range(9)},
    **dict.fromkeys(["cseucpkdfmtjapanese", "x-euc-jp"], "euc_jp"),
    **dict.fromkeys(
        ["cseuckr", "csksc56011987", "iso-ir-149", "ks_c_5601-1989", "ksc_5601"], "cp949"
    ),
    "unicodefffe": "utf-16-be",
    **dict.fromkeys(["csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff"], "utf-16"),
}
