"""Properties of the cleaner over generated text (Hypothesis): blocks index the text they classify.

For any text, every block is a non-blank stretch of one line of ``raw.text``
(``text[start:end]``, no newline inside, stripped) or a paragraph of wrapped lines, blocks come in text order without
overlapping, and every line holding more than whitespace and bullets has a block.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from claimtrail.models import CleanDocument

MakeClean = Callable[..., CleanDocument]

BOUNDED = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# Lines as scraped pages have them: prose, menus, bullets, bylines, with odd whitespace and controls.
PIECES = st.one_of(
    st.text(max_size=30),
    st.sampled_from([
        "\n", "\n\n", "\r\n", "\u2028", "\u2029", "\u0085", "\x00", "\t", "\u00a0", "\u3000", "\ufeff",
        "• ", "- ", "* ", "Home | World | Sport", "By Staff Reporter", "Share this article",
        "Floods killed 27 people in the northern province on Monday, officials said.",
        "Read more: 12 things to know", "Advertisement",
    ]),
)  # fmt: skip
TEXTS = st.lists(PIECES, min_size=1, max_size=40).map("".join)


@BOUNDED
@given(text=TEXTS)
@example(text="Title\n\n  Floods killed 27 people in the province, officials said on Monday.  \n")
@example(text="\u2028\u0085 A line with separators \u2028 inside it, and 12 people.\r\nNext")
@example(text="\u2022 \x1f0")  # a bullet, then a control character str.strip() takes for a space
def test_blocks_index_the_text_in_order_within_bounds(make_clean: MakeClean, text: str) -> None:
    cleaned = make_clean(text)
    assert cleaned.raw.text == text
    previous_end = 0
    for block in cleaned.blocks:
        assert previous_end <= block.start < block.end <= len(text)
        piece = text[block.start : block.end]
        assert "\n" not in piece or block.reason == "wrapped prose"
        assert piece == piece.strip()
        previous_end = block.end


@BOUNDED
@given(text=TEXTS)
def test_every_line_with_words_has_a_block(make_clean: MakeClean, text: str) -> None:
    cleaned = make_clean(text)
    for line in re.finditer(r"[^\n]+", text):
        if not re.search(r"\w", line.group()):
            continue  # whitespace, punctuation or bullets only: nothing to classify
        assert any(
            (line.start() <= b.start and b.end <= line.end())
            or (b.reason == "wrapped prose" and b.start < line.end() and line.start() < b.end)
            for b in cleaned.blocks
        ), line.group()
