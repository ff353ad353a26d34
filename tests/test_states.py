"""The state matrix: every page × regions of every kind and data situation × URL variants × data states.

Zero exceptions, and no "nan", "None", "NaT", "<NA>", raw codes or field names in the rendered text. The data
states are the ones users reach, not the ones the sample happens to have: as built; a database of published data
only (most regions have nothing at all); after a plain import of a partial new year with no source options; after
an official import with no publisher; after that import is undone; with an empty innovation register.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from iid import dataio
from iid.build import build
from iid.db import Database
from tests.conftest import ADMIN, app_test

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")

PAGES = [
    "pages/overview.py",
    "pages/compare.py",
    "pages/trend.py",
    "pages/targets.py",
    "pages/innovations.py",
    "pages/data_in.py",
    "pages/presentation.py",
]

# Regions of every kind and data situation (as built; see data/published and data/sample).
REGIONS = {
    "65": "a province with a published score and rank",
    "64.74": "a city with published predicates but no published score",
    "61.71": "a city with published predicates but no published score",
    "19.71": "a city with a published rank beside sample scores",
    "11.09": "a kabupaten with published scores",
    "11.01": "a kabupaten with nothing published (nothing at all in a published-only database)",
}
VARIANTS = {
    "plain": {},
    "published only": {"pub": "1"},
    "english": {"lang": "en"},
    "projector": {"present": "1"},
}
TABS = {
    "pages/compare.py": ("tab", ["Terbaru", "Dari waktu ke waktu", "Indikator", "Peta", "Tabel"]),
    "pages/innovations.py": (
        "itab",
        ["Register", "Komitmen", "Portofolio", "Kompetisi", "Keberlanjutan", "Dampak ke skor", "Impor dan riwayat"],
    ),
    "pages/data_in.py": ("dtab", ["Impor", "Riwayat impor", "Sumber", "Kualitas data", "Unduh semua"]),
    "pages/presentation.py": ("s", ["1", "2", "3", "4", "5", "6", "7"]),
}

# A partial new year for two cities, the simplest file a person writes: no source options at all.
PLAIN_IMPORT = "kode,tahun,skor\n64.74,2026,63.5\n61.71,2026,58.25\n"
# An official result for one kabupaten, with a document but no publisher.
OFFICIAL_IMPORT = "kode,tahun,skor\n11.01,2025,47.12\n"


def _import(db: Database, tmp: Path, name: str, text: str, **source) -> int:
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return dataio.import_file(db, path, **source, actor=ADMIN).import_id


@pytest.fixture(scope="session")
def state_dbs(built_db_path: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One database file per data state, made once; each test works on its own copy."""
    root = tmp_path_factory.mktemp("states")
    out: dict[str, Path] = {}

    def copy(name: str) -> tuple[Database, Path]:
        path = root / f"{name}.duckdb"
        shutil.copy(built_db_path, path)
        return Database(path), path

    out["as built"] = copy("as_built")[1]
    out["published data only"] = build(ROOT / "data", root / "published.duckdb", include_sample=False).path

    db, out["after a plain import"] = copy("plain_import")
    _import(db, root, "skor-2026.csv", PLAIN_IMPORT)
    db.close()

    db, out["after an official import with no publisher"] = copy("no_publisher")
    _import(db, root, "sk-2025.csv", OFFICIAL_IMPORT, published=True, source_ref="SK Menteri (tanpa penerbit)")
    db.close()

    db, out["after the import is undone"] = copy("undone")
    dataio.undo(db, _import(db, root, "skor-2026b.csv", PLAIN_IMPORT), actor=ADMIN)
    db.close()

    db, out["with an empty register"] = copy("empty_register")
    with db.transaction() as cur:
        for table in ("innovation_levels", "register_log", "innovations"):
            cur.execute(f"delete from {table}")  # table names from the tuple above, no user text
    db.close()
    return out


def open_page(page: str, **params: str) -> AppTest:
    at = app_test(90)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    if page != "pages/overview.py":
        at.switch_page(page).run()
    return at


# ---- what a person reads ----

BAD_WORDS = re.compile(r"(?<![\w-])(nan|NaN|None|NaT|<NA>|null|undefined)(?![\w-])")
# snake_case identifiers: field names (score_is_sample), raw codes (pelayanan_publik), missing i18n keys
FIELD_NAME = re.compile(r"(?<![\w./\\-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w./\\-])")
URLISH = re.compile(r"(https?://\S+|\S+\.(csv|xlsx|pptx|png|svg|zip|duckdb)\b|\S+@\S+)")


def _figure_texts(spec: dict) -> list[str]:
    out: list[str] = []
    layout = spec.get("layout", {})

    def title(obj) -> None:
        if isinstance(obj, dict):
            if isinstance(obj.get("text"), str):
                out.append(obj["text"])
            sub = obj.get("subtitle")
            if isinstance(sub, dict) and isinstance(sub.get("text"), str):
                out.append(sub["text"])

    title(layout.get("title"))
    for key, value in layout.items():
        if key.startswith(("xaxis", "yaxis")) and isinstance(value, dict):
            title(value.get("title"))
            out.extend(str(x) for x in value.get("ticktext") or [])
    for a in layout.get("annotations") or []:
        if isinstance(a.get("text"), str):
            out.append(a["text"])
    for tr in spec.get("data", []):
        for key in ("name", "text", "hovertext", "texttemplate"):
            v = tr.get(key)
            if isinstance(v, str):
                out.append(v)
            elif isinstance(v, list):
                out.extend(str(x) for x in v if x is not None)
    return out


def visible_text(at: AppTest) -> list[str]:
    """Every piece of text the page shows: headings, text, messages, metrics, tables, chart texts, buttons."""
    texts: list[str] = []
    for group in (at.title, at.header, at.subheader, at.markdown, at.caption, at.text):
        texts.extend(str(e.value) for e in group)
    for group in (at.info, at.warning, at.error, at.success):
        texts.extend(str(e.body) for e in group)
    for m in at.metric:
        texts.extend([str(m.label), str(m.value)])
        if m.proto.delta:
            texts.append(str(m.proto.delta))
    for df in at.dataframe:
        frame = df.value
        config = json.loads(df.proto.columns) if df.proto.columns else {}
        order = list(df.proto.column_order) or [str(c) for c in frame.columns]
        for col in frame.columns:
            cfg = config.get(f"name:{col}") or config.get(str(col)) or {}
            if cfg.get("hidden") or str(col) not in order:
                continue
            texts.append(str(cfg.get("label") or col))  # the header a person sees
            # Streamlit draws a missing cell of a read-only table as a grey "None"; an editable grid needs its empty
            # cells empty (a person types into them), so only tables are held to this
            if (
                df.editing_mode == "read_only"
                and frame[col].isna().any()
                and not df.proto.arrow_data.HasField("styler")
            ):
                texts.append("None")
            # a select column shows each option's label (format_func), not the stored value
            options = (cfg.get("type_config") or {}).get("options") or []
            shown = {str(o["value"]): str(o.get("label", o["value"])) for o in options if isinstance(o, dict)}
            if frame[col].dtype == object or str(frame[col].dtype) in ("str", "string"):
                texts.extend(shown.get(v, v) for v in frame[col].tolist() if isinstance(v, str))
    for b in at.button:
        texts.append(str(b.label))
    for e in at.expander:
        texts.append(str(e.label))
    for t in at.tabs:
        texts.append(str(t.label))
    for chart in at.get("plotly_chart"):
        texts.extend(_figure_texts(json.loads(chart.proto.spec)))
    return texts


def problems_in(at: AppTest) -> list[str]:
    found = []
    for text in visible_text(at):
        plain = URLISH.sub(" ", text)
        for pattern, what in ((BAD_WORDS, "missing value"), (FIELD_NAME, "raw name")):
            for m in pattern.finditer(plain):
                found.append(f"{what} {m.group(0)!r} in {text[:160]!r}")
    return found


def check(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    found = problems_in(at)
    assert not found, found[:10]


# ---- the matrix ----


def _cases():
    for page in PAGES:
        for code in REGIONS:
            for variant in VARIANTS:
                yield pytest.param("as built", page, code, variant, id=f"{page[6:-3]}-{code}-{variant}")
                yield pytest.param(
                    "published data only", page, code, variant, id=f"{page[6:-3]}-{code}-{variant}-pubdb"
                )
    for state in (
        "after a plain import",
        "after an official import with no publisher",
        "after the import is undone",
        "with an empty register",
    ):
        for page in PAGES:
            for code in ("64.74", "11.01", "65"):
                for variant in ("plain", "published only", "english"):
                    yield pytest.param(state, page, code, variant, id=f"{page[6:-3]}-{code}-{variant}-{state}")


@pytest.mark.parametrize(("state", "page_file", "code", "variant"), list(_cases()))
def test_every_page_renders_cleanly_in_every_state(state_dbs, monkeypatch, state, page_file, code, variant):
    # the state's own file: rendering a page writes nothing, and the caches stay warm across the matrix
    monkeypatch.setenv("IID_DB", str(state_dbs[state]))
    monkeypatch.chdir(ROOT)
    params = {"r": code, **VARIANTS[variant]}
    if page_file == "pages/compare.py":
        params["r"] = f"{code},61.71" if code != "61.71" else code
    check(open_page(page_file, **params))


def _tab_cases():
    for page, (name, values) in TABS.items():
        for value in values:
            for code in ("64.74", "65"):
                yield pytest.param(page, name, value, code, id=f"{page[6:-3]}-{name}={value}-{code}")


@pytest.mark.parametrize(("page_file", "name", "value", "code"), list(_tab_cases()))
def test_every_tab_and_screen_renders_cleanly(state_dbs, monkeypatch, page_file, name, value, code):
    monkeypatch.setenv("IID_DB", str(state_dbs["after a plain import"]))
    monkeypatch.chdir(ROOT)
    check(open_page(page_file, r=code, **{name: value}))


# ---- the three crash paths of the issue, as a person reaches them ----


@pytest.mark.parametrize("page_file", ["pages/trend.py", "pages/compare.py", "pages/presentation.py"])
@pytest.mark.parametrize("code", ["64.74", "61.71"])
def test_published_only_view_of_a_city_with_only_a_published_predicate_has_no_traceback(app_env, page_file, code):
    at = open_page(page_file, r=code, pub="1")
    check(at)


@pytest.mark.parametrize(
    "page_file", ["pages/overview.py", "pages/compare.py", "pages/trend.py", "pages/presentation.py"]
)
def test_pages_after_a_plain_import_with_no_publisher_name_its_source_and_say_self_assessment(
    state_dbs, monkeypatch, tmp_path, page_file
):
    db = tmp_path / "app.duckdb"
    shutil.copy(state_dbs["after a plain import"], db)
    monkeypatch.setenv("IID_DB", str(db))
    monkeypatch.chdir(ROOT)
    at = open_page(page_file, r="64.74")
    check(at)
    if page_file == "pages/overview.py":
        assert any("penilaian mandiri" in label.lower() for label in (m.label for m in at.metric))
        assert "skor-2026.csv" in " ".join(visible_text(at))


def test_a_self_assessment_is_never_shown_as_published(state_dbs, monkeypatch, tmp_path):
    db = tmp_path / "app.duckdb"
    shutil.copy(state_dbs["after a plain import"], db)
    monkeypatch.setenv("IID_DB", str(db))
    monkeypatch.chdir(ROOT)
    at = open_page("pages/overview.py", r="64.74", pub="1")
    check(at)
    labels = [m.label for m in at.metric]
    assert "Skor IID 2024 · tidak dipublikasikan" in labels and not any("2026" in label for label in labels)


def test_a_partial_new_year_is_not_a_national_year(state_dbs, monkeypatch, tmp_path):
    db = tmp_path / "app.duckdb"
    shutil.copy(state_dbs["after a plain import"], db)
    monkeypatch.setenv("IID_DB", str(db))
    monkeypatch.chdir(ROOT)
    at = open_page("pages/overview.py", r="64.74")
    check(at)
    values = {m.label: m.value for m in at.metric}
    assert values["Peringkat nasional (kota)"] == "–"
    assert "baru 2 dari 93 kota punya skor 2026" in " ".join(visible_text(at))
    at = open_page("pages/compare.py", r="64.74,61.71")
    check(at)
    # the comparison stands on the latest national year, not on the two cities' 2026
    assert any(
        "2025" in s["layout"]["title"]["text"] for s in (json.loads(c.proto.spec) for c in at.get("plotly_chart"))
    )
