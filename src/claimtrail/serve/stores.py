"""One ledger connection per server thread: SQLite connections belong to the thread that made them."""

from __future__ import annotations

import threading

from ..store import Store, open_store

__all__ = ["StorePool"]


class StorePool:
    """Opens the ledger at ``database`` once per thread that asks, and closes them all at shutdown."""

    def __init__(self, database: str, connect_timeout_s: float) -> None:
        self.database = database
        self._timeout_s = connect_timeout_s
        self._local = threading.local()
        self._opened: list[Store] = []
        self._lock = threading.Lock()

    def get(self) -> Store:
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.database, create=False, connect_timeout_s=self._timeout_s)
            self._local.store = store
            with self._lock:
                self._opened.append(store)
        return store

    def close(self) -> None:
        with self._lock:
            opened, self._opened = self._opened, []
        for store in opened:
            store.close()
