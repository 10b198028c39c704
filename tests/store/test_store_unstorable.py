"""A document whose data no ledger can hold fails alone; the ledger and the run go on."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from claimtrail.errors import UnstorableDocumentError
from claimtrail.models import Filters, Run, StoredDocument
from claimtrail.store import Store

MakeStored = Callable[..., StoredDocument]

RUN = Run(version="1.0.0", settings_hash="aaaa", settings_json="{}")
ALL = Filters(limit=100)
TEXT = "Officials said 70 people died in the shelling.\n"
CLAIM = {"phrase": "70 people", "low": 70, "actor": "Ukraine", "stated_by": "Officials"}


@pytest.mark.parametrize(
    ("claim", "document", "column", "problem"),
    [
        ({"stated_by": "Offi\x00cials"}, {}, "stated_by", "a NUL character at index 4"),
        ({"source": "Health\x00Ministry"}, {}, "source", "a NUL character at index 6"),
        ({"actor": "Ukr\ud800aine"}, {}, "actor", "a lone surrogate at index 3"),
        ({}, {"title": "Title\x00"}, "title", "a NUL character at index 5"),
        ({}, {"outlet": "\udc80Post"}, "outlet", "a lone surrogate at index 0"),
        ({"low": 2**64}, {}, "value_low", f"is {2**64}, outside the 64-bit integers"),
    ],
)
def test_an_unstorable_document_fails_alone_naming_the_field(
    store: Store,
    make_stored: MakeStored,
    claim: dict[str, Any],
    document: dict[str, Any],
    column: str,
    problem: str,
) -> None:
    run_id = store.ensure_run(RUN)
    bad = make_stored("bad.txt", TEXT, [{**CLAIM, **claim}], **document)
    good = make_stored("good.txt", "Separately, " + TEXT, [CLAIM], outlet="Post")

    with pytest.raises(UnstorableDocumentError) as raised:
        store.add_document(bad, run_id)

    message = str(raised.value)
    assert "document 'bad.txt' cannot be stored" in message
    assert f"its {column} " in message and problem in message
    # Nothing of it was stored, and the ledger takes the next document.
    assert store.documents(ALL) == []
    assert store.add_document(good, run_id)
    assert [i.doc for i in store.documents(ALL)] == ["good.txt"]
    assert [(r.claim.value.low, r.claim.stated_by) for r in store.claims(ALL)] == [(70, "Officials")]
