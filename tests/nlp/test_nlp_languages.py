"""The nlp stage reads each article with the pipeline of its language (nlp.models, else a blank one)."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from claimtrail.nlp import Pipelines, annotate_articles, blank_pipeline
from claimtrail.settings import Settings

GERMAN = "Nach Angaben des Geheimdienstes wurden rund 600 Soldaten getötet und mehr als 4.000 verletzt.\n"
RUSSIAN = "По данным разведки, около 600 военных погибли, а более 4 000 получили ранения.\n"
FRENCH = "Selon le renseignement, près de 600 soldats ont été tués et plus de 4 000 blessés.\n"
ENGLISH = "Officials said 12 bridges were washed away and 300 people were rescued by boat on Tuesday.\n"


def test_a_language_without_a_model_gets_the_blank_pipeline_of_its_language() -> None:
    pipelines = Pipelines(blank_pipeline("en"), {"fr": "fr_core_news_sm"})
    german = pipelines.for_language("de")
    assert german.lang == "de"
    assert german.pipe_names == ["sentencizer"]
    assert pipelines.for_language("de") is german  # built once
    assert pipelines.for_language(None) is pipelines.default
    assert pipelines.for_language("en") is pipelines.default


def test_a_code_spacy_does_not_know_gets_the_multi_language_tokenizer() -> None:
    assert blank_pipeline("zz").lang == "xx"


def test_a_missing_model_warns_once_naming_the_extra_and_reads_without_a_parse(
    caplog: pytest.LogCaptureFixture,
) -> None:
    pipelines = Pipelines(blank_pipeline("en"), {"de": "de_no_such_model"})
    with caplog.at_level(logging.WARNING, logger="claimtrail.nlp"):
        first = pipelines.for_language("de")
        second = pipelines.for_language("de")
    assert first is second and first.pipe_names == ["sentencizer"]
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "'de_no_such_model'" in warnings[0] and "pip install 'claimtrail[de]'" in warnings[0]


def test_articles_of_several_languages_keep_their_order_and_their_own_pipeline(
    make_article: Any, settings: Settings
) -> None:
    english = blank_pipeline("en")
    articles = [
        make_article(GERMAN, language="de"),
        make_article(ENGLISH, language="en"),
        make_article(RUSSIAN, language="ru"),
        make_article(GERMAN, language="de"),
    ]
    annotated = list(annotate_articles(articles, Pipelines(english, {}), settings.nlp))
    assert [a.article for a in annotated] == articles
    assert [a.sentences[0].doc.lang_ for a in annotated] == ["de", "en", "ru", "de"]
    for item in annotated:
        (sentence,) = item.sentences
        # digit groups are parsed with commas ("4 000" as "4,000"), character for character
        assert len(sentence.doc.text) == sentence.end - sentence.start
        assert all(token.dep_ == "" for token in sentence.doc)  # no parse


@pytest.mark.slow
def test_french_is_parsed_with_the_french_model_of_the_settings(
    make_article: Any, settings: Settings
) -> None:
    pytest.importorskip("fr_core_news_sm", reason="the [fr] extra is not installed")
    (annotated,) = annotate_articles(
        [make_article(FRENCH, language="fr")], blank_pipeline("en"), settings.nlp
    )
    doc = annotated.sentences[0].doc
    assert doc.lang_ == "fr"
    assert {t.dep_ for t in doc} & {"nsubj", "nsubj:pass"}  # a Universal Dependencies parse
