"""The nlp stage: cheap sentence splitting, the candidate filter, and the parse of what it keeps."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from claimtrail.errors import ModelError
from claimtrail.models import Article
from claimtrail.nlp import annotate_articles, load_model, select_sentences
from claimtrail.nlp.sentences import is_candidate, is_context, split_sentences
from claimtrail.settings import Settings

# Text before the line, so that offsets must be absolute, not relative to the line.
PREFIX = "Menu\nHome\n"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Mr. Lee said 27 people died. The ministry agreed.",
            ["Mr. Lee said 27 people died.", "The ministry agreed."],
        ),
        (
            "U.S. officials said N. Korea sent troops. Seoul agreed.",
            ["U.S. officials said N. Korea sent troops.", "Seoul agreed."],
        ),
        (
            "On Feb. 27 the agency said 3,000 troops left. It gave no source.",
            ["On Feb. 27 the agency said 3,000 troops left.", "It gave no source."],
        ),
        ("Gen. Syrskyi said so! Really? Yes.", ["Gen. Syrskyi said so!", "Really?", "Yes."]),
        ("He said: “We will win.” Then he left.", ["He said: “We will win.”", "Then he left."]),
        ('"We lost 400 men." The general paused.', ['"We lost 400 men."', "The general paused."]),
        ("He left in 2024. 3,000 stayed behind.", ["He left in 2024.", "3,000 stayed behind."]),
        ("The bill was $2.5 billion. Officials agreed.", ["The bill was $2.5 billion.", "Officials agreed."]),
        ("It began at 3 p.m. Monday in the north.", ["It began at 3 p.m. Monday in the north."]),
        ("Troops from the U.K. and the U.S. arrived.", ["Troops from the U.K. and the U.S. arrived."]),
        ("no capital after this. so one sentence.", ["no capital after this. so one sentence."]),
        ("A headline without a full stop", ["A headline without a full stop"]),
    ],
)
def test_split_sentences(line: str, expected: list[str]) -> None:
    text = PREFIX + line + "\nFooter"
    start, end = len(PREFIX), len(PREFIX) + len(line)

    spans = split_sentences(text, start, end)

    assert [text[s:e] for s, e in spans] == expected
    assert all(start <= s < e <= end for s, e in spans)
    assert spans == sorted(spans)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Floods killed 27 people.", True),
        ("About 4,000 residents fled.", True),
        ("Hundreds of homes were destroyed.", True),
        ("Thousands marched in the capital.", True),
        ("Several million shells were sent.", True),
        ("Two soldiers were captured.", True),
        ("A dozen villages were cut off.", True),
        ("No one was hurt, officials said.", False),
        ("The ministry gave no figure.", False),
        ("Several soldiers were seen near the border.", False),
    ],
)
def test_is_candidate(sentence: str, expected: bool) -> None:
    assert is_candidate(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The lawmaker spoke after a briefing from the spy agency.", True),
        ("He said so, citing intelligence reports.", True),
        ("According to the ministry, the toll rose.", True),
        ("Military sources confirmed the move.", True),
        ("As per the agency, more troops went.", True),
        ("The weather was fine on Monday.", False),
        ("The parade was cancelled because of the storm.", False),
    ],
)
def test_is_context(sentence: str, expected: bool) -> None:
    assert is_context(sentence) is expected


ARTICLE = """  • Home
  • World
Floods kill 27 people in northern province
2 min read
Floods killed 27 people on Monday. The rain has stopped. About 4,000 residents fled, according to officials.
Rescue teams worked through the night, the ministry said in a briefing.
The weather was calm by Tuesday and roads reopened in the valley towns nearby.
Related Articles
Storm leaves 3,000 homes without power in the south, the utility said on Sunday.
"""


def test_select_sentences_returns_content_sentences_that_can_hold_a_claim(make_article: Any) -> None:
    article = make_article(ARTICLE)
    text = article.text

    chosen = select_sentences(article)

    assert [text[s:e] for s, e, _ in chosen] == [
        "Floods kill 27 people in northern province",
        "Floods killed 27 people on Monday.",
        "About 4,000 residents fled, according to officials.",
        "Rescue teams worked through the night, the ministry said in a briefing.",
    ]
    for start, end, index in chosen:
        block = article.clean.blocks[index]
        assert block.is_content
        assert block.start <= start < end <= block.end


def test_select_sentences_skips_boilerplate_with_numbers(make_article: Any) -> None:
    article = make_article(ARTICLE)
    boilerplate = [b for b in article.clean.blocks if not b.is_content]
    assert any("3,000" in article.text[b.start : b.end] for b in boilerplate)

    for start, end, _ in select_sentences(article):
        assert not any(b.start <= start < b.end for b in boilerplate)


def test_select_sentences_of_an_article_without_content_is_empty(make_article: Any) -> None:
    assert select_sentences(make_article("  • Home\n  • World\n  • 2025\n")) == []


SECOND = "Officials said 12 bridges were washed away and 300 people were rescued by boat on Tuesday.\n"


@pytest.mark.slow
@pytest.mark.parametrize("articles_per_batch", [1, 16])
def test_annotate_articles_parses_exactly_the_selected_sentences(
    articles_per_batch: int, make_article: Any, nlp: Any, settings: Settings
) -> None:
    articles: list[Article] = [make_article(ARTICLE), make_article("  • Home\n"), make_article(SECOND)]
    nlp_settings = replace(settings.nlp, articles_per_batch=articles_per_batch)

    annotated = list(annotate_articles(articles, nlp, nlp_settings))

    assert [a.article for a in annotated] == articles
    for item in annotated:
        text = item.article.text
        assert [(s.start, s.end, s.block) for s in item.sentences] == select_sentences(item.article)
        for sentence in item.sentences:
            assert sentence.doc.text == text[sentence.start : sentence.end]
            token = sentence.doc[0]
            assert (
                text[sentence.start + token.idx : sentence.start + token.idx + len(token.text)] == token.text
            )
    assert [len(a.sentences) for a in annotated] == [4, 0, 1]


@pytest.mark.slow
def test_annotate_articles_of_nothing_is_nothing(nlp: Any, settings: Settings) -> None:
    assert list(annotate_articles([], nlp, settings.nlp)) == []


def test_a_missing_model_is_a_model_error_saying_how_to_install_it() -> None:
    with pytest.raises(
        ModelError, match=r"cannot load spaCy model 'no_such_model'.*pip install en-core-web-sm"
    ):
        load_model("no_such_model")


def test_digit_groups_are_parsed_with_commas_at_the_same_offsets() -> None:
    from claimtrail.nlp import text_for_parsing

    text = "Some 80 000 fled, 65\u2019063 were counted and 12'345 remain; in 2024 100 came back."
    parsed = text_for_parsing(text)
    assert len(parsed) == len(text)
    assert "80,000" in parsed and "65,063" in parsed and "12,345" in parsed
    assert "2024 100" in parsed  # a year then a count is no group of digits


@pytest.mark.parametrize(
    ("language", "line", "expected"),
    [
        ("uk", "Загинули 40 осіб. Ще 12 поранено.", ["Загинули 40 осіб.", "Ще 12 поранено."]),
        ("ru", "Погибли 7 человек. Власти молчат.", ["Погибли 7 человек.", "Власти молчат."]),
        ("ru", "Пришли 2,5 тыс. бойцов.", ["Пришли 2,5 тыс. бойцов."]),
        ("de", "Am 3. März kamen 80 Helfer. Es regnete.", ["Am 3. März kamen 80 Helfer.", "Es regnete."]),
        ("de", "Das war ca. 10 Uhr. Dann kam Dr. Weber.", ["Das war ca. 10 Uhr.", "Dann kam Dr. Weber."]),
        # An ordinal goes before its noun: an article, preposition or pronoun after "N." opens a sentence.
        (
            "de",
            "Die Zahl stieg auf 14. Laut der Polizei kamen 3 dazu.",
            ["Die Zahl stieg auf 14.", "Laut der Polizei kamen 3 dazu."],
        ),
        ("de", "Es waren bisher 9. Die Feuerwehr sucht.", ["Es waren bisher 9.", "Die Feuerwehr sucht."]),
        ("de", "Die 3. Armee rückte vor.", ["Die 3. Armee rückte vor."]),
        ("fr", "Il a parlé. «Nous avons perdu 20 hommes.»", ["Il a parlé.", "«Nous avons perdu 20 hommes.»"]),
        ("es", "Llegaron 30 barcos. ¿Cuántos más?", ["Llegaron 30 barcos.", "¿Cuántos más?"]),
        ("fr", "Il est parti. Élisabeth est restée.", ["Il est parti.", "Élisabeth est restée."]),
        (None, "On the 3. Then it rained.", ["On the 3.", "Then it rained."]),
    ],
)
def test_split_sentences_by_language(language: str | None, line: str, expected: list[str]) -> None:
    assert [line[s:e] for s, e in split_sentences(line, 0, len(line), language)] == expected


@pytest.mark.parametrize(
    ("language", "sentence", "expected"),
    [
        ("de", "Dutzende Häuser wurden zerstört.", True),
        ("de", "Zweihundert Helfer kamen.", True),
        ("de", "Der Regen hörte auf.", False),
        ("fr", "Des centaines de maisons ont brûlé.", True),
        ("fr", "Quelques milliers de personnes ont fui.", True),
        ("fr", "La pluie a cessé.", False),
        ("es", "Trescientos vecinos fueron evacuados.", True),
        ("es", "Un centenar de casas quedó sin luz.", True),
        ("es", "La lluvia paró.", False),
        ("uk", "Загинули двоє рятувальників.", True),
        ("uk", "Прибули п’ять тисяч бійців.", True),
        ("uk", "Дощ припинився.", False),
        ("ru", "Погибли несколько сотен человек.", True),
        ("ru", "Около двух тысяч военных прибыли.", True),
        ("ru", "Дождь прекратился.", False),
        (None, "Около двух тысяч военных прибыли.", False),
    ],
)
def test_is_candidate_by_language(language: str | None, sentence: str, expected: bool) -> None:
    assert is_candidate(sentence, language) is expected


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("de", "Laut dem Ministerium ist die Lage ruhig."),
        ("fr", "Selon le ministère, la situation est calme."),
        ("es", "Según el ministerio, la situación está en calma."),
        ("uk", "За даними розвідки, ситуація спокійна."),
        ("ru", "По данным разведки, ситуация спокойная."),
    ],
)
def test_is_context_by_language(language: str, sentence: str) -> None:
    assert is_context(sentence, language)
    assert not is_context(sentence)
