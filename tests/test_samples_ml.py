"""The README's example in other languages: ``samples-ml/`` read alone and beside ``samples/``.

Two invented reports (German, Ukrainian) of the samples' invented flood: each is read in
its own language, the toll of 41 is found in both, and ingested with the English samples
all ten reports are one story in which the 41 killed is one fact in three languages.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from claimtrail import pipeline
from claimtrail.models import Document, Filters
from claimtrail.settings import Settings

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
SAMPLES, SAMPLES_ML = REPO / "samples", REPO / "samples-ml"


def test_each_report_is_read_in_its_own_language_and_finds_the_toll(nlp: Any, settings: Settings) -> None:
    documents = [d for d in pipeline.extract_paths([SAMPLES_ML], settings, nlp) if isinstance(d, Document)]

    assert {d.doc: d.language for d in documents} == {
        "08_kastavische_allgemeine.txt": "de",
        "09_kalynovyi_visnyk.txt": "uk",
    }
    for document in documents:
        killed = {c.value.low for c in document.claims if c.measure == "killed"}
        assert 41 in killed, document.doc
        assert document.published is not None


def test_beside_the_english_samples_the_toll_is_one_fact_in_three_languages(
    tmp_path: Path, nlp: Any, settings: Settings
) -> None:
    with pipeline.open_ledger(str(tmp_path / "ledger.db"), create=True) as store:
        report = pipeline.ingest_paths([SAMPLES, SAMPLES_ML], store, settings, nlp=nlp)
        assert (report.added, report.failures) == (10, ())

        assert len(store.stories(Filters())) == 1
        (toll,) = [f for f in store.facts(Filters(measure="killed")) if f.low == f.high == 41]
        languages = {
            record.language
            for record in store.claims(Filters(measure="killed", limit=1000))
            if record.claim.fact == toll.fact
        }
    assert languages >= {"en", "de", "uk"}
