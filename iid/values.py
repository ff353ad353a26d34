"""The one way query results become Python values: missing (None, NaN, pd.NA, NaT) is always None.

pandas 3 hands back NaN, pd.NA or NaT for a missing cell depending on the column's dtype; each of them breaks
plain Python logic in its own way (`pd.NA or x` raises, `nan or x` is nan, `nan == nan` is False). Code that
reads a row for its logic goes through `record` / `records` / `py` and then only ever meets None.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd


def is_missing(x: object) -> bool:
    """True for None, NaN, pd.NA and NaT (and numpy's NaN/NaT); False for everything else, lists included."""
    if x is None or x is pd.NA or x is pd.NaT:
        return True
    if isinstance(x, float):
        return math.isnan(x)
    if isinstance(x, np.generic):
        try:
            return bool(pd.isna(x))
        except (TypeError, ValueError):
            return False
    if isinstance(x, Decimal):
        return x.is_nan()
    return False


def py(x: Any) -> Any:
    """One cell as a plain Python value: missing → None, numpy scalars → int/float/bool, Decimal → float."""
    if is_missing(x):
        return None
    if isinstance(x, np.bool_):
        return bool(x)
    if isinstance(x, np.integer):
        return int(x)
    if isinstance(x, np.floating):
        return float(x)
    if isinstance(x, Decimal):
        return float(x)
    if isinstance(x, pd.Timestamp):
        return x.to_pydatetime()
    if isinstance(x, np.datetime64):
        return pd.Timestamp(x).to_pydatetime()
    if isinstance(x, np.ndarray):
        return [py(v) for v in x.tolist()]
    if isinstance(x, _dt.datetime | _dt.date | str | int | float | bool):
        return x
    return x


def record(row: pd.Series | Mapping[str, Any]) -> dict[str, Any]:
    """One row (a Series or a dict) as a dict of plain values, missing as None."""
    items = row.items() if isinstance(row, pd.Series | Mapping) else dict(row).items()
    return {k: py(v) for k, v in items}


def records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """Every row of a frame as dicts of plain values, missing as None."""
    cols = list(df.columns)
    return [{c: py(v) for c, v in zip(cols, row, strict=True)} for row in df.itertuples(index=False, name=None)]


def text(x: Any, default: str = "") -> str:
    """A cell as display text: missing → default (never 'nan', 'None', 'NaT' or '<NA>')."""
    v = py(x)
    return default if v is None else str(v)


def first(*xs: Any) -> Any:
    """The first value that is not missing (what `x or y` means, safe for NaN and pd.NA), else None."""
    for x in xs:
        v = py(x)
        if v is not None and v != "":
            return v
    return None
