"""Document metadata read from the page: title, outlet, language; given metadata wins.

Titles are compared as ``../shared/eval/score.py`` compares them (``norm_title``).
Publication dates have their own tests (test_dates.py); here only the rule that a
given date wins over the text's.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from claimtrail.metadata import detect_language, find_outlet, find_title, resolve_metadata

HEADLINE = "Floods kill 27 people in northern province"
PROSE_1 = (
    "Floods killed 27 people and displaced about 4,000 residents in the northern province, "
    "the disaster ministry said on Monday."
)
PROSE_2 = "Heavy rain has fallen for three days and more is expected over the weekend, forecasters said."
# Over 25 words: a paragraph, never a headline.
LONG_PROSE = (
    "Rescue teams reached the last cut-off villages by boat on Tuesday and began handing out food, "
    "drinking water and blankets to families who had spent two nights on their roofs, officials said."
)


def norm_title(title: str | None) -> str:
    """The scorer's title normalisation (../shared/eval/score.py)."""
    return re.sub(r"\s+", " ", str(title or "")).strip().strip(".:;,").lower()


def page(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def test_seed_titles_equal_the_gold_titles(
    seeds_dir: Path, seeds_gold: dict[str, Any], make_clean: Any
) -> None:
    docs = seeds_gold["docs"]
    assert len(docs) == 5

    found = {d["doc"]: find_title(make_clean((seeds_dir / d["doc"]).read_text("utf-8"))) for d in docs}

    assert {doc: norm_title(title) for doc, title in found.items()} == {
        d["doc"]: norm_title(d["title"]) for d in docs
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(page(HEADLINE, PROSE_1, PROSE_2), HEADLINE, id="headline above the body"),
        pytest.param(
            page("  • Home", "  • World", f"  • {HEADLINE}", "", HEADLINE, "2 min read", PROSE_1),
            HEADLINE,
            id="headline in the breadcrumb too",
        ),
        pytest.param(
            page("Home", "World", "Asia", "", HEADLINE, "By Jane Doe", PROSE_1), HEADLINE, id="menu"
        ),
        pytest.param(page("Politics", "", HEADLINE, PROSE_1), HEADLINE, id="section label above"),
        pytest.param(
            page(HEADLINE, "Rescuers are still searching for dozens of missing villagers", PROSE_1),
            HEADLINE,
            id="standfirst below",
        ),
        pytest.param(
            page("Will the dams hold after 27 deaths in the north?", PROSE_1),
            "Will the dams hold after 27 deaths in the north?",
            id="question",
        ),
        pytest.param(
            page("N. Korea sent 3,000 more soldiers to Russia, S. Korea says", PROSE_1),
            "N. Korea sent 3,000 more soldiers to Russia, S. Korea says",
            id="initials with full stops",
        ),
        pytest.param(
            page("‘Brutal’ fighting continues in Kursk as toll rises", PROSE_1),
            "‘Brutal’ fighting continues in Kursk as toll rises",
            id="opening quote",
        ),
        pytest.param(page(PROSE_1, PROSE_2), None, id="no headline"),
        pytest.param(
            page(LONG_PROSE, "Where the water came from", LONG_PROSE), None, id="subheading after prose"
        ),
        pytest.param(
            page("Floods kill 27 people. Rescuers search for dozens more.", PROSE_1), None, id="two sentences"
        ),
        pytest.param("", None, id="empty"),
    ],
)
def test_find_title(text: str, expected: str | None, make_clean: Any) -> None:
    assert find_title(make_clean(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            page(HEADLINE, "Sign up now: Get ST's newsletters delivered to your inbox", PROSE_1),
            "The Straits Times",
            id="newsletter line",
        ),
        pytest.param(
            page(
                HEADLINE,
                PROSE_1,
                PROSE_2,
                "Related Articles",
                "© 2025 Kyiv Independent. All rights reserved.",
            ),
            "Kyiv Independent",
            id="copyright footer",
        ),
        pytest.param(
            page("  • BBC News", "  • Home", "  • World", HEADLINE, f"{PROSE_1} CNN reported 30 dead."),
            "BBC",
            id="own menu beats an outlet cited in the body",
        ),
        pytest.param(
            page(HEADLINE, "CNA", "2 hours ago", PROSE_1),
            "CNA",
            id="bare name line",
        ),
        pytest.param(
            page(HEADLINE, "Photo: Reuters", PROSE_1, PROSE_2, "Comments", "The Moscow Times", "About us"),
            "The Moscow Times",
            id="own name beats a wire credit",
        ),
        pytest.param(
            page(HEADLINE, f"{PROSE_1} Reuters contributed reporting."),
            "Reuters",
            id="a wire agency when nothing else",
        ),
        pytest.param(page(HEADLINE, PROSE_1, PROSE_2), None, id="no outlet named"),
    ],
)
def test_find_outlet(text: str, expected: str | None, make_clean: Any) -> None:
    assert find_outlet(make_clean(text)) == expected


def test_a_huge_page_is_scanned_for_its_outlet_at_its_two_ends_only(make_clean: Any) -> None:
    from claimtrail.metadata.outlet import OUTLET_SCAN_CHARS

    filler = [PROSE_1] * (3 * OUTLET_SCAN_CHARS // len(PROSE_1))
    middle = len(filler) // 2
    footer = page(HEADLINE, *filler, "The Moscow Times")
    prose = "Readers of The Moscow Times wrote in about the floods in the northern province this week."
    named_in_the_middle = page(HEADLINE, *filler[:middle], prose, *filler[middle:])
    assert find_outlet(make_clean(footer)) == "The Moscow Times"
    assert find_outlet(make_clean(page(HEADLINE, *filler[:3], prose))) == "The Moscow Times"
    assert find_outlet(make_clean(named_in_the_middle)) is None  # a body mention deep inside: not read


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Floods killed 27 people in the north of the country, the ministry said on Monday.", "en"),
        ("Les inondations ont fait 27 morts dans le nord du pays, a annoncé le ministère lundi.", "fr"),
        (
            (
                "Bei den Überschwemmungen im Norden des Landes sind 27 Menschen ums Leben gekommen, "
                "teilte das Ministerium mit."
            ),
            "de",
        ),
        (
            "Las inundaciones causaron la muerte de 27 personas en el norte del país, informó el ministerio.",
            "es",
        ),
        ("Унаслідок повені на півночі країни загинули 27 людей, повідомило міністерство у понеділок.", "uk"),
        (
            "В результате наводнения на севере страны погибли 27 человек, сообщило министерство в понедельник.",
            "ru",
        ),
        ("Kim Jong Un", None),  # a name alone is no language
        ("xkqz vbnm plort zzyx qwrt brrk", None),
        ("12 345 6789 2025-06-26 3,000", None),
        ("", None),
        ("  \n\t ", None),
    ],
)
def test_detect_language(text: str, expected: str | None) -> None:
    assert detect_language(text) == expected


TEXT_WITH_METADATA = page(
    "  • Home",
    "  • BBC News",
    "  • World",
    HEADLINE,
    "Published March 10, 2025",
    PROSE_1,
    PROSE_2,
)


def test_resolve_metadata_reads_the_text_when_nothing_is_given(make_clean: Any) -> None:
    article = resolve_metadata(make_clean(TEXT_WITH_METADATA))

    assert (article.title, article.outlet, article.language) == (HEADLINE, "BBC", "en")
    assert article.published == dt.date(2025, 3, 10)
    assert article.text == TEXT_WITH_METADATA and article.doc == "page.txt"


def test_resolve_metadata_given_values_win_over_the_text(make_clean: Any) -> None:
    given = {
        "title": "Deadly floods in the north",
        "outlet": "The Northern Herald",
        "published": dt.date(2025, 3, 11),
        "language": "fr",
    }

    article = resolve_metadata(make_clean(TEXT_WITH_METADATA, **given))

    assert (article.title, article.outlet, article.published, article.language) == tuple(given.values())


@pytest.mark.parametrize("field", ["title", "outlet", "published", "language"])
def test_resolve_metadata_given_value_wins_field_by_field(field: str, make_clean: Any) -> None:
    given: dict[str, object] = {
        "title": "Deadly floods",
        "outlet": "Herald",
        "published": dt.date(2024, 1, 2),
        "language": "de",
    }

    article = resolve_metadata(make_clean(TEXT_WITH_METADATA, **{field: given[field]}))

    from_text = {"title": HEADLINE, "outlet": "BBC", "published": dt.date(2025, 3, 10), "language": "en"}
    assert {name: getattr(article, name) for name in from_text} == from_text | {field: given[field]}


def test_the_bundled_outlet_scan_skips_positions_where_no_name_starts() -> None:
    from claimtrail.metadata.outlet import load_outlets

    table = load_outlets()
    assert table.pattern.pattern.startswith("(?=[")  # every bundled pattern has a plain first character
    text = page("CNA", "By Reuters staff | i24NEWS | BBC News", PROSE_1, "Channel NewsAsia, AP News")
    unfiltered = re.compile(table.pattern.pattern.split(")", 1)[1], re.MULTILINE)
    assert [(m.span(), m.lastgroup) for m in table.pattern.finditer(text)] == [
        (m.span(), m.lastgroup) for m in unfiltered.finditer(text)
    ]
    assert len(list(table.pattern.finditer(text))) == 6
