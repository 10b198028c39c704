"""Near-duplicate documents: the same wire copy printed by two outlets.

    >>> sig = signature(content_text)
    >>> original = find_original(sig, store.find_copies(sig.bands))

A document's content text is cut into word 5-grams (shingles) and summarised
by a datasketch MinHash; its hash values are split into LSH bands so that a
store can look up candidates by band key, and ``find_original`` confirms a
candidate by the estimated Jaccard similarity of the two shingle sets.
Menus, bylines and footers are not content, so they never make two copies
look different; a changed sentence or two does not either.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from datasketch import MinHash

__all__ = [
    "BANDS",
    "COPY_THRESHOLD",
    "MIN_WORDS",
    "NUM_PERM",
    "ROWS_PER_BAND",
    "Signature",
    "find_original",
    "signature",
    "similarity",
]

# 128 permutations estimate a Jaccard similarity with a standard error of
# sqrt(J(1-J)/128), about 0.04 at J = 0.7: fine enough to tell a copy from a
# rewrite of the same story, and 1 KiB a document to store.
NUM_PERM = 128

# Measured on ~300-word wire stories (tests/link/test_link_duplicates.py): a copy
# with another byline, headline and one changed sentence keeps 76-83% of its
# 5-gram shingles, a copy with its last three paragraphs cut 72-86%; another
# outlet's own report of the same story, with the same figures and quotes,
# shares 4%. At 0.8 half of such copies would be missed; 0.7 misses few and
# stays far above any rewrite.
COPY_THRESHOLD = 0.7

# Bands and rows per band: datasketch's optimal parameters for COPY_THRESHOLD
# over 128 permutations, with false negatives weighted 0.9 and false positives
# 0.1 (MinHashLSH(threshold=0.7, num_perm=128, weights=(0.1, 0.9)).b and .r).
# A false positive costs one similarity check in ``find_original``; a false
# negative loses a copy. With 20 bands of 6 rows a pair at J = 0.7 shares a
# band 92% of the time, at 0.8 99.8%; at 0.5 27%, at 0.3 1.4%.
# (The unweighted optimum, 14 bands of 9 rows, finds a J = 0.7 pair 44% of the time.)
BANDS = 20
ROWS_PER_BAND = 6

# Words in a shingle: long enough that two articles on one story rarely share
# one by chance, short enough that a changed word spoils only five of them.
SHINGLE_WORDS = 5

# Below this many words a text gets no bands: 20 words give 16 shingles, one
# changed word spoils five of them, and a caption or a one-line brief is
# often printed word for word by unrelated reports. Such texts cannot be judged.
MIN_WORDS = 20

# datasketch 2.0's 64-bit affine permutations with its SHA-1 based 64-bit hash
# and a fixed seed: the same text gives the same signature in every run and
# on every machine, and the stored bytes say nothing about how they were made,
# so these must never change for an existing ledger.
_SCHEME = "affine64"
_SEED = 1
_DTYPE = np.dtype("<u8")

_NOT_WORD = re.compile(r"[^\w]+")


@dataclass(frozen=True)
class Signature:
    """A document's MinHash (``NUM_PERM`` little-endian uint64 values) and its LSH band keys.

    ``bands`` is empty for a text too short to judge (fewer than ``MIN_WORDS`` words).
    """

    minhash_bytes: bytes
    bands: tuple[str, ...]


def _normalise_words(text: str) -> list[str]:
    """The words of ``text``, lower-cased, with punctuation removed ("11,000" -> "11000")."""
    words = (_NOT_WORD.sub("", token) for token in text.casefold().split())
    return [w for w in words if w]


def _shingles(words: Sequence[str]) -> list[bytes]:
    """Word n-grams as UTF-8 bytes; a text shorter than one shingle is one shingle."""
    if len(words) < SHINGLE_WORDS:
        return [" ".join(words).encode("utf-8")] if words else []
    return [
        " ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8") for i in range(len(words) - SHINGLE_WORDS + 1)
    ]


def _band_keys(hashvalues: npt.NDArray[np.uint64]) -> tuple[str, ...]:
    """One key per band: the band's index and a digest of its rows, so bands never collide."""
    keys = []
    for band in range(BANDS):
        rows = hashvalues[band * ROWS_PER_BAND : (band + 1) * ROWS_PER_BAND]
        digest = hashlib.blake2b(rows.tobytes(), digest_size=8).hexdigest()
        keys.append(f"{band:02d}:{digest}")
    return tuple(keys)


def signature(text: str) -> Signature:
    """The MinHash signature and LSH band keys of a document's content text.

    ``text`` is the content only (the body lines joined), not menus or footers.
    """
    words = _normalise_words(text)
    minhash = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME)
    minhash.update_batch(_shingles(words))
    hashvalues = np.asarray(minhash.hashvalues, dtype=_DTYPE)
    bands = _band_keys(hashvalues) if len(words) >= MIN_WORDS else ()
    return Signature(minhash_bytes=hashvalues.tobytes(), bands=bands)


def _minhash(data: bytes) -> MinHash:
    """A datasketch MinHash rebuilt from a signature's bytes."""
    if len(data) != NUM_PERM * _DTYPE.itemsize:
        raise ValueError(
            f"a MinHash signature is {NUM_PERM * _DTYPE.itemsize} bytes ({NUM_PERM} uint64 values), "
            f"got {len(data)} bytes"
        )
    return MinHash(seed=_SEED, scheme=_SCHEME, hashvalues=np.frombuffer(data, dtype=_DTYPE))


def similarity(a: bytes, b: bytes) -> float:
    """The estimated Jaccard similarity of the shingle sets of two signatures, 0.0 to 1.0."""
    return float(_minhash(a).jaccard(_minhash(b)))


def find_original(sig: Signature, candidates: Sequence[tuple[str, bytes]]) -> str | None:
    """The id of the candidate most similar to ``sig``, if it is a copy (``COPY_THRESHOLD``).

    ``candidates`` are (document id, signature bytes) pairs sharing a band with
    ``sig``, as the store finds them. A signature without bands (a text too short
    to judge) is nobody's copy. Of equally similar candidates the first wins.
    """
    if not sig.bands or not candidates:
        return None
    own = _minhash(sig.minhash_bytes)
    best_id, best = None, COPY_THRESHOLD
    for doc_id, data in candidates:
        score = float(own.jaccard(_minhash(data)))
        if score > best or (best_id is None and score >= best):
            best_id, best = doc_id, score
    return best_id
