"""Stage 7, store: the ledger of documents, claims and facts, in SQLite (default) or PostgreSQL.

    >>> from claimtrail.store import open_store
    >>> with open_store("claimtrail.db", create=True) as store:      # or "postgresql://..."
    ...     run_id = store.ensure_run(run)
    ...     store.add_document(stored, run_id)
    ...     facts = store.facts(Filters(measure="killed"))

``open_store(url, create=False)`` opens only an existing ledger and never
modifies a file or database that is not one. The store takes and returns
:mod:`claimtrail.models` types and imports no other stage.
"""

from __future__ import annotations

from ..errors import StoreError
from .base import DocumentInfo, DocumentView, Store
from .dialect import FactForm
from .quotes import quote_around

__all__ = [
    "CONNECT_TIMEOUT_S",
    "DEFAULT_DATABASE",
    "DocumentInfo",
    "DocumentView",
    "FactForm",
    "Store",
    "is_postgres_url",
    "open_store",
    "quote_around",
]

DEFAULT_DATABASE = "claimtrail.db"
# A reachable PostgreSQL server answers in milliseconds; a wrong host should fail fast.
CONNECT_TIMEOUT_S = 5.0

_POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def is_postgres_url(url: str) -> bool:
    """Whether ``url`` names a PostgreSQL database rather than a SQLite file."""
    return url.startswith(_POSTGRES_SCHEMES)


def open_store(
    url: str, *, create: bool, connect_timeout_s: float = CONNECT_TIMEOUT_S, fact_form: FactForm | None = None
) -> Store:
    """The ledger at ``url``: a SQLite file path, or a ``postgresql://`` URL.

    With ``create=False`` (read commands) a missing ledger is an error; with
    ``create=True`` a new one is made. Writing claims needs ``fact_form``, the
    link stage's fact rule (``link.fact_form``; ``pipeline.open_ledger`` passes
    it): without it, reads work and writes raise. Raises
    :class:`~claimtrail.errors.StoreError` (or a subclass) with the reason.
    """
    if not url:
        raise StoreError(
            f"no ledger given; pass a SQLite file (such as {DEFAULT_DATABASE}) or a postgresql:// URL"
        )
    if is_postgres_url(url):
        try:
            from .postgres import open_postgres
        except ImportError as exc:
            raise StoreError("PostgreSQL ledgers need psycopg: pip install 'claimtrail[postgres]'") from exc
        return open_postgres(url, create=create, connect_timeout_s=connect_timeout_s, fact_form=fact_form)
    from .sqlite import open_sqlite

    return open_sqlite(url, create=create, fact_form=fact_form)
