"""Hard-wrapped pages: a sentence that runs over a line break is one sentence.

Some pages arrive cut at a fixed width (about 64 to 100 characters), so a
sentence's speaker, its figure and its end fall on different lines. On such a
page the cleaner joins a run of wrapped lines into one paragraph block (offsets
into the original text, line breaks inside), and guards what is not wrapped
prose: titles, bullet lists, lines that end a sentence, pages of long lines.
Every page here is invented.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from typing import Any

import pytest

from claimtrail.models import BlockKind, CleanDocument

PARAGRAPHS = (
    (
        "Regional water commissioner Tomas Eberhardt told reporters in the valley on Monday that "
        "at least 240 households had been cut off during the storm, which flooded 14 of 22 districts."
    ),
    (
        "On Friday the utility said that nine households had lost supply and 130 homes had been "
        "visited by engineers, contradicting residents who counted more than 40 dry streets."
    ),
    (
        "The commissioner said he would ask the auditor for the full repair logs, and that the "
        "council would publish its own count of affected homes within a fortnight of the review."
    ),
)
WIDTH = 78


def wrapped(*paragraphs: str, width: int = WIDTH) -> str:
    """The paragraphs hard-wrapped at ``width``, one paragraph after the other (no blank line)."""
    return "\n".join(textwrap.fill(p, width) for p in paragraphs) + "\n"


def content(clean: CleanDocument) -> list[str]:
    text = clean.raw.text
    return [text[b.start : b.end] for b in clean.blocks if b.is_content]


def test_a_wrapped_paragraph_is_one_block_with_exact_offsets(make_clean: Any) -> None:
    page = wrapped(*PARAGRAPHS)
    blocks = content(make_clean(page))
    assert blocks == [textwrap.fill(p, WIDTH) for p in PARAGRAPHS]
    assert all("\n" in b for b in blocks)


def test_a_paragraph_ending_on_a_full_line_is_not_joined_to_the_next(make_clean: Any) -> None:
    # The first paragraph's last line is full but ends its sentence.
    first = "Inspectors visited all 35 sites along the river and found damage at eleven of them."
    page = wrapped(first, *PARAGRAPHS, width=len(first) + 1)
    blocks = content(make_clean(page))
    assert blocks[0] == first


def test_a_title_is_not_joined_to_the_first_paragraph(make_clean: Any) -> None:
    title = "Storm leaves nine households without water in the northern valley districts"
    page = title + "\n" + wrapped(*PARAGRAPHS)
    blocks = content(make_clean(page))
    assert blocks[0] == title


def test_a_title_case_line_is_not_joined(make_clean: Any) -> None:
    title = "Water Commissioner Disputes Utility Count Of Households Cut Off By The Storm"
    page = wrapped(PARAGRAPHS[0]) + title + "\n" + wrapped(*PARAGRAPHS[1:])
    assert title in content(make_clean(page))


def test_bulleted_lines_are_not_joined(make_clean: Any) -> None:
    bullets = [
        "- nine households reported without water on Friday in the three northern areas",
        "- one hundred and thirty homes visited by the utility's engineers since the storm",
    ]
    page = wrapped(*PARAGRAPHS) + "\n".join(bullets) + "\n" + wrapped(PARAGRAPHS[0])
    clean = make_clean(page)
    text = clean.raw.text
    for block in clean.blocks:
        piece = text[block.start : block.end]
        assert not ("nine households reported" in piece and "hundred and thirty" in piece)


def test_a_blank_line_ends_a_paragraph(make_clean: Any) -> None:
    page = "\n\n".join(textwrap.fill(p, WIDTH) for p in PARAGRAPHS)
    blocks = content(make_clean(page))
    assert blocks == [textwrap.fill(p, WIDTH) for p in PARAGRAPHS]


def test_a_page_of_long_lines_is_not_joined(make_clean: Any) -> None:
    # One paragraph per line, longer than any wrapper's width: lines stay blocks.
    lines = [p[:-1] + " in the end" for p in PARAGRAPHS]  # no end punctuation
    page = "\n".join(lines) + "\n"
    clean = make_clean(page)
    assert [b.kind for b in clean.blocks] == [BlockKind.BODY] * len(lines)
    assert all("\n" not in page[b.start : b.end] for b in clean.blocks)


def test_a_page_of_short_lines_of_text_is_not_joined(make_clean: Any) -> None:
    # A few lines of different lengths, no wrapper's width: each is its own block.
    page = (
        "Home  World  Business  Sport\n"
        "Storm leaves nine households without water in the valley\n"
        "Regional water commissioner Tomas Eberhardt rejected the utility's statement\n"
        "Read the full report on our website\n"
    )
    clean = make_clean(page)
    assert all("\n" not in page[b.start : b.end] for b in clean.blocks)


# -- extraction over a wrapped page -------------------------------------------------


def _extract(text: str) -> Any:
    import claimtrail

    return claimtrail.extract_text(text, published=dt.date(2025, 3, 8))


def _claim(doc: Any, words: str) -> Any:
    found = [c for c in doc.claims if words in c.text]
    assert found, f"no claim over {words!r}; claims: {[c.text for c in doc.claims]}"
    return found[0]


@pytest.mark.slow
def test_speaker_on_one_line_and_figure_on_the_next_are_one_claim() -> None:
    page = wrapped(*PARAGRAPHS)
    doc = _extract(page)
    for claim in doc.claims:
        start, end = claim.span
        assert page[start:end] == claim.text
    claim = _claim(doc, "240 households")
    assert claim.stated_by is not None and "Eberhardt" in claim.stated_by


@pytest.mark.slow
def test_a_figure_on_a_continuation_line_is_parsed() -> None:
    # The figure opens the second line; the reporting verb and subject are on the first.
    first = (
        "The coastal health agency said on Tuesday that the outbreak had sickened "
        "at least 240 people in the harbour district, most of them dock workers."
    )
    page = wrapped(first, *PARAGRAPHS)
    doc = _extract(page)
    claim = _claim(doc, "240")
    assert claim.stated_by is not None and "agency" in claim.stated_by
