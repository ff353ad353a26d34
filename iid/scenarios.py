"""Saved what-if scenarios: save, list, open, delete. Written in a transaction; nothing is saved until asked."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pandas as pd

from iid.db import Database
from iid.errors import IIDError

INSERT = """
insert into scenarios (scenario_id, name, region_code, author, created_at, payload)
select coalesce(max(scenario_id), 0) + 1, ?, ?, ?, ?, ? from scenarios
returning scenario_id
"""
LIST = "select scenario_id, name, author, created_at, payload from scenarios where region_code = ? order by created_at desc, scenario_id desc"
GET = "select scenario_id, name, region_code, author, created_at, payload from scenarios where scenario_id = ?"
DELETE = "delete from scenarios where scenario_id = ?"


class ScenarioError(IIDError):
    pass


def save(db: Database, name: str, region_code: str, author: str | None, payload: dict[str, Any]) -> int:
    name = (name or "").strip()
    if not name:
        raise ScenarioError("name_required")
    with db.transaction() as cur:
        row = cur.execute(
            INSERT,
            [
                name[:200],
                region_code,
                (author or "").strip()[:200] or None,
                dt.datetime.now().replace(microsecond=0),
                json.dumps(payload),
            ],
        ).fetchone()
    return int(row[0])


def list_for(db: Database, region_code: str) -> pd.DataFrame:
    df = db.df(LIST, [region_code])
    df["payload"] = df["payload"].map(json.loads)
    return df


def get(db: Database, scenario_id: int) -> dict | None:
    rows = db.df(GET, [scenario_id])
    if rows.empty:
        return None
    rec = rows.iloc[0].to_dict()
    rec["payload"] = json.loads(rec["payload"])
    return rec


def delete(db: Database, scenario_id: int) -> None:
    with db.transaction() as cur:
        cur.execute(DELETE, [scenario_id])
