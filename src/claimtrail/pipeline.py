"""Runs the stages in order: ingest -> clean -> metadata -> nlp -> claims -> link.

    >>> for result in extract_paths(["articles/"], load_settings()):
    ...     print(result.doc)

No logic of its own: every decision lives in a stage. A document that fails
becomes a :class:`DocumentFailure` and the batch goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from . import claims, clean, ingest, link, metadata
from . import nlp as nlp_stage
from .errors import ClaimtrailError
from .models import AnnotatedArticle, Article, Document, DocumentFailure, RawDocument
from .settings import Settings

logger = logging.getLogger(__name__)

Result = Document | DocumentFailure


def _prepare(raw: RawDocument, settings: Settings) -> Article | DocumentFailure:
    try:
        return metadata.resolve_metadata(clean.clean_document(raw, settings.clean))
    except ClaimtrailError as exc:
        return DocumentFailure(raw.doc, raw.origin, str(exc))
    except Exception as exc:  # one bad document never stops a batch
        logger.exception("cleaning %s failed", raw.doc)
        return DocumentFailure(raw.doc, raw.origin, f"internal error while cleaning: {exc!r}")


def _finish(annotated: AnnotatedArticle, settings: Settings) -> Result:
    article = annotated.article
    try:
        found = link.link_facts(claims.find_claims(annotated, settings.claims))
    except ClaimtrailError as exc:
        return DocumentFailure(article.doc, article.clean.raw.origin, str(exc))
    except Exception as exc:  # one bad document never stops a batch
        logger.exception("extracting claims from %s failed", article.doc)
        return DocumentFailure(
            article.doc, article.clean.raw.origin, f"internal error while extracting: {exc!r}"
        )
    return Document(
        doc=article.doc,
        title=article.title,
        outlet=article.outlet,
        published=article.published,
        language=article.language,
        claims=tuple(found),
    )


def extract_raw(
    docs: Iterable[RawDocument | DocumentFailure], settings: Settings, nlp: Any = None
) -> Iterator[Result]:
    """Extract the claims of each raw document, yielding results in input order.

    ``nlp`` is a loaded spaCy pipeline; by default the one ``settings`` names.
    """
    model = nlp if nlp is not None else nlp_stage.load_model(settings.nlp.model)
    pending: list[Article | DocumentFailure] = []
    for item in docs:
        pending.append(item if isinstance(item, DocumentFailure) else _prepare(item, settings))
        if len(pending) >= settings.nlp.articles_per_batch:
            yield from _run_batch(pending, model, settings)
            pending = []
    if pending:
        yield from _run_batch(pending, model, settings)


def _run_batch(batch: list[Article | DocumentFailure], model: Any, settings: Settings) -> Iterator[Result]:
    articles = [a for a in batch if isinstance(a, Article)]
    annotated = iter(nlp_stage.annotate_articles(articles, model, settings.nlp))
    for item in batch:
        yield item if isinstance(item, DocumentFailure) else _finish(next(annotated), settings)


def extract_paths(paths: Sequence[str | Path], settings: Settings, nlp: Any = None) -> Iterator[Result]:
    """Read the files and folders in ``paths`` and extract the claims of every document."""
    return extract_raw(ingest.iter_documents(paths, settings.ingest), settings, nlp)
