"""Stage 6, link: the ``fact`` id shared by claims asserting the same figure for the same thing.

    >>> linked = link_facts(claims)

Within one run, claims of one story with the same measure, actor and figure share a fact:
the exact, approximate, "nearly" and "at least" forms of one figure are one
assertion; "more than", "up to", "at most" and ranges are assertions of their
own; vague magnitudes ("thousands", "several thousand") are one per magnitude.
The id is a hash of that key, so it is the same in every document and every
run without holding the whole corpus in memory. A claim with no actor of its
own ("the two prisoners", "the toll rose to 40") is keyed under its
document's usual actor, the one most of the document's claims name: a
re-mention in a story about one country is that country's figure, and the
same bare figure in a document about another country (or about none) is not.

Across documents, :mod:`.duplicates` marks near-duplicate documents (the same
wire copy in two outlets) and :mod:`.conflicts` tells a source's updates from
contradictions between sources.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from ..models import Claim
from .conflicts import find_conflicts, intervals_overlap, periods_overlap, source_key
from .duplicates import COPY_THRESHOLD, Signature, find_original, signature, similarity

__all__ = [
    "COPY_THRESHOLD",
    "POINT_FORM",
    "Signature",
    "fact_form",
    "fact_id",
    "fact_key",
    "fact_keys",
    "find_conflicts",
    "find_original",
    "intervals_overlap",
    "key_in_story",
    "link_facts",
    "periods_overlap",
    "signature",
    "similarity",
    "source_key",
    "usual_actor",
]

# The forms of one point figure that assert the same thing: one form, "point".
POINT_QUALIFIERS = frozenset({"exact", "approx", "nearly", "at_least"})
POINT_FORM = "point"


def _magnitude(value: float | None) -> int:
    """The power of ten of a vague bound: "several thousand" and "thousands" are both 3."""
    return math.floor(math.log10(value)) if value else 0


def _figure(value: float | None) -> str:
    """A bound as text, the same for 11000 and 11000.0 ("11,000" and "11 thousand")."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def usual_actor(claims: Sequence[Claim]) -> str | None:
    """The actor most of one document's claims name (lower case), ``None`` when none names one.

    Ties go to the actor named first, so the answer depends only on the document.
    """
    counts = Counter((c.actor or "").lower() for c in claims if c.actor)
    return counts.most_common(1)[0][0] if counts else None


def fact_form(qualifier: str) -> str:
    """The form of assertion a claim with ``qualifier`` makes: "point" for the forms of one figure, else itself.

    >>> fact_form("approx"), fact_form("more_than")
    ('point', 'more_than')

    The store groups a fact's claims under this form (the pipeline hands it this function).
    """
    return POINT_FORM if qualifier in POINT_QUALIFIERS else qualifier


def fact_key(claim: Claim, document_actor: str | None = None, story: str | None = None) -> str:
    """The assertion a claim makes, as a string: its story, measure, actor and figure.

    ``document_actor`` (see :func:`usual_actor`) stands in for the actor of a
    claim that names none. ``story`` is the story of the claim's document: the
    same figure in two stories is two facts (without a story, the key is the
    measure, actor and figure alone).
    """
    v = claim.value
    form = fact_form(claim.qualifier)
    if form == POINT_FORM:
        figure = f"{form}:{_figure(v.low if v.low is not None else v.high)}"
    elif form == "vague":
        figure = f"{form}:1e{_magnitude(v.low if v.low is not None else v.high)}"
    else:
        figure = f"{form}:{_figure(v.low)}:{_figure(v.high)}"
    actor = (claim.actor or document_actor or "").lower()
    return key_in_story(f"{claim.measure}|{actor}|{figure}", story)


def key_in_story(key: str, story: str | None) -> str:
    """A fact key (without story) within ``story``: the same figure in two stories is two facts."""
    return key if story is None else f"{story}|{key}"


def fact_keys(claims: Sequence[Claim]) -> list[str]:
    """The fact key (without story) of each of one document's ``claims``, as :func:`link_facts` keys them.

    ``fact_id(key_in_story(key, story))`` is then the claim's fact once its story is known.
    """
    document_actor = usual_actor(claims)
    return [fact_key(c, document_actor) for c in claims]


def fact_id(key: str) -> str:
    """A short stable id for a fact key: the same key gives the same id in every run."""
    return "f-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


def link_facts(claims: Sequence[Claim], story: str | None = None) -> list[Claim]:
    """One document's ``claims`` with their ``fact`` ids set, within the document's ``story``.

    Call it once per document: the claims that name no actor are keyed under
    the actor most of the document's claims name. Called again with the
    story the document joined, it gives the facts the ledger keeps.
    """
    document_actor = usual_actor(claims)
    return [replace(c, fact=fact_id(fact_key(c, document_actor, story))) for c in claims]
