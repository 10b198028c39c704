"""Lines without a sentence break: parsed in bounded pieces, or refused as one failed document."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from claimtrail.errors import InputError
from claimtrail.models import Document, DocumentFailure, RawDocument
from claimtrail.nlp import annotate_articles, check_parseable
from claimtrail.nlp.sentences import MAX_SENTENCE_CHARS, split_sentences
from claimtrail.pipeline import extract_raw
from claimtrail.settings import Settings

# Invented clauses with figures and no full stop, as a page with its punctuation stripped.
CLAUSE = "officials said that about 1,250 troops were deployed near the border while residents fled and "


def run_on(size: int) -> str:
    return (CLAUSE * (size // len(CLAUSE) + 1))[:size].rstrip()


def test_a_long_run_is_cut_at_whitespace_into_bounded_pieces() -> None:
    line = run_on(50_000)
    text = f"Menu\n{line}\nFooter"

    spans = split_sentences(text, 5, 5 + len(line))

    assert all(0 < e - s <= MAX_SENTENCE_CHARS for s, e in spans)
    assert [w for s, e in spans for w in text[s:e].split()] == line.split()  # no word cut, none lost
    assert all(text[s - 1].isspace() and not text[s].isspace() for s, _ in spans[1:])


def test_a_run_without_whitespace_is_cut_at_the_bound() -> None:
    text = "x" * (2 * MAX_SENTENCE_CHARS + 7)

    spans = split_sentences(text, 0, len(text))

    assert [e - s for s, e in spans] == [MAX_SENTENCE_CHARS, MAX_SENTENCE_CHARS, 7]


def test_sentences_under_the_bound_are_untouched() -> None:
    text = "The ministry said 27 people died. Word " + "word " * 300 + "and 40 more."
    assert split_sentences(text, 0, len(text)) == [(0, 33), (34, len(text))]


def test_check_parseable_refuses_a_run_over_the_setting(settings: Settings, make_clean: Any) -> None:
    limit = settings.nlp.max_unbroken_chars
    check_parseable(make_clean(f"Title\n{run_on(limit)}\n"), settings.nlp)  # at the bound: fine

    with pytest.raises(
        InputError, match=r"line 2 runs [\d,]+ characters without a sentence break.*max_unbroken_chars"
    ):
        check_parseable(make_clean(f"Title\n{run_on(limit + 10)}\n"), settings.nlp)


@pytest.mark.slow
def test_a_long_run_is_parsed_in_pieces_the_parser_accepts(
    settings: Settings, nlp: Any, make_article: Any
) -> None:
    article = make_article(f"Troops on the border\n{run_on(60_000)}\n")

    [annotated] = list(annotate_articles([article], nlp, settings.nlp))

    assert len(annotated.sentences) >= 60_000 // MAX_SENTENCE_CHARS
    assert all(len(s.doc.text) == s.end - s.start <= MAX_SENTENCE_CHARS for s in annotated.sentences)


@pytest.mark.slow
def test_an_over_long_line_fails_its_document_and_the_batch_goes_on(settings: Settings, nlp: Any) -> None:
    huge = RawDocument(
        doc="dump.txt", text=f"A dump\n{run_on(1_100_000)}\n", origin="dump.txt", format="text"
    )
    fine = RawDocument(
        doc="fine.txt",
        text="The ministry said on Monday that 4,200 troops were deployed to the border.\n",
        origin="fine.txt",
        format="text",
    )
    long_ok = RawDocument(
        doc="long.txt", text=f"A page\n{run_on(30_000)}\n", origin="long.txt", format="text"
    )

    failed, document, long_document = list(extract_raw([huge, fine, long_ok], settings, nlp))

    assert isinstance(failed, DocumentFailure) and failed.doc == "dump.txt"
    assert "1,100,000 characters without a sentence break" in failed.error
    assert isinstance(document, Document) and [c.text for c in document.claims] == ["4,200 troops"]
    assert isinstance(long_document, Document) and long_document.claims
    text = long_ok.text
    assert all(text[c.span[0] : c.span[1]] == c.text for c in long_document.claims)


def test_check_parseable_refuses_a_page_whose_content_is_longer_than_the_setting(
    settings: Settings, make_clean: Any
) -> None:
    # Real sentences, each well under the bounds of a line: only their number is too large.
    sentence = "The death toll rose to some 43,032 last week, up from 1,843 the week before, officials said. "
    small = replace(settings.nlp, max_content_chars=5_000)
    check_parseable(make_clean("Title\n" + sentence * 10 + "\n"), small)

    with pytest.raises(InputError, match=r"content runs [\d,]+ characters, more than nlp.max_content_chars"):
        check_parseable(make_clean("Title\n" + sentence * 100 + "\n"), small)
