"""Settings read from the environment: one declarative table, each with a default and a help line."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"


@dataclass(frozen=True)
class Setting:
    env: str
    default: str
    help: str


SETTINGS: dict[str, Setting] = {
    "db_path": Setting("IID_DB", str(DATA_DIR / "iid.duckdb"), "Path of the DuckDB database file."),
    "data_dir": Setting("IID_DATA_DIR", str(DATA_DIR), "Folder of CSV sources that `python -m iid build` reads."),
    "default_region": Setting("IID_DEFAULT_REGION", "64.74", "Region code shown when the URL names none."),
    "upload_limit_mb": Setting("IID_UPLOAD_LIMIT_MB", "20", "Largest file accepted by an import, in MB."),
    "lang": Setting("IID_LANG", "id", "Default language: id (Bahasa Indonesia) or en."),
}


def get(name: str) -> str:
    """Value of a setting: the environment variable if set, else its default."""
    s = SETTINGS[name]
    return os.environ.get(s.env, s.default)


def db_path() -> Path:
    return Path(get("db_path"))


def data_dir() -> Path:
    return Path(get("data_dir"))
