"""The publication date of a scraped page, read from its whole original text (menus included).

    >>> find_published_date("Seoul says...\\nPublished: 12 March 2024\\nNorth Korea has sent...")
    datetime.date(2024, 3, 12)

Evidence is ranked; the first step that finds a date wins (:func:`find_published_date`):

1. a date the page labels as its own ("Published: ...") is what the page says of itself;
2. a date standing alone on a short line is how pages print their date under the title;
3. the same in another language;
4. the date of the statement the story reports ("said on Feb 27") is, for news, the day of
   publication or the day before, but written without its year, which must be inferred;
5. a weekday with a day ("Thursday, June 26") fixes the year by itself.

A date that describes something else is never taken: a photo caption's "Russia, September 13,
2023. Sputnik/..." says when the photo was taken (file photos are often years old), and a full
date inside a long sentence dates an event of the story. Nothing is guessed: where the text
gives no date, the answer is None, never today's date.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from typing import Any

from ..calendar import (
    WEEKDAY_FULL_PATTERN,
    WEEKDAY_PATTERN,
    YEAR_PATTERN,
    alternation,
    iter_year_tokens,
    month_day_pattern,
    nearest_year_with_weekday,
    parse_iso_date,
    parse_numeric_date_text,
    read_month_day,
    safe_date,
    weekday_number,
)
from .scan import compile_alternation

__all__ = ["find_published_date", "mentioned_years"]

logger = logging.getLogger(__name__)

# --- word tables (data) ----------------------------------------------------------------------------

# Labels that introduce the page's own date; the first group outranks the second, since a page
# that shows both means its first publication by the one and a later edit by the other.
PUBLISHED_LABELS: tuple[str, ...] = (
    "first published",
    "publication date",
    "published",
    "posted",
    "dated",
    "date",
    "released",
    "issued",
    "created",
)
UPDATED_LABELS: tuple[str, ...] = ("last updated", "last modified", "updated", "modified", "edited")

# Verbs of a statement; "X said on Feb 27" dates the statement, and news is published that day.
REPORTING_VERBS: tuple[str, ...] = (
    "said",
    "says",
    "told",
    "reported",
    "announced",
    "stated",
    "confirmed",
    "added",
    "declared",
    "warned",
    "claimed",
    "revealed",
    "disclosed",
    "noted",
    "wrote",
    "posted",
    "briefed",
    "testified",
    "estimated",
    "informed",
    "published",
)

# Marks of a photo caption or credit; a date there says when the photo was taken.
CAPTION_MARKERS: tuple[str, ...] = (
    r"\bFILE PHOTO\b",
    r"\bPHOTO\b",
    r"\bPhoto\s*:",
    r"\bPhoto by\b",
    r"\bAP Photo\b",
    r"\bREUTERS/",
    r"/REUTERS\b",
    r"\bvia REUTERS\b",
    r"\bAFP/",
    r"/AFP\b",
    r"\bvia AFP\b",
    r"\bvia AP\b",
    r"/AP\b",
    r"\bGetty Images\b",
    r"\bEPA-EFE\b",
    r"/EPA\b",
    r"\bSputnik/",
    r"/Pool\b",
    r"\bCredit\s*:",
    r"\bImage\s*:",
    r"\bPicture\s*:",
)

# Years after these look ahead ("elections due by 2027") and say nothing of when the page was written.
FORWARD_YEAR_CUES: tuple[str, ...] = (
    "by",
    "until",
    "till",
    "ahead of",
    "due in",
    "scheduled for",
    "planned for",
    "slated for",
    "expected in",
)

# --- thresholds -------------------------------------------------------------------------------------

# A line this short that holds a full date is a date line (bylines "By X | 27/02/2025 | 2 min read");
# longer ones are sentences or captions, where a date describes the story, not the page.
MAX_DATE_LINE_WORDS = 12
# Lines with at least this many words are prose (menus and bylines are shorter) ...
MIN_PROSE_WORDS = 8
# ... and the statement dateline stands in one of the first few of them (title, standfirst, lead).
MAX_DATELINE_PROSE_LINES = 5
# A page prints its date near the start of a line (a byline, a dateline, a lead's
# first sentence); only this many characters of each line are read for it, so a
# line of megabytes (a dump, a flattened table) costs no more than a paragraph.
MAX_DATE_SEARCH_CHARS = 2_000
# "said on Feb 27": how far the verb may stand before "on DATE" ("told AFP on", "said in a statement on").
MAX_VERB_TO_DATE_CHARS = 60
# "On Feb 27, an official from Seoul's National Intelligence Agency said": date to verb.
MAX_DATE_TO_VERB_CHARS = 150
# A weekday fixes the year of "Thursday (Jun 26)" within this many years of the text's latest
# year: a day falls on the same weekday again after 5, 6 or 11 years, so within six years on
# either side the nearest match is close to the text's own years, and further out it is noise.
WEEKDAY_YEAR_WINDOW = 6
# "elections due by 2027": how far before a year its forward-looking cue may stand.
MAX_YEAR_CUE_CHARS = 20
# The longest month has 31 days: a candidate with no number from 1 to this is no full date.
MAX_DAY_OF_MONTH = 31

# --- patterns built from the tables ------------------------------------------------------------------


_TIME = r"\d{1,2}[:.]\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+[A-Z]{2,4})?"
_FULL_DATE = (
    rf"(?:(?:(?:{WEEKDAY_PATTERN}),?\s+)?{month_day_pattern()},?\s+(?P<y1>{YEAR_PATTERN})"
    r"|(?<![\d/.-])(?P<iso>(?:19|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2})(?![\d/])"
    r"|(?<![\d/.-])(?P<num>\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d\d)(?![\d/]))"
)
_YEARLESS_DATE = (
    rf"(?:(?P<wd>{WEEKDAY_PATTERN})\s*,?\s*\(?\s*)?{month_day_pattern()}(?:,?\s+(?P<y>{YEAR_PATTERN}))?"
)
# A label opens a line or follows a byline separator ("By Jane Doe | Published ..."); in a
# sentence ("the warning issued 12 March") the same words date something else.
_LABEL = (
    rf"(?:^\W*|[|•·,;–—]\s*)(?i:(?P<label>{alternation((*PUBLISHED_LABELS, *UPDATED_LABELS))}))\b"
    r"\s*(?:(?i:on|at)\b)?\s*:?\s*"
)
_VERBS = rf"\b(?:{alternation(REPORTING_VERBS)})\b"

_FULL_DATE_RE = re.compile(_FULL_DATE)
_LABELLED_DATE_RE = re.compile(rf"{_LABEL}(?:{_TIME}\s*,?\s*)?{_FULL_DATE}")
_CAPTION_RE = compile_alternation(CAPTION_MARKERS)
_DATELINE_RES: tuple[re.Pattern[str], ...] = (
    # "a South Korean lawmaker said on Thursday (Jun 26)", "told AFP on Feb 27"
    re.compile(rf"{_VERBS}[^.!?\n]{{0,{MAX_VERB_TO_DATE_CHARS}}}?\b[Oo]n\s+{_YEARLESS_DATE}"),
    # "On Feb 27, an official ... said"
    re.compile(rf"(?:^|[.!?]\s+)On\s+{_YEARLESS_DATE}\)?,[^.!?\n]{{0,{MAX_DATE_TO_VERB_CHARS}}}?{_VERBS}"),
    # "Published Feb 27" (a label, but no year)
    re.compile(rf"{_LABEL}{_YEARLESS_DATE}"),
    # the wire dateline: "KYIV, Ukraine, Feb 27 (Reuters) -", "SEOUL, Feb. 27 (Yonhap) --"
    re.compile(
        rf"^\W*[A-Z][A-Z .'’-]{{1,40}}(?:,\s*[A-Z][A-Za-z .'’-]{{1,30}})?,\s+{_YEARLESS_DATE}"
        r"\s*(?:\([^)\n]{1,40}\))?\s*[-–—:]"
    ),
)
_WEEKDAY_DATE_RE = re.compile(
    rf"(?P<wd>{WEEKDAY_FULL_PATTERN})\s*(?:,\s*|\(\s*){month_day_pattern()}(?:,?\s+(?P<y>{YEAR_PATTERN}))?"
)
# Full dates in other languages, handed to dateparser: "27 février 2025", "27 de febrero de 2025",
# "февраля 27, 2025", "2025년 2월 27일".
_FOREIGN_DATE_RES: tuple[re.Pattern[str], ...] = (
    re.compile(r"(?<!\d)\d{1,2}\.?\s*(?:de\s+)?[^\W\d_]{3,12}\.?\s*(?:de\s+)?,?\s*(?:19|20)\d\d(?!\d)"),
    re.compile(r"[^\W\d_]{3,12}\.?\s+\d{1,2},?\s+(?:19|20)\d\d(?!\d)"),
    re.compile(r"(?:19|20)\d\d\s*[년年]\s*\d{1,2}\s*[월月]\s*\d{1,2}\s*[일日]?"),
)
_FORWARD_CUE_RE = re.compile(rf"(?i:\b(?:{alternation(FORWARD_YEAR_CUES)}))\s+$")
_SLASH_PAIR_RE = re.compile(r"(?:19|20)\d\d\s*/\s*$")
_SHORT_NUMBER_RE = re.compile(r"(?<!\d)\d{1,2}(?!\d)")
_RELATIVE_WORD_RE = re.compile(r"(?i:\bago\b|yesterday|today|tomorrow|\bnow\b)")
_DATEPARSER_SETTINGS: dict[str, Any] = {
    "PREFER_DATES_FROM": "past",
    "RETURN_AS_TIMEZONE_AWARE": False,
    "STRICT_PARSING": True,
    "REQUIRE_PARTS": ["day", "month", "year"],
}

# --- reading one match ---------------------------------------------------------------------------------


def _full_date(match: re.Match[str]) -> dt.date | None:
    """The date of a :data:`_FULL_DATE` match (textual, ISO or numeric)."""
    if match.group("iso"):
        return parse_iso_date(match.group("iso"))
    if match.group("num"):
        return parse_numeric_date_text(match.group("num"))
    month_day = read_month_day(match)
    year = match.group("y1")
    return safe_date(int(year), *month_day) if month_day and year else None


def _yearless_date(match: re.Match[str], years: list[int]) -> dt.date | None:
    """A day written without its year, the year taken from its weekday or the text's years.

    1. a year written after all ("Feb 27, 2025") is that year;
    2. a weekday ("Thursday (Jun 26)") picks the year, near the text's latest, where the day
       falls on that weekday;
    3. otherwise the latest year the text mentions: news looks back, so the years it names
       are mostly past ones and the latest is usually the current one. This fails when the
       text names a later year ("the 2026 election") or none of the current one.
    """
    month_day = read_month_day(match)
    if month_day is None:
        return None
    if match.group("y"):
        return safe_date(int(match.group("y")), *month_day)
    if not years:
        return None
    weekday = weekday_number(match.group("wd")) if match.group("wd") else None
    if weekday is None:
        return safe_date(max(years), *month_day)
    year = nearest_year_with_weekday(
        *month_day, weekday, target_year=max(years), window_years=WEEKDAY_YEAR_WINDOW
    )
    return safe_date(year, *month_day) if year is not None else None


# --- the text's lines and years ------------------------------------------------------------------------


def _is_caption(line: str) -> bool:
    return _CAPTION_RE.search(line) is not None


def _date_lines(lines: list[str]) -> list[str]:
    """Short lines that are no caption: where a page prints its own date."""
    return [ln for ln in lines if len(ln.split()) <= MAX_DATE_LINE_WORDS and not _is_caption(ln)]


def _lead_prose_lines(lines: list[str]) -> list[str]:
    """The first few lines of running prose (no captions): where the statement dateline stands."""
    prose = [ln for ln in lines if len(ln.split()) >= MIN_PROSE_WORDS and not _is_caption(ln)]
    return prose[:MAX_DATELINE_PROSE_LINES]


def mentioned_years(text: str) -> list[int]:
    """The years a text mentions, in order, leaving out those that look ahead.

    "by 2030", "until 2027" name plans, and the second year of a slash pair ("Insight
    2025/2026", a season or fiscal year) names where the span ends; neither says when the
    text was written.
    """
    years: list[int] = []
    for token in iter_year_tokens(text):
        before = text[max(0, token.start - MAX_YEAR_CUE_CHARS) : token.start]
        if _FORWARD_CUE_RE.search(before) or _SLASH_PAIR_RE.search(before):
            continue
        years.append(token.year)
    return years


# --- the steps ------------------------------------------------------------------------------------------


def _labelled_date(lines: list[str]) -> dt.date | None:
    """Step 1: "Published: 12 March 2024", "date 2025-02-27"; a published label beats an updated one."""
    updated: dt.date | None = None
    for line in lines:
        for match in _LABELLED_DATE_RE.finditer(line):
            date = _full_date(match)
            if date is None:
                continue
            if " ".join(match.group("label").lower().split()) in PUBLISHED_LABELS:
                return date
            updated = updated or date
    return updated


def _standalone_date(date_lines: list[str]) -> dt.date | None:
    """Step 2: a short line holding a full date: "27/02/2025", "Mar 12, 2024", a byline."""
    for line in date_lines:
        for match in _FULL_DATE_RE.finditer(line):
            date = _full_date(match)
            if date is not None:
                return date
    return None


def _foreign_date(date_lines: list[str]) -> dt.date | None:
    """Step 3: a short line holding a full date in another language, read by dateparser."""
    for line in date_lines:
        if _RELATIVE_WORD_RE.search(line):
            continue
        for pattern in _FOREIGN_DATE_RES:
            for match in pattern.finditer(line):
                if not _has_day_number(match.group()):
                    continue  # "64 Mar 2025" (a figure before a month): no date, and dateparser is slow to say so
                date = _parse_with_dateparser(match.group())
                if date is not None:
                    return date
    return None


def _has_day_number(candidate: str) -> bool:
    """Whether a number of one or two digits in ``candidate`` can be a day of the month.

    dateparser must read the day (it is a required part) from such a number; without one
    it answers None after trying every language it knows (20 ms, a second at first).
    """
    return any(1 <= int(n) <= MAX_DAY_OF_MONTH for n in _SHORT_NUMBER_RE.findall(candidate))


def _parse_with_dateparser(candidate: str) -> dt.date | None:
    import dateparser  # slow to import; most pages never get here

    parsed = dateparser.parse(candidate, settings=_DATEPARSER_SETTINGS)
    if not isinstance(parsed, dt.datetime) or str(parsed.year) not in candidate:
        return None  # a year it invented is no evidence
    logger.debug("dateparser read %r as %s", candidate, parsed.date())
    return parsed.date()


def _dateline_date(prose: list[str], years: list[int]) -> dt.date | None:
    """Step 4: the statement's date: "said on Feb 27", "On 27 February, X told", "SEOUL, Feb 27 (AP) -"."""
    for line in prose:
        matches = [m for pattern in _DATELINE_RES for m in pattern.finditer(line)]
        for match in sorted(matches, key=lambda m: m.start()):
            date = _yearless_date(match, years)
            if date is not None:
                return date
    return None


def _weekday_date(lines: list[str], years: list[int]) -> dt.date | None:
    """Step 5: a weekday with a day, without a verb: "Thursday, June 26" in the lead or a short line."""
    for line in lines:
        for match in _WEEKDAY_DATE_RE.finditer(line):
            date = _yearless_date(match, years)
            if date is not None:
                return date
    return None


def find_published_date(text: str) -> dt.date | None:
    """Return the page's publication date, or None where its text does not give one.

        >>> find_published_date("SEOUL: ... a lawmaker said on Thursday (Jun 26) ... in 2025")
        datetime.date(2025, 6, 26)

    Steps, highest confidence first; the first that finds a date wins:

    1. a labelled date ("Published: 12 March 2024", "Updated 3:45 PM, March 12, 2024");
    2. a short line that holds a full date ("27/02/2025", "Mar 12, 2024");
    3. the same in another language ("27 février 2025"), through dateparser;
    4. the statement dateline of the lead ("said on Feb 27", "said on Thursday (Jun 26)"),
       its year from the weekday or else the latest year the text mentions;
    5. a weekday with a day ("Thursday, June 26") in the lead or a short line.

    A weekday alone ("said on Thursday") gives nothing, and a day without a year gives
    nothing when the text mentions no year at all. Full dates inside long sentences and
    captions are not used: they date the story's events or the photo, not the page.
    """
    lines = [line.strip()[:MAX_DATE_SEARCH_CHARS] for line in text.splitlines() if line.strip()]
    date_lines = _date_lines(lines)
    lead = _lead_prose_lines(lines)
    years = mentioned_years(text)
    return (
        _labelled_date(lines)
        or _standalone_date(date_lines)
        or _foreign_date(date_lines)
        or _dateline_date([*lead, *date_lines], years)
        or _weekday_date([*lead, *date_lines], years)
    )
