"""The language of a text, from py3langid's model (shipped inside the package, no download).

    >>> detect_language("Les inondations ont fait 27 morts dans le nord du pays.")
    'fr'

A document's given ``language`` (sidecar, JSON Lines record, HTML tag) wins over this
guess: ``resolve_metadata`` asks only when none was given.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

# Below this many words a name or a headline decides ("Kim Jong Un" reads as
# Luxembourgish); a sentence of prose has more.
MIN_WORDS = 8
# Enough words to tell languages apart; more adds time, not certainty (the model
# reads character n-grams: 400 words, some 2,500 characters, put every dev and
# dev-ml page in its language at over 0.99, as 2,000 words did, in a fifth of the time).
SAMPLE_WORDS = 400
# The words are taken from the text's first characters only (a page of megabytes
# is not read whole for them): ample for SAMPLE_WORDS words of any script.
SAMPLE_CHARS = 16 * SAMPLE_WORDS
# py3langid's normalised probability of its best guess. Prose of one language scores
# above 0.95 (the dev-ml excerpts: 0.99 and over); a mix of names, figures and a
# few words of two languages falls near 0.3-0.5, where a guess would be a coin toss.
MIN_CONFIDENCE = 0.5
# The model's codes are ISO 639-1 (two letters) for languages, and others for "no
# language" (zxx) or macro-languages; only the two-letter codes name a language.
_ISO_639_1 = re.compile(r"[a-z]{2}")

_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)


@lru_cache(maxsize=1)
def _identifier() -> Any:
    """py3langid's identifier with normalised probabilities, loaded once per process (0.7 s)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the language of ``text``, or ``None`` when unsure."""
    words = _TOKEN.findall(text, 0, SAMPLE_CHARS)
    if len(words) < MIN_WORDS:
        return None
    sample = " ".join(words[:SAMPLE_WORDS])
    code, probability = _identifier().classify(sample)
    if probability < MIN_CONFIDENCE or not _ISO_639_1.fullmatch(code):
        return None
    return str(code)
