"""Teams on the pages (AppTest): the sidebar's sign-in block in each serving mode, edit controls only for those
with the right, a refused write shown as a sentence, and the admin page.

The three modes (iid.auth.serving_mode): "local" is how tests/conftest.py serves every page test (127.0.0.1, no
[auth]); "read_only" sets `server.address` to 0.0.0.0; "signin" gives AppTest an [auth] section and, for a signed-in
person, the claims st.user holds (AppTest.user). The sidebar is read on the opening page: after AppTest's
switch_page it holds only the page's own sidebar widgets (a real browser keeps app.py's block on every page, as
tests/e2e/test_auth_browser.py shows).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from iid import auth, ui
from tests.conftest import app_test, open_db

APP = str(Path(__file__).resolve().parent.parent / "app.py")
AUTH = {
    "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
    "cookie_secret": "0" * 64,
    "client_id": "iid-dashboard",
    "client_secret": "s3cret",
    "server_metadata_url": "http://localhost:9/.well-known/openid-configuration",
}
RINA = {"sub": "k-rina", "email": "rina@bontangkota.go.id", "name": "Rina Wulandari", "email_verified": True}
DODI = {"sub": "k-dodi", "email": "dodi@kaltimprov.go.id", "name": "Dodi Data", "email_verified": True}
ANI = {"sub": "k-ani", "email": "ani@kaltimprov.go.id", "name": "Ani Admin", "email_verified": True}
VERA = {"sub": "k-vera", "email": "vera@example.org", "name": "Vera Viewer", "email_verified": True}
EDIT_KEYS = ("inv_add_form", "inv_save", "inv_import_go", "imp_confirm", "source_form", "save_scenario")


@pytest.fixture
def roles(app_env: Path) -> Path:
    """The app's database with Rina editor of Bontang, Dodi `data` everywhere and Ani admin (Vera: none)."""
    db = open_db(app_env)
    cli = auth.cli_actor()
    auth.grant(db, cli, RINA["email"], "editor", "64.74", name=RINA["name"])
    auth.grant(db, cli, DODI["email"], "data", name=DODI["name"])
    auth.grant(db, cli, ANI["email"], "admin", name=ANI["name"])
    db.close()
    return app_env


@pytest.fixture
def network():
    """Served on every interface (0.0.0.0) without [auth]: the read-only default."""
    config.set_option("server.address", "0.0.0.0")
    yield
    config.set_option("server.address", "127.0.0.1")


def open_page(page: str | None, user: dict | None = None, secrets: dict | None = None, **params: str) -> AppTest:
    at = app_test(60)
    if secrets is not None:
        at.secrets["auth"] = secrets
    if user is not None:
        at.user = {"is_logged_in": True, **user}
    for k, v in params.items():
        at.query_params[k] = v
    if page:
        at.switch_page(page)
    return at.run()


def signed_in(page: str | None, user: dict | None, **params: str) -> AppTest:
    return open_page(page, user, AUTH, **params)


def sidebar_text(at: AppTest) -> str:
    return " ".join(
        [e.value for e in at.sidebar.markdown]
        + [e.value for e in at.sidebar.caption]
        + [e.body for e in at.sidebar.warning]
        + [e.body for e in at.sidebar.error]
    )


def infos(at: AppTest) -> str:
    return " ".join(i.body for i in at.main.info)


def edit_controls(at: AppTest) -> list[str]:
    """The controls that change data, among those drawn: buttons by key (a form by its own key), uploaders, editable
    grids."""
    found = []
    for key in (b.key or "" for b in at.button):
        form = key.removeprefix("FormSubmitter:").rsplit("-", 1)[0] if key.startswith("FormSubmitter:") else None
        if key in EDIT_KEYS or form in EDIT_KEYS:
            found.append(form or key)
        elif key.startswith(("del_", "undo_", "inv_undo_")):
            found.append(key)
    found += ["file_uploader"] * len(at.get("file_uploader"))
    return found + ["data_editor"] * sum(1 for d in at.get("arrow_data_frame") if d.proto.editing_mode)


# ---- the three modes in the sidebar ----


def test_local_mode_says_so_in_the_sidebar_and_offers_the_users_page(app_env):
    at = open_page(None)
    assert not at.exception
    assert "Mode lokal: satu pengguna dengan semua hak, hanya dari komputer ini" in sidebar_text(at)
    at.switch_page("pages/users.py").run()
    assert not at.exception
    assert at.title[0].value == "Pengguna dan peran"


def page_list(at: AppTest) -> tuple[tuple[str, bool], list]:
    return at.session_state[ui.PAGE_LIST]


def test_a_session_makes_its_page_list_once_for_its_language_and_anew_in_another(app_env):
    at = open_page(None)
    (key, pages) = page_list(at)
    assert key == ("id", True) and [p.title for p in pages][0] == "Ringkasan" and pages[-1].title == "Pengguna"
    at.run()  # another run of the session (a widget changed): the same pages, not made again
    assert page_list(at)[1] is pages and not at.exception
    at.switch_page("pages/trend.py").run()
    assert page_list(at)[1] is pages and at.title[0].value.startswith("Tren")
    english = open_page(None, lang="en")
    assert page_list(english)[0] == ("en", True) and page_list(english)[1][0].title == "Overview"


def test_two_sessions_get_pages_of_their_own_made_once_per_process_and_both_open_them(app_env, monkeypatch):
    import streamlit as st

    made = []
    plain = st.Page

    def counted(*args, **kwargs):
        made.append(args[0])
        return plain(*args, **kwargs)

    ui._PAGES.clear()
    monkeypatch.setattr(st, "Page", counted)
    first, second = open_page(None), open_page(None)
    assert len(made) == 8  # the first session's list; the second copies it
    ones, twos = page_list(first)[1], page_list(second)[1]
    assert all(a is not b for a, b in zip(ones, twos, strict=True))
    assert [(p.title, p.url_path, p._page) for p in ones] == [(p.title, p.url_path, p._page) for p in twos]
    first.switch_page("pages/trend.py").run()
    second.switch_page("pages/targets.py").run()
    assert first.title[0].value.startswith("Tren") and second.title[0].value.startswith("Target")
    assert not first.exception and not second.exception and len(made) == 8


def test_a_session_whose_users_page_goes_gets_a_page_list_without_it(app_env, network):
    at = open_page(None)
    assert page_list(at)[0] == ("id", False) and "Pengguna" not in [p.title for p in page_list(at)[1]]


def test_on_a_network_without_auth_the_sidebar_says_read_only_and_how_to_turn_sign_in_on(app_env, network):
    at = open_page(None, lang="en")
    assert not at.exception
    text = sidebar_text(at)
    assert "Read only." in text and "`[auth]` section of `.streamlit/secrets.toml`" in text
    assert not at.sidebar.button


@pytest.mark.parametrize(
    "page, params",
    [
        ("pages/innovations.py", {"r": "64.74", "y": "2025", "itab": "Register"}),
        ("pages/innovations.py", {"r": "64.74", "itab": "Impor dan riwayat"}),
        ("pages/data_in.py", {}),
        ("pages/data_in.py", {"dtab": "Riwayat impor"}),
        ("pages/data_in.py", {"dtab": "Sumber"}),
        ("pages/targets.py", {"r": "64.74"}),
    ],
)
def test_on_a_network_without_auth_every_edit_place_says_read_only_and_draws_no_control(app_env, network, page, params):
    if params.get("dtab") == "Riwayat impor":  # an import to undo, made beforehand from the command line
        db = open_db(app_env)
        from iid import dataio

        pv = dataio.preview(db, b"kode;tahun;skor\r\n65;2025;61,23\r\n", "hasil.csv", "scores")
        dataio.apply(db, pv, actor=auth.cli_actor())
        db.close()
    at = open_page(page, **params)
    assert not at.exception
    assert "Hanya baca: tanpa sign-in" in infos(at)
    assert edit_controls(at) == []


def test_signed_out_the_sidebar_offers_masuk_and_the_pages_no_edit_control(roles):
    assert [b.label for b in signed_in(None, None).sidebar.button] == ["Masuk"]
    at = signed_in("pages/innovations.py", None, r="64.74", y="2025", itab="Register")
    assert not at.exception
    assert "Masuk (tombol **Masuk** di samping) untuk mengubah register inovasi." in infos(at)
    assert edit_controls(at) == []


def test_signed_in_the_sidebar_names_the_account_its_roles_and_offers_keluar(roles):
    at = signed_in(None, RINA)
    assert not at.exception
    text = sidebar_text(at)
    assert "**Rina Wulandari**" in text and "`rina@bontangkota.go.id`" in text  # as code: never a mailto link
    assert "Peran: `editor` · Kota Bontang \\(64\\.74\\)" in text
    assert [b.label for b in at.sidebar.button] == ["Keluar"]


def test_an_account_without_a_role_is_named_a_viewer(roles):
    at = signed_in(None, VERA, lang="en")
    assert "Roles: viewer (look only)" in sidebar_text(at)


def test_an_incomplete_auth_section_is_named_and_offers_no_sign_in(app_env):
    at = open_page(None, secrets={k: v for k, v in AUTH.items() if k != "cookie_secret"})
    assert not at.exception
    assert "`cookie_secret`" in sidebar_text(at)
    assert not at.sidebar.button


@pytest.mark.parametrize("secret", ["REPLACE-with-64-hex-characters", "kunci"])
def test_a_cookie_secret_left_as_the_examples_placeholder_or_too_short_counts_as_missing(app_env, secret):
    at = open_page(None, secrets={**AUTH, "cookie_secret": secret})
    assert not at.exception
    assert "`cookie_secret`" in sidebar_text(at)
    assert not at.sidebar.button


# ---- each role's controls ----


def test_an_editor_of_bontang_edits_its_register_but_sees_pontianaks_as_a_table(roles):
    at = signed_in("pages/innovations.py", RINA, r="64.74", y="2025", itab="Register")
    assert not at.exception
    assert "inv_save" in edit_controls(at)
    at = signed_in("pages/innovations.py", RINA, r="61.71", y="2025", itab="Register")
    assert not at.exception
    assert edit_controls(at) == []
    assert (
        "Rina Wulandari \\(`rina@bontangkota.go.id`\\) tidak berhak mengubah register inovasi untuk Kota Pontianak"
        in infos(at)
    )
    assert at.dataframe and len(at.dataframe[0].value) > 0  # the register is still there to read
    assert "`ani@kaltimprov.go.id`" in infos(at)  # who gives the role, as code (never a mailto link)


def test_an_editor_cannot_import_results_but_may_import_targets(roles):
    at = signed_in("pages/data_in.py", RINA)
    assert not at.exception
    assert not at.get("file_uploader")
    assert "perlu peran `data`" in infos(at)
    at = signed_in("pages/data_in.py", RINA, kind="targets")
    assert not at.exception
    assert len(at.get("file_uploader")) == 1  # the write checks each row's region (iid/dataio.py)


def test_a_data_person_gets_the_uploader_the_undo_and_the_source_form_but_no_register_grid(roles):
    db = open_db(roles)
    from iid import dataio

    pv = dataio.preview(db, b"kode;tahun;skor\r\n65;2025;61,23\r\n", "hasil.csv", "scores")
    dataio.apply(db, pv, actor=auth.cli_actor())
    db.close()
    assert signed_in("pages/data_in.py", DODI).get("file_uploader")
    at = signed_in("pages/data_in.py", DODI, dtab="Riwayat impor")
    assert any(k.startswith("undo_") for k in edit_controls(at))
    assert "source_form" in edit_controls(signed_in("pages/data_in.py", DODI, dtab="Sumber"))
    assert edit_controls(signed_in("pages/innovations.py", DODI, r="64.74", itab="Register")) == []


def test_a_data_person_for_one_region_is_offered_only_the_sources_that_regions_figures_cite(roles):
    from iid import dataio

    db = open_db(roles)
    cli = auth.cli_actor()
    auth.grant(db, cli, "dewi@pontianak.go.id", "data", "61.71", name="Dewi")
    for code, title in (("61.71", "Hasil Pontianak"), ("64.74", "Hasil Bontang")):
        pv = dataio.preview(db, f"kode;tahun;skor\r\n{code};2025;61,23\r\n".encode(), "h.csv", "scores")
        dataio.apply(db, pv, source_title=title, actor=cli)
    db.close()
    dewi = {"sub": "k-dewi", "email": "dewi@pontianak.go.id", "name": "Dewi", "email_verified": True}
    at = signed_in("pages/data_in.py", dewi, dtab="Sumber")
    assert not at.exception
    offered = next(s for s in at.selectbox if s.key == "src_id").options
    assert any(o.startswith("Hasil Pontianak") for o in offered)
    assert not any(o.startswith("Hasil Bontang") for o in offered)
    dodi = signed_in("pages/data_in.py", DODI, dtab="Sumber")  # data for every region: every source
    assert any(o.startswith("Hasil Bontang") for o in next(s for s in dodi.selectbox if s.key == "src_id").options)


def test_a_deleted_scenario_is_listed_with_who_deleted_it(roles):
    from iid import scenarios

    db = open_db(roles)
    sid = scenarios.save(db, "Rencana lama", "64.74", {"n": 20}, actor=auth.cli_actor())
    db.close()
    at = signed_in("pages/targets.py", RINA, r="64.74")
    assert not any("dihapus" in e.label for e in at.expander)
    at.button(key=f"del_{sid}").click().run()
    assert not at.exception
    gone = next(e for e in at.expander if e.label == "Skenario yang dihapus (1)")
    row = " ".join(c.value for c in gone.caption)
    assert "**Rencana lama**" in row and "dihapus oleh Rina Wulandari" in row


def test_a_scenario_is_made_by_the_signed_in_account_with_no_author_field(roles):
    at = signed_in("pages/targets.py", RINA, r="64.74")
    assert not at.exception
    assert "Dibuat oleh: Rina Wulandari (dari akun)" in " ".join(c.value for c in at.main.caption)
    assert not [ti for ti in at.text_input if "Dibuat oleh" in ti.label]
    name = next(ti for ti in at.text_input if ti.label == "Nama skenario")
    name.input("Tambah 10 inovasi")
    next(b for b in at.button if b.label == "Simpan skenario").click().run()
    assert not at.exception
    row = next(m.value for m in at.markdown if "Tambah 10 inovasi" in m.value)
    assert "Rina Wulandari" in row
    assert any(b.key and b.key.startswith("del_") for b in at.button)  # her own: she may delete it
    vera = signed_in("pages/targets.py", VERA, r="64.74")
    assert any("Tambah 10 inovasi" in m.value for m in vera.markdown)
    assert edit_controls(vera) == []  # a viewer sees it, may neither save nor delete


def test_undo_is_offered_only_to_people_it_would_not_refuse_and_the_page_says_why_in_a_sentence(roles):
    """`data` for Bontang only, and the last import is Kalimantan Utara's: iid/dataio.py would refuse the undo inside
    its transaction, so the page offers no button and says whose region it is and who gives the role."""
    db = open_db(roles)
    from iid import dataio

    auth.grant(db, auth.cli_actor(), "sari@bontangkota.go.id", "data", "64.74")
    pv = dataio.preview(db, b"kode;tahun;skor\r\n65;2025;61,23\r\n", "hasil.csv", "scores")
    done = dataio.apply(db, pv, actor=auth.cli_actor())
    assert dataio.undo_right(db, done.import_id) == ("undo", ["65"])
    db.close()
    sari = {"sub": "k-sari", "email": "sari@bontangkota.go.id", "name": "Sari", "email_verified": True}
    at = signed_in("pages/data_in.py", sari, dtab="Riwayat impor")
    assert not at.exception
    assert not [b for b in at.button if b.key and b.key.startswith("undo_")]
    said = " ".join(i.value for i in at.info)
    assert "Sari" in said and "Kalimantan Utara" in said and "ani@kaltimprov" in said and "`data`" in said
    history = at.dataframe[0].value
    assert history.iloc[0]["undone_at"] == "–"  # nothing was undone


# ---- the admin page ----


def test_the_users_page_is_for_admins_only(roles):
    at = signed_in(None, ANI)
    at.switch_page("pages/users.py").run()
    assert not at.exception
    assert at.title[0].value == "Pengguna dan peran"
    shown = at.dataframe[0].value
    assert set(shown["email"]) >= {RINA["email"], DODI["email"], ANI["email"]}
    with pytest.raises(ValueError, match="Could not find a navigation page"):  # not in an editor's navigation
        signed_in(None, RINA).switch_page("pages/users.py")


def test_an_admin_gives_and_takes_back_a_role_and_the_role_log_names_her(roles):
    at = signed_in(None, ANI, lang="en")
    at.switch_page("pages/users.py").run()
    at.text_input(key="usr_email").input("Budi@PontianakKota.go.id")
    at.text_input(key="usr_name").input("Budi")
    at.selectbox(key="usr_region").select("61.71")
    next(b for b in at.button if b.label == "Give role").click().run()
    assert not at.exception
    assert "budi@pontianakkota\\.go\\.id: role `editor` given for Kota Pontianak (61.71)." in at.success[0].value
    assert at.dataframe[1].value.iloc[0]["actor_name"] == "Ani Admin"
    budi = signed_in("pages/innovations.py", {"sub": "k-budi", "email": "budi@pontianakkota.go.id"}, r="61.71")
    assert "inv_save" in edit_controls(budi)

    at.selectbox(key="usr_revoke_pick").select(("budi@pontianakkota.go.id", "editor", "61.71")).run()
    at.button(key="usr_revoke_go").click().run()
    assert not at.exception
    assert "taken back" in at.success[0].value
    assert (
        edit_controls(
            signed_in("pages/innovations.py", {"sub": "k-budi", "email": "budi@pontianakkota.go.id"}, r="61.71")
        )
        == []
    )
