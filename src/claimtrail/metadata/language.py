"""The language of a text, from the share of each language's function words."""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources

# Prose in a language has a quarter or more of its tokens among that
# language's 20 commonest words; 8 % leaves room for headline-heavy pages.
MIN_FUNCTION_WORD_SHARE = 0.08
# Below this many words a single function word decides ("Kim Jong Un" reads as
# French); a sentence of prose has more.
MIN_WORDS = 8
# Enough words to tell languages apart; more adds time, not certainty.
SAMPLE_WORDS = 2000

_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)


@lru_cache(maxsize=1)
def load_languages() -> dict[str, frozenset[str]]:
    raw = resources.files(__package__).joinpath("data/languages.toml").read_text("utf-8")
    return {code: frozenset(words.split()) for code, words in tomllib.loads(raw).items()}


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the language of ``text``, or ``None`` when unsure."""
    tokens = [t.lower() for t in _TOKEN.findall(text)[:SAMPLE_WORDS]]
    if len(tokens) < MIN_WORDS:
        return None
    shares = {code: sum(t in words for t in tokens) / len(tokens) for code, words in load_languages().items()}
    code = max(shares, key=lambda c: shares[c])
    return code if shares[code] >= MIN_FUNCTION_WORD_SHARE else None
