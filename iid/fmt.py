"""One formatter for every number the app shows: Indonesian by default (65,00 · 1.234 · 12,5%)."""

from __future__ import annotations

import re

from iid.values import is_missing, py

_is_missing = is_missing


def number(x: float | int | None, decimals: int = 2, lang: str = "id") -> str:
    """65.0 → '65,00' (id) or '65.00' (en); 1234 → '1.234' (id) or '1,234' (en); None → '–'."""
    if _is_missing(x):
        return "–"
    text = f"{float(x):,.{decimals}f}"
    if lang == "id":
        text = text.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")
    return text


def integer(x: float | int | None, lang: str = "id") -> str:
    return number(x, 0, lang)


def score(x: float | None, lang: str = "id") -> str:
    return number(x, 2, lang)


def signed(x: float | None, decimals: int = 2, lang: str = "id") -> str:
    """+3,25 / −1,10, with a real minus sign."""
    if _is_missing(x):
        return "–"
    s = number(abs(x), decimals, lang)
    return ("+" if x > 0 else "−" if x < 0 else "±") + s


def percent(x: float | None, decimals: int = 1, lang: str = "id") -> str:
    """0.125 → '12,5%'."""
    if _is_missing(x):
        return "–"
    return number(x * 100, decimals, lang) + "%"


_PLAIN = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)?")  # 45 · 62,31 · 62.31 · 1.234 (see below)
_GROUPED_ID = re.compile(r"[+-]?[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?")  # 1.234.567 · 1.234,5
_GROUPED_EN = re.compile(r"[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")  # 1,234,567 · 1,234.5
_AROUND = " \t\r\n\u00a0"  # spaces around a number are ignored; anything else is part of it


def parse_number(text: str, thousands_dot: bool = True) -> float:
    """Read a number typed the Indonesian way or the English way: '62,31', '62.31', '1.234', '1.234,5', '1,234.5'.

    Only these spellings are numbers (README, the paragraph on imports): digits with one decimal mark, or thousands groups of
    three digits. Anything else, such as '1.0.0', '5_0', '7 1', '1e1', '.5' or a control character, raises
    ValueError, so a damaged cell is refused rather than read as some other number.
    thousands_dot=False for quantities that never reach 1.000 (scores, levels): '2.963' is then 2,963.
    """
    t = str(text).strip(_AROUND)
    if _PLAIN.fullmatch(t):
        sign = "-" if t.startswith("-") else ""
        head, mark, tail = t.lstrip("+-").replace(",", ".").partition(".")
        thousands = thousands_dot and "." in t and len(tail) == 3 and len(head) <= 3 and not head.startswith("0")
        return float(sign + head + tail) if thousands else float(sign + head + mark + tail)  # '1.234' → 1234
    if _GROUPED_ID.fullmatch(t):
        return float(t.replace(".", "").replace(",", "."))
    if _GROUPED_EN.fullmatch(t):
        return float(t.replace(",", ""))
    raise ValueError(f"not a number: {text!r}")


def without_name(text: str, name: str) -> str:
    """`text` (a plan's title) without the region's name the page already shows: "RPJMD Provinsi Kalimantan Utara
    2025–2029" on the page of Provinsi Kalimantan Utara reads "RPJMD 2025–2029", short enough for a picker. The text
    as it was when the name is not in it, or when nothing but the name would be left."""
    if not isinstance(name, str) or not name or name not in text:
        return text
    rest = re.sub(r"\(\s*\)", " ", text.replace(name, " "))  # "RPJMD (Kota Bontang)": no empty brackets left
    rest = " ".join(rest.split()).strip(" -–—·,:;")
    return rest or text


_MD_SPECIAL = "\\`*_{}[]<>()#+-.!|~$"


def md_escape(text: object) -> str:
    """Data text made safe to place inside Streamlit markdown (no links, HTML or formatting from data)."""
    s = "" if text is None else str(text)
    return "".join("\\" + c if c in _MD_SPECIAL else c for c in s)


def markdown_table(df, links: tuple[str, ...] = (), right: tuple[str, ...] = ()) -> str:
    """A small read-only table as a markdown table: its header, each cell escaped (text from data never becomes
    markup), a missing or empty cell "–", the columns in `links` as links (http/https only) named by their host, and
    numeric columns and those in `right` aligned right. "" for no rows."""
    import pandas as pd

    if df is None or len(df) == 0:
        return ""
    from urllib.parse import urlsplit

    cols = list(df.columns)

    def cell(col, value) -> str:
        v = py(value)
        if is_missing(v) or (isinstance(v, str) and not v.strip()):
            return "–"
        if col in links:
            url = safe_url(v)
            if url is not None:
                return f"[{md_escape(urlsplit(url).hostname or url)}]({url})"
        return md_escape(" ".join(str(v).split()))

    aligned = [
        "---:" if c in right or pd.api.types.is_numeric_dtype(df[c].dtype) and df[c].dtype != bool else "---"
        for c in cols
    ]
    lines = ["| " + " | ".join(md_escape(c) for c in cols) + " |", "| " + " | ".join(aligned) + " |"]
    for row in df.itertuples(index=False, name=None):
        lines.append("| " + " | ".join(cell(c, v) for c, v in zip(cols, row, strict=True)) + " |")
    return "\n".join(lines)


def frame_numbers(df, columns: dict[str, int], lang: str = "id"):
    """A copy of a table with the given columns written as text in the language's number format."""
    out = df.copy()
    for col, decimals in columns.items():
        if col in out:
            out[col] = out[col].map(lambda x, d=decimals: number(x, d, lang))
    return out


def rows_frame(rows: list[dict], columns: dict[str, int], lang: str = "id"):
    """A table of rows (dicts with the same keys) with the given columns written as text in the language's number
    format, built column by column: the same frame as frame_numbers(pd.DataFrame(rows), ...) at a third of the cost,
    for tables a page makes on every run (the what-if grid)."""
    import pandas as pd

    if not rows:
        return pd.DataFrame()
    keys = list(rows[0])
    return pd.DataFrame(
        {k: [number(r[k], columns[k], lang) for r in rows] if k in columns else [r[k] for r in rows] for k in keys}
    )


def metric_delta(x: float | None, decimals: int = 2, lang: str = "id", suffix: str = "") -> str | None:
    """A delta for st.metric: Streamlit reads the sign from a leading ASCII '-', so no typographic minus here."""
    if _is_missing(x):
        return None
    return signed(x, decimals, lang).replace("−", "-", 1) + suffix


def safe_url(url: object) -> str | None:
    """A URL fit to place in a markdown link or a LinkColumn: http(s) only, no spaces, brackets or quotes."""
    from urllib.parse import urlsplit

    u = py(url)
    if not isinstance(u, str):
        return None
    u = u.strip()
    if not u or any(c in u for c in " \t\r\n()[]<>\"'`\\") or any(ord(c) < 32 for c in u):
        return None
    try:
        parts = urlsplit(u)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return u
