"""Tables as a person reads them: headers in the chosen language, codes as words, numbers and dates as text.

A table's frame keeps its field names as columns (callers, tests and the grid's own keys still find `source_id` or
`url`); each column gets a label from iid/i18n.py (`col_<field>`), values people read are written as words, and
technical columns are hidden. Pages pass `Shown.frame` and `Shown.config` (as column_config) to st.dataframe.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from iid import fmt
from iid.errors import Problem
from iid.i18n import STRINGS, predicate_label, t
from iid.values import py

DASH = "–"
Config = dict[str, Any]  # one column's st.column_config entry, as the plain dict Streamlit accepts


@dataclass(frozen=True)
class Shown:
    """A frame to show and the column_config that names its columns."""

    frame: pd.DataFrame
    config: dict[str, Config]

    def labelled(self) -> pd.DataFrame:
        """The visible columns under their labels: what a download of the table should carry."""
        cols = [c for c in self.frame.columns if not self.config.get(c, {}).get("hidden")]
        return self.frame[cols].rename(columns={c: self.config.get(c, {}).get("label", c) for c in cols})


def header(column: str, lang: str = "id") -> str:
    """A field's column header; `old_<field>` (the value before an import) is '<header> (lama)'."""
    if f"col_{column}" in STRINGS:
        return t(f"col_{column}", lang)
    if column.startswith("old_") and f"col_{column[4:]}" in STRINGS:
        return t("col_old", lang, label=t(f"col_{column[4:]}", lang))
    raise KeyError(f"no header for column {column!r}: add col_{column} to iid/i18n.py STRINGS")


def when(x: object) -> str:
    """A date or a time as text ('2025-03-01', '2026-05-03 10:12'); missing → '–'."""
    v = py(x)
    if v is None:
        return DASH
    if isinstance(v, dt.datetime):
        return v.strftime("%Y-%m-%d") if v.time() == dt.time() and not v.tzinfo else v.strftime("%Y-%m-%d %H:%M")
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


def yes_no(x: object, lang: str = "id") -> str:
    v = py(x)
    return DASH if v is None else t("value_yes" if v else "value_no", lang)


def words(labels: Mapping[str, str]) -> Callable[[object], str]:
    """A code → label mapping as a cell function: unknown codes are shown as they are, missing as '–'."""

    def cell(x: object) -> str:
        v = py(x)
        return DASH if v is None else labels.get(str(v), str(v))

    return cell


def source_kind(lang: str = "id") -> dict[str, str]:
    """The three kinds of figures a source gives (see README, "Trust"), in words."""
    return {
        "published": t("score_kind_published", lang),
        "imported": t("score_kind_own", lang),
        "sample": t("score_kind_sample", lang),
    }


def shown(
    df: pd.DataFrame,
    lang: str = "id",
    columns: Iterable[str] | None = None,
    values: Mapping[str, Callable[[object], str]] | None = None,
    numbers: Mapping[str, int] | None = None,
    dates: Iterable[str] = (),
    hidden: Iterable[str] = (),
    keep: Iterable[str] = (),
    labels: Mapping[str, str] | None = None,
) -> Shown:
    """The columns of df to show, each under its header and with its values as a person reads them.

    values: a cell function per column (codes → words); numbers: decimals per column, written by iid/fmt.py and
    aligned right; dates: written by when(); hidden: kept in the frame (keys) but not shown; keep: left as they are
    (a link column must stay empty where there is no link). Every other text column shows '–' where it is empty.
    """
    cols = list(df.columns if columns is None else columns)
    out = df[cols].copy()
    values, numbers, labels = dict(values or {}), dict(numbers or {}), dict(labels or {})
    dates, hidden, keep = set(dates), set(hidden), set(keep)
    config: dict[str, Config] = {}
    for c in cols:
        if c in hidden:
            config[c] = {"hidden": True}
            continue
        config[c] = {"label": labels.get(c) or header(c, lang)}
        if c in keep:
            continue
        if c in values:
            out[c] = pd.Series([values[c](v) for v in out[c].tolist()], index=out.index, dtype=object)
        elif c in numbers:
            out[c] = pd.Series(
                [fmt.number(py(v), numbers[c], lang) for v in out[c].tolist()], index=out.index, dtype=object
            )
            config[c]["alignment"] = "right"
        elif c in dates or pd.api.types.is_datetime64_any_dtype(out[c]):
            out[c] = pd.Series([when(v) for v in out[c].tolist()], index=out.index, dtype=object)
        elif out[c].dtype == object or pd.api.types.is_string_dtype(out[c]):
            out[c] = pd.Series(
                [DASH if (v := py(x)) is None or v == "" else v for x in out[c].tolist()], index=out.index, dtype=object
            )
    return Shown(out, config)


# ---------------------------------------------------------------- the Data page


def problems(items: Iterable[Problem], lang: str = "id", with_file: bool = True) -> Shown:
    """Why a file or an edit was refused, one row per cell: where (file, row, column), the value, the problem."""
    rows = [
        {
            "file": p.file,
            "row": p.row,
            "column": header(p.column, lang) if p.column and f"col_{p.column}" in STRINGS else p.column,
            "value": p.value,
            "problem": p.message_id if lang == "id" else p.message_en,
        }
        for p in items
    ]
    df = pd.DataFrame(rows, columns=["file", "row", "column", "value", "problem"])
    return shown(
        df,
        lang,
        columns=(["file"] if with_file else []) + ["row", "column", "value", "problem"],
        numbers={"row": 0},
    )


def history(hist: pd.DataFrame, lang: str = "id") -> Shown:
    """The import history (dataio.history): what came in when and by whom, from which source, and whether (and by
    whom) it was undone."""
    columns = ["import_id", "kind", "file_name", "imported_at", "actor_name", "rows_added", "rows_changed"]
    columns += ["undone_at", "undone_by_name", "source_title", "source_kind", "url"]
    return shown(
        hist,
        lang,
        columns=[c for c in columns if c in hist.columns],
        values={
            "import_id": lambda x: DASH if py(x) is None else f"#{py(x)}",
            "kind": words({k: t(f"kind_{k}", lang) for k in ("scores", "indicators", "targets")}),
            "source_kind": words(source_kind(lang)),
        },
        numbers={"rows_added": 0, "rows_changed": 0},
        dates=["imported_at", "undone_at"],
    )


def sources(src: pd.DataFrame, lang: str = "id") -> Shown:
    """The sources table (dataio.sources_table) with its kinds in words."""
    return shown(
        src,
        lang,
        values={"kind": words(source_kind(lang))},
        numbers={"scores": 0},
        dates=["published_date", "changed_at"],
        keep=["url"],
        labels={"kind": t("col_source_kind", lang)},
    )


def quality(q: Mapping[str, pd.DataFrame], lang: str = "id") -> dict[str, Shown]:
    """The data-quality views (check.quality): kinds of region and predicates in the language, scores as text."""
    predicate = lambda x: DASH if py(x) is None else predicate_label(py(x), lang)  # noqa: E731
    out = {}
    for key, df in q.items():
        out[key] = shown(
            df,
            lang,
            values={
                "kind": words({k: t(f"kind_{k}", lang) for k in ("provinsi", "kabupaten", "kota")}),
                "stated_predicate": predicate,
                "derived_predicate": predicate,
                "change": lambda x: fmt.signed(py(x), 2, lang),
            },
            numbers={"score": 2, "prev": 2, "without_published": 0, "regions": 0, "n": 0},
            labels={"kind": t("col_region_kind", lang)},
        )
        if "change" in out[key].config:
            out[key].config["change"]["alignment"] = "right"
    return out


def _indicator_names(db, lang: str) -> dict[str, str]:
    rows = db.rows(
        "select code, any_value(name order by rule_year desc), any_value(name_en order by rule_year desc) "
        "from indicators group by code"
    )
    return {code: (name if lang == "id" else name_en) or code for code, name, name_en in rows}


def preview(db, rows: pd.DataFrame, lang: str = "id", new: bool = False) -> Shown:
    """Rows an import would add (new=True) or change (with their values before), in the language."""
    cols = [c for c in rows.columns if not c.startswith("_") and c != "old_score_max"]
    if new:
        cols = [c for c in cols if not c.startswith("old_")]
    names = _indicator_names(db, lang) if "indicator_code" in cols else {}
    metrics = {k[len("metric_") :]: t(k, lang) for k in STRINGS if k.startswith("metric_")}
    predicate = lambda x: DASH if py(x) is None else predicate_label(py(x), lang)  # noqa: E731
    decimals = {"score": 2, "old_score": 2, "value": 2, "old_value": 2, "rank": 0, "rank_of": 0}
    decimals |= {"old_rank": 0, "old_rank_of": 0, "level": 0, "old_level": 0}
    return shown(
        rows,
        lang,
        columns=cols,
        values={
            "indicator_code": words(names),
            "metric": words(metrics),
            "predicate": predicate,
            "old_predicate": predicate,
            "predicate_named": predicate,
        },
        numbers={c: d for c, d in decimals.items() if c in cols},
    )


# ---------------------------------------------------------------- accounts and roles (iid/auth.py)


def role_scope(role: object, region_code: object, region_name: object, lang: str = "id") -> str:
    """Where a role holds: 'Kota Bontang (64.74)', 'semua daerah' for a role over every region, '' for viewer/admin."""
    code, name = py(region_code), py(region_name)
    if py(role) in ("viewer", "admin"):
        return ""
    if code is None:
        return t("acct_all_regions", lang)
    return f"{name} ({code})" if name else str(code)


def role_lines(roles: pd.DataFrame, lang: str = "id") -> list[str]:
    """An account's roles as the sidebar names them: 'editor · Kota Bontang (64.74)', 'data · semua daerah'."""
    out = []
    for r in roles.to_dict("records"):
        if r["role"] == "viewer":
            continue
        scope = role_scope(r["role"], r["region_code"], r["region_name"], lang)
        out.append(f"`{r['role']}`" + (f" · {fmt.md_escape(scope)}" if scope else ""))
    return out


def users(df: pd.DataFrame, lang: str = "id") -> Shown:
    """auth.users(): one row per account and role, where it holds, when it was given and by whom."""
    scope = [
        role_scope(r, c, n, lang) or DASH
        for r, c, n in zip(df["role"], df["region_code"], df["region_name"], strict=True)
    ]
    return shown(
        df.assign(scope=pd.Series(scope, index=df.index, dtype=object)),
        lang,
        columns=["email", "name", "role", "scope", "granted_at", "granted_by_name"],
        dates=["granted_at"],
    )


def role_log(df: pd.DataFrame, lang: str = "id", region_names: Mapping[str, str] | None = None) -> Shown:
    """auth.role_log(): every grant and revoke, newest first, with who made it."""
    names = dict(region_names or {})
    scope = [
        role_scope(r, c, names.get(py(c) or ""), lang) or DASH
        for r, c in zip(df["role"], df["region_code"], strict=True)
    ]
    return shown(
        df.rename(columns={"action": "role_action"}).assign(scope=pd.Series(scope, index=df.index, dtype=object)),
        lang,
        columns=["changed_at", "role_action", "email", "role", "scope", "actor_name"],
        values={"role_action": words({a: t(f"role_action_{a}", lang) for a in ("grant", "revoke")})},
        dates=["changed_at"],
    )
