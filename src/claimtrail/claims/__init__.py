"""Stage 5, claims: the numeric claims of an annotated article.

    >>> claims = find_claims(annotated, settings.claims)

A claim is one number phrase counting a thing of the story, with its bounds,
measure, counted noun, actor, period, speaker, cited source, statement date
and hedge (see ``shared/spec/claims.md``).
"""

from __future__ import annotations

import tomllib

from ..errors import SettingsError
from ..models import AnnotatedArticle, Claim
from ..settings import ClaimSettings
from .extract import extract_claims
from .lexicon import Gazetteer, load_gazetteer, load_lexicon
from .quantities import find_quantities, parse_number

__all__ = ["find_claims", "find_quantities", "load_aliases", "parse_number"]


def load_aliases(settings: ClaimSettings) -> Gazetteer:
    """The alias and place tables, with the user's files from ``settings.alias_files``."""
    try:
        return load_gazetteer(tuple(settings.alias_files))
    except OSError as exc:
        raise SettingsError(f"cannot read alias file: {exc}") from exc
    except (tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
        raise SettingsError(
            f"invalid alias file ({exc}); expected [[org]] tables with name and patterns, "
            "and/or a [countries] table of name = [aliases]"
        ) from exc


def find_claims(annotated: AnnotatedArticle, settings: ClaimSettings) -> list[Claim]:
    """Every claim of ``annotated``, in text order, without fact ids (the link stage adds them)."""
    return extract_claims(annotated, load_lexicon(), load_aliases(settings))
