"""Saved what-if scenarios: save, list a page of them, open, delete. Written in a transaction; nothing is saved
until asked. A region may hold thousands, so the page lists one page at a time (newest first, searchable)."""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from iid import auth
from iid.auth import Actor
from iid.db import Database
from iid.errors import IIDError
from iid.values import py

INSERT = """
insert into scenarios (scenario_id, name, region_code, author, created_at, payload, created_by)
select coalesce(max(scenario_id), 0) + 1, ?, ?, ?, ?, ?, ? from scenarios
returning scenario_id
"""
LIST = "select scenario_id, name, author, created_at, payload from scenarios where region_code = ? order by created_at desc, scenario_id desc"
GET = "select scenario_id, name, region_code, author, created_at, payload, created_by from scenarios where scenario_id = ?"
DELETE = "delete from scenarios where scenario_id = ?"
# one page of a region's scenarios, newest first; the search text matches name or author, case-insensitively
# (contains(), not LIKE: a % or _ typed by a person is just a character)
_MATCH = "region_code = $code and ($q = '' or contains(lower(name), $q) or contains(lower(coalesce(author, '')), $q))"
PAGE = f"""
select scenario_id, name, author, created_at, payload, created_by from scenarios
where {_MATCH}
order by created_at desc, scenario_id desc
limit $limit offset $offset
"""
COUNT = f"select count(*) from scenarios where {_MATCH}"
GET_MANY = "select scenario_id, name, payload from scenarios where scenario_id in (select unnest(?))"
PER_PAGE = 20


class ScenarioError(IIDError):
    pass


def save(db: Database, name: str, region_code: str, payload: dict[str, Any], *, actor: Actor) -> int:
    """Save a scenario (needs `editor` of the region); its author is the account that saves it, never typed."""
    name = (name or "").strip()
    if not name:
        raise ScenarioError("name_required")
    with db.transaction() as cur:
        auth.require(cur, actor, "scenario", region_code)
        db.bump(cur, f"scenarios:{region_code}")
        row = cur.execute(
            INSERT,
            [
                name[:200],
                region_code,
                actor.label[:200],
                dt.datetime.now().replace(microsecond=0),
                json.dumps(payload),
                auth.stamp(actor),
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


def can_delete(db: Database, actor: Actor, region_code: str, created_by: str | None) -> bool:
    """An editor of the scenario's region may delete it, and so may the account that saved it (a row's created_by)."""
    return _own(actor, created_by) or auth.can(db, actor, "scenario", region_code)


def _own(actor: Actor, created_by: Any) -> bool:
    if actor.kind == "anonymous" or not isinstance(created_by, str):
        return False
    try:
        return json.loads(created_by).get("subject") == actor.subject
    except (ValueError, AttributeError):
        return False


def delete(db: Database, scenario_id: int, *, actor: Actor) -> None:
    """Delete a scenario: an editor of its region, or its author (the same account). A missing one stays missing.

    scenario_log keeps the row as it was, with who deleted it and when (deleted()).
    """
    with db.transaction() as cur:
        res = cur.execute("select * from scenarios where scenario_id = ?", [scenario_id])
        cols = [d[0] for d in res.description]
        found = res.fetchall()
        if not found:
            return
        row = dict(zip(cols, found[0], strict=True))
        region = row["region_code"]
        if not _own(actor, row["created_by"]):
            auth.require(cur, actor, "scenario", region)
        db.bump(cur, f"scenarios:{region}")
        cur.execute(DELETE, [scenario_id])
        cur.execute(
            "insert into scenario_log (log_id, changed_at, action, scenario_id, region_code, name, before, changed_by) "
            "select coalesce(max(log_id), 0) + 1, ?, 'delete', ?, ?, ?, ?, ? from scenario_log",
            [auth.now(), scenario_id, region, row["name"], json.dumps(row, default=str), auth.stamp(actor)],
        )


def deleted(db: Database, region_code: str, limit: int = 20) -> pd.DataFrame:
    """The region's deleted scenarios, newest first: name, when, who deleted it (actor_name) and who had saved it."""
    return db.df(
        f"""select scenario_id, name, changed_at, {auth.name_sql("changed_by")} as actor_name,
                   json_extract_string(before, '$.author') as author
            from scenario_log where region_code = ? and action = 'delete'
            order by log_id desc limit ?""",
        [region_code, limit],
    )


@dataclass
class Page:
    """One page of a region's saved scenarios: rows (dicts, payload parsed), how many match, which page of how many."""

    rows: list[dict[str, Any]]
    total: int
    page: int
    pages: int
    query: str = ""


def page(db: Database, region_code: str, query: str = "", number: int = 1, per_page: int = PER_PAGE) -> Page:
    """Scenarios newest first, `per_page` at a time; `number` is clamped to the pages there are (1 when none)."""
    q = (query or "").strip().lower()
    params = {"code": region_code, "q": q}
    total = int(db.scalar(COUNT, params) or 0)
    pages = max(1, math.ceil(total / per_page))
    number = min(max(1, int(number)), pages)
    rows = db.records(PAGE, {**params, "limit": per_page, "offset": (number - 1) * per_page})
    for r in rows:
        r["payload"] = _payload(r["payload"])
    return Page(rows, total, number, pages, q)


def get_many(db: Database, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """Scenarios by id (for a comparison that spans pages): id → {name, payload}."""
    wanted = [int(i) for i in ids]
    if not wanted:
        return {}
    rows = db.records(GET_MANY, [wanted])
    return {int(r["scenario_id"]): {"name": r["name"], "payload": _payload(r["payload"])} for r in rows}


def _payload(raw: Any) -> dict[str, Any]:
    try:
        value = json.loads(raw) if isinstance(raw, str) else raw
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


@dataclass
class Restored:
    """What reopening a scenario puts back on the Target page: the target, the gain, the rules and the what-if."""

    choice: str
    value: float | None
    year: int | None
    gain: float | None
    rule_year: int | None
    n: int | None
    basic_services: int | None
    levels: dict[str, float] = field(default_factory=dict)


def restore(payload: dict[str, Any], choices: Iterable[str], rule_years: Iterable[int]) -> Restored:
    """A saved payload checked against what the page offers now; anything unusable is None (the page keeps its own).

    A stored target that no longer exists becomes a typed one ("custom") with the saved value and year.
    """
    target = payload.get("target") if isinstance(payload.get("target"), dict) else {}
    choice = py(target.get("choice"))
    choices = list(choices)
    if choice not in choices:
        choice = "custom" if "custom" in choices else choices[0]
    rule_year = _int(payload.get("rule_year"))
    levels = payload.get("levels") if isinstance(payload.get("levels"), dict) else {}
    return Restored(
        choice=choice,
        value=_float(target.get("value")),
        year=_int(target.get("year")),
        gain=_float(payload.get("gain")),
        rule_year=rule_year if rule_year in set(rule_years) else None,
        n=_int(payload.get("n")),
        basic_services=_int(payload.get("basic_services")),
        levels={str(k): f for k, v in levels.items() if (f := _float(v)) is not None},
    )


def _float(x: Any) -> float | None:
    v = py(x)
    if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
        return None
    return float(v)


def _int(x: Any) -> int | None:
    v = _float(x)
    return int(v) if v is not None and v == int(v) else None
