"""Text that is exactly one decimal number in ASCII digits: ``12``, ``-0.5``, ``.5``,
``1E+3`` — what ``Decimal`` writes and ``float`` reads, with no spaces, ``_``, ``NaN`` nor
``Infinity``.

The digits after a point follow the point only, each possessively, so every digit has one
reading: written ``[0-9]+\\.?[0-9]*``, a run of digits before another character was tried at
every split of the run, quadratic (40 s for 20,000 digits), in a report row or an option
value anyone may write.
"""

from __future__ import annotations

import re
from typing import Final

PLAIN_DECIMAL: Final = re.compile(r"[+-]?(?:[0-9]++(?:\.[0-9]*+)?|\.[0-9]++)(?:[eE][+-]?[0-9]++)?")
