"""Dates as briefings write them ("March 2018", "19 April 2017", "12/03/2019") -> "YYYY[-MM[-DD]]"."""

from __future__ import annotations

import datetime as _dt
import re

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DATE = re.compile(
    rf"(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?)?{_MONTH},?\s+(?P<year>(?:19|20)\d\d)"
    r"|(?P<d2>\d{1,2})[/.](?P<m2>\d{1,2})[/.](?P<y2>(?:19|20)\d\d)"
    r"|(?P<y3>(?:19|20)\d\d)-(?P<m3>\d\d)(?:-(?P<d3>\d\d))?",
    re.IGNORECASE,
)
_YEAR_ONLY = re.compile(r"(?P<year>(?:19|20)\d\d)")
_LABEL = (r"(?:(?:first\s+)?published(?:\s+(?:on|in))?|publication date|date of publication|date"
          r"|updated|last updated|issued|issue date|version date|produced)")
# The whole line is a date, perhaps after a label ("Published: March 2018", "Date - 12/03/2019").
_DATE_LINE = re.compile(rf"^\s*(?:{_LABEL}\s*[:\-–]?\s*)?(?P<date>.{{4,40}}?)\s*$", re.IGNORECASE)
_LABELLED = re.compile(rf"\b{_LABEL}\s*[:\-–]?\s*(?P<date>.{{4,40}})", re.IGNORECASE)


def _valid(year: int, month: int | None, day: int | None) -> str | None:
    if not 1990 <= year <= _dt.date.today().year + 1:
        return None
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        _dt.date(year, month, day)
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _from_match(m: re.Match[str]) -> str | None:
    if m.group("year"):
        day = int(m.group("day")) if m.group("day") else None
        return _valid(int(m.group("year")), _MONTHS[m.group("month").lower()[:3]], day)
    if m.group("y2"):  # UK order: day/month/year
        return _valid(int(m.group("y2")), int(m.group("m2")), int(m.group("d2")))
    day = int(m.group("d3")) if m.group("d3") else None
    return _valid(int(m.group("y3")), int(m.group("m3")), day)


def parse_date(text: str) -> str | None:
    """The first date in the text, normalised; None if there is none."""
    for m in _DATE.finditer(text):
        value = _from_match(m)
        if value:
            return value
    return None


def date_line(text: str) -> str | None:
    """The date when the whole line is a date (optionally labelled), else None."""
    m = _DATE_LINE.match(text)
    if not m:
        return None
    body = m.group("date").strip(" .,")
    dm = _DATE.fullmatch(body)
    if dm:
        return _from_match(dm)
    ym = _YEAR_ONLY.fullmatch(body)
    return _valid(int(ym.group("year")), None, None) if ym else None


def labelled_date(text: str) -> str | None:
    """A date introduced by a label anywhere in the text ("... Published: June 2021 ...")."""
    for m in _LABELLED.finditer(text):
        value = parse_date(m.group("date"))
        if value:
            return value
    return None


def dates_in(text: str, limit: int = 3) -> list[str]:
    """Dates mentioned in the text, as written, for a check message."""
    out: list[str] = []
    for m in _DATE.finditer(text):
        if _from_match(m) and m.group(0) not in out:
            out.append(m.group(0))
            if len(out) >= limit:
                break
    return out
