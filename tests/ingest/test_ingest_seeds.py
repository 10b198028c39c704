"""The five real seed articles come back exactly as their files hold them."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimtrail.ingest import iter_documents
from claimtrail.models import RawDocument
from claimtrail.settings import load_settings

SEEDS = Path(__file__).parents[2].parent / "shared" / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"no seeds at {SEEDS}")
def test_seed_folder_yields_five_documents_with_exact_text() -> None:
    items = list(iter_documents([SEEDS], load_settings().ingest))

    expected = sorted(SEEDS.glob("*.txt"))
    assert len(items) == len(expected) == 5
    for item, path in zip(items, expected, strict=True):
        assert isinstance(item, RawDocument)
        assert (item.doc, item.origin, item.format) == (path.name, str(path), "text")
        assert item.text == path.read_bytes().decode("utf-8")
