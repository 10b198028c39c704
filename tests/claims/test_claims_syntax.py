"""The token helpers the claims stage calls for every figure."""

from __future__ import annotations

from typing import Any

import pytest

from claimtrail.claims.syntax import tokens_in

pytestmark = pytest.mark.slow


def test_tokens_in_finds_exactly_the_overlapping_tokens(nlp: Any) -> None:
    doc = nlp("Some 1,200  troops, said Lt. Kim, were sent on Monday (not 300).")
    for start in range(len(doc.text) + 1):
        for end in range(start, len(doc.text) + 2):
            expected = [t.i for t in doc if t.idx < end and t.idx + len(t.text) > start]
            assert [t.i for t in tokens_in(doc, start, end)] == expected, (start, end)
