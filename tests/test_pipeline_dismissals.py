"""Conflicts a user dismissed: ``pipeline.conflicts_page`` leaves them out unless asked, by a stable id."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from claimtrail.errors import ConflictDismissalError
from claimtrail.models import Conflict, Filters, Run, StoredDocument, conflict_id
from claimtrail.pipeline import conflicts_page, dismiss_conflict, open_ledger, undismiss_conflict
from claimtrail.store import Store

MakeStored = Callable[..., StoredDocument]
RUN = Run(version="1.0.0", settings_hash="aaaa", settings_json="{}")


def _killed(phrase: str, low: int, fact: str, source: str, day: str) -> dict[str, object]:
    return {"phrase": phrase, "low": low, "fact": fact, "source": source, "stated_by": source,
            "stated_on": dt.date.fromisoformat(day), "actor": "Ukraine"}  # fmt: skip


def _ledger(path: Path, make_stored: MakeStored) -> None:
    """A contradiction (600 killed, the Health Ministry; 400, the Army) in one story."""
    a = make_stored("a.txt", "Shelling killed 600 people, the Health Ministry said.\n",
                    [_killed("600 people", 600, "f-k600", "Health Ministry", "2025-01-03")])  # fmt: skip
    b = make_stored("b.txt", "The Army said 400 people died.\n",
                    [_killed("400 people", 400, "f-k400", "Army", "2025-01-06")])  # fmt: skip
    with open_ledger(str(path), create=True) as store:
        run_id = store.ensure_run(RUN)
        for doc in (a, b):
            store.add_document(replace(doc, story="s-1", document=replace(doc.document, story="s-1")), run_id)


@pytest.fixture
def store(tmp_path: Path, make_stored: MakeStored) -> Iterator[Store]:
    _ledger(tmp_path / "ledger.db", make_stored)
    with open_ledger(str(tmp_path / "ledger.db"), create=False) as opened:
        yield opened


def _only(store: Store, **options: bool) -> Conflict:
    page = conflicts_page(store, Filters(measure="killed"), **options)
    assert len(page.rows) == 1, page
    return page.rows[0]


def test_a_dismissed_conflict_is_hidden_and_counted(store: Store) -> None:
    conflict = _only(store)

    dismiss_conflict(store, conflict.id, reason="the Army counts soldiers only", by="ana")

    hidden = conflicts_page(store, Filters(measure="killed"))
    assert (hidden.rows, hidden.total, hidden.hidden) == ([], 0, 1)
    shown = _only(store, dismissed=True)
    assert (shown.id, shown.dismissed, shown.dismissed_reason) == (
        conflict.id, True, "the Army counts soldiers only",
    )  # fmt: skip
    undismiss_conflict(store, conflict.id)
    assert _only(store).dismissed is False


def test_the_id_is_the_same_in_another_process_and_after_reextraction(
    tmp_path: Path, make_stored: MakeStored, store: Store
) -> None:
    first = _only(store)
    again = tmp_path / "again.db"
    _ledger(again, make_stored)  # the same documents extracted into a fresh ledger
    with open_ledger(str(again), create=False) as other:
        assert _only(other).id == first.id
    assert first.id == conflict_id(first) and first.id.startswith("c-") and len(first.id) == 12
    # Which estimate is earlier does not change it; another kind, measure or story does.
    assert conflict_id(replace(first, earlier=first.later, later=first.earlier)) == first.id
    assert len({first.id, replace(first, kind="update").id, replace(first, story="s-2").id}) == 3


@pytest.mark.parametrize("bad", ["", "c-123", "C-0123456789", "c-0123456789x", "f-0123456789"])
def test_a_malformed_id_is_refused_with_the_form_expected(store: Store, bad: str) -> None:
    with pytest.raises(ConflictDismissalError, match="'c-' and 10 hex digits"):
        dismiss_conflict(store, bad)


def test_undismissing_a_conflict_not_dismissed_says_so(store: Store) -> None:
    with pytest.raises(ConflictDismissalError, match="is not dismissed; `claimtrail conflicts --dismissed`"):
        undismiss_conflict(store, _only(store).id)
