"""Stage 5, claims: the numeric claims of an annotated article.

    >>> claims = find_claims(annotated, settings.claims)

A claim is one number phrase counting a thing of the story, with its bounds,
measure, counted noun, actor, period, speaker, cited source, statement date
and hedge (see ``shared/spec/claims.md``).
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache

from ..errors import SettingsError
from ..models import AnnotatedArticle, Claim
from ..settings import ClaimSettings
from .extract import extract_claims
from .lang import DEFAULT_LANGUAGE, available_languages, load_language, speaking
from .lexicon import Gazetteer, load_gazetteer, read_alias_file
from .quantities import find_quantities, parse_number

__all__ = [
    "available_languages",
    "find_claims",
    "find_quantities",
    "load_aliases",
    "pack_language",
    "parse_number",
]


def load_aliases(settings: ClaimSettings, language: str = DEFAULT_LANGUAGE) -> Gazetteer:
    """The alias and place tables of ``language``, with the user's files from ``settings.alias_files``.

    Raises :class:`SettingsError` naming the first file that cannot be read or is not an alias table.
    """
    return _gazetteer(tuple(settings.alias_files), language)


@lru_cache(maxsize=8)
def _gazetteer(alias_files: tuple[str, ...], language: str) -> Gazetteer:
    """Checked once per list of files, not for every document."""
    for path in alias_files:
        try:
            read_alias_file(path)
        except OSError as exc:
            raise SettingsError(
                f"cannot read alias file {path} (claims.alias_files): {exc.strerror}"
            ) from exc
        except (tomllib.TOMLDecodeError, re.error, KeyError, TypeError, AttributeError) as exc:
            raise SettingsError(
                f"invalid alias file {path} (claims.alias_files): {type(exc).__name__} {exc}; expected "
                "[[org]] tables with name and patterns (regular expressions), and/or a [countries] "
                "table of name = [aliases]"
            ) from exc
    return load_gazetteer(alias_files, language)


def pack_language(code: str | None) -> str:
    """The pack that reads a document of language ``code``: its own, else the default (English)."""
    return code if code is not None and code in _bundled_packs() else DEFAULT_LANGUAGE


@lru_cache(maxsize=1)
def _bundled_packs() -> frozenset[str]:
    return frozenset(available_languages())


def find_claims(
    annotated: AnnotatedArticle, settings: ClaimSettings, language: str = DEFAULT_LANGUAGE
) -> list[Claim]:
    """Every claim of ``annotated``, in text order, without fact ids (the link stage adds them).

    ``language`` is the code of the language pack read (``claims/lang/<code>``); an unknown
    code raises :class:`~claimtrail.claims.lang.UnknownLanguageError` naming the packs there are.
    """
    pack = load_language(language)
    with speaking(pack):
        return extract_claims(annotated, pack.lexicon, load_aliases(settings, language))
