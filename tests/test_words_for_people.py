"""Every page's rendered text, in both languages, is written for people: no raw field names, internal codes,
missing-value markers (nan, None, NaT, <NA>) or backticks, and the table downloads' headers are words too."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Sequence

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from iid import register as R
from tests import conftest

# internal codes a person should never read: the register's stages, forms and statuses, import actions
CODES = {*R.STAGES, *R.FORMS, *R.STATUSES, "insert", "update", "delete", "pelayanan_publik", "uji_coba", "draft"}
MISSING = re.compile(r"(?<![\w-])(nan|None|NaT|<NA>)(?![\w-])")
SNAKE = re.compile(r"(?<![\w./:@-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w./@-])")
URLISH = re.compile(r"https?://\S+|\S+@\S+|\S+\.(csv|xlsx|pptx|pdf|png|zip)\b|\?\w+=\S*")

# Indonesian writes 65,00 and 1.234: a dot before one or two digits is an English decimal (Kemendagri codes such as
# 64.74 stand in brackets or after "kode"; years and version-like strings are not matched)
DOT_DECIMAL = re.compile(r"(?<![\d.,])\d{1,3}\.\d{1,2}(?![\d.])")
REGION_CODE = re.compile(r"\(\d{2}(\.\d{2}){0,3}\)|\b[Kk]ode:? \d{2}(\.\d{2}){0,3}|\?r=\S+")
STREAMLIT_ENGLISH = {"Choose an option", "Choose options", "Add an option", "Select all"}

TEXT_FIELDS = {"body", "label", "help", "placeholder", "options", "value", "delta", "caption", "text", "title"}


def _many(value) -> bool:
    return isinstance(value, Sequence) and not isinstance(value, (str, bytes))


def _strings(msg, out: list[str]) -> None:
    """The person-facing string fields of a Streamlit element's protobuf (not ids, keys, specs or form names)."""
    for field, value in msg.ListFields():
        if field.name in ("spec", "id", "form_id", "key", "url", "page_script_hash", "data", "arrow_data"):
            continue
        if field.type == field.TYPE_MESSAGE:
            for v in value if _many(value) else [value]:
                _strings(v, out)
        elif field.type == field.TYPE_STRING and field.name in TEXT_FIELDS:
            # a style sheet the app injects with st.html is not text anyone reads
            out.extend(v for v in (value if _many(value) else [value]) if not v.lstrip().startswith("<style"))


def as_seen(node) -> pd.DataFrame:
    """A table as the grid shows it: column_config's labels as headers, hidden columns left out."""
    df = node.value
    config = json.loads(node.proto.columns or "{}")
    order = list(node.proto.column_order) or list(df.columns)
    cols = [c for c in df.columns if c in order and not config.get(str(c), {}).get("hidden")]
    df = df[cols].copy()
    for c in cols:  # a selectbox column with labels (format_func) shows each code's label
        options = config.get(str(c), {}).get("type_config", {}).get("options") or []
        labels = {o["value"]: o.get("label", o["value"]) for o in options if isinstance(o, dict)}
        if labels:  # a multiselect column holds a list of codes in each cell
            df[c] = [
                ", ".join(str(labels.get(x, x)) for x in v)
                if isinstance(v, list | tuple | np.ndarray)
                else labels.get(v, v)
                for v in df[c].tolist()
            ]
    editor = node.proto.editing_mode != 0  # read-only grids are mode 0
    shown = df.rename(columns={c: config.get(str(c), {}).get("label") or c for c in cols})
    shown.attrs["editable"] = {
        config.get(str(c), {}).get("label") or c for c in cols if editor and not config.get(str(c), {}).get("disabled")
    }
    return shown


def rendered(at: AppTest) -> tuple[list[str], list[pd.DataFrame]]:
    """What a person reads on the page: texts and every table (headers and cells)."""
    texts: list[str] = []
    tables: list[pd.DataFrame] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if getattr(node, "type", "") in ("arrow_data_frame", "dataframe", "table"):
            tables.append(as_seen(node))
        elif proto is not None and getattr(node, "type", "") != "plotly_chart":
            _strings(proto, texts)
        # an empty picker without a placeholder of ours shows Streamlit's English one
        if (
            getattr(node, "type", "") == "selectbox"
            and not node.proto.placeholder
            and node.value is None
            and not node.proto.HasField("default")  # index=None: no option chosen, not a None option such as "–"
        ):
            texts.append("Choose an option")
        if getattr(node, "type", "") == "multiselect" and not node.proto.placeholder and not node.value:
            texts.append("Choose options")
        for child in (
            getattr(node, "children", {}).values() if isinstance(getattr(node, "children", None), dict) else []
        ):
            walk(child)

    walk(at._tree)
    return texts, tables


def raw_bits(texts: list[str], tables: list[pd.DataFrame], lang: str = "id") -> set[str]:
    found: set[str] = set()
    for text in texts:
        clean = URLISH.sub(" ", text.replace("\\", ""))
        if lang == "id":
            bare = REGION_CODE.sub(" ", clean)
            found.update(f"decimal dot: {m.group(0)!r} in {text[:80]!r}" for m in DOT_DECIMAL.finditer(bare))
            if text in STREAMLIT_ENGLISH:
                found.add(f"Streamlit's English: {text!r}")
        found.update(f"text: {m.group(0)!r} in {text[:80]!r}" for m in MISSING.finditer(clean))
        found.update(f"text: {m.group(0)!r} in {text[:80]!r}" for m in SNAKE.finditer(clean))
        if "\\`" in text:  # an escaped backtick shows as itself; a code span (`python -m iid build`) shows as code
            found.add(f"backtick in {text[:80]!r}")
        if text.strip() in CODES:
            found.add(f"code as text: {text!r}")
    for df in tables:
        for col in map(str, df.columns):
            if SNAKE.fullmatch(col) or col in CODES or MISSING.fullmatch(col):
                found.add(f"header: {col!r}")
        for col in df.columns:
            # a number a person edits in the grid stays a number (like st.number_input, Streamlit writes it with a dot)
            editable = col in df.attrs.get("editable", ())
            if lang == "id" and pd.api.types.is_float_dtype(df[col]) and df[col].notna().any() and not editable:
                found.add(f"numbers the grid writes with a dot: column {col!r}")  # fmt.frame_numbers writes 65,00
            for v in df[col].astype("string").dropna().unique().tolist()[:500]:
                if v in CODES or MISSING.fullmatch(v) or "`" in v:
                    found.add(f"cell: {v!r} in column {col!r}")
    return found


def open_page(page: str, **params: str) -> AppTest:
    return conftest.open_page(page, timeout=90, **params)


TABS = {
    "pages/overview.py": [None],
    "pages/compare.py": ["tab_latest", "tab_time", "tab_indicators", "tab_map", "tab_table"],
    "pages/trend.py": [None],
    "pages/targets.py": [None],
    "pages/data_in.py": ["tab_import", "tab_history", "tab_sources", "tab_quality", "tab_download"],
    "pages/innovations.py": list(R.TAB_KEYS),
    "pages/presentation.py": [None],
}
TAB_PARAM = {"pages/compare.py": "tab", "pages/data_in.py": "dtab", "pages/innovations.py": "itab"}
REGIONS = ("64.74", "65", "64.02")  # a kota, a province, a kabupaten

# Left for the register's owner (pages/innovations.py): its add form's unit and competition pickers show Streamlit's
# "Choose an option" / "Choose options" in Indonesian (no placeholder). Strict: the mark fails once they are fixed.
LEFT: set[tuple[str, str, str]] = set()  # views still failing, each xfail(strict) until fixed
LEFT_REASON = "innovations add form: unit and competition pickers without an Indonesian placeholder"

CASES = [
    pytest.param(
        page,
        tab,
        lang,
        r,
        pub,
        id=f"{page.split('/')[1][:-3]}-{tab}-{lang}-{r}-pub{pub}",
        marks=[pytest.mark.xfail(strict=True, reason=LEFT_REASON)] if (page, tab, lang) in LEFT else [],
    )
    for page, tabs in TABS.items()
    for tab in tabs
    for lang in ("id", "en")
    for r, pub in ((REGIONS[0], "0"), (REGIONS[1], "1"), (REGIONS[2], "0"))
    if lang == "id" or r == REGIONS[0]
]


@pytest.mark.parametrize(("page", "tab", "lang", "region", "pub"), CASES)
def test_every_page_and_tab_reads_as_words_not_raw_identifiers(app_env, page, tab, lang, region, pub):
    from iid.i18n import t

    params = {"r": region, "lang": lang, "pub": pub}
    if page == "pages/compare.py":
        params["r"] = f"{region},61.71"
    if tab:
        params[TAB_PARAM[page]] = t(tab, lang)
    at = open_page(page, **params)
    assert not at.exception
    found = raw_bits(*rendered(at), lang)
    assert not found, "\n".join(sorted(found))


def test_the_scan_finds_a_raw_field_name_a_code_a_none_and_a_backtick():
    df = pd.DataFrame({"group_name": ["uji_coba", None], "Tahap": ["draft", "nan"]})
    found = raw_bits(["Baris `batch_id` diimpor", "Kode \\`A\\`", "Skor: None"], [df])
    assert any("group_name" in f for f in found)
    assert any("uji_coba" in f for f in found)
    assert any("'draft'" in f for f in found)
    assert any("backtick" in f for f in found)
    assert any("None" in f for f in found)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_comparison_table_downloads_have_word_headers(app_env, lang):
    from iid import export
    from iid.i18n import t

    at = open_page("pages/compare.py", r="64.74,65,64.02", lang=lang, tab=t("tab_table", lang))
    tables = rendered(at)[1]
    assert tables
    for df in tables:
        csv = pd.read_csv(io.BytesIO(export.csv_bytes(df)))
        xlsx = pd.read_excel(io.BytesIO(export.xlsx_bytes(df, None, "tabel")))
        for got in (csv, xlsx):
            assert not [c for c in map(str, got.columns) if SNAKE.fullmatch(c) or c in CODES], list(got.columns)
