"""Helpers for the tests of tests/claims/test_phrasings_<code>.py: figures and speakers read by word order."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from claimtrail.claims.cues import attribute_by_word_order, known_name, name_speaker, speakers_in
from claimtrail.claims.lang import load_language, speaking
from claimtrail.claims.lexicon import load_gazetteer
from claimtrail.claims.quantities import find_quantities
from claimtrail.claims.timex import find_time_mentions
from claimtrail.claims.wordorder import hedged_by_word_order, read_by_word_order
from claimtrail.models import Claim, DocumentMeta, RawDocument, Value
from claimtrail.pipeline import extract_raw
from claimtrail.settings import load_settings


def speakers(code: str, sentence: str) -> list[str]:
    """The speakers the pack's cues find in ``sentence``, named by its alias tables; a cue that
    speaks only under a name the tables know ("Сеул: ...", a sentence's opening words before
    its verb) is left out where they know none ("Se estima que ...")."""
    with speaking(load_language(code)):
        gazetteer = load_gazetteer((), code)
        return [
            name_speaker(c.phrase, gazetteer)
            for c in speakers_in(sentence)
            if c.phrase and (not c.known_only or known_name(c.phrase, gazetteer))
        ]


# The publication date the time tests resolve against: Monday 16 December 2024.
ANCHOR = dt.date(2024, 12, 16)


def dated(code: str, sentence: str) -> list[tuple[str, str, str]]:
    """(text, first day, last day) of each time expression the pack finds in ``sentence`` (ANCHOR)."""
    with speaking(load_language(code)):
        mentions = find_time_mentions(sentence, ANCHOR)
    return [(m.text, str(m.period.start), str(m.period.end)) for m in mentions if m.period is not None]


def attributed(code: str, text: str, figures: list[str]) -> list[tuple[str | None, str | None]]:
    """(stated_by, source) of a claim at each of ``figures`` in ``text``, whose sentences end at ". "
    and whose paragraphs end at a line break."""
    sentences, blocks, start = [], [], 0
    for block, paragraph in enumerate(text.split("\n")):
        for piece in paragraph.split(". "):
            sentences.append((start, start + len(piece), piece))
            blocks.append(block)
            start += len(piece) + 2
        start -= 1  # the line break is one character, not two
    claims = [
        Claim(
            span=(text.index(f), text.index(f) + len(f)),
            text=f,
            value=Value(1, 1),
            qualifier="exact",
            measure="killed",
            counted=None,
        )
        for f in figures
    ]
    with speaking(load_language(code)):
        found = attribute_by_word_order(sentences, claims, load_gazetteer((), code), blocks)
    return [(c.stated_by, c.source) for c in found]


@dataclass(frozen=True)
class FigureCase:
    """An invented sentence and what the pack reads in it without a parse."""

    sentence: str
    phrase: str
    bounds: tuple[int | None, int | None]
    qualifier: str
    counted: str | None
    measure: str
    hedged: bool


def figure_cases(rows: list[tuple[Any, ...]]) -> list[Any]:
    """``rows`` as parameters of a test, each named by its sentence."""
    return [pytest.param(FigureCase(*row), id=row[0]) for row in rows]


def check_figure(code: str, case: FigureCase) -> None:
    """The figure of ``case.sentence``, its qualifier, counted noun, measure and hedge, as the pack reads them."""
    pack = load_language(code)
    (quantity,) = find_quantities(case.sentence, pack)
    assert (quantity.text, (quantity.value.low, quantity.value.high), quantity.qualifier) == (
        case.phrase,
        case.bounds,
        case.qualifier,
    )
    found = read_by_word_order(quantity, case.sentence, pack)
    assert found is not None
    assert (found.counted, found.measure) == (case.counted, case.measure)
    assert hedged_by_word_order(case.sentence, pack, figure=quantity) is case.hedged


def claims_of(code: str, text: str) -> list[Claim]:
    """The claims the whole pipeline reads in ``text``, a page in language ``code`` (no parse)."""
    raw = RawDocument(
        doc="page.txt",
        text=text,
        origin="page.txt",
        format="text",
        meta=DocumentMeta(published=ANCHOR, language=code),
    )
    (result,) = extract_raw([raw], load_settings())
    return list(getattr(result, "claims", ()))
