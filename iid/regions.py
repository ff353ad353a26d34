"""Regions from the idn-area-data package's provinces.csv and regencies.csv, never typed by hand."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

# DKI Jakarta's five kota and one kabupaten are administrative, not autonomous: the IID scores the province.
_ADMIN_PREFIXES = ("Kota Administrasi ", "Kabupaten Administrasi ")


def _short(name: str) -> str:
    for prefix in _ADMIN_PREFIXES + ("Kabupaten ", "Kota "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def load_regions(raw_dir: Path) -> pd.DataFrame:
    """All provinces, kabupaten and kota with kind, parent province, short and display names."""
    prov = pd.read_csv(raw_dir / "provinces.csv", dtype=str)
    reg = pd.read_csv(raw_dir / "regencies.csv", dtype=str)
    rows = []
    for r in prov.itertuples(index=False):
        short = r.name.replace("Daerah Khusus Ibukota ", "DKI ").replace("Daerah Istimewa ", "DI ")
        rows.append(
            {
                "code": r.code,
                "name": r.name,
                "short_name": short,
                "display_name": f"Provinsi {short}",
                "kind": "provinsi",
                "province_code": r.code,
                "autonomous": True,
            }
        )
    for r in reg.itertuples(index=False):
        kind = "kota" if r.name.startswith("Kota ") else "kabupaten"
        short = _short(r.name)
        display = f"Kota {short}" if kind == "kota" else f"Kab. {short}"
        rows.append(
            {
                "code": r.code,
                "name": r.name,
                "short_name": short,
                "display_name": display,
                "kind": kind,
                "province_code": r.province_code,
                "autonomous": not r.name.startswith(_ADMIN_PREFIXES),
            }
        )
    df = pd.DataFrame(rows)
    df["search_text"] = (
        df["name"]
        + " "
        + df["display_name"]
        + " "
        + df["short_name"].str.replace(" ", "", regex=False)
        + " "
        + df["code"]
    ).str.lower()
    return df
