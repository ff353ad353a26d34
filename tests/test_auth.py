"""Roles, enforced where each write happens: a write without the right role is refused and changes nothing.

The people below hold fixed roles in one database per test; Hypothesis draws a person, a kind of write and a region,
keeps the draws a model of the rules (ALLOWED) says must be refused, and compares a checksum of every table before
and after. Then each right is shown to work, with who and when recorded, and the command line gives the first admin.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iid import auth, cli, dataio, scenarios
from iid import register as R
from iid.auth import Actor, Forbidden
from iid.db import Database
from tests.conftest import ADMIN, reopen

BONTANG, PONTIANAK, KALTARA = "64.74", "61.71", "65"
REGIONS = (BONTANG, PONTIANAK, KALTARA)


def person(email: str) -> Actor:
    """A signed-in account, as ui.actor() makes it from st.user."""
    return auth.from_claims({"sub": f"sub-{email}", "email": email, "name": email.split("@")[0].title()})


# who holds what (role, region or '*'), given by the command line in the fixture
ROLES: dict[str, list[tuple[str, str | None]]] = {
    "viewer@example.org": [("viewer", None)],
    "editor.bontang@bontangkota.go.id": [("editor", BONTANG)],
    "editor.pontianak@pontianak.go.id": [("editor", PONTIANAK)],
    "data.pontianak@pontianak.go.id": [("data", PONTIANAK)],
    "data@kemendagri.go.id": [("data", None)],
    "admin@kaltaraprov.go.id": [("admin", None)],
}
PEOPLE: dict[str, Actor] = {
    "anonymous": auth.anonymous(),
    "no account": person("nobody@example.org"),
    # an editor's address the provider has not verified: not trusted for roles
    "unverified": auth.from_claims(
        {"sub": "u-1", "email": "editor.bontang@bontangkota.go.id", "email_verified": False, "name": "Tiruan"}
    ),
    **{email: person(email) for email in ROLES},
}


def allowed(who: str, actions: tuple[str, ...], region: str | None) -> bool:
    """The rules as a model: admin may do anything; else the role an action needs, for that region or all."""
    held = ROLES.get(PEOPLE[who].email or "", []) if PEOPLE[who].kind == "oidc" else []
    return any(
        role == "admin" or (role == auth.ACTIONS[a] and (region is None or scope in (None, region)))
        for role, scope in held
        for a in actions
    )


def csv(text: str) -> bytes:
    return text.encode("utf-8")


def new_row(db: Database, code: str, title: str) -> dict:
    units = db.rows("select unit, unit_type from units where region_code = ? order by 1 limit 1", [code])
    unit, unit_type = units[0] if units else ("Bapperida", "OPD")  # a province without units in the sample
    return {
        "title": title,
        "unit": unit,
        "unit_type": unit_type,
        "form": "pelayanan_publik",
        "digital": True,
        "stage": "uji_coba",
        "year_proposed": 2026,
        "status": "draft",
        "has_team": False,
        "has_sop": False,
        "has_budget": False,
    }


@dataclass
class World:
    """A database with people, and for each region one import, one register batch, one scenario to act on."""

    db: Database
    imports: dict[str, int]  # region → a scores import
    target_imports: dict[str, int]  # region → a targets import
    batches: dict[str, int]  # region → a register batch
    rows: dict[str, str]  # region → an innovation
    scenarios: dict[str, int]  # region → a scenario saved by the local user
    source: str  # a source made in the app


@pytest.fixture
def world(writable_db) -> World:
    db, _ = writable_db
    for email, held in ROLES.items():
        for role, region in held:
            auth.grant(db, auth.cli_actor(), email, role, region)
    imports, target_imports, batches, rows, saved = {}, {}, {}, {}, {}
    for code in (BONTANG, KALTARA, PONTIANAK):  # Pontianak's imports last: the ones an undo may take back first
        target_imports[code] = dataio.import_file_bytes(
            db,
            csv(f"kode;ukuran;nilai;tahun_target;dokumen\n{code};iid_score;70,00;2029;RPJMD\n"),
            "t.csv",
            "targets",
            actor=ADMIN,
        ).import_id
        imports[code] = dataio.import_file_bytes(
            db, csv(f"kode,tahun,skor\n{code},2025,61\n"), "skor.csv", actor=ADMIN
        ).import_id
        batches[code] = R.save(db, code, [new_row(db, code, f"Awal {code}")], {}, [], actor=ADMIN)
        rows[code] = db.scalar("select innovation_id from innovations where title = ?", [f"Awal {code}"])
        saved[code] = scenarios.save(db, f"Skenario {code}", code, {"n": 20}, actor=ADMIN)
    source = dataio.save_source(db, None, "imported", "Catatan rapat", None, None, None, None, None, actor=ADMIN)
    return World(db, imports, target_imports, batches, rows, saved, source)


# each kind of write: (the actions that allow it, whether it is per region, the write itself)
Write = Callable[[World, Actor, str], object]
WRITES: dict[str, tuple[tuple[str, ...], bool, Write]] = {
    "import scores": (
        ("import",),
        True,
        lambda w, a, c: dataio.import_file_bytes(w.db, csv(f"kode,tahun,skor\n{c},2024,66\n"), "s.csv", actor=a),
    ),
    "import indicator levels": (
        ("import",),
        True,
        lambda w, a, c: dataio.import_file_bytes(
            w.db,
            csv(f"kode,tahun,indikator,level\n{c},2025,n_innovations,30\n{c},2025,basic_services,4\n"),
            "i.csv",
            "indicators",
            actor=a,
        ),
    ),
    "import targets": (
        ("import", "target"),
        True,
        lambda w, a, c: dataio.import_file_bytes(
            w.db,
            csv(f"kode;ukuran;nilai;tahun_target;dokumen\n{c};iid_score;72,00;2030;RPJMD\n"),
            "t.csv",
            "targets",
            actor=a,
        ),
    ),
    "undo an import": (("undo",), True, lambda w, a, c: dataio.undo(w.db, w.imports[c], actor=a)),
    "undo a targets import": (
        ("undo", "target"),
        True,
        lambda w, a, c: dataio.undo(w.db, w.target_imports[c], actor=a),
    ),
    "add a source": (
        ("sources",),
        False,
        lambda w, a, c: dataio.save_source(w.db, None, "imported", "Baru", None, None, None, None, None, actor=a),
    ),
    "edit a source": (
        ("sources",),
        False,
        lambda w, a, c: dataio.save_source(w.db, w.source, "imported", "Ubah", None, None, None, None, None, actor=a),
    ),
    "edit the source of a region's import": (
        ("sources",),
        True,
        lambda w, a, c: dataio.save_source(
            w.db, _source_of(w, c), "imported", "Ubah", None, None, None, None, None, actor=a
        ),
    ),
    "add to the register": (
        ("register",),
        True,
        lambda w, a, c: R.save(w.db, c, [new_row(w.db, c, "Baru")], {}, [], actor=a),
    ),
    "edit the register": (
        ("register",),
        True,
        lambda w, a, c: R.save(w.db, c, [], {w.rows[c]: {"status": "diajukan"}}, [], actor=a),
    ),
    "delete from the register": (("register",), True, lambda w, a, c: R.save(w.db, c, [], {}, [w.rows[c]], actor=a)),
    "import a register file": (
        ("register",),
        True,
        lambda w, a, c: R.import_register(w.db, c, csv(_register_csv(w.db, c)), "register.csv", actor=a),
    ),
    "undo a register change": (("register",), True, lambda w, a, c: R.undo_batch(w.db, w.batches[c], actor=a)),
    "save a scenario": (("scenario",), True, lambda w, a, c: scenarios.save(w.db, "Coba", c, {}, actor=a)),
    "delete a scenario": (("scenario",), True, lambda w, a, c: scenarios.delete(w.db, w.scenarios[c], actor=a)),
    "give a role": (
        ("roles",),
        False,
        lambda w, a, c: auth.grant(w.db, a, "baru@example.org", "editor", c),
    ),
    "take a role back": (
        ("roles",),
        False,
        lambda w, a, c: auth.revoke(w.db, a, "editor.pontianak@pontianak.go.id", "editor", PONTIANAK),
    ),
}


def _source_of(w: World, code: str) -> str:
    """The source an import for one region made (its rows cite it)."""
    return w.db.scalar("select source_id from imports where import_id = ?", [w.imports[code]])


def _register_csv(db: Database, code: str) -> str:
    row = new_row(db, code, "Dari berkas")
    return (
        "judul,unit_kerja,jenis_unit,bentuk,tahap,tahun_usulan,digital,tim,sop,anggaran\n"
        f"{row['title']},{row['unit']},{row['unit_type']},pelayanan_publik,inisiatif,2026,ya,tidak,tidak,tidak\n"
    )


def checksums(db: Database) -> dict[str, tuple]:
    """Row count and an order-free hash of every row, per table (live and reference)."""
    tables = db.rows(
        "select schema_name, table_name from duckdb_tables() where database_name = current_database() "
        "and not temporary order by all"
    )
    sql = " union all ".join(f"select '{s}.{t}', count(*), sum(hash(x)::hugeint) from {s}.\"{t}\" x" for s, t in tables)
    return {r[0]: tuple(r[1:]) for r in db.rows(sql)}


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(who=st.sampled_from(sorted(PEOPLE)), kind=st.sampled_from(sorted(WRITES)), region=st.sampled_from(REGIONS))
def test_every_write_without_the_role_is_refused_and_changes_no_table(world, who, kind, region):
    actions, regional, write = WRITES[kind]
    if allowed(who, actions, region if regional else None):
        return  # shown to work below; here only what must be refused
    before = checksums(world.db)
    with pytest.raises(Forbidden) as refused:
        write(world, PEOPLE[who], region)
    assert checksums(world.db) == before
    text = refused.value.text("id")
    assert f"`{auth.ACTIONS[actions[0]]}`" in text and "Tidak ada yang diubah" in text
    assert "admin@kaltaraprov.go.id" in text  # who gives roles
    if regional:
        assert region in text


def test_the_model_of_the_rules_refuses_and_allows_each_kind_of_write_at_least_once():
    """Guard for the test above: every kind of write is refused to someone and allowed to someone."""
    for kind, (actions, regional, _) in WRITES.items():
        outcomes = {allowed(who, actions, r if regional else None) for who in PEOPLE for r in REGIONS}
        assert outcomes == {True, False}, kind


@pytest.mark.parametrize("kind", sorted(WRITES))
def test_a_holder_of_the_role_can_make_each_write(world, kind):
    actions, regional, write = WRITES[kind]
    holders = [w for w in sorted(PEOPLE) if allowed(w, actions, PONTIANAK if regional else None)]
    who = next((w for w in holders if w != "admin@kaltaraprov.go.id"), holders[0])  # the admin only for roles
    if kind == "undo a targets import":
        dataio.undo(world.db, world.imports[PONTIANAK], actor=ADMIN)  # imports are undone newest first
    before = checksums(world.db)
    write(world, PEOPLE[who], PONTIANAK)
    assert checksums(world.db) != before


# ---------------------------------------------------------------- the cases of the issue


def test_an_editor_of_bontang_writes_bontangs_register_but_not_pontianaks(world):
    rina = PEOPLE["editor.bontang@bontangkota.go.id"]
    batch = R.save(world.db, BONTANG, [new_row(world.db, BONTANG, "SIGAP antar dokumen")], {}, [], actor=rina)
    change = R.changes(world.db, BONTANG).set_index("batch_id").loc[batch]
    assert change["actor_name"] == "Editor.Bontang"
    before = checksums(world.db)
    with pytest.raises(Forbidden) as refused:
        R.save(world.db, PONTIANAK, [new_row(world.db, PONTIANAK, "Tidak boleh")], {}, [], actor=rina)
    assert checksums(world.db) == before
    assert refused.value.text("id").startswith(
        "Ditolak: Editor.Bontang (editor.bontang@bontangkota.go.id) tidak berhak mengubah register inovasi untuk "
        "Kota Pontianak (61.71); perlu peran `editor`."
    )
    assert "Refused: Editor.Bontang" in refused.value.text("en") and "An admin gives roles" in refused.value.text("en")
    with pytest.raises(Forbidden):
        dataio.import_file_bytes(world.db, csv("kode,tahun,skor\n64.74,2024,66\n"), "s.csv", actor=rina)


def test_the_data_role_imports_and_undoes_and_both_are_recorded_with_who_and_when(world):
    ani = PEOPLE["data@kemendagri.go.id"]
    res = dataio.import_file_bytes(world.db, csv("kode,tahun,skor\n64.74,2024,66\n"), "s.csv", actor=ani)
    dataio.undo(world.db, res.import_id, actor=ani)
    row = dataio.history(world.db).set_index("import_id").loc[res.import_id]
    assert (row["actor_name"], row["undone_by_name"]) == ("Data", "Data")
    stamp = world.db.scalar("select imported_by from imports where import_id = ?", [res.import_id])
    assert '"subject": "sub-data@kemendagri.go.id"' in stamp and '"email": "data@kemendagri.go.id"' in stamp
    assert row["undone_at"] >= row["imported_at"] >= dt.datetime.now() - dt.timedelta(minutes=5)


def test_data_for_listed_regions_cannot_import_a_file_that_also_names_another(world):
    dewi = PEOPLE["data.pontianak@pontianak.go.id"]
    before = checksums(world.db)
    with pytest.raises(Forbidden, match="Kota Bontang"):
        dataio.import_file_bytes(world.db, csv("kode,tahun,skor\n61.71,2024,66\n64.74,2024,60\n"), "s.csv", actor=dewi)
    assert checksums(world.db) == before


def test_a_data_role_for_listed_regions_edits_only_the_sources_its_regions_figures_cite(world):
    dewi = PEOPLE["data.pontianak@pontianak.go.id"]
    before = checksums(world.db)
    with pytest.raises(Forbidden, match=r"Kota Bontang \(64\.74\)"):
        dataio.save_source(
            world.db, _source_of(world, BONTANG), "imported", "Bukan", None, None, None, None, None, actor=dewi
        )
    register_source = world.db.scalar(
        "select source_id from innovations where innovation_id = ?", [world.rows[BONTANG]]
    )
    with pytest.raises(Forbidden, match="Kota Bontang"):  # the register kept in the app cites one too
        dataio.save_source(world.db, register_source, "imported", "Bukan", None, None, None, None, None, actor=dewi)
    assert checksums(world.db) == before
    mine = _source_of(world, PONTIANAK)
    dataio.save_source(world.db, mine, "imported", "Rapat Pontianak", None, None, None, None, None, actor=dewi)
    title, by = world.db.rows("select title, changed_by from sources where source_id = ?", [mine])[0]
    assert title == "Rapat Pontianak" and '"email": "data.pontianak@pontianak.go.id"' in by
    assert dataio.sources_table(world.db).set_index("source_id").loc[mine, "actor_name"] == "Data.Pontianak"
    assert dataio.editable_sources(world.db, dewi) >= {mine, world.source}
    assert _source_of(world, BONTANG) not in dataio.editable_sources(world.db, dewi)
    assert dataio.editable_sources(world.db, PEOPLE["data@kemendagri.go.id"]) is None  # every source


def test_a_scenarios_author_comes_from_the_account_and_may_delete_it_after_losing_the_role(world):
    rina = PEOPLE["editor.bontang@bontangkota.go.id"]
    sid = scenarios.save(world.db, "Tambah video", BONTANG, {"n": 30}, actor=rina)
    assert scenarios.get(world.db, sid)["author"] == "Editor.Bontang"
    auth.revoke(world.db, ADMIN, rina.email, "editor", BONTANG)
    assert not scenarios.can_delete(
        world.db, rina, BONTANG, scenarios.get(world.db, world.scenarios[BONTANG])["created_by"]
    )
    assert scenarios.can_delete(world.db, rina, BONTANG, scenarios.get(world.db, sid)["created_by"])
    scenarios.delete(world.db, sid, actor=rina)
    assert scenarios.get(world.db, sid) is None


def test_a_deleted_scenario_leaves_a_record_of_who_deleted_it_and_when(world):
    rina, ani = PEOPLE["editor.bontang@bontangkota.go.id"], PEOPLE["data@kemendagri.go.id"]
    sid = scenarios.save(world.db, "Tambah video", BONTANG, {"n": 30}, actor=rina)
    scenarios.delete(world.db, world.scenarios[BONTANG], actor=rina)  # an editor of the region deletes another's
    scenarios.delete(world.db, sid, actor=rina)  # and her own
    with pytest.raises(Forbidden):
        scenarios.delete(world.db, world.scenarios[PONTIANAK], actor=ani)
    gone = scenarios.deleted(world.db, BONTANG)
    assert gone[["scenario_id", "name", "actor_name"]].values.tolist() == [
        [sid, "Tambah video", "Editor.Bontang"],
        [world.scenarios[BONTANG], f"Skenario {BONTANG}", "Editor.Bontang"],
    ]
    assert gone["changed_at"].min() >= dt.datetime.now() - dt.timedelta(minutes=5)
    stamp = world.db.scalar("select changed_by from scenario_log where scenario_id = ?", [sid])
    assert '"subject": "sub-editor.bontang@bontangkota.go.id"' in stamp
    assert scenarios.deleted(world.db, PONTIANAK).empty  # the refused deletion left no record and no gap


def test_an_admin_gives_and_takes_back_roles_and_the_role_log_says_who(world):
    budi = PEOPLE["admin@kaltaraprov.go.id"]
    assert auth.grant(world.db, budi, "Siti@Tarakankota.go.id", "editor", "65.71", name="Siti")
    assert not auth.grant(world.db, budi, "siti@tarakankota.go.id", "editor", "65.71")  # already held
    siti = person("siti@tarakankota.go.id")
    assert auth.can(world.db, siti, "register", "65.71") and not auth.can(world.db, siti, "register", BONTANG)
    assert auth.regions_for(world.db, siti, "register") == {"65.71"}
    assert auth.regions_for(world.db, budi, "import") is None  # all regions
    assert auth.revoke(world.db, budi, "siti@tarakankota.go.id", "editor", "65.71") == 1
    log = auth.role_log(world.db)
    assert log[["action", "email", "role", "region_code", "actor_name"]].head(2).values.tolist() == [
        ["revoke", "siti@tarakankota.go.id", "editor", "65.71", "Admin"],
        ["grant", "siti@tarakankota.go.id", "editor", "65.71", "Admin"],
    ]
    with pytest.raises(auth.RoleError, match="admin terakhir"):
        auth.revoke(world.db, budi, budi.email, "admin")  # the last admin cannot lock everyone out from the app


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("x@example.org", "owner"), "Peran `owner` tidak dikenal"),
        (("bukan-alamat", "editor", BONTANG), "bukan alamat e-mail"),
        (("x@example.org", "editor", "99.99"), "Kode daerah `99.99` tidak dikenal"),
        (("x@example.org", "admin", BONTANG), "berlaku untuk semua daerah"),
    ],
)
def test_a_role_that_cannot_be_given_is_refused_by_name_and_nothing_changes(world, args, message):
    before = checksums(world.db)
    with pytest.raises(auth.RoleError, match=message):
        auth.grant(world.db, ADMIN, *args)
    assert checksums(world.db) == before


def test_the_first_admin_comes_from_the_command_line_user_add_list_remove(writable_db, capsys):
    db, path = writable_db
    db.close()
    base = ["--db", str(path)]
    assert cli.main([*base, "user", "list"]) == 0
    assert "admin pertama" in capsys.readouterr().out
    assert cli.main([*base, "user", "add", "Budi@KaltaraProv.go.id", "--role", "admin", "--name", "Budi"]) == 0
    assert cli.main([*base, "user", "add", "rina@bontangkota.go.id", "--role", "editor", "--region", BONTANG]) == 0
    assert cli.main([*base, "user", "add", "rina@bontangkota.go.id", "--role", "editor", "--region", BONTANG]) == 0
    out = capsys.readouterr().out
    assert "peran admin diberikan" in out and "sudah punya peran editor untuk daerah 64.74" in out
    assert cli.main([*base, "--lang", "en", "user", "add", "x@example.org", "--role", "editor", "--region", "9"]) == 1
    assert "Unknown region code `9`" in capsys.readouterr().err
    assert cli.main([*base, "user", "list"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert any("budi@kaltaraprov.go.id" in line and "admin" in line and "Budi" in line for line in listed)
    assert any("rina@bontangkota.go.id" in line and "editor" in line and "Kota Bontang" in line for line in listed)
    assert cli.main([*base, "user", "remove", "rina@bontangkota.go.id"]) == 0
    assert cli.main([*base, "user", "remove", "budi@kaltaraprov.go.id", "--role", "admin"]) == 0  # the CLI may
    assert "akun dan 1 peran dihapus" in capsys.readouterr().out
    assert cli.main([*base, "user", "list"]) == 0
    listed = capsys.readouterr().out
    assert "rina@" not in listed and "budi@kaltaraprov.go.id           viewer" in listed and "admin pertama" in listed
    with reopen(path) as after:
        by = after.rows("select distinct json_extract_string(changed_by, '$.kind') from role_log")
        assert by == [("cli",)]  # the command line records the operating-system user


def test_an_import_from_the_command_line_records_the_operating_system_user(writable_db, tmp_path):
    db, path = writable_db
    db.close()
    good = tmp_path / "good.csv"
    good.write_text("region_code,year,score\n64.74,2025,71.5\n", encoding="utf-8")
    assert cli.main(["--db", str(path), "import", str(good)]) == 0
    with reopen(path) as after:
        stamp = after.scalar("select imported_by from imports order by import_id desc limit 1")
    assert f'"subject": "{auth.cli_actor().subject}"' in stamp and '"kind": "cli"' in stamp


# ---------------------------------------------------------------- who is who, and the network default


@pytest.mark.parametrize(
    ("address", "auth_configured", "mode"),
    [
        ("127.0.0.1", False, "local"),
        ("127.0.0.2", False, "local"),  # all of 127.0.0.0/8 is loopback
        ("::1", False, "local"),
        ("[::1]", False, "local"),
        ("localhost", False, "local"),
        (" LOCALHOST ", False, "local"),
        (None, False, "read_only"),  # unset: Streamlit listens on every interface
        ("", False, "read_only"),
        ("0.0.0.0", False, "read_only"),
        ("::", False, "read_only"),
        ("192.168.1.20", False, "read_only"),
        ("iid.bapperida.go.id", False, "read_only"),  # a name may resolve to any interface
        ("127.0.0.1", True, "signin"),
        ("0.0.0.0", True, "signin"),
        (None, True, "signin"),
    ],
)
def test_serving_mode_follows_the_address_and_whether_sign_in_is_configured(address, auth_configured, mode):
    assert auth.serving_mode(address, auth_configured) == mode


def test_an_oidc_identity_becomes_an_actor_and_an_unverified_address_gets_no_role(world):
    a = auth.from_claims({"sub": "abc", "email": " Rina@BontangKota.go.id ", "name": "Rina", "email_verified": True})
    assert a == Actor("abc", "rina@bontangkota.go.id", "Rina", "oidc")
    assert not auth.can(world.db, PEOPLE["unverified"], "register", BONTANG)
    assert PEOPLE["unverified"].email is None and PEOPLE["unverified"].kind == "oidc"
    assert auth.from_claims({}) == auth.anonymous()


def test_the_local_user_and_the_command_line_hold_every_right_and_anonymous_none(world):
    for actor in (auth.local_actor(), auth.cli_actor()):
        assert all(auth.can(world.db, actor, a, PONTIANAK) for a in auth.ACTIONS)
        assert auth.regions_for(world.db, actor, "register") is None
    assert not any(auth.can(world.db, auth.anonymous(), a) for a in auth.ACTIONS)
    assert auth.regions_for(world.db, auth.anonymous(), "register") == set()
