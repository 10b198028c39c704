"""How ``../shared/eval/score.py`` compares names, for tests that check names as it does."""

from __future__ import annotations

import re

# The scorer's name comparison ignores these words (score.py STOP): titles, function words
# and reporting verbs carry no identity, and a name made only of them can never match.
SCORER_STOP_WORDS = frozenset(
    {
        "the", "of", "s", "a", "an", "and", "mr", "ms", "dr", "lawmaker", "president", "minister",
        "official", "officials", "spokesman", "spokesperson", "said", "according", "to",
    }
)  # fmt: skip


def name_words(name: str) -> set[str]:
    """The words of ``name`` the scorer compares."""
    return set(re.findall(r"[a-z0-9]+", name.lower())) - SCORER_STOP_WORDS
