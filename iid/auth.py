"""Who may change what: roles kept in the database, checked where each write happens, and who did each write.

Anyone may read. A role is given to an e-mail address (the one the identity provider signs the person in with):
`editor` of a region (its innovation register, targets and scenarios), `data` (imports, undo, sources) for every region
or listed ones, `admin` (gives roles; holds every right, as an admin could give themselves any role anyway). A signed-in
account with no role is a viewer. The app served on 127.0.0.1 without sign-in is one local person with every right, and
so is the command line (the operating-system user).

Every writer in iid/ calls require() inside its write transaction, before any row changes, passing the transaction's
cursor so the check reads what the write will see; a refusal (Forbidden) rolls the transaction back, so nothing
changes. stamp() is what a write records as "who": subject, e-mail and name as JSON, beside its timestamp.

Regions: a role is held for one region code or for all ('*' in user_roles). can/require with a region (or several)
ask for each of them; with region=None they ask whether the role is held anywhere (what the UI needs to decide whether
to show a control, and the rule for a new source; an existing one belongs to the regions whose rows cite it).
"""

from __future__ import annotations

import datetime as dt
import functools
import getpass
import ipaddress
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import duckdb
import pandas as pd

from iid.db import Database
from iid.errors import IIDError

ROLES = ("viewer", "editor", "data", "admin")
# action -> role that may do it; region-scoped actions take the region code
ACTIONS = {
    "register": "editor",
    "scenario": "editor",
    "target": "editor",  # per region
    "import": "data",
    "undo": "data",
    "sources": "data",  # all regions or listed ones
    "roles": "admin",
}
ALL = "*"  # user_roles.region_code of a role held for every region
KINDS = ("oidc", "local", "cli", "anonymous")
LOOPBACK_NAMES = ("localhost",)
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


@dataclass(frozen=True)
class Actor:
    """Whoever asks for a write: a signed-in account, the local user, the command line, or an anonymous visitor."""

    subject: str  # OIDC `sub`, or "local:<os user>", "cli:<os user>", "anonymous"
    email: str | None
    name: str | None
    kind: str  # "oidc" | "local" | "cli" | "anonymous"

    @property
    def label(self) -> str:
        """How a person is named in messages and histories: name, else e-mail, else subject."""
        return self.name or self.email or self.subject


@functools.cache
def _os_user() -> str:
    """The operating-system user running the app: asked once (without LOGNAME or USER set, getpass reads the user
    database, 0,4 ms a page run)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (some containers) and no LOGNAME/USER
        return "unknown"


def local_actor() -> Actor:
    """No [auth], served on 127.0.0.1 only: one local user with every right."""
    user = _os_user()
    return Actor(f"local:{user}", None, user, "local")


def cli_actor() -> Actor:
    """The command line: the operating-system user, every right."""
    user = _os_user()
    return Actor(f"cli:{user}", None, user, "cli")


def anonymous() -> Actor:
    """A visitor who is not signed in: a viewer."""
    return Actor("anonymous", None, None, "anonymous")


def from_claims(claims: Mapping[str, Any]) -> Actor:
    """An Actor from an OpenID Connect identity (st.user.to_dict()): `sub`, `email`, `name`.

    The e-mail is what roles are given to, so an address the provider marks unverified (`email_verified: false`) is
    not used: that account is a viewer until its provider verifies the address.
    """
    email = claims.get("email")
    email = email.strip().lower() if isinstance(email, str) and email.strip() else None
    if claims.get("email_verified") is False:
        email = None
    name = claims.get("name")
    name = name.strip() if isinstance(name, str) and name.strip() else None
    sub = claims.get("sub")
    subject = str(sub) if sub not in (None, "") else f"email:{email}" if email else "anonymous"
    return Actor(subject, email, name, "oidc" if subject != "anonymous" else "anonymous")


def stamp(actor: Actor) -> str:
    """What a write records as its author (a JSON column beside the write's timestamp)."""
    return json.dumps(
        {"subject": actor.subject, "email": actor.email, "name": actor.name, "kind": actor.kind}, ensure_ascii=False
    )


def name_sql(column: str) -> str:
    """SQL for the name recorded in a stamp() column: name, else e-mail, else subject (column from code only)."""
    return (
        f"coalesce(json_extract_string({column}, '$.name'), json_extract_string({column}, '$.email'), "
        f"json_extract_string({column}, '$.subject'))"
    )


def now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


# ---------------------------------------------------------------- serving mode


def serving_mode(address: str | None, auth_configured: bool) -> str:
    """ "signin" when [auth] is configured; else "local" on a loopback address; else "read_only".

    Unset (Streamlit's default: every interface), 0.0.0.0, :: or any other address without [auth] is read-only:
    editing is never open to a network by default.
    """
    if auth_configured:
        return "signin"
    host = (address or "").strip().lower()
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    if host in LOOPBACK_NAMES:
        return "local"
    try:
        return "local" if host and ipaddress.ip_address(host).is_loopback else "read_only"
    except ValueError:  # a host name: it may resolve to any interface
        return "read_only"


# ---------------------------------------------------------------- roles and checks

Source = Database | duckdb.DuckDBPyConnection  # a Database, or the cursor of the write transaction


def _rows(src: Source, sql: str, params: list[Any]) -> list[tuple]:
    if isinstance(src, Database):
        return src.rows(sql, params)
    return src.execute(sql, params).fetchall()


def _scopes(src: Source, actor: Actor, role: str) -> set[str]:
    """The regions (or ALL) where the actor holds role; admin holds every role everywhere."""
    if actor.kind in ("local", "cli"):
        return {ALL}
    if actor.kind != "oidc" or not actor.email:
        return set()
    rows = _rows(
        src,
        "select role, region_code from user_roles where email = ? and role in (?, 'admin')",
        [actor.email.lower(), role],
    )
    return {ALL if r == "admin" else code for r, code in rows}


def _regions(region: str | Iterable[str] | None) -> list[str] | None:
    if region is None:
        return None
    return [region] if isinstance(region, str) else list(dict.fromkeys(region))


def _refused(
    src: Source, actor: Actor, action: str | tuple[str, ...], region: str | Iterable[str] | None
) -> tuple[str, list[str] | None]:
    """(the action refused, the regions refused or None for no region) — ("", []) when allowed."""
    actions = (action,) if isinstance(action, str) else tuple(action)
    for a in actions:
        if a not in ACTIONS:
            raise ValueError(f"unknown action: {a}")
    wanted = _regions(region)
    scopes = {a: _scopes(src, actor, ACTIONS[a]) for a in actions}
    if wanted is None:
        return ("", []) if any(scopes.values()) else (actions[0], None)
    missing = [r for r in wanted if not any(ALL in s or r in s for s in scopes.values())]
    return (actions[0], missing) if missing else ("", [])


def can(db: Source, actor: Actor, action: str | tuple[str, ...], region: str | Iterable[str] | None = None) -> bool:
    """May actor do action (or one of several) for region (or each of several regions; None: anywhere)?"""
    return not _refused(db, actor, action, region)[0]


def require(db: Source, actor: Actor, action: str | tuple[str, ...], region: str | Iterable[str] | None = None) -> None:
    """Raise Forbidden unless can(); call it inside the write transaction (pass its cursor), before writing."""
    refused, regions = _refused(db, actor, action, region)
    if refused:
        raise Forbidden(actor, refused, _region_names(db, regions or []), admins(db))


def regions_for(db: Source, actor: Actor, action: str) -> set[str] | None:
    """The regions where actor may do action; None = all regions."""
    scopes = _scopes(db, actor, ACTIONS[action])
    return None if ALL in scopes else scopes


def admins(db: Source) -> list[str]:
    """The admins, as messages name them: 'Name (e-mail)' or the e-mail."""
    return [
        f"{name} ({email})" if name else email
        for email, name in _rows(
            db,
            "select r.email, u.name from user_roles r left join users u using (email) where r.role = 'admin' "
            "order by r.email",
            [],
        )
    ]


def _region_names(db: Source, codes: list[str]) -> list[str]:
    if not codes:
        return []
    names = dict(_rows(db, "select code, display_name from regions where code in (select unnest(?))", [codes]))
    return [f"{names[c]} ({c})" if c in names else c for c in codes]


class Forbidden(IIDError):
    """A write refused for want of a role; nothing was written. text(lang) names who, what, the role, who gives it."""

    def __init__(self, actor: Actor, action: str, regions: list[str], admins: list[str]) -> None:
        self.actor, self.action, self.regions, self.admins = actor, action, regions, admins
        self.role = ACTIONS[action]
        super().__init__(self.text("id"))

    def text(self, lang: str = "id") -> str:
        from iid.i18n import t

        who = t("auth_who_anonymous", lang) if self.actor.kind == "anonymous" else self.actor.label
        if self.actor.kind == "oidc" and self.actor.email and self.actor.name:
            who = f"{self.actor.name} ({self.actor.email})"
        where = ""
        if self.regions:
            shown = self.regions[:5] + ([f"+{len(self.regions) - 5}"] if len(self.regions) > 5 else [])
            where = t("auth_where", lang, regions=", ".join(shown))
        giver = t("auth_giver", lang, admins=", ".join(self.admins[:3])) if self.admins else t("auth_giver_none", lang)
        return t(
            "auth_forbidden", lang, who=who, what=t(f"auth_do_{self.action}", lang), where=where, role=self.role
        ) + (" " + giver)


class RoleError(IIDError):
    """A role change that cannot be made (unknown role, region or address; the last admin); nothing was written."""

    def __init__(self, key: str, **kw: object) -> None:
        self.key, self.kw = key, kw
        super().__init__(self.text("id"))

    def text(self, lang: str = "id") -> str:
        from iid.i18n import t

        return t(f"auth_{self.key}", lang, **self.kw)


# ---------------------------------------------------------------- giving and taking roles


def _email(email: str) -> str:
    e = (email or "").strip().lower()
    if not _EMAIL.fullmatch(e):
        raise RoleError("bad_email", email=email)
    return e


def _log(cur: duckdb.DuckDBPyConnection, actor: Actor, action: str, email: str, role: str, region: str) -> None:
    cur.execute(
        "insert into role_log (log_id, changed_at, action, email, role, region_code, changed_by) "
        "select coalesce(max(log_id), 0) + 1, ?, ?, ?, ?, ?, ? from role_log",
        [now(), action, email, role, region, stamp(actor)],
    )


def grant(
    db: Database, actor: Actor, email: str, role: str, region: str | None = None, name: str | None = None
) -> bool:
    """Give email a role (for one region, or all when region is None); True if it changed anything.

    `viewer` only adds the account (everyone may read). `admin` is never per region.
    """
    if role not in ROLES:
        raise RoleError("bad_role", role=role, roles=", ".join(ROLES))
    e = _email(email)
    if role == "admin" and region is not None:
        raise RoleError("admin_region")
    name = (name or "").strip() or None
    with db.transaction() as cur:
        require(cur, actor, "roles")
        db.bump(cur, "users")
        if region is not None and not cur.execute("select 1 from regions where code = ?", [region]).fetchall():
            raise RoleError("bad_region", region=region)
        scope = region or ALL
        changed = False
        if not cur.execute("select 1 from users where email = ?", [e]).fetchall():
            cur.execute(
                "insert into users (email, name, added_at, added_by) values (?, ?, ?, ?)",
                [e, name, now(), stamp(actor)],
            )
            changed = True
        elif name:
            cur.execute("update users set name = ? where email = ? and name is distinct from ?", [name, e, name])
        if (
            role != "viewer"
            and not cur.execute(
                "select 1 from user_roles where email = ? and role = ? and region_code = ?", [e, role, scope]
            ).fetchall()
        ):
            cur.execute(
                "insert into user_roles (email, role, region_code, granted_at, granted_by) values (?, ?, ?, ?, ?)",
                [e, role, scope, now(), stamp(actor)],
            )
            changed = True
        if changed:
            _log(cur, actor, "grant", e, role, scope)
    return changed


# The roles a revoke takes back: one e-mail's, narrowed by role and region when given (None: every one).
_REVOKED = "email = $e and ($role is null or role = $role) and ($region is null or region_code = $region)"
_REVOKED_ROLES = "select role, region_code from user_roles where " + _REVOKED
_REVOKE = "delete from user_roles where " + _REVOKED


def revoke(db: Database, actor: Actor, email: str, role: str | None = None, region: str | None = None) -> int:
    """Take roles back: one role in one region, one role everywhere (region None), or every role and the account
    (role None). Returns how many roles went. The last admin stays unless the command line removes it.
    """
    if role is not None and role not in ROLES:
        raise RoleError("bad_role", role=role, roles=", ".join(ROLES))
    e = _email(email)
    with db.transaction() as cur:
        require(cur, actor, "roles")
        db.bump(cur, "users")
        if not cur.execute("select 1 from users where email = ?", [e]).fetchall():
            raise RoleError("no_user", email=e)
        params = {"e": e, "role": role, "region": region}  # role/region None: every role, every region
        gone = cur.execute(_REVOKED_ROLES, params).fetchall()
        if any(r == "admin" for r, _ in gone) and actor.kind != "cli":
            (others,) = cur.execute(
                "select count(*) from user_roles where role = 'admin' and email <> ?", [e]
            ).fetchone()
            if not others:
                raise RoleError("last_admin", email=e)
        cur.execute(_REVOKE, params)
        for r, scope in gone:
            _log(cur, actor, "revoke", e, r, scope)
        if role is None:
            cur.execute("delete from users where email = ?", [e])
            if not gone:
                _log(cur, actor, "revoke", e, "viewer", ALL)
    return len(gone)


def users(db: Database) -> pd.DataFrame:
    """Every account and role, one row per role ('viewer' for an account without one), with who gave it."""
    return db.df(
        f"""select u.email, u.name, coalesce(r.role, 'viewer') as role,
                   case when r.region_code = '{ALL}' then null else r.region_code end as region_code,
                   g.display_name as region_name, coalesce(r.granted_at, u.added_at) as granted_at,
                   {name_sql("coalesce(r.granted_by, u.added_by)")} as granted_by_name
            from users u
            left join user_roles r using (email)
            left join regions g on g.code = r.region_code
            order by u.email, r.role, r.region_code"""
    )


def role_log(db: Database) -> pd.DataFrame:
    """Every grant and revoke, newest first, with who made it."""
    return db.df(
        f"""select log_id, changed_at, action, email, role,
                   case when region_code = '{ALL}' then null else region_code end as region_code,
                   {name_sql("changed_by")} as actor_name
            from role_log order by log_id desc"""
    )
