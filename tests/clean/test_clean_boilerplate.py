"""Line classification of flattened page dumps: body, caption, boilerplate, duplicate.

Each case is an invented page and the kind every listed line must get, in the order
the line occurs (a line printed twice lists two kinds). The seeds check the same on
real pages: lines holding gold claims are content, "related articles" boxes are not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from claimtrail.clean.boilerplate import load_rules
from claimtrail.models import BlockKind, CleanDocument

BODY = BlockKind.BODY
CAPTION = BlockKind.CAPTION
BOILERPLATE = BlockKind.BOILERPLATE
DUPLICATE = BlockKind.DUPLICATE
CONTENT = (BODY, CAPTION)

HEADLINE = "Floods kill 27 people in northern province"
PROSE_1 = (
    "Floods killed 27 people and displaced about 4,000 residents in the northern province, "
    "the disaster ministry said on Monday."
)
PROSE_2 = "Heavy rain has fallen for three days and more is expected over the weekend, forecasters said."
# A quoted paragraph cut off mid-sentence, too long for a headline, few function words.
EXCERPT = (
    '"North Korea. 12,000 arrived. Today 3,800 killed, wounded. Another 30,000 could follow. Perhaps 500. '
    "Pyongyang decides. Moscow pays. Commanders report heavy losses daily. Kim Jong Un could send"
)
PROSE_3 = "Rescue teams reached the last cut-off villages by boat on Tuesday, officials said."


@dataclass(frozen=True)
class Case:
    page: str
    expected: tuple[tuple[str, tuple[BlockKind | tuple[BlockKind, ...], ...]], ...]
    """(stripped line, the kind of each of its occurrences; a tuple of kinds: any one)."""


def page(*lines: str) -> str:
    return "\n".join(lines) + "\n"


CASES: dict[str, Case] = {
    "a bulleted list of the prose, opened by a colon, items ending in semicolons": Case(
        page(
            HEADLINE,
            PROSE_1,
            "Since August the army has lost:",
            "  • 45 tanks;",
            "  • 99 guns;",
            "  • 5 drones.",
        ),
        (
            ("45 tanks;", (BODY,)),
            ("99 guns;", (BODY,)),
            ("5 drones.", (BODY,)),
        ),
    ),
    "an excerpt cut off mid-sentence after whole sentences is prose": Case(
        page(
            HEADLINE,
            PROSE_1,
            EXCERPT,
        ),
        (
            (
                EXCERPT,
                (BODY,),
            ),
        ),
    ),
    "bulleted menu above the article": Case(
        page("  • Home", "  • World", "  • Politics", "  • Business", "", HEADLINE, "", PROSE_1, PROSE_2),
        (
            ("Home", (BOILERPLATE,)),
            ("World", (BOILERPLATE,)),
            ("Politics", (BOILERPLATE,)),
            ("Business", (BOILERPLATE,)),
            (HEADLINE, (BODY,)),
            (PROSE_1, (BODY,)),
            (PROSE_2, (BODY,)),
        ),
    ),
    "dash and square bullets, menu below the article": Case(
        page(HEADLINE, PROSE_1, PROSE_2, "- News", "- Sport", "- Weather", "■ Contact", "■ Careers"),
        (
            (PROSE_2, (BODY,)),
            ("News", (BOILERPLATE,)),
            ("Sport", (BOILERPLATE,)),
            ("Weather", (BOILERPLATE,)),
            ("Contact", (BOILERPLATE,)),
            ("Careers", (BOILERPLATE,)),
        ),
    ),
    "reading time, byline, share buttons": Case(
        page(HEADLINE, "By Jane Doe", "2 min read", "3 minute read", "Share", "Tweet", "Email", PROSE_1),
        (
            (HEADLINE, (BODY,)),
            ("By Jane Doe", (BOILERPLATE,)),
            ("2 min read", (BOILERPLATE,)),
            ("3 minute read", (BOILERPLATE,)),
            ("Share", (BOILERPLATE,)),
            ("Tweet", (BOILERPLATE,)),
            ("Email", (BOILERPLATE,)),
            (PROSE_1, (BODY,)),
        ),
    ),
    "newsletter sign-up lines": Case(
        page(
            HEADLINE,
            "Sign up now: Get our newsletters delivered to your inbox",
            PROSE_1,
            "Subscribe to our daily briefing and never miss the stories that matter to you.",
            PROSE_2,
        ),
        (
            ("Sign up now: Get our newsletters delivered to your inbox", (BOILERPLATE,)),
            (
                "Subscribe to our daily briefing and never miss the stories that matter to you.",
                (BOILERPLATE,),
            ),
            (PROSE_1, (BODY,)),
            (PROSE_2, (BODY,)),
        ),
    ),
    "caption printed twice": Case(
        page(
            HEADLINE,
            "Rescue workers search a flooded street in the provincial capital on Monday.",
            "Rescue workers search a flooded street in the provincial capital on Monday.",
            PROSE_1,
        ),
        (
            (
                "Rescue workers search a flooded street in the provincial capital on Monday.",
                (CONTENT, DUPLICATE),
            ),
            (PROSE_1, (BODY,)),
        ),
    ),
    "caption reprinted with a credit appended": Case(
        page(
            HEADLINE,
            "Rescue workers wade through a flooded market in the provincial capital on Monday.",
            "Rescue workers wade through a flooded market in the provincial capital on Monday. REUTERS/John Smith",
            PROSE_1,
        ),
        (
            ("Rescue workers wade through a flooded market in the provincial capital on Monday.", (CONTENT,)),
            (
                (
                    "Rescue workers wade through a flooded market in the provincial capital on Monday. "
                    "REUTERS/John Smith"
                ),
                (DUPLICATE,),
            ),
            (PROSE_1, (BODY,)),
        ),
    ),
    "caption with its credit first, then printed bare": Case(
        page(
            HEADLINE,
            "Soldiers load sandbags onto a truck near the river on Sunday. Photo: AFP",
            "Soldiers load sandbags onto a truck near the river on Sunday.",
            PROSE_1,
        ),
        (
            ("Soldiers load sandbags onto a truck near the river on Sunday. Photo: AFP", (CAPTION,)),
            ("Soldiers load sandbags onto a truck near the river on Sunday.", (DUPLICATE,)),
            (PROSE_1, (BODY,)),
        ),
    ),
    "Related Articles ends the article": Case(
        page(
            HEADLINE,
            PROSE_1,
            PROSE_2,
            "Related Articles",
            "Storm leaves 3,000 homes without power in the south",
            "A storm cut power to about 3,000 homes across the south on Sunday, the utility said.",
        ),
        (
            (PROSE_2, (BODY,)),
            ("Related Articles", (BOILERPLATE,)),
            ("Storm leaves 3,000 homes without power in the south", (BOILERPLATE,)),
            (
                "A storm cut power to about 3,000 homes across the south on Sunday, the utility said.",
                (BOILERPLATE,),
            ),
        ),
    ),
    "More In Politics ends the article": Case(
        page(
            HEADLINE,
            PROSE_1,
            PROSE_2,
            "More In Politics MORE...",
            "Parliament approves a US$22.4 billion budget to rebuild flooded roads and bridges.",
        ),
        (
            ("More In Politics MORE...", (BOILERPLATE,)),
            (
                "Parliament approves a US$22.4 billion budget to rebuild flooded roads and bridges.",
                (BOILERPLATE,),
            ),
        ),
    ),
    "Comments ends the article": Case(
        page(
            HEADLINE,
            PROSE_1,
            PROSE_2,
            "Comments",
            "I lost my house in the 2019 floods and nobody helped us rebuild it at all.",
        ),
        (
            ("Comments", (BOILERPLATE,)),
            ("I lost my house in the 2019 floods and nobody helped us rebuild it at all.", (BOILERPLATE,)),
        ),
    ),
    "Comments (0) share bar under the headline does not cut": Case(
        page(HEADLINE, "Comments (0)", "  • Share", "  • Tweet", "  • Email", PROSE_1, PROSE_2, PROSE_3),
        (
            (HEADLINE, (BODY,)),
            ("Comments (0)", (BOILERPLATE,)),
            (PROSE_1, (BODY,)),
            (PROSE_2, (BODY,)),
            (PROSE_3, (BODY,)),
        ),
    ),
    "Related Articles above the body does not cut": Case(
        page("Related Articles", HEADLINE, PROSE_1, PROSE_2),
        (
            ("Related Articles", (BOILERPLATE,)),
            (HEADLINE, (BODY,)),
            (PROSE_1, (BODY,)),
            (PROSE_2, (BODY,)),
        ),
    ),
    "a box of other stories above the body": Case(
        page(
            HEADLINE,
            "Recommended Stories",
            "list of 3 items",
            "Russia says 1,500 Ukrainian troops killed in a day",
            "list 2 of 3",
            "Storm leaves 40,000 homes without power in the north",
            "end of list",
            PROSE_1,
            PROSE_2,
        ),
        (
            (HEADLINE, (BODY,)),
            ("Recommended Stories", (BOILERPLATE,)),
            ("list of 3 items", (BOILERPLATE,)),
            ("Russia says 1,500 Ukrainian troops killed in a day", (BOILERPLATE,)),
            ("Storm leaves 40,000 homes without power in the north", (BOILERPLATE,)),
            ("end of list", (BOILERPLATE,)),
            (PROSE_1, (BODY,)),
        ),
    ),
    "an inline link to another story": Case(
        page(HEADLINE, PROSE_1, "Related: Ukraine says 1,500 Russian troops killed in a day", PROSE_2),
        (
            ("Related: Ukraine says 1,500 Russian troops killed in a day", (BOILERPLATE,)),
            (PROSE_2, (BODY,)),
        ),
    ),
    "donation appeals": Case(
        page(
            HEADLINE,
            PROSE_1,
            "Support our journalism: make a donation today and help us keep reporting free for everyone.",
            "For as little as the cost of one cup of coffee a month, you can become a patron of 5,000 readers.",
            "Please disable your ad blocker to keep reading our reporting on the floods.",
            PROSE_2,
        ),
        (
            (PROSE_1, (BODY,)),
            (
                "Support our journalism: make a donation today and help us keep reporting free for everyone.",
                (BOILERPLATE,),
            ),
            (
                (
                    "For as little as the cost of one cup of coffee a month, you can become a patron of 5,000 "
                    "readers."
                ),
                (BOILERPLATE,),
            ),
            ("Please disable your ad blocker to keep reading our reporting on the floods.", (BOILERPLATE,)),
            (PROSE_2, (BODY,)),
        ),
    ),
    "tag clouds": Case(
        page(
            HEADLINE,
            PROSE_1,
            "floods monsoon rain rescue disaster relief northern province villagers climate",
            "Tags: Floods, Monsoon, Disaster relief, Northern Province, Climate",
            "Floods, Monsoon, Rescue, Disaster relief, Northern Province",
            "#floods #monsoon #rescue #disaster #relief",
            PROSE_2,
        ),
        (
            (
                "floods monsoon rain rescue disaster relief northern province villagers climate",
                (BOILERPLATE,),
            ),
            ("Tags: Floods, Monsoon, Disaster relief, Northern Province, Climate", (BOILERPLATE,)),
            ("Floods, Monsoon, Rescue, Disaster relief, Northern Province", (BOILERPLATE,)),
            ("#floods #monsoon #rescue #disaster #relief", (BOILERPLATE,)),
            (PROSE_2, (BODY,)),
        ),
    ),
    "a headline listing things is not a tag cloud": Case(
        page("Floods, landslides and storms kill 27 in the north", PROSE_1),
        (("Floods, landslides and storms kill 27 in the north", (BODY,)), (PROSE_1, (BODY,))),
    ),
    "Windows line endings": Case(
        page(HEADLINE, "2 min read", PROSE_1, PROSE_1, PROSE_3, "Related Articles", PROSE_2).replace(
            "\n", "\r\n"
        ),
        (
            (HEADLINE, (BODY,)),
            ("2 min read", (BOILERPLATE,)),
            (PROSE_1, (BODY, DUPLICATE)),
            (PROSE_3, (BODY,)),
            ("Related Articles", (BOILERPLATE,)),
            (PROSE_2, (BOILERPLATE,)),
        ),
    ),
}


def kinds_by_line(clean: CleanDocument) -> dict[str, list[BlockKind]]:
    text = clean.raw.text
    found: dict[str, list[BlockKind]] = {}
    for block in clean.blocks:
        found.setdefault(text[block.start : block.end], []).append(block.kind)
    return found


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_lines_are_classified(case: Case, make_clean: Any) -> None:
    found = kinds_by_line(make_clean(case.page))

    for line, expected in case.expected:
        assert line in found, f"no block for {line!r}; blocks: {list(found)}"
        got = found[line]
        assert len(got) == len(expected), f"{line!r}: {got}"
        for kind, want in zip(got, expected, strict=True):
            assert kind in want if isinstance(want, tuple) else kind is want, f"{line!r}: {got}"


def stripped_lines(text: str, bullets: str) -> list[str]:
    """The non-blank lines of ``text`` as the cleaner's blocks must hold them: no spaces, no bullet."""
    lines = []
    for raw in text.splitlines():
        line = raw.strip()
        if line and line[0] in bullets and (len(line) == 1 or line[1] in " \t"):
            line = line.lstrip(bullets + " \t")
        if line:
            lines.append(line)
    return lines


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_blocks_are_the_stripped_lines_in_order(case: Case, make_clean: Any) -> None:
    clean = make_clean(case.page)
    text = clean.raw.text

    assert [text[b.start : b.end] for b in clean.blocks] == stripped_lines(text, load_rules().bullets)
    assert all(a.end <= b.start for a, b in zip(clean.blocks, clean.blocks[1:]))


def test_empty_and_blank_text_has_no_blocks(make_clean: Any) -> None:
    assert make_clean("").blocks == ()
    assert make_clean(" \n\t\n  •  \n").blocks == ()


def test_offsets_count_characters_not_bytes(make_clean: Any) -> None:
    text = "🌧️ Überschwemmungen · Inondations\n\n   «Floods killed 27 people in the north», the ministry said.  \n"
    clean = make_clean(text)

    assert [text[b.start : b.end] for b in clean.blocks] == [
        "🌧️ Überschwemmungen · Inondations",
        "«Floods killed 27 people in the north», the ministry said.",
    ]


# The seeds: real pages from five outlets.


def gold_quotes(seeds_gold: dict[str, Any]) -> list[tuple[str, str]]:
    return [(doc["doc"], claim["quote"]) for doc in seeds_gold["docs"] for claim in doc["claims"]]


def occurrences(text: str, quote: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(quote), text)]


def test_every_gold_quote_is_in_a_content_line_of_its_seed(
    seeds_dir: Path, seeds_gold: dict[str, Any], make_clean: Any
) -> None:
    quotes = gold_quotes(seeds_gold)
    assert len(quotes) >= 30
    cleaned = {doc: make_clean((seeds_dir / doc).read_text("utf-8")) for doc in {d for d, _ in quotes}}
    missed = []
    for doc, quote in quotes:
        clean = cleaned[doc]
        starts = occurrences(clean.raw.text, quote)
        assert starts, f"{doc}: gold quote {quote!r} not in the seed"
        in_content = [
            b for b in clean.content_blocks for s in starts if b.start <= s and s + len(quote) <= b.end
        ]
        if not in_content:
            missed.append((doc, quote))
    assert missed == []


# The line that opens each seed's trailing furniture ("related articles", comments, footer);
# it and everything below it are boilerplate.
SEED_TAILS = {
    "000_7edcfdb596ca73d0.txt": "This article received 0 comments",
    "001_33aced630bfce5d4.txt": "Related Articles",
    "002_65d262ecc33a98ac.txt": "See more on",
    "003_b4cc277280d0d5c6.txt": "Related:",
    "004_f518fdf54261334a.txt": "More In Politics MORE...",
}


@pytest.mark.parametrize(("doc", "marker"), SEED_TAILS.items())
def test_seed_related_articles_box_is_boilerplate(
    doc: str, marker: str, seeds_dir: Path, make_clean: Any
) -> None:
    clean = make_clean((seeds_dir / doc).read_text("utf-8"))
    text = clean.raw.text
    start = text.index(f"\n{marker}") + 1

    tail = [b for b in clean.blocks if b.start >= start]
    assert tail, f"{doc}: no block at or after {marker!r}"
    assert {b.kind for b in tail} == {BOILERPLATE}, [
        (text[b.start : b.end], b.kind) for b in tail if b.is_content
    ]


@pytest.mark.parametrize(
    ("doc", "line"),
    [
        (
            "001_33aced630bfce5d4.txt",
            "South Korea's Lee Jae-myung urges approval of US$22.4b supplementary budget",
        ),
        ("003_b4cc277280d0d5c6.txt", "Support us on Patreon"),
        ("003_b4cc277280d0d5c6.txt", "2 minute read"),
        ("002_65d262ecc33a98ac.txt", "Sign up now: Get ST's newsletters delivered to your inbox"),
        ("000_7edcfdb596ca73d0.txt", "2 min read"),
        ("000_7edcfdb596ca73d0.txt", "Ukraine-Russia War"),
    ],
)
def test_seed_furniture_is_boilerplate(doc: str, line: str, seeds_dir: Path, make_clean: Any) -> None:
    found = kinds_by_line(make_clean((seeds_dir / doc).read_text("utf-8")))

    assert found[line] and set(found[line]) == {BOILERPLATE}


def test_seed_caption_reprinted_with_credit_is_one_content_line(seeds_dir: Path, make_clean: Any) -> None:
    clean = make_clean((seeds_dir / "000_7edcfdb596ca73d0.txt").read_text("utf-8"))
    text = clean.raw.text
    caption = "North Korean leader Kim Jong Un inspecting the headquarters of the 11th Corps"

    kinds = [b.kind for b in clean.blocks if text[b.start : b.end].startswith(caption)]

    assert len(kinds) == 2
    assert kinds[0] in CONTENT and kinds[1] is DUPLICATE


# A paragraph cut off mid-sentence (an excerpt) is prose by its function words, in each
# language claimtrail reads (invented lines, no sentence end).
@pytest.mark.parametrize(
    "line",
    [
        "Der Geheimdienst teilte mit, dass nach seinen Erkenntnissen rund 600 der Soldaten bei den Kämpfen auf",
        "Selon le renseignement, environ 1 500 soldats supplémentaires ont rejoint les premiers déploiements et le",
        "Según el servicio de inteligencia, unos 2000 soldados han llegado a la región en las últimas semanas y",
        "По данным разведки, в регионе находятся около 12 тысяч военных, и еще несколько тысяч прибудут до",
        "За даними розвідки, у регіоні перебувають близько 12 тисяч військових, і ще кілька тисяч прибудуть до",
    ],
)
def test_a_cut_off_paragraph_in_another_language_is_prose(line: str, make_clean: Any) -> None:
    paragraph = f"{line} {line}"  # longer than a headline: only its function words make it prose
    assert kinds_by_line(make_clean(f"Photo : agence\n\n{paragraph}\n"))[paragraph] == [BODY]
