"""The one key by which names (sources, actors, outlets) compare, shared by the store and the link stage.

    >>> name_key("the U.S. Defense Department") == name_key("US  defense department")
    True
    >>> name_key("Bangladesh's Health Ministry")
    'bangladesh health ministry'

The store keeps it in its ``*_key`` columns and filters by it; the link stage
compares sources by it (and resolves a short form such as "the ministry" to the
one full name of its story it stands for, see :mod:`claimtrail.link.conflicts`).
"""

from __future__ import annotations

import re

__all__ = ["name_key"]

# A leading article is not part of a name ("the Health Ministry" is "Health Ministry"),
# unless it is all there is.
_DETERMINERS = frozenset({"the", "a", "an"})
# A possessive ending: "Bangladesh's Health Ministry" names the same body as "Bangladesh Health Ministry".
_POSSESSIVE = re.compile(r"['\u2019]s\b")
_NAME_WORD = re.compile(r"[\w&-]+")


def name_key(name: str | None) -> str:
    """``name`` casefolded, without dots, possessive endings or a leading determiner; '' for none."""
    if not name:
        return ""
    words = _NAME_WORD.findall(_POSSESSIVE.sub("", name.casefold().replace(".", "")))
    if len(words) > 1 and words[0] in _DETERMINERS:
        words = words[1:]
    return " ".join(words)
