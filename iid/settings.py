"""Settings read from the environment: one declarative table, each with a default and a help line.

A value that cannot be used (`IID_UPLOAD_LIMIT_MB=abc`, `nan`, `inf`) never becomes a traceback or a missing limit:
the default is used and `problems()` says so, in words the app and the command line show.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
MAX_UPLOAD_MB = 1024

log = logging.getLogger(__name__)


def _megabytes(text: str) -> float:
    """'20', '0.5' or '0,5' MB, above 0 and at most MAX_UPLOAD_MB; anything else (abc, nan, inf, -1) raises."""
    t = text.strip()
    if not re.fullmatch(r"[0-9]+(?:[.,][0-9]+)?", t):
        raise ValueError(t)
    v = float(t.replace(",", "."))
    if not 0 < v <= MAX_UPLOAD_MB:
        raise ValueError(t)
    return v


def _slots(text: str) -> int:
    """A whole number of page runs at once, 0 to 64 ('1', ' 2 '); anything else (abc, -1, 1.5) raises."""
    t = text.strip()
    if not re.fullmatch(r"[0-9]+", t) or int(t) > 64:
        raise ValueError(t)
    return int(t)


@dataclass(frozen=True)
class Setting:
    env: str
    default: str
    help: str
    parse: Callable[[str], object] = str  # raises ValueError for a value that cannot be used
    rule_id: str = ""  # what a usable value looks like, for the message when it is not
    rule_en: str = ""


SETTINGS: dict[str, Setting] = {
    "db_path": Setting(
        "IID_DB",
        str(DATA_DIR / "iid.duckdb"),
        "Path of the DuckDB database file, or postgresql://user@host/db for a shared PostgreSQL store.",
    ),
    "data_dir": Setting("IID_DATA_DIR", str(DATA_DIR), "Folder of CSV sources that `python -m iid build` reads."),
    "default_region": Setting("IID_DEFAULT_REGION", "64.74", "Region code shown when the URL names none."),
    "upload_limit_mb": Setting(
        "IID_UPLOAD_LIMIT_MB",
        "20",
        f"Largest file accepted by an import, in MB (above 0, at most {MAX_UPLOAD_MB}).",
        _megabytes,
        f"angka MB di atas 0 dan paling besar {MAX_UPLOAD_MB}, mis. 20 atau 0,5",
        f"a number of MB above 0 and at most {MAX_UPLOAD_MB}, e.g. 20 or 0.5",
    ),
    "lang": Setting("IID_LANG", "id", "Default language: id (Bahasa Indonesia) or en."),
    "script_slots": Setting(
        "IID_SCRIPT_SLOTS",
        "1",
        "Page runs one app server runs at once; the others wait their turn (iid/serve.py). 0: all at once.",
        _slots,
        "bilangan bulat 0 sampai 64, mis. 1",
        "a whole number from 0 to 64, e.g. 1",
    ),
}


def get(name: str) -> str:
    """Value of a setting: the environment variable if set, else its default."""
    s = SETTINGS[name]
    return os.environ.get(s.env, s.default)


def value(name: str) -> object:
    """The setting parsed by its rule; an unusable value gives the default (and a line in problems())."""
    s = SETTINGS[name]
    try:
        return s.parse(get(name))
    except ValueError:
        log.warning("%s=%r cannot be used; the default %s is used.", s.env, get(name), s.default)
        return s.parse(s.default)


def problems(lang: str = "id") -> list[str]:
    """One sentence per setting whose environment value cannot be used, saying what is used instead."""
    out = []
    for s in SETTINGS.values():
        raw = os.environ.get(s.env)
        if raw is None:
            continue
        try:
            s.parse(raw)
        except ValueError:
            if lang == "id":
                out.append(f"{s.env}={raw!r} tidak dapat dipakai ({s.rule_id}); nilai bawaan {s.default} dipakai.")
            else:
                out.append(f"{s.env}={raw!r} cannot be used ({s.rule_en}); the default {s.default} is used.")
    return out


def upload_limit_mb() -> float:
    """Largest import file in MB: always a finite number above 0, whatever the environment says."""
    return float(value("upload_limit_mb"))


def script_slots() -> int:
    """Page runs one app server runs at once (0: no limit); an unusable value gives the default 1."""
    return int(value("script_slots"))


def db_path() -> Path:
    return Path(get("db_path"))


def db_url() -> str:
    """IID_DB as given: a DuckDB file's path, or a PostgreSQL store's URL (postgresql://…, iid/store.py)."""
    value = get("db_path")
    return value if value.startswith(("postgresql://", "postgres://")) else str(Path(value))


def data_dir() -> Path:
    return Path(get("data_dir"))
