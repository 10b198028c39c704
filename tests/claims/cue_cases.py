"""Helpers for the word-order attribution tests of tests/claims/test_phrasings_<code>.py."""

from __future__ import annotations

from claimtrail.claims.cues import attribute_by_word_order, name_speaker, speakers_in
from claimtrail.claims.lang import load_language, speaking
from claimtrail.claims.lexicon import load_gazetteer
from claimtrail.models import Claim, Value


def speakers(code: str, sentence: str) -> list[str]:
    """The speakers the pack's cues find in ``sentence``, named by its alias tables."""
    with speaking(load_language(code)):
        return [name_speaker(c.phrase, load_gazetteer((), code)) for c in speakers_in(sentence)]


def attributed(code: str, text: str, figures: list[str]) -> list[tuple[str | None, str | None]]:
    """(stated_by, source) of a claim at each of ``figures`` in ``text``, whose sentences end at ". "."""
    sentences, start = [], 0
    for piece in text.split(". "):
        sentences.append((start, start + len(piece), piece))
        start += len(piece) + 2
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
        found = attribute_by_word_order(sentences, claims, load_gazetteer((), code))
    return [(c.stated_by, c.source) for c in found]
