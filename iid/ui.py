"""The one Streamlit module of the package: the cached connection, cached queries and shared widgets."""

from __future__ import annotations

import contextlib
import copy
import functools
import inspect
import json
import re
from types import MappingProxyType

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from iid import charts, explore, figures, fmt, queries, settings
from iid.build import build
from iid.db import Database
from iid.fmt import md_escape
from iid.i18n import LANGS, t
from iid.values import records


@st.cache_resource(show_spinner=False)
def get_db(path: str) -> Database:
    """One DuckDB connection per process; the database is built from data/ on first use if missing.

    A database that cannot be opened raises DatabaseUnavailable (or BuildError): not cached, so the next run tries
    again once someone has fixed it. A postgresql:// URL opens the shared store through its copy (iid/store.py).
    """
    from pathlib import Path

    from iid import store

    if store.is_url(path):
        return store.open_store(path)
    p = Path(path)
    if not p.exists() and not p.is_symlink():
        build(settings.data_dir(), p)
    return Database(p)


def db() -> Database:
    """The app's database; when it cannot be opened, the page says what is wrong and what to do, and stops there."""
    from iid.db import DatabaseUnavailable
    from iid.errors import BuildError

    try:
        return get_db(settings.db_url())
    except (DatabaseUnavailable, BuildError) as exc:
        lang = current_lang()
        text = exc.text(lang) if isinstance(exc, DatabaseUnavailable) else t("db_build_failed", lang, detail=exc)
        st.error(text, icon=":material/database:")
        st.stop()


LOST_WRITE = "_iid_lost_write"  # session key: a callback's write the shared store lost, said by app.py


def callback(fn):
    """A widget's on_click/on_change: Streamlit runs it before the page script, so outside app.py's guard around
    `page.run()`. A write there that the shared store lost (DatabaseUnavailable: nothing was saved) is kept for
    `lost_write_notice` to say on the page in words, instead of a traceback over it."""
    from iid.db import DatabaseUnavailable

    @functools.wraps(fn)
    def run(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except DatabaseUnavailable as exc:
            st.session_state[LOST_WRITE] = exc.text(current_lang())

    return run


def lost_write_notice() -> None:
    """What a callback's lost write left (see `callback`), said once; app.py calls this before the page runs."""
    text = st.session_state.pop(LOST_WRITE, None)
    if text:
        st.error(text, icon=":material/database:")


def signed(fn):
    """fn with its signature worked out once: Streamlit's cache asks inspect.signature for the name of each
    positional argument on every call (~25 µs each, 2-3 ms of a warm Ringkasan run over its cached reads). The
    signature is the one inspect gives (through functools.wraps, the wrapped function's), so keys are unchanged."""
    fn.__signature__ = inspect.signature(fn)
    return fn


REGIONAL = ("register", "scenarios")  # changes kept per region: the function's `code` names the region


def versioned(*reads: str, max_entries: int = 256, resource: bool = False):
    """st.cache_data (or cache_resource) keyed also by the version of what the function reads.

    `reads` are names of iid.db.CHANGES; "register" and "scenarios" are per region (the function's `code`). A write
    bumps only what it changed (Database.bump), so it clears only those results, for everyone, and nothing else.
    Old entries are never served again and age out by max_entries. With resource=True the result is shared, not
    copied: for figures, which are never changed after they are built (unpickling one costs 10–25 ms a rerun).
    """

    def wrap(fn):
        sig = inspect.signature(fn)
        regional = any(r in REGIONAL for r in reads)

        @functools.wraps(fn)
        def keyed(*args, v, **kwargs):
            return fn(*args, **kwargs)

        cache = st.cache_resource if resource else st.cache_data
        keyed = signed(keyed)
        cached = cache(show_spinner=False, max_entries=max_entries)(keyed)

        @functools.wraps(fn)
        def call(db_path: str, *args, **kwargs):
            code = sig.bind(db_path, *args, **kwargs).arguments.get("code") if regional else None
            names = [f"{r}:{code}" if r in REGIONAL else r for r in reads]
            return cached(db_path, *args, v=get_db(db_path).version(*names), **kwargs)

        call.clear = cached.clear
        return call

    return wrap


# ---- who is using the app: the serving mode, the account and what it may change (the rules: iid/auth.py) ----

AUTH_KEYS = ("redirect_uri", "cookie_secret")  # always required in [auth]
PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")  # the default provider, or each named one
MIN_COOKIE_SECRET = 32  # characters; secrets.token_hex(32), as README says, gives 64
PLACEHOLDER = "REPLACE"  # how .streamlit/secrets.toml.example marks what must be filled in


def _filled(value: object) -> bool:
    """A key given a value of its own: not empty and not the example file's placeholder."""
    return bool(value) and not str(value).startswith(PLACEHOLDER)


def auth_configured() -> bool:
    """True when the secrets (.streamlit/secrets.toml, or --secrets.files) have an [auth] section; no file: False."""
    try:
        return bool(st.secrets.load_if_toml_exists()) and "auth" in st.secrets
    except Exception:  # an unreadable secrets file: no sign-in, so the app stays read-only off loopback
        return False


def auth_problems() -> list[str]:
    """What keeps st.login from working although [auth] is there: missing keys (a key left as the example's
    placeholder, and a cookie_secret under 32 characters, count as missing), Authlib not installed."""
    if not auth_configured():
        return []
    section = st.secrets["auth"]
    missing = [k for k in AUTH_KEYS if not _filled(section.get(k))]
    if "cookie_secret" not in missing and len(str(section.get("cookie_secret"))) < MIN_COOKIE_SECRET:
        missing.append("cookie_secret")  # a short word signs the login cookie as good as nothing
    providers = {k: v for k, v in section.items() if hasattr(v, "get") and k != "client_kwargs"}
    for name, keys in (providers or {"": section}).items():
        missing += [f"{name}.{k}" if name else k for k in PROVIDER_KEYS if not _filled(keys.get(k))]
    try:
        import authlib  # noqa: F401  (st.login needs it: requirements.txt)
    except ImportError:
        missing.append("Authlib")
    return missing


PROXY_HEADERS = ("x-forwarded-for", "x-forwarded-host", "x-real-ip", "forwarded")


def serving_mode() -> str:
    """ "local", "signin" or "read_only" (iid.auth.serving_mode) for this server's address and secrets.

    A request a reverse proxy passed on (it says so in its headers) is not someone at this computer, though it comes
    from 127.0.0.1: without [auth] it is read-only, never the local mode's every right.
    """
    from iid import auth

    mode = auth.serving_mode(st.get_option("server.address"), auth_configured())
    return "read_only" if mode == "local" and proxied() else mode


def proxied() -> bool:
    """This session's request came through a reverse proxy (nginx and the like set X-Forwarded-For or Forwarded)."""
    try:
        headers = st.context.headers
        return any(headers.get(h) for h in PROXY_HEADERS)
    except Exception:  # no request (AppTest, bare mode): nothing came through a proxy
        return False


def signed_in() -> bool:
    """A person signed in through st.login (only in "signin" mode)."""
    return serving_mode() == "signin" and bool(st.user.to_dict().get("is_logged_in"))


def actor():
    """Who is using the app, for every write (iid.auth.Actor): the signed-in account, the local user, or anonymous."""
    from iid import auth

    mode = serving_mode()
    if mode == "local":
        return auth.local_actor()
    if mode == "signin" and signed_in():
        return auth.from_claims(st.user.to_dict())
    return auth.anonymous()


def may(action: str | tuple[str, ...], region: str | list[str] | None = None) -> bool:
    """May the person using the app do action (for region; None: anywhere)? False while the database cannot open."""
    from iid import auth
    from iid.db import DatabaseUnavailable
    from iid.errors import BuildError

    try:
        return auth.can(get_db(db_path()), actor(), action, region)
    except (DatabaseUnavailable, BuildError):
        return False


def can_edit(lang: str, action: str | tuple[str, ...], region: str | list[str] | None = None) -> bool:
    """Draw an edit control only when this is True; otherwise one line says why not and how to get the right.

    The write itself still checks (iid/auth.require): this only spares people controls that would be refused.
    """
    from iid import auth

    if may(action, region):
        return True
    first = action if isinstance(action, str) else action[0]
    what = t(f"auth_do_{first}", lang)
    who = actor()
    if serving_mode() == "read_only":
        st.info(t("edit_read_only", lang, what=what), icon=":material/lock:")
    elif who.kind == "anonymous":
        st.info(t("edit_sign_in", lang, what=what), icon=":material/login:")
    else:
        codes = [region] if isinstance(region, str) else list(region or [])
        where = t("auth_where", lang, regions=", ".join(region_label(c) for c in codes)) if codes else ""
        admins = auth.admins(get_db(db_path()))
        giver = t("auth_giver", lang, admins=", ".join(admins[:3])) if admins else t("auth_giver_none", lang)
        who_ = f"{who.name} ({who.email})" if who.name and who.email else who.label
        st.info(
            safe_md(t("edit_no_role", lang, who=who_, what=what, where=where, role=auth.ACTIONS[first]) + " " + giver),
            icon=":material/lock:",
        )
    return False


def refused(exc, lang: str) -> None:
    """A write refused for want of a role (iid.auth.Forbidden): what, why and who gives the role; no traceback."""
    st.error(safe_md(exc.text(lang)), icon=":material/block:")


_ADDRESS = re.compile(r"[^\s@()`,;:<>]+@[^\s@()`,;:<>]+\.[A-Za-z]{2,}")


def safe_md(text: str) -> str:
    """A message for st.error/st.info made inert (no links, HTML or formatting from data) but for its `code` spans;
    e-mail addresses as code, since markdown would make mailto links of them even escaped."""
    out, pos = [], 0
    for m in _ADDRESS.finditer(text):
        out += [md_escape(text[pos : m.start()]).replace("\\`", "`"), f"`{m.group()}`"]
        pos = m.end()
    return "".join([*out, md_escape(text[pos:]).replace("\\`", "`")])


def plain_address(text: str) -> str:
    """An e-mail address as code: markdown would otherwise make a mailto link of it (and an escape does not stop it)."""
    return "`" + text.replace("`", "") + "`"


def region_label(code: str) -> str:
    regs = regions_by_code(db_path())["display_name"]
    return f"{regs[code]} ({code})" if code in regs.index else code


@versioned("users", max_entries=256)
def account_roles(db_path: str, email: str) -> pd.DataFrame:
    """The roles given to one e-mail (iid.auth.users), recomputed when an admin changes roles."""
    from iid import auth

    users = auth.users(get_db(db_path))
    return users[users["email"] == email].reset_index(drop=True)


def account_sidebar(lang: str) -> None:
    """The sidebar's sign-in block: the serving mode, or Masuk, or the account, its roles and Keluar."""
    from iid import display

    box = st.sidebar.container(border=True)
    from iid import store

    if store.is_url(db_path()):  # a team's shared store: what others save shows here within a second or two
        box.caption(t("store_shared", lang, where=store.where(db_path())), help=t("store_shared_help", lang))
    mode = serving_mode()
    if mode == "local":
        box.caption(t("acct_local", lang), help=t("acct_local_help", lang))
        return
    if mode == "read_only":
        box.warning(t("acct_read_only", lang), icon=":material/lock:")
        return
    problems = auth_problems()
    if problems:
        box.error(t("acct_misconfigured", lang, missing=", ".join(f"`{p}`" for p in problems)), icon=":material/key:")
        return
    if not signed_in():
        box.caption(t("acct_signed_out", lang))
        if box.button(t("acct_login", lang), key="acct_login", icon=":material/login:", type="primary"):
            st.login()
        return
    who = actor()
    box.markdown(f"**{md_escape(who.name)}**" if who.name else plain_address(who.email or who.subject))
    if who.email and who.name:
        box.caption(plain_address(who.email))
    if who.email is None:
        box.caption(t("acct_no_email", lang))
        roles = []
    else:
        roles = display.role_lines(account_roles(db_path(), who.email), lang)
    box.markdown(
        f"{t('acct_roles', lang)}:"
        + (
            "".join(f"\n- {r}" for r in roles)
            if len(roles) > 1
            else f" {roles[0] if roles else t('acct_viewer', lang)}"
        ),
        help=t("acct_roles_help", lang),
    )
    if box.button(t("acct_logout", lang), key="acct_logout", icon=":material/logout:"):
        st.logout()


@st.cache_data(show_spinner=False, max_entries=256)
def regions(db_path: str) -> pd.DataFrame:
    return queries.regions(get_db(db_path))


@st.cache_resource(show_spinner=False)
def regions_by_code(db_path: str) -> pd.DataFrame:
    """The regions table indexed by code, shared as regions() is cached (never written while the app runs): pages
    only read rows of it; unpickling and indexing a copy cost ~3 ms a rerun."""
    return queries.regions(get_db(db_path)).set_index("code")


@st.cache_resource(show_spinner=False)
def region_choices(db_path: str) -> tuple[tuple[str, ...], dict[str, str]]:
    """The pickers' options: autonomous regions' codes and 'Name (code)' labels, made once per process (the list of
    regions never changes while the app runs); unpickling the regions table cost ~4 ms on every page."""
    regs = queries.regions(get_db(db_path))
    regs = regs[regs["autonomous"]]
    codes = tuple(regs["code"].tolist())
    return codes, {c: f"{n} ({c})" for c, n in zip(codes, regs["display_name"].tolist(), strict=True)}


@versioned("scores", max_entries=512, resource=True)
def overview(db_path: str, code: str, published_only: bool) -> queries.Overview:
    return queries.overview(get_db(db_path), code, published_only, reads=SharedReads(db_path))


@versioned("scores", max_entries=256, resource=True)
def overview_page(db_path: str, code: str, published_only: bool, lang: str):
    """What Ringkasan shows (iid.overview.Page), worked out once per region, language and data version."""
    from iid import overview as O

    return O.page(overview(db_path, code, published_only), lang, bands(db_path))


@versioned("scores", max_entries=1024)
def target_report(
    db_path: str,
    code: str,
    value: float,
    year: int,
    comparator: str,
    metric: str,
    gain: float | None,
    published_only: bool,
    predicate_named: str | None,
):
    from iid.target_report import build_report

    return build_report(get_db(db_path), code, value, year, comparator, metric, gain, published_only, predicate_named)


@versioned("scores", resource=True)
def targets(db_path: str, code: str) -> pd.DataFrame:
    """A region's stored targets; shared, not copied (/target and the trend chart only read rows of it): unpickling
    its text columns cost ~4 ms of every warm /target run."""
    return queries.targets(get_db(db_path), code)


@versioned("scores")
def latest_profile(db_path: str, code: str, published_only: bool):
    return queries.latest_profile(get_db(db_path), code, published_only)


@versioned("scores")
def rule_change_effect(
    db_path: str, code: str, published_only: bool, target_year: int
) -> tuple[int, int, float] | None:
    """(profile year, rule year, points) the target year's rules add to the latest profile; None where not defined."""
    from iid.rules import rule_year_for
    from iid.whatif import rule_change_effect as effect

    prof, rules = latest_profile(db_path, code, published_only), rule_years(db_path)
    if prof is None or not rules:
        return None
    ry = rule_year_for(target_year, sorted(rules))
    points = effect(prof["profile"], rules, lambda y: indicators(db_path, y), prof["year"], ry)
    return None if points is None else (prof["year"], ry, points)


# the scoring rules, bands and indicators never change while the app runs: read once, shared read-only (frozen
# dataclasses in a mapping proxy or a tuple), not unpickled on every run as st.cache_data would
@st.cache_resource(show_spinner=False)
def rule_years(db_path: str) -> MappingProxyType:
    return MappingProxyType(queries.rule_years(get_db(db_path)))


@st.cache_resource(show_spinner=False)
def indicators(db_path: str, rule_year: int) -> tuple:
    return tuple(queries.indicators(get_db(db_path), rule_year))


def db_path() -> str:
    """IID_DB: the DuckDB file's path or the PostgreSQL store's URL (the key of every cached read)."""
    return settings.db_url()


@st.cache_resource(show_spinner=False)
def bands(db_path: str) -> MappingProxyType:
    return MappingProxyType({year: tuple(b) for year, b in queries.bands(get_db(db_path)).items()})


# ---- URL state: the URL is the truth; widgets follow it, and write back when a person changes them ----


def url_value(name: str, allowed, default, widget_key: str, parse=str) -> tuple:
    """The value of ?name= (parsed) if allowed, else default; pushed into the widget when the URL changed.

    Returns (value, rejected): rejected is the URL's text when it was not allowed.
    """
    raw = st.query_params.get(name)
    value, rejected = default, None
    if raw is None and widget_key in st.session_state and st.session_state[widget_key] is not None:
        # no parameter (a page switch drops them): keep what the person chose in this session
        value = st.session_state[widget_key]
    elif raw is not None:
        try:
            parsed = parse(raw)
            ok = allowed(parsed) if callable(allowed) else parsed in allowed
        except (ValueError, KeyError, TypeError):
            ok = False
        if ok:
            value = parsed
        else:
            rejected = raw
    seen_key, page_key = f"_url_seen_{name}", f"_url_page_{name}"
    ctx = get_script_run_ctx()
    page = ctx.page_script_hash if ctx else ""
    # push into the widget when the URL changed, or on a new page (a widget on another page is a new widget)
    if (
        st.session_state.get(seen_key) != value
        or widget_key not in st.session_state
        or st.session_state.get(page_key) != page
    ):
        st.session_state[widget_key] = value
    st.session_state[seen_key] = value
    st.session_state[page_key] = page
    return value, rejected


_ALWAYS = object()


def write_url(name: str, value, default=_ALWAYS, text: str | None = None) -> None:
    """Put the widget's value in the URL (dropped when it equals default), so a copied link reopens the view."""
    st.session_state[f"_url_seen_{name}"] = value
    text = str(value) if text is None else text
    if default is not _ALWAYS and value == default:
        if name in st.query_params:
            del st.query_params[name]
    elif st.query_params.get(name) != text:
        st.query_params[name] = text


def tabs(keys: list[str] | tuple[str, ...], key: str, lang: str) -> list:
    """Tabs named in the reader's language and kept in the URL (`?key=Label`). Streamlit binds a tab by its label, so a
    link or a session from the other language (`itab=Komitmen` under `lang=en`, or the language switched with a tab
    open) would fall back to the first tab; the label is carried over to this language's name for the same tab."""
    labels = [t(k, lang) for k in keys]
    seen = st.session_state.get(key)
    if seen is None:
        seen = st.query_params.get(key)
    same = []
    if seen is not None and seen not in labels:
        same = [label for k, label in zip(keys, labels, strict=True) if seen in {t(k, other) for other in LANGS}]
        if same:  # the same tab opens
            st.session_state[key] = same[0]
    drawn = st.tabs(labels, key=key, bind="query-params")
    if same and same[0] != labels[0]:
        # and the address names it in this language: Streamlit drops from the address a bound value it could not
        # bind and, on a session's first run, does not write the one set in its place, so a link copied after
        # opening `itab=Portofolio` in English lost the tab. A bound parameter cannot be set through
        # st.query_params; this is how Streamlit 1.67 itself corrects one (private API).
        from streamlit.runtime.state import get_session_state

        with get_session_state().query_params() as params:
            params.set_corrected_value(key, same[0], "string_value")
    return drawn


PAGE_LIST = "_iid_pages"  # session: the st.Page list of its last run, its language and whether it had Pengguna


def page_list(lang: str, users: bool) -> list:
    """The app's pages for st.navigation, in lang; `users`: with the users' page (admins and the local user).

    A st.Page resolves its file's path on the disk when it is made (realpath, a system call per folder): eight of them
    were 1,2 ms of a fresh session's 17 ms of server CPU. They are made once per process and language, and each session
    gets its own shallow copies: a page carries one flag of its own run (`_can_be_called`, set by st.navigation and
    cleared by Page.run), so two sessions never share one. A session runs one script at a time, so its own list is
    never in two runs at once."""
    kept = st.session_state.get(PAGE_LIST)
    if kept is not None and kept[0] == (lang, users):
        return kept[1]
    ctx = get_script_run_ctx()
    key = (lang, users, ctx.pages_manager.main_script_parent if ctx else None)  # a page's path is the app's folder's
    made = _PAGES.get(key)
    if made is None:
        made = _PAGES.setdefault(key, _make_pages(lang, users))  # two first runs at once: one list wins
    pages = [copy.copy(page) for page in made]
    st.session_state[PAGE_LIST] = ((lang, users), pages)
    return pages


_PAGES: dict[tuple, list] = {}  # (language, with Pengguna, the app's folder) -> the st.Page list page_list copies


def _make_pages(lang: str, users: bool) -> list:
    """The st.Page list of page_list, made anew."""
    pages = [
        st.Page(
            "pages/overview.py",
            title=t("nav_overview", lang),
            icon=":material/dashboard:",
            url_path="ringkasan",
            default=True,
        ),
        st.Page(
            "pages/compare.py", title=t("nav_compare", lang), icon=":material/compare_arrows:", url_path="bandingkan"
        ),
        st.Page("pages/trend.py", title=t("nav_trend", lang), icon=":material/timeline:", url_path="tren"),
        st.Page("pages/targets.py", title=t("nav_target", lang), icon=":material/flag:", url_path="target"),
        st.Page(
            "pages/innovations.py", title=t("nav_innovations", lang), icon=":material/lightbulb:", url_path="inovasi"
        ),
        st.Page("pages/data_in.py", title=t("nav_data", lang), icon=":material/database:", url_path="data"),
        st.Page(
            "pages/presentation.py", title=t("nav_present", lang), icon=":material/slideshow:", url_path="presentasi"
        ),
    ]
    if users:
        pages.append(
            st.Page("pages/users.py", title=t("nav_users", lang), icon=":material/group:", url_path="pengguna")
        )
    return pages


def current_lang() -> str:
    """Language from the URL (?lang=en), Indonesian by default; usable before any widget is drawn."""
    lang = st.query_params.get("lang", settings.get("lang"))
    return lang if lang in LANGS else "id"


def common_controls() -> tuple[str, bool]:
    """Language switch and the published-only switch in the sidebar, both kept in the URL."""
    page_run_begins()
    default_lang = settings.get("lang") if settings.get("lang") in LANGS else "id"
    lang, _ = url_value("lang", list(LANGS), default_lang, "lang_widget")
    choice = (
        st.sidebar.segmented_control(
            t("language", lang),
            options=list(LANGS),
            key="lang_widget",
            format_func=lambda x: {"id": "Bahasa Indonesia", "en": "English"}[x],
        )
        or lang
    )
    write_url("lang", choice, default_lang)
    url_value("pub", [True, False], False, "pub_widget", parse=lambda raw: {"1": True, "0": False}[raw])
    published_only = st.sidebar.toggle(
        t("published_only", choice), key="pub_widget", help=t("published_only_help", choice)
    )
    write_url("pub", published_only, False, "1" if published_only else "0")
    present_switch(choice)
    return choice, published_only


def region_picker(lang: str, name: str = "r") -> str:
    """One region, by any part of its name; kept in the URL as ?r=<Kemendagri code>."""
    codes, labels = region_choices(db_path())
    default = settings.get("default_region")
    # a list from the compare page (?r=64.74,61.71) opens on its first region
    code, rejected = url_value(name, codes, default, f"{name}_widget", parse=lambda raw: raw.split(",")[0].strip())
    # on the page, above its title: a phone keeps the sidebar closed, and a picker there is one tap too far away.
    # The projector hides the sidebar: there the picker waits in it, so the screen is the headline and the chart.
    where = st.sidebar if is_present() else st.container(key="region_pick")
    chosen = where.selectbox(
        t("region", lang),
        options=codes,
        key=f"{name}_widget",
        format_func=labels.__getitem__,
        help=t("region_help", lang),
        width=REGION_PICK_PX,
    )
    if rejected:
        shown = rejected if len(rejected) <= 40 else rejected[:40] + "…"
        st.warning(t("unknown_region", lang, code=md_escape(shown), default=md_escape(labels.get(default, default))))
    write_url(name, chosen)
    return chosen


def sample_notice(lang: str) -> None:
    with st.container(key="notice_sample"):  # compact (SCREEN_CSS): the note stays, the chart moves up
        st.warning(f"**{t('sample_badge', lang)}** · {t('sample_note', lang)}", icon=":material/science:")


def own_notice(lang: str) -> None:
    with st.container(key="notice_own"):
        st.info(f"**{t('own_badge', lang)}** · {t('own_note', lang)}", icon=":material/edit_note:")


def narrow_note(text: str) -> None:
    """A caption shown only on narrow screens (SCREEN_CSS), e.g. where a chart gives way to the list under it."""
    with st.container(key="narrow_note"):
        st.caption(text)


def decimal_input(
    container,
    label: str,
    name: str,
    default: float | None,
    lo: float,
    hi: float,
    lang: str,
    *,
    decimals: int = 2,
    thousands_dot: bool = False,
    help: str | None = None,
) -> float | None:
    """A number typed the way the reader writes it (65,00 in Indonesian; 65.00 is read too), kept in the URL as
    ?name=65.0. st.number_input can only write a dot. Text that is not a number, or out of lo..hi, keeps the last
    value and says why under the box; an empty box is None where default is None (optional), else refused."""
    from iid.fmt import number, parse_number

    num_key, key, shown_key = f"_{name}_value", f"{name}_widget", f"_{name}_shown"
    value, _ = url_value(name, lambda x: lo <= x <= hi, default, num_key, parse=float)
    if st.session_state.get(shown_key) != (value, lang):  # a new value (URL, a reopened scenario) or language
        st.session_state[key] = "" if value is None else number(value, decimals, lang)
        st.session_state[shown_key] = (value, lang)
    text = container.text_input(label, key=key, help=help)
    problem = None
    if not text.strip():
        if default is None:
            value = None
        else:
            problem = t("num_required", lang, label=label)
    else:
        try:
            typed = parse_number(text, thousands_dot=thousands_dot)
        except ValueError:
            problem = t("num_bad", lang, label=label, text=text.strip()[:40])
        else:
            if lo <= typed <= hi:
                value = typed
            else:
                problem = t("num_range", lang, label=label, lo=number(lo, 0, lang), hi=number(hi, 0, lang))
    if problem:
        container.caption(f":red[{md_escape(problem)}]")
    else:
        st.session_state[num_key] = value
        st.session_state[shown_key] = (value, lang)
    # ?v=150 for a count and ?v=62.31 for a score, not 150.0 (the URL is what a copied link and a citation show)
    write_url(name, value, default, None if value is None else f"{value:.6f}".rstrip("0").rstrip("."))
    return value


def forget_url(*names: str) -> None:
    """Drop view parameters from the URL (when the thing they refine changes)."""
    for name in names:
        if name in st.query_params:
            del st.query_params[name]
        st.session_state.pop(f"_url_seen_{name}", None)


@versioned("scores", resource=True)
def comparison(db_path: str, codes: tuple[str, ...], published_only: bool, lang: str):
    from iid import explore

    return explore.compare(get_db(db_path), list(codes), published_only, lang, reads=SharedReads(db_path))


@versioned("scores", max_entries=64)
def indicator_matrix(db_path: str, codes: tuple[str, ...]) -> pd.DataFrame:
    from iid import explore

    return explore.indicator_matrix(get_db(db_path), list(codes))


@versioned("scores", max_entries=64)
def provinces_year(db_path: str, year: int, published_only: bool) -> pd.DataFrame:
    from iid import explore

    return explore.provinces_year(get_db(db_path), year, published_only)


@versioned("scores", max_entries=64)
def ranking(db_path: str, kind: str, year: int, published_only: bool) -> pd.DataFrame:
    from iid import explore

    return explore.ranking(get_db(db_path), kind, year, published_only)


@versioned("scenarios", max_entries=128, resource=True)
def scenario_page(db_path: str, code: str, query: str, number: int):
    """One page of a region's saved scenarios; recomputed when a scenario of that region is saved or deleted.
    Shared, not copied (the page only reads it; scenarios.restore makes its own levels): reading the pickled copy
    was ~16 % of a warm /target run in py-spy."""
    from iid import scenarios

    return scenarios.page(get_db(db_path), code, query, number)


@versioned("scenarios", max_entries=128, resource=True)
def deleted_scenarios(db_path: str, code: str) -> tuple[MappingProxyType, ...]:
    """A region's deleted scenarios (iid.scenarios.deleted) as read-only records, read again only when one of its
    scenarios is saved or deleted; shared, not copied (unpickling the frame was 1,4 % of a warm /target run)."""
    from iid import scenarios

    return tuple(MappingProxyType(r) for r in records(scenarios.deleted(get_db(db_path), code)))


@versioned("scores")
def peers(db_path: str, code: str, how: str, published_only: bool) -> list[str]:
    from iid import explore

    return explore.peers(get_db(db_path), code, how, published_only)


def regions_picker(lang: str, default: tuple[str, ...] = ("64.74", "61.71"), limit: int = 10) -> list[str]:
    """1–10 regions, typed by any part of their names; kept in the URL as ?r=64.74,61.71."""
    codes, labels = region_choices(db_path())
    known = set(codes)
    unknown: list[str] = []

    def parse(raw: str) -> tuple[str, ...]:
        wanted = [c.strip() for c in raw.split(",") if c.strip()]
        unknown.extend(c for c in wanted if c not in known)
        return tuple(dict.fromkeys(c for c in wanted if c in known))[:limit]

    value, _ = url_value("r", lambda v: True, tuple(default), "rm_widget", parse=parse)
    if unknown:
        shown = [c if len(c) <= 40 else c[:40] + "…" for c in unknown[:10]]
        st.warning(t("unknown_codes", lang, codes=md_escape(", ".join(shown))))
    if isinstance(st.session_state.get("rm_widget"), tuple):
        st.session_state["rm_widget"] = list(st.session_state["rm_widget"])
    chosen = st.multiselect(
        t("cmp_pick", lang),
        options=codes,
        key="rm_widget",
        max_selections=limit,
        format_func=labels.__getitem__,
        help=t("region_help", lang),
        placeholder=t("pick_one", lang),
        # Streamlit 1.67 puts "Select N matches" first in the list of matches, so typing "Pangkal" + Enter added all
        # three (Kota Pangkal Pinang, Kab. Pangkajene, Prov. Bangka Belitung); without it Enter picks the best match.
        select_all=False,
    )
    write_url("r", tuple(chosen), text=",".join(chosen))
    return list(chosen)


def set_regions(codes: list[str]) -> None:
    """Callback for quick picks and the map: put a new selection in the URL (the picker follows it)."""
    st.query_params["r"] = ",".join(codes)


def url_choice(label: str, options: list[str], default: str, name: str, format_func, container=st) -> str:
    """A segmented control whose value is kept in the URL as its code (?name=rank), not its translated label."""
    url_value(name, options, default, f"{name}_widget")
    value = container.segmented_control(label, options, key=f"{name}_widget", format_func=format_func) or default
    write_url(name, value, default)
    return value


def add_region_from(widget_key: str, codes: list[str]) -> None:
    """Callback: add the region picked in a selectbox to the comparison, then clear the selectbox."""
    code = st.session_state.get(widget_key)
    if code and code not in codes:
        set_regions((list(codes) + [code])[:10])
    st.session_state[widget_key] = None


def figure(db_path: str, name: str, *args):
    """A chart by name (iid.figures.BUILDERS), built once per arguments and data version, shared: reruns only draw it.

    Never change the figure returned (copy it first: go.Figure(fig)); every session gets the same object.
    """
    return _figure(db_path, name, args)


@versioned("scores", max_entries=512, resource=True)
def _figure(db_path: str, name: str, args: tuple):
    raw = figures.build(get_db(db_path), name, *args, reads=CachedReads(db_path), screen=False)
    return screen_copy(raw) if raw is not None else None


def screen_copy(raw: go.Figure):
    """A figure built here (nothing else holds it) shared for the screen, fitted by charts.for_screens to a phone or
    a half column, with the figure as built kept beside it (unscreened) for the images and the projector."""
    # one copy for the screen, of the figure's dict as it is: every value in it was validated when raw was built
    # (a validated copy cost 13-16 ms a figure); both figures are this call's own, so they are shared as they are
    # (go.Figure copies the dict it is given, so raw's dict serves as its shared dict too: one deep copy less)
    raw_dict = go.Figure.to_dict(raw)
    fig = _fitted(raw_dict)
    # the figure as built, before it was fitted to a phone: images and the projector start from it (a phone's
    # wrapped subtitle, source line and legend rows took a projector's plot height)
    object.__setattr__(fig, "_unscreened", SharedFigure.of(raw, copy=False, shared_dict=raw_dict))
    return fig


def _fitted(raw_dict: dict, width: float = charts.PHONE_PX) -> SharedFigure:
    """The shared screen copy of a built figure's dict, fitted by charts.for_screens to a column width px wide. The
    dict is copied unvalidated (its values were validated when the figure was built) and never changed."""
    return SharedFigure.of(charts.for_screens(go.Figure(raw_dict, _validate=False), width=width), copy=False)


def unscreened(fig):
    """A shared figure as built, before charts.for_screens (itself when it has no such copy)."""
    return fig.__dict__.get("_unscreened", fig) if fig is not None else None


# what phones and tablets say in their User-Agent ("Mobile", Android's tablets "Android"); an iPad asking for the
# desktop site says "Macintosh" and gets the computer's copy, in a column of 768 px or more
_PHONE_AGENT = re.compile(r"Mobi|Android|iPhone|iPod|Opera Mini|IEMobile", re.IGNORECASE)


def phone_agent(agent: str | None) -> bool:
    """Whether a browser's User-Agent says it is a phone or a tablet; no User-Agent (a test's script runner, a client
    that sends none) also counts: the phone's copy of a chart is the one every screen shows."""
    return not agent or _PHONE_AGENT.search(agent) is not None


def _user_agent() -> str | None:
    try:
        return st.context.headers.get("User-Agent")
    except Exception:  # noqa: BLE001 - no request behind this run (bare script, a test)
        return None


def on_a_phone() -> bool:
    """Whether the browser of this session says it is a phone or a tablet (phone_agent); one that says nothing gets
    the phone's copy of a chart, the safe one."""
    return phone_agent(_user_agent())


def says_phone() -> bool:
    """Whether the browser of this session names itself a phone or a tablet. For presentation mode, where a browser
    that says nothing gets the projector's screen, the one presentation mode is made for."""
    agent = _user_agent()
    return bool(agent) and phone_agent(agent)


def device_copy(fig, phone: bool | None = None):
    """The screen copy of a shared figure for this session's screen: as it is (a phone's, charts.for_screens) on a
    phone, else a computer's (charts.DESKTOP_PX: titles, source line and legend rows for a laptop's column, the
    rule-change flags stacked again), made once from the figure as built and kept beside it. A figure without a
    copy as built (not from screen_copy) is drawn as it is."""
    if fig is None or "_unscreened" not in getattr(fig, "__dict__", {}) or (on_a_phone() if phone is None else phone):
        return fig

    return once(fig, "_desktop", lambda: _fitted(unscreened(fig).to_dict(), charts.DESKTOP_PX))


class SharedFigure(go.Figure):
    """A built figure shared by every session: its dict is made once, not deep-copied on each draw.

    st.plotly_chart asks a figure for to_dict() twice per draw (a deep copy each, 60 % of drawing a cached chart);
    a shared figure is never changed, so the same dict serves every draw. Copies (go.Figure(fig)) are ordinary.
    """

    @classmethod
    def of(cls, fig: go.Figure, copy: bool = True, shared_dict: dict | None = None) -> SharedFigure:
        """The shared figure of fig: a copy, or (copy=False, for a figure nothing else holds) fig itself.
        shared_dict: fig's to_dict() when the caller has it already (a deep copy, ~2 ms a figure)."""
        if copy:
            shared = cls(fig)
        else:
            shared = fig
            shared.__class__ = cls
        d = go.Figure.to_dict(shared) if shared_dict is None else shared_dict
        object.__setattr__(shared, "_shared_dict", SharedDict(d))
        return shared

    def to_dict(self) -> dict:
        d = self.__dict__.get("_shared_dict")
        return super().to_dict() if d is None else d


class SharedDict(dict):
    """A shared figure's dict (SharedFigure.to_dict), with its JSON once made: st.plotly_chart turns the dict into
    JSON on every draw (`plotly.io.to_json`, Plotly's own encoder in Python), 0,5 ms of a fresh Ringkasan session's
    15 ms of server CPU (py-spy, 25 sessions at once). The dict is never changed, so its JSON is the same."""

    json: str | None = None


def _json_once(to_json):
    """plotly.io.to_json that makes a SharedDict's JSON once (with the arguments Streamlit gives it) and any other
    figure's as before."""

    @functools.wraps(to_json)
    def made_once(fig, validate=True, pretty=False, remove_uids=True, engine=None):
        if type(fig) is not SharedDict or pretty or not remove_uids or engine is not None:
            return to_json(fig, validate=validate, pretty=pretty, remove_uids=remove_uids, engine=engine)
        if fig.json is None:
            fig.json = to_json(fig, validate=validate, pretty=pretty, remove_uids=remove_uids, engine=engine)
        return fig.json

    made_once.made_once = True
    return made_once


def _make_json_once() -> None:
    """Installs _json_once in plotly.io (where st.plotly_chart finds it); idempotent."""
    import plotly.io

    if not getattr(plotly.io.to_json, "made_once", False):
        plotly.io.to_json = _json_once(plotly.io.to_json)


_make_json_once()


class CachedReads(figures.Reads):
    """The figure builders' reads, through this module's caches: a figure never recomputes what a page holds."""

    def __init__(self, db_path: str) -> None:
        self.path = db_path

    def compare(self, db, codes, published_only, lang):
        return comparison(self.path, tuple(codes), published_only, lang)

    def overview(self, db, code, published_only):
        return overview(self.path, code, published_only)

    def bands(self, db):
        return bands(self.path)

    def targets(self, db, code):
        return targets(self.path, code)

    def events(self, db, code):
        return SharedReads(self.path).events(db, code)

    def indicator_matrix(self, db, codes):
        return indicator_matrix(self.path, tuple(codes))

    def regions_by_code(self, db):
        return regions_by_code(self.path)

    def rule_changes(self, db):
        return rule_change_list(self.path)

    def sources(self, db, ids):
        return sources_by_id(self.path, tuple(sorted(set(ids))))

    def national_kind_year(self, db, kind, published_only):
        return national_kind_year(self.path, kind, published_only)

    def report(self, db, *args):
        return target_report(self.path, *args)


# ---- the whole tables a comparison and an overview are cut from (iid.explore.Shared), once per data version ----
# Shared, not copied: explore.Shared only reads them, and every cut is a new frame (as_queried).


class SharedReads(explore.Shared):
    """Comparisons and overviews cut from whole tables read once per data version for every region and session
    (a cold region cost about eight queries, ~45 ms, for its comparison and another eight for its overview)."""

    def __init__(self, db_path: str) -> None:
        self.path = db_path

    def regions_by_code(self, db):
        return regions_by_code(self.path)

    def coverage_all(self, db, published_only):
        return coverage_table(self.path, published_only)

    def kind_year(self, db, kind, published_only):
        return kind_year_table(self.path, kind, published_only)

    def all_scores(self, db, published_only):
        return all_scores(self.path, published_only)

    def all_sources(self, db):
        return all_sources(self.path)

    def all_averages(self, db, published_only):
        return all_averages(self.path, published_only)

    def national_averages(self, db, published_only):
        return national_averages(self.path, published_only)

    def all_region_rows(self, db, table):
        return all_region_rows(self.path, table)


@versioned("scores", max_entries=4)
def coverage_table(db_path: str, published_only: bool) -> dict:
    """queries.coverage_all, copied for each caller (a small dict: a comparison keeps some of its values)."""
    return queries.coverage_all(get_db(db_path), published_only)


@versioned("scores", max_entries=16, resource=True)
def kind_year_table(db_path: str, kind: str, published_only: bool) -> pd.DataFrame:
    return explore.kind_year(get_db(db_path), kind, published_only)


@versioned("scores", max_entries=4, resource=True)
def all_scores(db_path: str, published_only: bool) -> pd.DataFrame:
    return explore.Shared().all_scores(get_db(db_path), published_only)


@versioned("scores", max_entries=4, resource=True)
def all_sources(db_path: str) -> pd.DataFrame:
    return explore.Shared().all_sources(get_db(db_path))


@versioned("scores", max_entries=4, resource=True)
def all_averages(db_path: str, published_only: bool) -> pd.DataFrame:
    return explore.Shared.all_averages(SharedReads(db_path), get_db(db_path), published_only)


@versioned("scores", max_entries=8, resource=True)
def all_region_rows(db_path: str, table: str) -> pd.DataFrame:
    """Every region's targets, commitments or events: imports of targets bump "scores"; the other two change only
    with a rebuild."""
    return explore.Shared().all_region_rows(get_db(db_path), table)


@versioned("scores", max_entries=4, resource=True)
def national_averages(db_path: str, published_only: bool) -> dict:
    """(kind, year) → the kind's national average; shared (explore.Shared.kind_average hands out copies)."""
    return explore.Shared.national_averages(SharedReads(db_path), get_db(db_path), published_only)


@st.cache_resource(show_spinner=False)
def rule_change_list(db_path: str) -> list:
    """Every change of the rules between years (iid.figures.changes), cached as bands() and rule_years() are, which
    it is made of; shared (its RuleChanges are frozen)."""
    return figures.changes(get_db(db_path))


@versioned("scores", max_entries=256)
def sources_by_id(db_path: str, ids: tuple[str, ...]) -> pd.DataFrame:
    return queries.sources(get_db(db_path), list(ids))


@versioned("scores", max_entries=16, resource=True)
def national_kind_year(db_path: str, kind: str, published_only: bool) -> pd.DataFrame:
    """Every region of a kind in its national years (iid.figures.national_kind_year), once per kind and data version
    for every region's distribution and movers charts; shared (the builders only filter and merge it)."""
    return figures.national_kind_year(get_db(db_path), kind, published_only)


# ---- phones and small laptops: the picker on the page, the first chart above the fold at 1280×720 ----

REGION_PICK_PX = 420  # label and box: "Kab. Pangkajene dan Kepulauan (73.10)" fits; a title keeps 400 px at 1280
WIDE_PX = 1200  # from this width the region picker sits at the right of the page title
NARROW_PX = 640  # under this width the tile map gives way to the ranking under it (ui.narrow_note says so)

SCREEN_CSS = f"""
<style>
/* Streamlit leaves 6rem above the title and draws it at 2.75rem: on a 1280×720 laptop that pushed every page's
   first chart to or below the fold (tests/e2e/test_small_screens_browser.py measures it) */
[data-testid="stMainBlockContainer"] {{ padding-top: 4rem !important; padding-bottom: 3rem !important;
  position: relative; }}
[data-testid="stMainBlockContainer"] h1 {{ font-size: 2.1rem !important; padding: 0.25rem 0 0.5rem !important; }}
/* a wide screen: the region picker at the title's right, so it takes no row of its own */
@media (min-width: {WIDE_PX}px) {{
  [data-testid="stLayoutWrapper"]:has(> .st-key-region_pick) {{ position: absolute !important; z-index: 2;
    top: 4.25rem; right: 5rem; width: {REGION_PICK_PX}px !important; }}
  .st-key-region_pick [data-testid="stSelectbox"] {{ display: flex !important; flex-direction: row !important;
    align-items: center;
    gap: 0.5rem; }}
  .st-key-region_pick [data-testid="stWidgetLabel"] {{ margin: 0 !important; flex: 0 0 auto; width: auto; }}
  .st-key-region_pick [data-testid="stSelectbox"] > div:last-child {{ flex: 1 1 auto; min-width: 0; }}
  [data-testid="stMainBlockContainer"]:has(.st-key-region_pick) :is(h1, .st-key-present_head h2)
    {{ padding-right: {REGION_PICK_PX + 24}px !important; }}
}}
[data-testid="stMetricValue"] {{ font-size: 1.9rem !important; }}
.st-key-notice_sample [data-testid="stAlertContainer"], .st-key-notice_own [data-testid="stAlertContainer"]
  {{ padding: 0.45rem 0.8rem !important; }}
.st-key-notice_sample p, .st-key-notice_own p {{ font-size: 0.875rem !important; line-height: 1.4 !important; }}
.st-key-narrow_note {{ display: none !important; }}
@media (max-width: {NARROW_PX}px) {{
  .st-key-cmp_map {{ display: none !important; }}
  .st-key-narrow_note {{ display: flex !important; }}
  [data-testid="stMainBlockContainer"] h1 {{ font-size: 1.75rem !important; }}
}}
</style>
"""

# ---- the first chart first: a long page's rest drawn once the browser shows its first chart (issue "Speed —") ----

# session: its first page has gone out whole or with its first chart (a long page's rest waits in a fragment for the
# browser's report; the browser has its scripts loaded or loading): every page after it comes whole (page_run_begins)
FIRST_PAGE_SENT = "_iid_first_page_sent"
AFTER_CHART = "iid_after_chart"  # the component that says so (its name, its key, its container's class)
REST_WAITING = "iid_rest_waiting"  # the words in the rest's place while it waits (a container's key)
AFTER_CHART_WAIT_MS = 4000  # a chart that never draws (a script blocked, an error) holds the rest no longer

# Runs in the page (a components.v2 component has no iframe): reports `drawn` once the first chart's SVG is in the
# document and the browser has had a frame to paint it, at once when the page sent no chart, or after the wait.
_AFTER_CHART_JS = """
export default function (component) {
  const { data, setStateValue } = component;
  let done = false, observer = null, timer = null;
  const stop = () => { done = true; if (observer) observer.disconnect(); clearTimeout(timer); };
  const report = () => {
    if (done) return;
    stop();
    requestAnimationFrame(() => setTimeout(() => setStateValue("drawn", true), 0));
  };
  const drawn = () => document.querySelector(".js-plotly-plot .main-svg") !== null;
  if (!data.wait || drawn()) { report(); return stop; }
  observer = new MutationObserver(() => { if (drawn()) report(); });
  observer.observe(document.body, { childList: true, subtree: true });
  timer = setTimeout(report, data.ms);
  return stop;
}
"""
_after_chart = st.components.v2.component(AFTER_CHART, js=_AFTER_CHART_JS)


def _no_callback() -> None:
    """The component's `drawn` needs a callback to be a state; the fragment's rerun is all it has to do."""


@st.fragment
def _after_first_chart(render, lang: str, chart: bool) -> None:
    if not st.session_state.get(FIRST_PAGE_SENT):
        reported = st.session_state.get(AFTER_CHART)  # the browser's report, in the run it brought (the rest's)
        drawn = bool(reported and reported.get("drawn"))
        if not drawn:  # the component is drawn only until it has reported: the rest's run sends it no more
            drawn = _after_chart(
                key=AFTER_CHART,
                data={"wait": chart, "ms": AFTER_CHART_WAIT_MS},
                default={"drawn": False},
                on_drawn_change=_no_callback,
            ).drawn
        if not drawn:
            with st.container(key=REST_WAITING):
                st.caption(t("rest_loading", lang))
            return
        st.session_state[FIRST_PAGE_SENT] = True  # the rest's later runs (a what-if edit) no longer ask the browser
    render()


PAGE_RAN = "_iid_page_ran"  # session: a page's run has begun in it (page_run_begins)


def page_run_begins() -> None:
    """The start of every page's run (common_controls; a fragment's run is not one): from the session's second page
    run on, pages come whole (`after_first_chart`), whether its first page was a long one or not (Bandingkan, Data:
    before, the next long page waited once more for the browser's report)."""
    st.session_state[FIRST_PAGE_SENT] = bool(st.session_state.get(FIRST_PAGE_SENT) or st.session_state.get(PAGE_RAN))
    st.session_state[PAGE_RAN] = True


def after_first_chart(render, lang: str, chart: bool = True) -> None:
    """Draw `render()` (the rest of a long page, below its first chart) once the browser shows that chart.

    A fresh browser spends about a second turning the 4,7 MB Plotly script into the first chart; every element sent
    beside it (the what-if grid, Tren's other charts, Ringkasan's tables) was drawn in the same second, on the same
    thread, so the chart came last. On a session's first page the rest is a fragment that waits for the browser to
    say the chart is drawn (`_AFTER_CHART_JS`), then runs once: the page's own run is not repeated. Every page run
    after the session's first (`page_run_begins`) draws everything in one run. `chart=False`: the page sent no chart
    (no data), nothing to wait for.

    The rest stays a fragment: its widgets rerun only it (a what-if edit does not redraw the target above it); a
    callback in it that changes what the page above shows calls `st.rerun()`, which makes that rerun the page's.
    """
    _after_first_chart(render, lang, chart)


# ---- accessibility (WCAG 2.1 AA, issue "Everyone —"): styles every page gets ----

# Contrast on white: captions #5F6368 6,1:1 (Streamlit's #828180 was 3,9:1); the selected segmented control's label
# #005A8C 6,1:1 on its tint (the primary #0072B2 was 4,3:1). tests/e2e/test_a11y_browser.py runs axe-core on every page.
_PAGE_CSS = """
<style>
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p { color: #5F6368 !important;
  opacity: 1 !important; }
[data-testid="stCaptionContainer"] code { color: #1B6B50 !important; }
[data-testid="stButtonGroup"] button[data-selected="true"],
[data-testid="stButtonGroup"] button[data-selected="true"] p { color: #005A8C !important; }
/* a focus ring on whatever the keyboard reaches (links, buttons, tabs, inputs): 3 px, dark blue, 8,6:1 on white */
a:focus-visible, button:focus-visible, [role="tab"]:focus-visible, [tabindex]:focus-visible, summary:focus-visible,
input:focus-visible, textarea:focus-visible, [role="option"]:focus-visible {
  outline: 3px solid #00457C !important; outline-offset: 2px !important; }
/* the plotly toolbar (8 buttons a chart) out of the keyboard's way: it appears, and takes focus, under the mouse
   only; the panel under every chart offers its downloads (PNG, SVG, CSV, XLSX) and its table to the keyboard */
.js-plotly-plot .modebar-container { visibility: hidden; }
.js-plotly-plot:hover .modebar-container { visibility: visible; }
.st-key-iid_after_chart { display: none !important; }
/* a figure's label wraps instead of ending in "…" (published only: "Skor IID 2024 · tidak dipublikas…") */
[data-testid="stMetricLabel"] .stMarkdownEllipsis, [data-testid="stMetricLabel"] .stMarkdownEllipsis p {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }
</style>
"""


def page_styles() -> None:
    """The accessibility styles above, and the projector's (presentation mode) or the screens' (SCREEN_CSS), on every
    page: app.py calls it once per run, before the page. One element a run (they were two)."""
    present = is_present()
    phone = present and says_phone()  # presentation mode on a phone: projector_chart draws the phone's chart
    st.html(_PAGE_CSS + ((_PRESENT_CSS + (_PRESENT_PHONE_CSS if phone else "")) if present else SCREEN_CSS))


def uploader_words(key: str, limit_mb: float, types: str, lang: str) -> None:
    """The uploader with `key` in Indonesian: Streamlit 1.67 writes its button and its limit in English only ('Upload',
    '20MB per file • CSV, XLSX'); the words are drawn over with CSS, the limit being the one the uploader was given."""
    if lang != "id":
        return
    scope = f".st-key-{re.sub(r'[^A-Za-z0-9_-]', '', key)} [data-testid=stFileUploaderDropzone]"
    limit = fmt.number(limit_mb, 0 if float(limit_mb).is_integer() else 1, lang)
    words = {
        "button [data-testid=stMarkdownContainer] p": "Unggah",
        "[data-testid=stFileUploaderDropzoneInstructions] span": f"Maks. {limit} MB per berkas · {types}",
    }
    css = "".join(
        f"{scope} {sel}{{font-size:0}}{scope} {sel}::after{{content:{json.dumps(text, ensure_ascii=False)};font-size:14px}}"
        for sel, text in words.items()
    )
    st.html(f"<style>{css}</style>")


def chart_alt_text(fig, lang: str, table: bool = True) -> str:
    """A chart's text alternative: its title and its summary sentence (the subtitle), and where its table is."""
    import html
    import re

    def plain(value) -> str:
        return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", str(value or ""))).split())

    title = plain(fig.layout.title.text) if fig is not None else ""
    subtitle = plain(fig.layout.title.subtitle.text) if fig is not None else ""
    if subtitle and subtitle[-1] not in ".!?":
        subtitle += "."
    return t("chart_alt" if table else "chart_alt_plain", lang, title=title.rstrip("."), subtitle=subtitle).strip()


def chart_alt(fig, lang: str, table: bool = True) -> str:
    """The chart's text alternative (WCAG 1.1.1), for st.plotly_chart's `alt`: the chart's frame becomes a figure
    (role="figure") that a screen reader names by it. It was a hidden paragraph before the chart: one element more
    on every chart for the server to send and a fresh browser to draw before the chart."""
    shared = fig if isinstance(fig, SharedFigure) else None
    return once(shared, f"_alt_{lang}_{table}", lambda: chart_alt_text(fig, lang, table))


# ---- presentation mode ----

_PRESENT_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
.block-container, [data-testid="stMainBlockContainer"] { padding: 0.75rem 2rem 1rem !important;
  max-width: 100% !important; }
h1 { font-size: 3.2rem !important; }
h3 { font-size: 2.1rem !important; line-height: 1.25 !important; }
/* a page's projector view (ui.projector) hides what the page drew above it: pickers, notices */
[data-testid="stVerticalBlock"]:has(> [data-testid="stLayoutWrapper"] > .st-key-present_only)
  > :not([data-testid="stLayoutWrapper"]:has(> .st-key-present_only)) { display: none !important; }
/* one screen = the viewport: headline, the chart taking every pixel left, the navigation row */
.st-key-present_screen { flex: 0 0 auto !important; height: calc(100vh - 1.75rem) !important;
  gap: 0.5rem !important; }
.st-key-present_head h1 { font-size: clamp(48px, 4vw, 72px) !important; line-height: 1.15 !important;
  padding: 0 !important; }
.st-key-present_head h2 { font-size: clamp(40px, 2.9vw, 56px) !important; line-height: 1.18 !important;
  padding: 0 !important; font-weight: 700 !important; }
.st-key-present_head p, .st-key-present_body p { font-size: clamp(28px, 2.2vw, 40px) !important;
  line-height: 1.3 !important; }
[data-testid="stLayoutWrapper"]:has(> .st-key-present_chart),
[data-testid="stLayoutWrapper"]:has(> .st-key-present_body) { flex: 1 1 0 !important; min-height: 0 !important; }
.st-key-present_body { overflow: auto !important; }
.st-key-present_chart, .st-key-present_chart [data-testid="stElementContainer"],
.st-key-present_chart [data-testid="stFullScreenFrame"], .st-key-present_chart [data-testid="stPlotlyChart"]
  { height: 100% !important; min-height: 0 !important; }
.st-key-present_count p, .st-key-present_count [data-testid="stCaptionContainer"] {
  font-size: clamp(24px, 1.9vw, 34px) !important; font-weight: 600 !important; color: #1A1A1A !important;
  text-align: center !important; margin: 0 !important; }
.st-key-present_count * { color: #1A1A1A !important; opacity: 1 !important; }  /* a caption is 0.6 opaque: ink */
.st-key-present_head [data-testid="stMarkdownContainer"] { margin-bottom: 0 !important; }
.st-key-present_nav button { min-height: 3rem !important; padding: 0.25rem 1.25rem !important; }
.st-key-present_nav button p { font-size: clamp(20px, 1.4vw, 26px) !important; }
/* the arrow keys' hint beside the arrow icon read "← Sebelumnya ←" on the projector; the keys still work */
.st-key-present_nav button kbd { display: none !important; }
</style>
"""

# Presentation mode on a phone (page_styles, says_phone): the chart is the phone's copy (projector_chart), taller than
# the screen, so the screen scrolls instead of being held to the phone's height; the words are smaller.
_PRESENT_PHONE_CSS = """
<style>
.block-container, [data-testid="stMainBlockContainer"] { padding: 0.75rem 1rem 1rem !important; }
.st-key-present_screen { height: auto !important; }
[data-testid="stLayoutWrapper"]:has(> .st-key-present_body) { flex: 0 0 auto !important; }
.st-key-present_head h1 { font-size: 34px !important; }
.st-key-present_head h2 { font-size: 26px !important; }
.st-key-present_head p, .st-key-present_body p { font-size: 19px !important; }
.st-key-present_count p, .st-key-present_count [data-testid="stCaptionContainer"] { font-size: 18px !important; }
.st-key-present_nav button p { font-size: 17px !important; }
</style>
"""


def is_present() -> bool:
    """Presentation mode: ?present=1 in the URL (the switch in the sidebar sets it)."""
    return st.query_params.get("present") == "1"


def present_switch(lang: str) -> bool:
    """The sidebar switch into presentation mode; in it, the projector styles hide the sidebar and controls."""
    if is_present():  # its styles: page_styles
        return True
    if st.sidebar.toggle(t("present_mode", lang), key="present_widget", value=False, help=t("present_help", lang)):
        st.query_params["present"] = "1"
        st.rerun()
    return False


def leave_present(lang: str) -> None:
    if st.button(t("present_exit", lang), icon=":material/close_fullscreen:", key="present_exit", type="tertiary"):
        del st.query_params["present"]
        st.session_state["present_widget"] = False
        st.rerun()


def projector_figure(fig):
    """The projector copy of a figure (iid.charts.projector): made once per shared figure, then drawn as it is."""
    from iid.charts import projector as dress

    if fig is None:
        return None
    made = fig.__dict__.get("_projector") if isinstance(fig, SharedFigure) else None
    if made is None:
        made = SharedFigure.of(dress(unscreened(fig)))
        if isinstance(fig, SharedFigure):
            object.__setattr__(fig, "_projector", made)  # the shared figure never changes: neither does its copy
    return made


def projector_chart(fig, key: str) -> None:
    """A chart on the projector: in presentation mode it takes every pixel the screen's container leaves it.

    Outside presentation mode the page is a preview beside the sidebar, in a column of 820 px at 1280×720: the
    projector copy's legend at the right left its plot 315 px, its event notes ran past the chart's left edge and its
    rule changes past the right. There the chart is drawn as every page draws it (screen_copy, device_copy). So it is
    on a phone in presentation mode: the projector's copy, made for a wide screen, put its legend over a plot a few
    pixels wide and cut its title at the screen's edge."""
    if is_present() and not says_phone():
        f = projector_figure(fig)
        alt = chart_alt(f, current_lang(), table=False)
        with st.container(key="present_chart"):
            st.plotly_chart(
                f, width="stretch", height="stretch", key=f"present_{key}", config={"responsive": True}, alt=alt
            )
    elif fig is not None:
        screen = fig if "_unscreened" in fig.__dict__ else once(fig, "_screen", lambda: screen_copy(go.Figure(fig)))
        f = device_copy(screen)
        st.plotly_chart(f, width="stretch", key=f"present_{key}", alt=chart_alt(f, current_lang(), table=False))


def projector(headline: str, fig, lang: str, key: str) -> None:
    """One headline and one chart filling the screen, in projector styling; then the page stops."""
    with st.container(key="present_only"), st.container(key="present_screen"):  # the page's controls above hide
        with st.container(key="present_head"):
            st.markdown(f"## {md_escape(headline)}")
        if fig is not None:
            projector_chart(fig, key)
        with st.container(key="present_nav", horizontal=True):
            leave_present(lang)
    st.stop()


@versioned("scores", "register", "scenarios", max_entries=64, resource=True)
def story(db_path: str, code: str, lang: str, published_only: bool) -> list:
    """The story's screens, shared (never changed by a page); each figure a SharedFigure, so drawing it is cheap."""
    from iid.story import build_story

    screens = build_story(get_db(db_path), code, lang, published_only)
    for s in screens:
        if s.figure is not None:
            s.figure = SharedFigure.of(s.figure)
            projector_figure(s.figure)  # made now, so moving to any screen only draws it
    return screens


def story_table(table: dict, rows: int = 8) -> pd.DataFrame:
    """A story screen's table (levers, pledges, sources) as the frame st.table shows: the first rows, which fit a
    projector screen (the deck and the downloads have them all)."""
    return pd.DataFrame(table["rows"][:rows], columns=[c or " " for c in table["columns"]])


@versioned("scores", "register", "scenarios")
def story_screen(db_path: str, code: str, key: str, lang: str, published_only: bool):
    from iid.story import screen

    return screen(get_db(db_path), code, key, lang, published_only)


def chart_downloads(fig, region_name: str, view: str, year, lang: str, key: str, row: bool = True) -> None:
    """PNG (1920×1080 and slide size) and SVG of a chart, rendered only when asked (kaleido + Chromium); in a row of
    their own, or (row=False) in the caller's (chart_panel's, beside the data downloads: one element fewer a chart)."""
    from iid import export

    def render(fmt_: str, w: int, h: int):
        def make() -> bytes:
            return export.image(fig, fmt_, w, h)

        return make

    with st.container(horizontal=True, key=f"dl_{key}_row") if row else contextlib.nullcontext():
        for label, fmt_, (w, h), suffix in (
            (t("download_png", lang), "png", export.FULL_HD, ""),
            (t("download_png_slide", lang), "png", (export.SLIDE_W, export.SLIDE_H), "_slide"),
            (t("download_svg", lang), "svg", export.FULL_HD, ""),
        ):
            st.download_button(
                label,
                data=render(fmt_, w, h),
                file_name=export.file_name(region_name, view + suffix, year, fmt_),
                mime="image/svg+xml" if fmt_ == "svg" else "image/png",
                key=f"dl_{key}_{fmt_}{suffix}",
                icon=":material/image:",
                type="tertiary",
                on_click="ignore",
            )


def plain_table(df, links: tuple[str, ...] = (), right: tuple[str, ...] = ()) -> None:
    """A small read-only table drawn as a plain table (iid.fmt.markdown_table), not as the data grid: no 1,5 MB of grid
    scripts for a fresh browser to parse while it draws the page's first chart (a side-by-side measurement: Ringkasan's
    first chart 1,33× the floor with two grids below it, 1,21× without), and a screen reader reads it as a table. The
    grid (st.dataframe) stays where people sort, search or scroll long tables."""
    if not isinstance(df, pd.DataFrame):
        df = pd.DataFrame(df)
    text = fmt.markdown_table(df, links, right)
    if text:
        st.markdown(text)


def table_downloads(
    df: pd.DataFrame,
    sources: pd.DataFrame | None,
    region_name: str,
    view: str,
    year,
    lang: str,
    key: str,
    decimals: dict[str, int] | None = None,
) -> None:
    """CSV and a formatted XLSX (frozen header, number formats, a sheet of sources) of a table."""
    from iid import export

    with st.container(horizontal=True):
        st.download_button(
            t("download_csv", lang),
            data=lambda: export.csv_bytes(df),  # made when clicked
            file_name=export.file_name(region_name, view, year, "csv"),
            mime="text/csv",
            key=f"csv_{key}",
            icon=":material/download:",
            on_click="ignore",
        )
        st.download_button(
            t("download_xlsx", lang),
            data=lambda: export.xlsx_bytes(df, sources, view, decimals, lang=lang),
            file_name=export.file_name(region_name, view, year, "xlsx"),
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key=f"xlsx_{key}",
            icon=":material/table:",
            on_click="ignore",
        )


def once(obj, name: str, make):
    """make(), kept on obj under name: for what is worked out from a shared result on every rerun (a SharedFigure, or a
    frame of a comparison or an overview, which are never changed once cached). A source line cost ~1,5 ms a chart
    panel a rerun. None (no object) or an object that takes no attributes: make() each time."""
    if obj is None:
        return make()
    made = obj.__dict__.get(name) if hasattr(obj, "__dict__") else None
    if made is None:
        made = make()
        try:
            object.__setattr__(obj, name, made)
        except (AttributeError, TypeError):
            pass
    return made


def chart_data(fig, lang: str) -> pd.DataFrame:
    """The data a chart draws (iid.charts.figure_data), worked out once per shared figure and language."""
    from iid.charts import figure_data

    name = f"_data_{lang}"
    made = fig.__dict__.get(name) if isinstance(fig, SharedFigure) else None
    if made is None:
        made = figure_data(fig, lang)
        if isinstance(fig, SharedFigure):
            object.__setattr__(fig, name, made)  # the figure never changes, nor does what it draws
    return made


@versioned("scores")
def last_import(db_path: str):
    from iid import export

    return export.last_import(get_db(db_path))


def view_url() -> str:
    """This view's address with its parameters: what a citation points to."""
    from urllib.parse import urlencode

    base = (st.context.url or "").split("?")[0]
    if base.count("/") == 2:  # the home page's address without its path (http://host:8501): "/" before the "?"
        base += "/"
    params = st.query_params.to_dict()
    return base + ("?" + urlencode(params, safe=",") if params else "")


def chart_panel(
    fig,
    sources: pd.DataFrame | None,
    region_name: str,
    view: str,
    year,
    lang: str,
    key: str,
    narrow: bool = False,
    **chart_kwargs,
):
    """Under each chart, as Our World in Data does it: Chart, Table and Sources views of the same data; "Unduh data"
    (CSV and XLSX of exactly what the chart draws), the chart as PNG and SVG; a "Kutip" line (title, source, the
    view's URL, the date retrieved) and when the data was last imported. Returns what st.plotly_chart returns.
    The chart is drawn in the copy for the session's screen (device_copy); narrow (a chart in half a column, about
    400 px on a laptop: a phone's width): the phone's copy on every screen."""
    import datetime as dt

    from iid import export
    from iid.charts import source_text
    from iid.values import first, records
    from iid.values import text as text_of

    data = chart_data(fig, lang)
    shared = fig if isinstance(fig, SharedFigure) else None
    # only the open view is drawn (a rerun when another is picked): one chart per panel, no hidden tables
    chart_tab, table_tab, source_tab = st.tabs(
        [t("panel_chart", lang), t("panel_table", lang), t("panel_sources", lang)], key=f"{key}_view", on_change="rerun"
    )
    event = None
    if chart_tab.open:
        with chart_tab:
            drawn = device_copy(fig, phone=True if narrow else None)
            event = st.plotly_chart(drawn, width="stretch", key=key, alt=chart_alt(drawn, lang), **chart_kwargs)
    if table_tab.open:
        with table_tab:
            shown = once(shared, f"_read_{lang}", lambda: charts.data_for_reading(data, lang))
            st.dataframe(shown, hide_index=True, width="stretch", key=f"{key}_table")
    if source_tab.open:
        with source_tab:
            rows = records(sources) if sources is not None and not sources.empty else []
            for r in rows:
                where = first(r.get("url"), r.get("document_ref"))
                label = md_escape(text_of(r.get("publisher")) or text_of(r.get("title")))
                title = md_escape(text_of(r.get("title")))
                url = r.get("url")
                st.markdown(
                    f"- **{label}** — {title}"
                    + (f" · [{md_escape(url)}]({url})" if url else f" · {md_escape(where)}" if where else "")
                )
            if not rows:
                st.caption(t("panel_no_sources", lang))
    with st.container(horizontal=True):
        st.download_button(
            f"{t('panel_download', lang)} (CSV)",
            data=lambda: export.csv_bytes(data),
            file_name=export.file_name(region_name, view + "_data", year, "csv"),
            mime="text/csv",
            key=f"{key}_csv",
            icon=":material/download:",
            type="tertiary",
            on_click="ignore",
        )
        st.download_button(
            f"{t('panel_download', lang)} (XLSX)",
            data=lambda: export.xlsx_bytes(data, sources, view, title=str(fig.layout.title.text or view), lang=lang),
            file_name=export.file_name(region_name, view + "_data", year, "xlsx"),
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key=f"{key}_xlsx",
            icon=":material/table:",
            type="tertiary",
            on_click="ignore",
        )
        chart_downloads(unscreened(fig), region_name, view, year, lang, key=key, row=False)
    today = export.date_text(dt.date.today(), lang)
    cite = t(
        "panel_cite",
        lang,
        title=once(shared, f"_cite_title_{view}", lambda: str(fig.layout.title.text or view).replace("<br>", " ")),
        # no sources table (the register's charts): the source line the chart itself shows, never "Sumber: –"
        source=once(sources, f"_source_line_{lang}", lambda: source_text(sources, lang))
        if sources is not None
        else charts.source_line_of(fig) or source_text(None, lang),
        url="VIEWURL",  # the link goes in after escaping: a URL's dots and underscores stay as they are
        date=today,
    )
    stamp = last_import(db_path())
    if stamp is not None and not pd.isna(stamp):
        when = t("panel_imported", lang, date=export.date_text(pd.Timestamp(stamp).date(), lang))
    else:
        built = get_db(db_path()).built_at()  # the file's time, or when the shared store was filled
        when = t("panel_built", lang, date=export.date_text(dt.date.fromtimestamp(built), lang)) if built else ""
    url = view_url()
    st.caption(md_escape(cite).replace("VIEWURL", f"[{url}]({url})" if url else "") + "  \n" + md_escape(when))
    return event


def profile_download(code: str, region_name: str, year, lang: str, published_only: bool) -> None:
    """The one-page A4 profile (iid.profile) as PDF, made from the cached story when clicked (Chromium prints it)."""
    from iid import export, profile

    def make() -> bytes:
        screens = story(db_path(), code, lang, published_only)
        return profile.pdf(get_db(db_path()), code, lang, published_only, screens=screens)

    st.download_button(
        t("download_profile", lang),
        data=make,
        file_name=export.file_name(region_name, "profil", year, "pdf"),
        mime="application/pdf",
        key=f"profile_{code}",
        icon=":material/picture_as_pdf:",
        on_click="ignore",
    )


# ---- the innovation register (each region's results carry the version of its register: see versioned) ----


@versioned("register", max_entries=64)
def register(db_path: str, code: str) -> pd.DataFrame:
    from iid import register as R

    return R.register(get_db(db_path), code)


@versioned("register", max_entries=64)
def register_units(db_path: str, code: str) -> pd.DataFrame:
    from iid import register as R

    return R.units(get_db(db_path), code)


@versioned("register", max_entries=64)
def commitment_status(db_path: str, code: str, year: int) -> list:
    from iid import register as R

    return R.commitment_status(get_db(db_path), code, year)


@versioned("register", "scores", max_entries=64)
def score_estimate(db_path: str, code: str, year: int, rule_year: int, verified_only: bool):
    from iid import register as R

    return R.score_estimate(get_db(db_path), code, year, rule_year, verified_only)


@versioned("register", max_entries=64)
def register_changes(db_path: str, code: str) -> pd.DataFrame:
    """The region's saves and imports (Impor dan riwayat), recomputed when its register changes."""
    from iid import register as R

    return R.changes(get_db(db_path), code)


@st.cache_resource(show_spinner=False)
def register_competitions(db_path: str, code: str | None = None) -> pd.DataFrame:
    """Competitions a region's innovations can enter (data/ only: no write changes them). Shared, not copied: /inovasi
    only reads it, up to four times a run."""
    from iid import register as R

    return R.competitions(get_db(db_path), code)


@versioned("register", max_entries=64, resource=True)
def register_portfolio(db_path: str, code: str, year: int, lang: str, published_only: bool):
    """The Portofolio tab (iid.register.PortfolioView), shared by every session: a rerun only draws its four charts
    (building them cost ~250 ms a rerun at any register size)."""
    import dataclasses

    from iid import register as R

    reg = register(db_path, code)
    if published_only:
        reg = reg[~reg["is_sample"]]
    view = R.portfolio_view(reg, year, lang)
    # the charts in half a column fitted like every screen chart (the "Data contoh" mark sat on their source line)
    urusan = screen_copy(view.urusan)
    # the affairs' bars take a computer's whole width, where their names fit on one line each: its copy is the chart
    # as built. A phone's has the names in lines (for_screens): in one line they took its whole width, and no bar
    # was left to see
    object.__setattr__(urusan, "_desktop", unscreened(urusan))
    return dataclasses.replace(
        view,
        funnel=screen_copy(view.funnel),
        form=screen_copy(view.form),
        urusan=urusan,
        by_year=screen_copy(view.by_year),
    )


@versioned("register", max_entries=128, resource=True)
def register_competition(db_path: str, code: str, competition: str, name: str, year: int, lang: str, has_sample: bool):
    """A competition's entries of a year in words and their chart, shared: (chart, entries shown, rules shown)."""
    from iid import register as R

    db = get_db(db_path)
    entries = R.competition_entries(db, code, competition, year)
    chart = screen_copy(R.competition_chart(entries, name, year, has_sample, lang))  # its title ran past a phone
    return chart, R.entries_view(entries, lang), R.rules_view(R.competition_rules(db, competition), lang)


@versioned("register", max_entries=64)
def register_sustainability(db_path: str, code: str, year: int, lang: str, published_only: bool):
    """Innovations of a year missing a team, an SOP or a budget line, in words (iid.register.sustainability_view)."""
    from iid import register as R

    reg = register(db_path, code)
    if published_only:
        reg = reg[~reg["is_sample"]]
    return R.sustainability_view(R.sustainability(reg[reg["year_proposed"] == year]), lang)
