"""Ringkasan's sources table: every source behind the page, dated as people write dates."""

from __future__ import annotations

import re

import pytest

from iid import queries
from iid.overview import source_table


@pytest.mark.parametrize(("lang", "column", "day"), [("id", "Tanggal", "29 Juli 2025"), ("en", "Date", "29 July 2025")])
def test_a_sources_date_reads_as_a_date_on_one_line_not_as_iso(full_db, lang, column, day):
    table = source_table(queries.overview(full_db, "64.74", False), lang)
    dates = table[column].tolist()
    assert day.replace(" ", "\u00a0") in dates  # Mekora.id's article of 29 July 2025, kept on one line
    assert not any(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in dates)
    assert "" in dates  # the sample data has no date: an empty cell, never "NaT" or "None"
    assert not {"nan", "None", "NaT"} & set(dates)
