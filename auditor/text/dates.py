"""Dates and clock times as page furniture prints them: bylines, stamps, datelines."""

from __future__ import annotations

import re

_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
# Dates and clock times as page furniture prints them; the month may be glued to a name
# before it ("NewsApril 19, 2021"), so there is no word boundary on its left.
DATE_OR_TIME = re.compile(
    rf"{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\b\d{{1,2}}\s+{_MONTHS}\.?,?\s+\d{{4}}"
    r"|\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b"
    r"|\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?|[AP]M|GMT|UTC|EDT|EST|BST|CET)?"
)
