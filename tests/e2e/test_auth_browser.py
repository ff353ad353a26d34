"""Teams, as people walk it in the browser: signing in through a real OpenID provider, each role's rights, logout,
and the network default (served on 0.0.0.0 without [auth]: nothing can be changed).

The provider is `oidc-provider-mock` in a thread of this process (any client id works); each person's claims are
stored with its `PUT /users/<sub>` and the person signs in by typing the subject on its authorize page. The app gets
a secrets file of its own through `--secrets.files`, so the repository's `.streamlit/` is never read or written.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import shutil
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page, expect

from iid import auth, dataio
from iid.db import Database
from iid.serve import Server
from tests.e2e.conftest import add_innovation, wait_for_app

pytestmark = pytest.mark.e2e

PEOPLE = {  # subject -> claims the provider signs; roles given by e-mail below (the viewer has none)
    "rina": {"email": "rina@bontangkota.go.id", "name": "Rina Wulandari", "email_verified": True},
    "dodi": {"email": "dodi@kaltimprov.go.id", "name": "Dodi Data", "email_verified": True},
    "vera": {"email": "vera@example.org", "name": "Vera Viewer", "email_verified": True},
}
ROLES = [("rina@bontangkota.go.id", "editor", "64.74"), ("dodi@kaltimprov.go.id", "data", None)]
CLI = auth.cli_actor()
WRITTEN = ("imports", "sources", "register_log", "innovations", "scenarios", "user_roles", "role_log", "targets")


@pytest.fixture(scope="module")
def provider() -> str:
    """An OpenID provider on a free localhost port, with each person's claims stored."""
    from oidc_provider_mock import run_server_in_thread

    with run_server_in_thread() as server:
        url = f"http://localhost:{server.server_port}"
        for sub, claims in PEOPLE.items():
            httpx.put(f"{url}/users/{sub}", json=claims).raise_for_status()
        yield url


def secrets_file(folder: Path, provider: str) -> Path:
    path = folder / "secrets.toml"
    path.write_text(
        "[auth]\n"
        'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_hex(32)}"\n'
        'client_id = "iid-dashboard-test"\n'
        'client_secret = "any-secret-works"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def signin_url(built_db_path: Path, tmp_path_factory: pytest.TempPathFactory, provider: str) -> str:
    """The app with [auth] pointing at the provider, over its own copy of the database with the roles given."""
    folder = tmp_path_factory.mktemp("signin")
    db_path = folder / "iid.duckdb"
    shutil.copy(built_db_path, db_path)
    db = Database(db_path)
    for email, role, region in ROLES:
        auth.grant(db, auth.cli_actor(), email, role, region)
    # an import from the command line, still open: the history has an undo for those with the right
    dataio.apply(db, dataio.preview(db, b"kode;tahun;skor\r\n19.71;2025;50,00\r\n", "h.csv", "scores"), actor=CLI)
    db.close()
    with Server(str(db_path), command=[*Server.LAUNCHER, "--secrets.files", str(secrets_file(folder, provider))]) as u:
        yield u


def sign_in(page: Page, app: str, sub: str) -> None:
    """Masuk in the sidebar, type the subject on the provider's page, and come back signed in."""
    page.goto(app)
    wait_for_app(page)
    page.get_by_test_id("stSidebar").get_by_role("button", name="Masuk").click()
    page.wait_for_url(re.compile(r"/oauth2/authorize"))
    page.locator("input[name=sub]").fill(sub)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(re.compile(r"^http://127\.0\.0\.1:\d+/"))
    wait_for_app(page)
    expect(page.get_by_test_id("stSidebar").get_by_text(PEOPLE[sub]["name"])).to_be_visible(timeout=20_000)


def open_page(page: Page, url: str) -> None:
    page.goto(url)
    wait_for_app(page)


def no_edit_controls(page: Page) -> None:
    """No control that changes data: uploader, register form or grid save, undo, source form, scenario save."""
    main = page.get_by_test_id("stMain")
    expect(main.get_by_test_id("stFileUploaderDropzoneInput")).to_have_count(0)
    expect(main.locator("summary").filter(has_text="Tambah inovasi")).to_have_count(0)
    for name in ("Simpan perubahan", "Simpan sumber", "Simpan skenario", "Hapus"):
        expect(main.get_by_role("button", name=re.compile(name))).to_have_count(0)
    expect(main.get_by_role("button", name=re.compile(r"Batalkan (perubahan )?#\d+"))).to_have_count(0)


def test_an_editor_of_bontang_adds_to_its_register_but_cannot_edit_pontianaks_or_import(page: Page, signin_url: str):
    sign_in(page, signin_url, "rina")
    expect(page.get_by_test_id("stSidebar").get_by_text("Kota Bontang (64.74)")).to_be_visible()

    open_page(page, f"{signin_url}/inovasi?r=64.74&y=2025&itab=Register")
    add_innovation(page, "Layanan malam Puskesmas (uji masuk)")
    open_page(page, f"{signin_url}/inovasi?r=64.74&y=2025&itab=Impor%20dan%20riwayat")
    expect(
        page.get_by_test_id("stMain").get_by_text("Rina Wulandari").first
    ).to_be_attached()  # the history names her (a grid cell)

    open_page(page, f"{signin_url}/inovasi?r=61.71&y=2025&itab=Register")
    expect(
        page.get_by_text(
            re.compile(
                r"Rina Wulandari \(rina@bontangkota\.go\.id\) tidak berhak mengubah register inovasi untuk Kota Pontianak"
            )
        )
    ).to_be_visible()
    no_edit_controls(page)

    open_page(page, f"{signin_url}/data")
    expect(page.get_by_text(re.compile(r"tidak berhak mengimpor data; perlu peran `?data"))).to_be_visible()
    no_edit_controls(page)


def test_a_data_person_imports_a_result_and_undoes_it(page: Page, signin_url: str, tmp_path: Path):
    sign_in(page, signin_url, "dodi")
    f = tmp_path / "hasil_iid_2025.csv"
    f.write_bytes("kode;tahun;skor\r\n65;2025;61,23\r\n".encode("utf-8-sig"))
    open_page(page, f"{signin_url}/data")
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(f))
    wait_for_app(page)
    page.get_by_role("button", name=re.compile("Simpan 1 baris")).click()
    expect(page.get_by_text(re.compile(r"Impor #\d+ tersimpan"))).to_be_visible(timeout=15_000)

    open_page(page, f"{signin_url}/data?dtab=Riwayat%20impor")
    expect(
        page.get_by_test_id("stMain").get_by_text("Dodi Data").first
    ).to_be_attached()  # who imported it (a grid cell)
    page.get_by_role("button", name=re.compile(r"Batalkan (perubahan )?#\d+")).click()
    expect(page.get_by_text(re.compile(r"dibatalkan; nilai sebelumnya dipulihkan"))).to_be_visible(timeout=15_000)


@pytest.mark.parametrize(
    "path",
    [
        "/inovasi?r=64.74&y=2025&itab=Register",
        "/inovasi?r=64.74&itab=Impor%20dan%20riwayat",
        "/data",
        "/data?dtab=Riwayat%20impor",
        "/data?dtab=Sumber",
        "/target?r=64.74",
    ],
)
def test_a_signed_in_viewer_sees_no_edit_control(page: Page, signin_url: str, path: str):
    sign_in(page, signin_url, "vera")
    expect(page.get_by_test_id("stSidebar").get_by_text(re.compile("pembaca"))).to_be_visible()
    open_page(page, f"{signin_url}{path}")
    expect(
        page.get_by_text(re.compile(r"Hanya melihat: Vera Viewer \(vera@example\.org\) tidak berhak"))
    ).to_be_visible(timeout=20_000)
    no_edit_controls(page)


def test_logout_ends_the_session(page: Page, signin_url: str):
    sign_in(page, signin_url, "rina")
    page.get_by_test_id("stSidebar").get_by_role("button", name="Keluar").click()
    page.wait_for_url(re.compile(r"/oauth2/end_session"))  # the provider's session ends too (RP-initiated logout)
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(re.compile(r"^http://127\.0\.0\.1:\d+/"))
    wait_for_app(page)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_role("button", name="Masuk")).to_be_visible(timeout=20_000)
    expect(sidebar.get_by_text("Rina Wulandari")).to_have_count(0)
    open_page(page, f"{signin_url}/inovasi?r=64.74&y=2025&itab=Register")  # a new page load: still signed out
    expect(page.get_by_test_id("stSidebar").get_by_role("button", name="Masuk")).to_be_visible()
    no_edit_controls(page)


def digest(db_path: Path) -> str:
    db = Database(db_path, read_only=True)
    try:
        return hashlib.sha256(
            repr([db.rows(f"select * from {table} order by all") for table in WRITTEN]).encode()
        ).hexdigest()
    finally:
        db.close()


def test_served_on_every_interface_without_auth_the_app_is_read_only(page: Page, built_db_path: Path, tmp_path: Path):
    """`--server.address 0.0.0.0` and no [auth]: opened from 127.0.0.1, no edit control anywhere, nothing written."""
    db_path = tmp_path / "iid.duckdb"
    shutil.copy(built_db_path, db_path)
    db = Database(db_path)  # an open import, so the history has a place where an undo would be
    dataio.apply(db, dataio.preview(db, b"kode;tahun;skor\r\n19.71;2025;50,00\r\n", "h.csv", "scores"), actor=CLI)
    db.close()
    before = digest(db_path)
    none = tmp_path / "no-secrets.toml"  # a secrets file that does not exist: no [auth], whatever ~/.streamlit holds
    with Server(str(db_path), command=[*Server.LAUNCHER, "--secrets.files", str(none)], address="0.0.0.0") as url:
        open_page(page, url)
        expect(page.get_by_test_id("stSidebar").get_by_text(re.compile(r"Hanya baca\."))).to_be_visible()
        expect(page.get_by_test_id("stSidebar").get_by_role("link", name="Pengguna")).to_have_count(0)
        for path in (
            "/inovasi?r=64.74&y=2025&itab=Register",
            "/inovasi?r=64.74&itab=Impor%20dan%20riwayat",
            "/data",
            "/data?dtab=Riwayat%20impor",
            "/data?dtab=Sumber",
            "/target?r=64.74",
        ):
            open_page(page, f"{url}{path}")
            expect(page.get_by_text(re.compile(r"Hanya baca: tanpa sign-in")).first).to_be_visible(timeout=20_000)
            no_edit_controls(page)
    assert digest(db_path) == before


def test_behind_a_reverse_proxy_without_auth_the_loopback_app_is_read_only(browser, app_url: str):
    """nginx on the same computer passes people from the network on from 127.0.0.1: its X-Forwarded-For header marks
    them, so they never get the local mode's every right (README, "Tim")."""
    context = browser.new_context(extra_http_headers={"X-Forwarded-For": "203.0.113.7"})
    page = context.new_page()
    try:
        open_page(page, f"{app_url}/inovasi?r=64.74&y=2025&itab=Register")
        expect(page.get_by_test_id("stSidebar").get_by_text(re.compile(r"Hanya baca\."))).to_be_visible()
        no_edit_controls(page)
    finally:
        context.close()


def test_opened_directly_on_loopback_without_auth_the_app_is_the_local_mode(page: Page, app_url: str):
    open_page(page, f"{app_url}/inovasi?r=64.74&y=2025&itab=Register")
    expect(page.get_by_test_id("stSidebar").get_by_text(re.compile(r"Mode lokal: satu pengguna"))).to_be_visible()
    expect(page.get_by_test_id("stMain").get_by_role("button", name="Simpan perubahan")).to_be_visible()
