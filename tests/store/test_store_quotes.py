"""The quote kept with a claim: its sentence, cut around the span when too long."""

from __future__ import annotations

import pytest

from claimtrail.store.quotes import QUOTE_MAX_CHARS, quote_around


def quote(text: str, phrase: str) -> str:
    start = text.index(phrase)
    return quote_around(text, start, start + len(phrase))


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Calm. Floods killed 27 people. More later.", "27 people", "Floods killed 27 people."),
        ("Menu\nFloods killed 27 people\nFooter", "27 people", "Floods killed 27 people"),
        ("27 people died!", "27 people", "27 people died!"),
        ("Was it 27 people? Nobody knows.", "27 people", "Was it 27 people?"),
        ("About 1.5 million fled. Rain fell.", "1.5 million", "About 1.5 million fled."),
        ("The U.S. sent 3,000 troops. Then more.", "3,000 troops", "The U.S. sent 3,000 troops."),
        ("No end at all 400 shells", "400 shells", "No end at all 400 shells"),
    ],
)
def test_the_quote_is_the_sentence_around_the_span(text: str, phrase: str, expected: str) -> None:
    assert quote(text, phrase) == expected


def test_a_run_on_sentence_is_cut_around_the_span() -> None:
    text = "word " * 200 + "killed 600 people " + "word " * 200 + "."

    got = quote(text, "600 people")

    assert "600 people" in got
    assert got.startswith("…") and got.endswith("…")
    assert len(got) <= QUOTE_MAX_CHARS + 2


def test_a_span_far_into_a_text_without_boundaries_is_still_quoted() -> None:
    text = "x" * 5000 + " 600 people " + "y" * 5000

    got = quote(text, "600 people")

    assert "600 people" in got and len(got) <= QUOTE_MAX_CHARS + 2
