"""The outlet of a page, from names its own furniture and text carry.

Steps: 1. a known outlet named in the page's boilerplate (menus, newsletter
lines, footers), most mentions first; 2. one named anywhere in the text, but
wire agencies only when no other outlet is named; 3. ``None``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..models import BlockKind, CleanDocument


@dataclass(frozen=True)
class _OutletTable:
    patterns: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]
    wires: frozenset[str]


@lru_cache(maxsize=1)
def load_outlets() -> _OutletTable:
    raw = resources.files(__package__).joinpath("data/outlets.toml").read_text("utf-8")
    data = tomllib.loads(raw)
    patterns = tuple(
        (name, tuple(re.compile(p, re.MULTILINE) for p in pats)) for name, pats in data["outlets"].items()
    )
    return _OutletTable(patterns=patterns, wires=frozenset(data["wires"]["names"]))


def _count(text: str, table: _OutletTable) -> dict[str, int]:
    counts: dict[str, int] = {}
    for name, pats in table.patterns:
        n = sum(len(p.findall(text)) for p in pats)
        if n:
            counts[name] = n
    return counts


def _best(counts: dict[str, int], wires: frozenset[str]) -> str | None:
    own = {k: v for k, v in counts.items() if k not in wires}
    pool = own or counts
    return max(pool, key=lambda k: pool[k]) if pool else None


def find_outlet(clean: CleanDocument) -> str | None:
    """The outlet that published the page, or ``None``."""
    table = load_outlets()
    text = clean.raw.text
    furniture = "\n".join(
        text[b.start : b.end] for b in clean.blocks if b.kind is BlockKind.BOILERPLATE
    )
    found = _best(_count(furniture, table), table.wires)
    return found or _best(_count(text, table), table.wires)
