"""Figures too large to be counts: not claims, never Infinity in the output, never an aborted ingest."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from claimtrail.claims import find_quantities, parse_number
from claimtrail.claims.quantities import MAX_FIGURE
from claimtrail.models import Document, RawDocument, Value
from claimtrail.pipeline import extract_raw, ingest_paths, open_ledger
from claimtrail.settings import Settings

# Invented story: one absurd figure, one ordinary claim after it in the same document.
HUGE = "10,000,000,000,000,000,000"
TEXT = (
    f"The rebels claimed on Monday that {HUGE} troops had crossed the river near the town.\n"
    "The defence ministry said on Tuesday that 4,200 troops were deployed to the eastern border.\n"
)
# More digits than a float can hold: float() of it is inf (written "Infinity" before the bound).
OVERFLOWING = "9" * 400


def _strict_json(line: str) -> Any:
    def refuse(constant: str) -> None:
        raise ValueError(f"not JSON: {constant}")

    return json.loads(line, parse_constant=refuse)


@pytest.mark.parametrize("figure", [HUGE, OVERFLOWING, f"{10**18:,}", "1,000,000 trillion"])
def test_figures_from_the_bound_up_are_not_numbers(figure: str) -> None:
    assert parse_number(figure) is None
    assert find_quantities(f"officials said {figure} troops") == []


def test_figures_below_the_bound_are_read() -> None:
    below = 9 * MAX_FIGURE // 10
    assert parse_number(f"{below:,}") == below
    assert parse_number("2,400 trillion") == 2_400_000_000_000_000  # a won-sized sum stays


@pytest.mark.parametrize("side", [math.inf, -math.inf, math.nan])
def test_value_bounds_are_finite(side: float) -> None:
    with pytest.raises(ValueError, match="finite"):
        Value(side, None)
    with pytest.raises(ValueError, match="finite"):
        Value(1, side)


@pytest.mark.slow
@pytest.mark.parametrize("figure", [HUGE, f"{OVERFLOWING} million", f"${OVERFLOWING}"])
def test_extract_drops_the_huge_figure_and_keeps_the_others(
    settings: Settings, nlp: Any, figure: str
) -> None:
    raw = RawDocument(doc="huge.txt", text=TEXT.replace(HUGE, figure), origin="huge.txt", format="text")

    [result] = list(extract_raw([raw], settings, nlp))

    assert isinstance(result, Document)
    assert [c.text for c in result.claims] == ["4,200 troops"]
    record = _strict_json(result.to_json_line())
    assert [c["value"] for c in record["claims"]] == [{"low": 4200, "high": 4200}]


@pytest.mark.slow
def test_sqlite_ingest_goes_on_past_a_huge_figure(settings: Settings, nlp: Any, tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a_huge.txt").write_text(TEXT, encoding="utf-8")
    (articles / "b_after.txt").write_text(
        "Police said on Friday that 350 people were evacuated from the flooded valley.\n", encoding="utf-8"
    )

    with open_ledger(str(tmp_path / "ledger.db"), create=True) as store:
        report = ingest_paths([articles], store, settings, nlp)

    assert (report.added, report.failures) == (2, ())
