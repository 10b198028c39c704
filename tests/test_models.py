"""The shared dataclasses' JSON output."""

from __future__ import annotations

import json

import pytest

from claimtrail.errors import OutputError
from claimtrail.models import Claim, Document, Value


def document(title: str, low: float = 5) -> Document:
    claim = Claim(
        span=(0, 7),
        text="5 dead.",
        value=Value(low, low),
        qualifier="exact",
        measure="killed",
        counted="people",
    )
    return Document(doc="d.txt", title=title, outlet=None, published=None, language="en", claims=(claim,))


def test_json_lines_escape_every_line_break_a_reader_may_split_on() -> None:
    title = "one\u2028two\u2029three\x85four \u00e9\u4e2d"
    line = document(title).to_json_line()

    assert line.endswith("\n") and line.count("\n") == 1
    assert len(line.splitlines()) == 1  # str.splitlines cuts at U+2028, U+2029 and U+0085
    assert "\\u2028" in line and "\\u2029" in line and "\\u0085" in line
    assert "\u00e9\u4e2d" in line  # other text is written as itself
    assert json.loads(line)["title"] == title


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), float("-inf")])
def test_a_figure_cannot_be_nan_or_infinite(bad: float) -> None:
    with pytest.raises(ValueError, match="finite number"):
        Value(bad, None)


@pytest.mark.parametrize("bad", [float("nan"), float("inf")])
def test_a_document_json_cannot_hold_raises_instead_of_writing_invalid_json(bad: float) -> None:
    doc = document("t")
    # A value that got past the checks (built by hand around Value's own) is still never written.
    object.__setattr__(doc.claims[0].value, "low", bad)
    with pytest.raises(OutputError, match=r"document 'd.txt' cannot be written as JSON.*finite numbers"):
        doc.to_json_line()
