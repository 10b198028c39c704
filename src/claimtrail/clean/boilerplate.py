"""Line classification for flattened text dumps: body, caption, boilerplate, duplicate.

No library cleans a page that was already flattened to text, so the cleaner
works line by line from features (length, stop-word density, bullets, end
punctuation, repetition, cut markers), in numbered steps:

1. split the original text into lines, keeping offsets;
2. furniture and appeals by pattern;
3. cut markers: after some body text, a marker ends the article;
4. menus: runs of short bulleted lines, tag lists, and short lines without end punctuation;
5. prose or headline lines stay (but headlines in a box opened by a marker
   before the article, "Recommended Stories", are other stories); captions
   are labelled;
6. a content line repeated verbatim (or as a prefix of itself) is a duplicate;
7. on a hard-wrapped page (every line cut near one width), a run of lines
   where each line is full and open (no end punctuation) is one paragraph
   block, so that a sentence running over a line break stays one sentence.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..models import LIST_ITEM_REASON, Block, BlockKind, CleanDocument, RawDocument
from ..settings import CleanSettings

# A headline runs from about five words ("Floods kill 27 in north") to about
# 25; longer lines without end punctuation are tag clouds or link lists.
HEADLINE_MIN_WORDS = 5
HEADLINE_MAX_WORDS = 25
# A run of this many bulleted lines in a row is a menu or tag list.
MENU_RUN_MIN_LINES = 3
# ... unless a line ending in a colon opens it and its items end in a semicolon (the
# last in a full stop): a list in the article's prose ("lost: • 45 tanks; • 99 guns.").
LIST_ITEM_END = ";"
LIST_OPENER_END = ":"
# A line holding this many sentence ends inside it is prose even when it stops without
# one: an excerpt cut off mid-sentence ("... 3800 вбито або поранено. Вони можуть привезти багат").
MIN_INNER_SENTENCES = 1
_INNER_SENTENCE_END = re.compile(r"\w[.!?][\"»”)]*\s+[\"«„“(]*(\w)")
# Two lines count as one repeated caption when the shorter is a prefix of the
# longer and at least this long (a caption reprinted with a credit appended).
DUPLICATE_PREFIX_MIN_CHARS = 40
# A line of this many comma-separated short items without function words is a
# tag cloud ("North Korea, Russia, Ukraine, Kursk"); a headline listing
# things ("Floods, landslides kill 27 in Nepal") has a long last item.
TAG_LIST_MIN_ITEMS = 4
# Prose lines that must precede a cut marker for it to end the article; a
# marker above the article ("Comments (0)" in a share bar under the headline)
# is furniture, not the end. Headlines do not count: only paragraphs.
MIN_BODY_LINES_BEFORE_CUT = 2
# Hard-wrapped pages: a plain-text mail or a terminal dump cuts lines at 64 to
# 80 characters (some tools at up to 100); a page whose lines run longer was
# not wrapped by width, and its lines are paragraphs.
MAX_WRAP_WIDTH = 100
# Lines this short are not counted when finding the width: a paragraph's last
# line, a byline, a date; a wrapper's width is well above it.
MIN_WRAPPED_LINE_CHARS = 40
# A page is hard-wrapped when at least this many of its lines end within
# WRAP_SLACK_CHARS of the width: one or two full lines are chance, a run of
# them is a wrapper.
MIN_FULL_LINES = 4
# ... and when at least this share of its lines (above MIN_WRAPPED_LINE_CHARS) is
# that full: on a page of paragraphs only some lines happen to be that long.
MIN_FULL_LINE_SHARE = 0.5
# A wrapper moves a word to the next line when it does not fit, so a wrapped line
# ends within about one long word (15 characters) of the width; pages re-flowed
# from a proportional font vary by some characters more (lines of 70 to 83).
WRAP_SLACK_CHARS = 15
# A line with at least this share of its words capitalised is a title-case
# headline ("Floods Kill 27 In North"), never the first half of a sentence.
TITLE_CASE_SHARE = 0.7
# Line kinds a wrapped paragraph may take in: prose, a headline-like opening
# half ("The Minister said on Monday that"), a short closing line ("hospitals.").
_WRAPPABLE = frozenset({"prose", "headline", "short line"})


@dataclass(frozen=True)
class _Rules:
    terminal: tuple[re.Pattern[str], ...]
    furniture: tuple[re.Pattern[str], ...]
    captions: tuple[re.Pattern[str], ...]
    appeals: tuple[str, ...]
    stamps: tuple[re.Pattern[str], ...]
    bullets: str
    sentence_end: str
    stopwords: frozenset[str]


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str  # stripped of whitespace and bullets
    bulleted: bool
    words: int


@lru_cache(maxsize=1)
def load_rules() -> _Rules:
    """Read the bundled heuristics (``clean/data/boilerplate.toml``) once."""
    raw = resources.files(__package__).joinpath("data/boilerplate.toml").read_text("utf-8")
    data = tomllib.loads(raw)

    def compile_all(key: str) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p, re.IGNORECASE) for p in data[key])

    return _Rules(
        terminal=compile_all("terminal_markers"),
        furniture=compile_all("line_patterns"),
        captions=compile_all("caption_patterns"),
        appeals=tuple(p.lower() for p in data["appeal_phrases"]),
        stamps=compile_all("line_stamps"),
        bullets=data["bullets"],
        sentence_end=data["sentence_end"],
        stopwords=frozenset(data["stopwords"].split()),
    )


_WORD = re.compile(r"[\w'’-]+")
_ALPHA_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def split_lines(text: str, bullets: str, stamps: tuple[re.Pattern[str], ...] = ()) -> list[_Line]:
    """Step 1: the non-blank lines of ``text`` with offsets of their stripped content.

    A capture stamp opening a line (``stamps``) is not part of its content.
    """
    lines: list[_Line] = []
    for m in re.finditer(r"[^\n]+", text):
        raw = m.group()
        body = raw.strip()
        stamp = next((s.match(body) for s in stamps if s.match(body)), None)
        if stamp:
            body = body[stamp.end() :]
        if not body:
            continue
        bulleted = body[0] in bullets and (len(body) == 1 or body[1] in " \t")
        # (every kind of whitespace after the bullet, as str.strip() sees it: "\x1f" too)
        content = body.lstrip(bullets + " \t").lstrip() if bulleted else body
        if not content:
            continue
        start = m.start() + (raw.rindex(content) if stamp else raw.index(content))
        lines.append(_Line(start, start + len(content), content, bulleted, len(_WORD.findall(content))))
    return lines


def stopword_ratio(text: str, stopwords: frozenset[str]) -> float:
    words = [w.lower() for w in _ALPHA_WORD.findall(text)]
    return sum(w in stopwords for w in words) / len(words) if words else 0.0


def _is_furniture(line: _Line, rules: _Rules) -> str:
    low = line.text.lower()
    if any(p.search(line.text) for p in rules.furniture):
        return "furniture"
    if any(a in low for a in rules.appeals):
        return "appeal"
    return ""


def _is_prose(line: _Line, rules: _Rules, settings: CleanSettings) -> bool:
    """A sentence (end punctuation, more words than a menu item) or a long line dense in stop words."""
    if line.text[-1] in rules.sentence_end and line.words > settings.max_menu_words:
        return True
    if line.words >= settings.min_body_words and _inner_sentences(line.text) >= MIN_INNER_SENTENCES:
        return True
    return line.words >= settings.min_body_words and (
        stopword_ratio(line.text, rules.stopwords) >= settings.min_stopword_ratio
    )


def _inner_sentences(text: str) -> int:
    """How many sentence ends inside ``text`` open onto a capital or a figure."""
    return sum(m.group(1)[0].isupper() or m.group(1)[0].isdigit() for m in _INNER_SENTENCE_END.finditer(text))


def _is_tag_list(line: _Line, rules: _Rules, settings: CleanSettings) -> bool:
    """A run of short comma-separated items, nearly free of stop words: tags, not a headline."""
    items = [item for item in re.split(r"[,;]", line.text) if item.strip()]
    return (
        len(items) >= TAG_LIST_MIN_ITEMS
        and all(len(_WORD.findall(item)) <= settings.max_menu_words for item in items)
        and stopword_ratio(line.text, rules.stopwords) < settings.min_stopword_ratio
    )


def _is_headline(line: _Line) -> bool:
    first = line.text[0]
    return (
        HEADLINE_MIN_WORDS <= line.words <= HEADLINE_MAX_WORDS
        and (first.isupper() or first.isdigit() or first in "‘'\"“")
        and not line.bulleted
    )


def _menu_lines(lines: list[_Line], settings: CleanSettings) -> tuple[set[int], set[int]]:
    """Step 4a: indexes of lines inside a run of bulleted lines that are mostly short, and
    of those inside a run that is a list of the prose (opened by a colon, items ending in
    a semicolon)."""
    menu: set[int] = set()
    listed: set[int] = set()
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and lines[j].bulleted:
            j += 1
        run = lines[i:j]
        short = sum(ln.words <= settings.max_menu_words for ln in run)
        if run and _is_prose_list(lines[i - 1] if i else None, run):
            listed.update(range(i, j))
        elif len(run) >= MENU_RUN_MIN_LINES and short * 2 > len(run):
            menu.update(range(i, j))
        i = j + 1 if j == i else j
    return menu, listed


def _is_prose_list(opener: _Line | None, run: list[_Line]) -> bool:
    """Whether bulleted ``run`` lists what the line before it opens ("... lost:")."""
    return (
        opener is not None
        and not opener.bulleted
        and opener.text.endswith(LIST_OPENER_END)
        and all(ln.text.endswith(LIST_ITEM_END) for ln in run[:-1])
        and run[-1].text[-1] in LIST_ITEM_END + "."
    )


def _normalise(text: str) -> str:
    return " ".join(text.split()).lower()


def _is_duplicate(text: str, seen: list[str]) -> bool:
    norm = _normalise(text)
    for prev in seen:
        if norm == prev:
            return True
        short, long_ = (norm, prev) if len(norm) <= len(prev) else (prev, norm)
        if len(short) >= DUPLICATE_PREFIX_MIN_CHARS and long_.startswith(short):
            return True
    return False


def classify_lines(raw: RawDocument, settings: CleanSettings) -> CleanDocument:
    """Classify every non-blank line of ``raw.text``; offsets point into it."""
    rules = load_rules()
    lines = split_lines(raw.text, rules.bullets, rules.stamps)
    menu, listed = _menu_lines(lines, settings)
    blocks: list[Block] = []
    seen: list[str] = []
    body_lines = 0
    cut = in_box = False
    for i, line in enumerate(lines):
        kind, reason = _classify_one(line, i in menu, cut, rules, settings)
        if i in listed and reason in ("short line", "prose"):
            kind, reason = BlockKind.BODY, LIST_ITEM_REASON
        if reason == "cut marker":
            # Before the article's prose a marker opens a box ("Recommended Stories")
            # whose headlines belong to other stories; after it, it ends the article.
            cut = body_lines >= MIN_BODY_LINES_BEFORE_CUT
            in_box = not cut and i not in menu  # a marker among menu items is a menu item
        elif in_box and reason == "headline" and not _prose_follows(lines, i, menu, rules, settings):
            kind, reason = BlockKind.BOILERPLATE, "related box"
        elif reason == "prose":
            in_box = False
        if kind in (BlockKind.BODY, BlockKind.CAPTION):
            if _is_duplicate(line.text, seen):
                kind, reason = BlockKind.DUPLICATE, "repeated line"
            else:
                seen.append(_normalise(line.text))
                body_lines += kind is BlockKind.BODY and reason == "prose"
        blocks.append(Block(line.start, line.end, kind, reason))
    return CleanDocument(raw=raw, blocks=tuple(_join_wrapped(raw.text, lines, blocks, rules)))


def wrap_width(lines: list[_Line]) -> int | None:
    """The width a hard-wrapped page was cut at, or None when the page is not hard-wrapped."""
    lengths = [ln.end - ln.start for ln in lines if ln.end - ln.start >= MIN_WRAPPED_LINE_CHARS]
    if not lengths or max(lengths) > MAX_WRAP_WIDTH:
        return None
    width = max(lengths)
    full = sum(n >= width - WRAP_SLACK_CHARS for n in lengths)
    if full < MIN_FULL_LINES or full < MIN_FULL_LINE_SHARE * len(lengths):
        return None
    return width


def _opens_onto_next(text: str, line: _Line, following: _Line, width: int, rules: _Rules) -> bool:
    """Whether ``line`` was cut by the wrapper: full, open at its end, right above ``following``."""
    if line.text[-1] in rules.sentence_end or line.bulleted or following.bulleted:
        return False
    if text.count("\n", line.end, following.start) != 1:
        return False  # a blank line between them ends the paragraph
    if line.end - line.start < width - WRAP_SLACK_CHARS:
        return False  # a short line ended by itself, not at the wrapper's width
    words = _ALPHA_WORD.findall(line.text)
    capitalised = sum(w[0].isupper() for w in words)
    return not (words and capitalised >= TITLE_CASE_SHARE * len(words))


def _stops_mid_sentence(line: str, rules: _Rules) -> bool:
    """Whether ``line`` stops where no title does: on a comma, a hyphen or a stop word."""
    if line[-1] in ",-–—":
        return True
    words = _ALPHA_WORD.findall(line)
    return bool(words) and line.endswith(words[-1]) and words[-1].lower() in rules.stopwords


def _join_wrapped(text: str, lines: list[_Line], blocks: list[Block], rules: _Rules) -> list[Block]:
    """Step 7: on a hard-wrapped page, each run of wrapped lines becomes one body block.

    A run is kept only when one of its lines is prose; a block of a joined run
    spans the line breaks inside it (offsets stay those of the original text).
    """
    width = wrap_width(lines)
    if width is None:
        return blocks
    joined: list[Block] = []
    # A headline before any prose may be the page's title, as long as a wrapped
    # line: it opens onto the next line only when that one goes on in lower case,
    # or when it stops on a comma, a hyphen or a function word ("... said on").
    title = next((k for k, b in enumerate(blocks) if b.reason in ("headline", "prose")), None)
    if title is not None and (
        blocks[title].reason != "headline"
        or title + 1 >= len(lines)
        or lines[title + 1].text[0].islower()
        or _stops_mid_sentence(lines[title].text, rules)
    ):
        title = None
    i = 0
    while i < len(blocks):
        j = i
        while (
            j + 1 < len(blocks)
            and j != title
            and blocks[j].reason in _WRAPPABLE
            and blocks[j + 1].reason in _WRAPPABLE
            and _opens_onto_next(text, lines[j], lines[j + 1], width, rules)
        ):
            j += 1
        if j > i and any(b.reason == "prose" for b in blocks[i : j + 1]):
            joined.append(Block(blocks[i].start, blocks[j].end, BlockKind.BODY, "wrapped prose"))
        else:
            joined.extend(blocks[i : j + 1])
        i = j + 1
    return joined


def _prose_follows(
    lines: list[_Line], i: int, menu: set[int], rules: _Rules, settings: CleanSettings
) -> bool:
    """Whether the line after ``lines[i]`` is prose: a headline right above prose is the article's own."""
    if i + 1 >= len(lines):
        return False
    return _classify_one(lines[i + 1], i + 1 in menu, False, rules, settings)[1] == "prose"


def _classify_one(
    line: _Line, in_menu: bool, cut: bool, rules: _Rules, settings: CleanSettings
) -> tuple[BlockKind, str]:
    if cut:
        return BlockKind.BOILERPLATE, "after cut marker"
    if any(p.search(line.text) for p in rules.terminal):
        return BlockKind.BOILERPLATE, "cut marker"
    furniture = _is_furniture(line, rules)
    if furniture:
        return BlockKind.BOILERPLATE, furniture
    if in_menu:
        return BlockKind.BOILERPLATE, "menu"
    if any(p.search(line.text) for p in rules.captions):
        return BlockKind.CAPTION, "caption"
    ends = line.text[-1] in rules.sentence_end
    if not ends and _is_tag_list(line, rules, settings):
        return BlockKind.BOILERPLATE, "tag list"
    if not ends and _is_headline(line):
        return BlockKind.BODY, "headline"
    if _is_prose(line, rules, settings):
        return BlockKind.BODY, "prose"
    return BlockKind.BOILERPLATE, "short line"
