"""What a SQL backend supplies to the shared store: connection, transactions, placeholders, dialect fragments.

:mod:`.sqlite` and :mod:`.postgres` implement :class:`SqlBackend`; the store's
jobs (:mod:`.writes`, :mod:`.facts`, :mod:`.reads`) are written once over it,
with ``?`` placeholders, so both backends answer every query alike.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Callable, Generator, Sequence
from contextlib import AbstractContextManager
from types import TracebackType
from typing import Any, Self

from .columns import Row, read_date

__all__ = ["FactForm", "SqlBackend"]

# The link stage's fact rule for one qualifier (``link.fact_form``): the form of
# assertion a claim with it makes. The pipeline hands it to the store it writes to.
FactForm = Callable[[str], str]
DateReader = Callable[[Any], "dt.date | None"]


class SqlBackend(ABC):
    """A DB-API connection and the dialect of its database."""

    # Case-insensitive LIKE: SQLite's LIKE already is for ASCII; PostgreSQL needs ILIKE.
    like = "LIKE"
    # A stored date as a date, for the hot row loops (a backend knows its own type).
    read_date: DateReader = staticmethod(read_date)
    # The link stage's fact rule, when the store was opened to write (see FactForm).
    fact_form: FactForm | None = None

    @abstractmethod
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement with ``?`` placeholders; the number of rows it changed."""

    @abstractmethod
    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run one statement once per row of parameters."""

    @abstractmethod
    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """Run one query; all its rows."""

    @abstractmethod
    def _stream(self, sql: str, params: Sequence[Any] = ()) -> Generator[Row, None, None]:
        """Run one query inside :meth:`_snapshot`; its rows as they come, without holding them all."""

    @abstractmethod
    def _write(self) -> AbstractContextManager[None]:
        """A write transaction, one writer at a time; rolled back when its block raises."""

    @abstractmethod
    def _snapshot(self) -> AbstractContextManager[None]:
        """A read transaction: every query in it sees the same state of the ledger."""

    @abstractmethod
    def _in(self, column: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
        """``column IN values`` as SQL and its parameters, for any number of values."""

    @abstractmethod
    def _in_pairs(self, first: str, second: str, pairs: Sequence[tuple[str, str]]) -> tuple[str, list[Any]]:
        """``(first, second) IN pairs`` as SQL and its parameters, for any number of pairs."""

    @abstractmethod
    def _sources_agg(self, a: str) -> str:
        """The distinct non-null ``a.source`` of a group as a JSON array (text)."""

    @abstractmethod
    def _search_agg(self, entry: str) -> str:
        """An aggregate joining the distinct values of ``entry`` (see facts.SEARCH_SEPARATOR)."""

    @abstractmethod
    def _insert_claims(self, rows: Sequence[Sequence[Any]]) -> None:
        """Insert claim rows (``columns.CLAIMS.written``) in bulk."""

    @abstractmethod
    def _param_date(self, value: dt.date | None) -> Any:
        """A date as this backend stores it."""

    @abstractmethod
    def _param_now(self) -> Any:
        """The current time as this backend stores it."""

    @abstractmethod
    def _param_time(self, value: dt.datetime | None) -> Any:
        """A time (aware) as this backend stores it, comparable with :meth:`_param_now`'s."""

    @abstractmethod
    def close(self) -> None:
        """Close the connection."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
