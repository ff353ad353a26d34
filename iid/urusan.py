"""Government affairs (urusan pemerintahan, UU 23/2014) as data: the register's urusan is one of these codes.

The list is iid/urusan.csv: urusan wajib pelayanan dasar (6), wajib non-pelayanan dasar (18) and pilihan (8) as UU 23/2014
Pasal 12 names them, and the supporting functions (fungsi penunjang: planning, finance, civil service, training, research;
PP 18/2016 on Perangkat Daerah) that units such as Bapperida and BKPSDM also report innovations under.
Text typed before the list existed is mapped by name, code or a known synonym (case and spacing ignored); text that
matches none is kept whole as `lainnya: <the text>`, so nothing typed is ever lost and it shows as "Lainnya".
"""

import csv
import functools
import re
from pathlib import Path

from iid.i18n import t

FILE = Path(__file__).with_name("urusan.csv")
KINDS = ("wajib_dasar", "wajib_non_dasar", "pilihan", "penunjang")
OTHER = "lainnya"
OTHER_PREFIX = "lainnya: "


@functools.cache
def table() -> tuple[dict[str, str], ...]:
    """The rows of iid/urusan.csv, in the law's order."""
    with FILE.open(encoding="utf-8") as f:
        return tuple(csv.DictReader(f))


def codes() -> list[str]:
    return [r["code"] for r in table()]


def _key(text: str) -> str:
    """Case, spacing, punctuation and 'urusan' ignored: 'Urusan  Pekerjaan Umum & Penataan Ruang' ~ the name."""
    s = re.sub(r"[^0-9a-z]+", " ", text.lower().replace("&", " dan ").replace("_", " "))
    s = re.sub(r"^urusan ", "", " ".join(s.split()))
    return s.replace("olah raga", "olahraga").replace("perlindungan", "pelindungan").replace("tentram", "tenteram")


@functools.cache
def _lookup() -> dict[str, str]:
    out: dict[str, str] = {}
    for r in table():
        for name in (r["code"], r["name_id"], r["name_en"], *r["synonyms"].split(";")):
            if name.strip():
                out.setdefault(_key(name), r["code"])
    return out


def normalise(text: object) -> str | None:
    """The code for what someone typed; unknown text kept as `lainnya: <text>`; empty is None."""
    if not isinstance(text, str) or not text.strip():
        return None
    clean = " ".join(text.split())
    if clean.lower().startswith(OTHER):  # already kept as `lainnya: x` (or a bare "lainnya"): x is looked up again
        clean = clean[len(OTHER) :].lstrip(" :")
        if not clean:
            return OTHER
    return _lookup().get(_key(clean)) or f"{OTHER_PREFIX}{clean}"


def is_known(code: object) -> bool:
    return isinstance(code, str) and code in codes()


def label(code: object, lang: str = "id") -> str:
    """An urusan as a person reads it: its name in the language, or "Lainnya: <the text as typed>"."""
    if not isinstance(code, str) or not code:
        return ""
    names = {r["code"]: r["name_id" if lang == "id" else "name_en"] for r in table()}
    if code in names:
        return names[code]
    rest = code[len(OTHER) :].lstrip(" :") if code.startswith(OTHER) else code
    return t("urusan_other", lang, text=rest) if rest else t("urusan_other_bare", lang)


def labels(lang: str = "id") -> dict[str, str]:
    """code → name for the pickers, grouped by kind: "Wajib (pelayanan dasar) · Pendidikan"."""
    return {r["code"]: f"{t('urusan_kind_' + r['kind'], lang)} · {label(r['code'], lang)}" for r in table()}


def kind(code: object) -> str | None:
    return {r["code"]: r["kind"] for r in table()}.get(code) if isinstance(code, str) else None
