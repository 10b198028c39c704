"""A process killed (SIGKILL) in the middle of an ingest leaves no partial document.

A child process stores documents of many claims in a loop; the test kills it
with a real ``SIGKILL`` while it writes, then checks that every stored
document has all its claims, that the materialized facts agree with the
claims, and that the ledger opens and takes more documents.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from claimtrail.link import fact_form
from claimtrail.models import Filters, Run
from claimtrail.store import open_store

# Enough claims per document that most of the child's time is spent inside a transaction.
CLAIMS_PER_DOCUMENT = 300
# Documents committed before the kill: proof the child was well into its loop.
DOCUMENTS_BEFORE_KILL = 5
CHILD_TIMEOUT_S = 60

CHILD = r"""
import hashlib, sys
from claimtrail.link import fact_form
from claimtrail.models import Claim, Document, Run, StoredDocument, Value
from claimtrail.store import open_store

url, per_document = sys.argv[1], int(sys.argv[2])
store = open_store(url, create=True, fact_form=fact_form)
run_id = store.ensure_run(Run("kill-test", "h", "{}"))
for i in range(100_000):
    sentences = [f"Strike {i}-{j} killed {j + 1} people." for j in range(per_document)]
    text = " ".join(sentences)
    claims, offset = [], 0
    for j, sentence in enumerate(sentences):
        phrase = f"{j + 1} people"
        start = offset + sentence.index(phrase)
        claims.append(Claim(span=(start, start + len(phrase)), text=phrase, value=Value(j + 1, j + 1),
                            qualifier="exact", measure="killed", counted="people", actor="Ukraine",
                            source=f"Source {j % 7}", fact=f"f-{j % 40}"))
        offset += len(sentence) + 1
    digest = hashlib.sha256(text.encode()).hexdigest()
    document = Document(doc=f"doc-{i}.txt", title=None, outlet=f"Outlet {i % 3}", published=None,
                        language="en", claims=tuple(claims))
    store.add_document(StoredDocument(id=digest, document=document, text=text, origin="child", url=None,
                                      blocks=(), copy_of=None, signature=b"s", bands=(f"band-{i}",)), run_id)
    print(i, flush=True)
"""


def test_a_killed_ingest_leaves_only_whole_documents(store_url: str) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, store_url, str(CLAIMS_PER_DOCUMENT)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        deadline = time.monotonic() + CHILD_TIMEOUT_S
        committed = 0
        while committed < DOCUMENTS_BEFORE_KILL:
            line = child.stdout.readline()
            if not line or time.monotonic() > deadline:
                pytest.fail(
                    f"the child stopped before the kill: {child.stderr.read() if child.stderr else ''}"
                )
            committed = int(line) + 1
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=CHILD_TIMEOUT_S) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()

    with open_store(store_url, create=False, fact_form=fact_form) as store:
        documents = store.documents(Filters(limit=100_000))
        assert len(documents) >= committed
        for info in documents:
            assert info.claims_count == CLAIMS_PER_DOCUMENT
            assert store.count_claims(Filters(document=info.id)) == CLAIMS_PER_DOCUMENT
        assert store.count_claims(Filters()) == CLAIMS_PER_DOCUMENT * len(documents)
        facts = store.facts(Filters(limit=1000))
        assert sum(f.claims for f in facts) == CLAIMS_PER_DOCUMENT * len(documents)
        timeline = store.timeline(Filters(limit=100_000))
        store.rebuild_facts()
        assert store.facts(Filters(limit=1000)) == facts
        assert store.timeline(Filters(limit=100_000)) == timeline
        # The ledger takes more work after the crash.
        run_id = store.ensure_run(Run("kill-test", "h", "{}"))
        assert store.ensure_run(Run("after", "h", "{}")) != run_id
