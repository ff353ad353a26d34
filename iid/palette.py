"""Colours used everywhere: predicate bands and a stable colour per selected region (Okabe–Ito, colour-blind safe)."""

from __future__ import annotations

PREDICATE_COLOURS = {
    "Sangat Inovatif": "#009E73",  # bluish green
    "Inovatif": "#56B4E9",  # sky blue
    "Kurang Inovatif": "#E69F00",  # orange
    "Tidak Dapat Dinilai": "#9E9E9E",  # grey
}

REGION_COLOURS = [
    "#0072B2",
    "#D55E00",
    "#CC79A7",
    "#000000",
    "#8C564B",
    "#332288",
    "#117733",
    "#882255",
    "#44AA99",
    "#999933",
]

TEXT = "#1A1A1A"
MUTED = "#5F6368"
SAMPLE = "#B00020"


def region_colours(codes: list[str]) -> dict[str, str]:
    """A colour per region, by its place in the selection, so it stays the same in every chart of a view."""
    return {code: REGION_COLOURS[i % len(REGION_COLOURS)] for i, code in enumerate(codes)}


RULE_CHANGE = "#4D4D4D"  # dark grey: rule-change markers sit beside the data, never compete with it


def rgba(hex_colour: str, alpha: float) -> str:
    """'#0072B2', 0.1 → 'rgba(0,114,178,0.1)': a region's colour as a light fill."""
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"
