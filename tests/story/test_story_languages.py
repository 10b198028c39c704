"""The story stage across languages: one story told in several languages is one story.

Sentences are invented. Country, capital and people names are general
vocabulary, the same in every story; no person or event of the corpus appears.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from importlib import resources

import pytest

from claimtrail.models import StoryInput
from claimtrail.story import StoryIndex, document_features
from claimtrail.story.words import PREFIX_MARK, languages, load_words

LANGUAGES = ("de", "fr", "es", "uk", "ru")


def page(text: str, language: str, doc: str = "p.txt", published: str | None = None) -> StoryInput:
    day = dt.date.fromisoformat(published) if published else None
    return StoryInput(doc=doc, title=None, url=None, published=day, language=language, text=text)


def test_every_language_has_its_own_tables() -> None:
    assert set(LANGUAGES) <= set(languages())
    for code in LANGUAGES:
        assert load_words(code).language == code


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "Nordkorea hat weitere Truppen geschickt."),
        ("de", "Die nordkoreanischen Einheiten rückten vor."),
        ("fr", "La Corée du Nord a envoyé des renforts."),
        ("fr", "Les unités nord-coréennes ont avancé."),
        ("es", "Corea del Norte envió refuerzos."),
        ("es", "Las unidades norcoreanas avanzaron."),
        ("uk", "Північна Корея надіслала підкріплення."),
        ("uk", "Північнокорейські підрозділи просунулися."),
        ("uk", "КНДР надіслала підкріплення."),
        ("ru", "Северная Корея направила подкрепление."),
        ("ru", "Из Северной Кореи прибыли подразделения."),
        ("ru", "Северокорейские подразделения продвинулись."),
    ],
)
def test_a_country_and_its_people_are_its_english_name_in_every_language(language: str, text: str) -> None:
    features = document_features(page(text, language))
    assert "north korea" in features.places
    assert {"north", "korea"} <= set(features.terms)  # as an English page's terms


def test_a_form_with_a_sharp_s_is_read_as_pages_are_read() -> None:
    features = document_features(page("Großbritannien schickte Berater; der Zusammenstoß war heftig.", "de"))
    assert "britain" in features.places
    assert features.events == {"accident": 1}


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "La Corée du Sud a publié une estimation."),
        ("es", "Corea del Sur publicó una estimación."),
        ("uk", "Південна Корея оприлюднила оцінку."),
        ("ru", "Южная Корея опубликовала оценку."),
    ],
)
def test_the_longest_form_decides_between_two_names_sharing_a_word(language: str, text: str) -> None:
    places = document_features(page(text, language)).places
    assert "south korea" in places
    assert "north korea" not in places


@pytest.mark.parametrize(
    ("language", "text", "term"),
    [
        ("uk", "Бої тривають біля Курська.", "kursk"),
        ("ru", "Бои идут под Курском.", "kursk"),
        ("uk", "Путін не коментував.", "putin"),
        ("ru", "Путин не комментировал.", "putin"),
        ("fr", "La délégation est arrivée à Vélmora.", "velmora"),  # accents as in other languages
    ],
)
def test_a_name_in_another_script_is_compared_in_latin_letters(language: str, text: str, term: str) -> None:
    assert term in document_features(page(text, language)).terms


@pytest.mark.parametrize(
    ("language", "text", "kind"),
    [
        ("de", "Das Hochwasser stieg; ganze Straßen wurden überschwemmt.", "flood"),
        ("fr", "Les inondations ont coupé la route.", "flood"),
        ("es", "Las inundaciones cortaron la carretera.", "flood"),
        ("uk", "Повінь зруйнувала міст; після повені село відрізане.", "flood"),
        ("ru", "Наводнение разрушило мост.", "flood"),
        ("de", "Die Truppen erreichten die Frontlinie.", "war"),
        ("fr", "Les soldats ont rejoint le front.", "war"),
        ("es", "Los soldados llegaron al frente.", "war"),
        ("uk", "Війська відійшли, солдати закріпилися.", "war"),
        ("ru", "Войска отошли, солдаты закрепились.", "war"),
        ("fr", "Le cyclone a touché l'île.", "storm"),
        ("es", "El terremoto sacudió la costa.", "earthquake"),
    ],
)
def test_event_words_are_read_in_every_case_form(language: str, text: str, kind: str) -> None:
    events = document_features(page(text, language)).events
    assert max(events, key=lambda k: events[k]) == kind


@pytest.mark.parametrize(
    ("language", "word"),
    [("ru", "которые"), ("ru", "которых"), ("uk", "яких"), ("de", "diesen"), ("es", "según")],
)
def test_stop_words_are_no_terms_in_any_of_their_forms(language: str, word: str) -> None:
    terms = document_features(page(f"Velmora {word} Velmora.", language)).terms
    assert set(terms) == {load_words(language).term("velmora")}


def test_event_and_name_tables_hold_single_words_or_whole_forms() -> None:
    """An event word is one word (pages are read word by word); a prefix mark ends a word."""
    events = tomllib.loads(
        resources.files("claimtrail.story").joinpath("data/events.toml").read_text("utf-8")
    )
    for code, kinds in events.items():
        for kind, words in kinds.items():
            for word in words:
                assert " " not in word, f"{code}.{kind}: {word!r} has a space; list single words"
                assert PREFIX_MARK not in word[:-1], f"{code}.{kind}: {word!r}: '*' only at the end"


# One story, reported in German and Ukrainian a week apart; a flood in Spain the same week.
TROOPS_DE = page(
    "Nordkorea hat nach Angaben aus Seoul weitere Soldaten nach Russland geschickt. Die Truppen "
    "sollen an der Front in der Ukraine kämpfen; der Krieg zieht weitere Einheiten an.",
    "de",
    "t-de",
    "2031-05-02",
)
TROOPS_UK = page(
    "Північна Корея відправила до Росії ще кілька тисяч військових, повідомила розвідка Сеула. "
    "Солдати КНДР воюють на фронті проти України.",
    "uk",
    "t-uk",
    "2031-05-09",
)
FLOOD_ES = page(
    "Las inundaciones en España dejaron calles anegadas; la riada desbordó el río y los "
    "bomberos rescataron a vecinos atrapados.",
    "es",
    "f-es",
    "2031-05-05",
)


def test_one_story_in_two_languages_is_one_story_and_another_event_is_not() -> None:
    index = StoryIndex()
    troops, flood, troops_again = index.assign(TROOPS_DE), index.assign(FLOOD_ES), index.assign(TROOPS_UK)
    assert troops == troops_again
    assert flood != troops


def test_pages_in_two_languages_share_the_english_names_of_their_places() -> None:
    german, ukrainian = document_features(TROOPS_DE), document_features(TROOPS_UK)
    assert german.places & ukrainian.places >= {"north korea", "russia", "ukraine", "seoul"}
    assert not {"nordkorea", "північна корея"} & (german.places | ukrainian.places)


def test_a_parser_entity_that_is_a_table_form_is_its_english_name() -> None:
    story = StoryInput(
        doc="p.txt",
        title=None,
        url=None,
        published=None,
        language="fr",
        text="Des soldats de Corée du Nord sont arrivés à Vélmora.",
        entities=(("Corée du Nord", "LOC"), ("Vélmora", "LOC")),
    )
    assert document_features(story).places == {"north korea", "velmora"}


def test_every_language_of_the_name_tables_has_word_and_event_tables() -> None:
    data = resources.files("claimtrail.story").joinpath("data")
    names, events = (
        tomllib.loads(data.joinpath(f).read_text("utf-8")) for f in ("names.toml", "events.toml")
    )
    assert set(names) <= set(languages()) & set(events)
    for code, table in names.items():
        assert set(table) <= {"letters", "names"}, f"{code}: expected only [letters] and [names]"
        assert all(len(letter) == 1 for letter in table.get("letters", {})), f"{code}: one letter a key"
