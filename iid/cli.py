"""Command line: `python -m iid build|check|sample|import|undo|user|status|published`.

Writes from here are made by the operating-system user (iid.auth.cli_actor), who holds every right: whoever can run
this can open the database file anyway. `user add` gives the first admin.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from iid import settings

MSG = {
    "built": {"id": "Basis data dibuat: {path} ({seconds:.2f} d)", "en": "Database built: {path} ({seconds:.2f} s)"},
    "imported": {
        "id": "Impor berhasil: {n} baris dari {file} (sumber {source}).",
        "en": "Import done: {n} rows from {file} (source {source}).",
    },
    "rejected": {
        "id": "Impor ditolak; basis data tidak berubah. {n} masalah:",
        "en": "Import rejected; the database is unchanged. {n} problem(s):",
    },
    "preview": {
        "id": "Pratinjau: {add} baris baru, {change} berubah, {same} sama.",
        "en": "Preview: {add} new rows, {change} changed, {same} unchanged.",
    },
    "undone": {
        "id": "Impor #{id} dibatalkan; nilai sebelumnya dipulihkan.",
        "en": "Import #{id} undone; previous values restored.",
    },
    "exported": {
        "id": "{n} berkas ditulis ke {dir}; bangun kembali dengan python -m iid build --from {dir}",
        "en": "{n} files written to {dir}; rebuild with python -m iid build --from {dir}",
    },
    "no_file": {"id": "Berkas tidak ditemukan: {file}", "en": "File not found: {file}"},
    "locked": {
        "id": "Basis data sedang dipakai proses lain (misalnya aplikasi). Tutup aplikasi lalu ulangi. ({err})",
        "en": "The database is in use by another process (e.g. the app). Stop it and try again. ({err})",
    },
    "check_ok": {"id": "Tidak ada kesalahan data.", "en": "No data errors."},
    "carried": {
        "id": "Masukan pengguna yang dibawa (+ditambah ~diubah -dihapus terhadap data/):",
        "en": "User entries carried over (+added ~changed -deleted against data/):",
    },
    "user_changes": {
        "id": "Masukan pengguna terhadap data/ (+ditambah ~diubah -dihapus):",
        "en": "User entries against data/ (+added ~changed -deleted):",
    },
    "user_added": {"id": "{email}: peran {role} diberikan{where}.", "en": "{email}: role {role} given{where}."},
    "user_had": {"id": "{email} sudah punya peran {role}{where}.", "en": "{email} already has the role {role}{where}."},
    "user_removed": {"id": "{email}: {n} peran dicabut.", "en": "{email}: {n} role(s) taken back."},
    "user_removed_all": {
        "id": "{email}: akun dan {n} peran dihapus.",
        "en": "{email}: the account and {n} role(s) removed.",
    },
    "user_where": {"id": " untuk daerah {region}", "en": " for region {region}"},
    "store_error": {
        "id": "Penyimpanan PostgreSQL menolak atau terputus; tidak ada yang tertulis setengah: {err}",
        "en": "The PostgreSQL store refused or went away; nothing was half-written: {err}",
    },
    "migrate_to": {
        "id": "--to harus alamat PostgreSQL: postgresql://pengguna@host/basisdata",
        "en": "--to must be a PostgreSQL address: postgresql://user@host/database",
    },
    "migrate_bad": {
        "id": "Pemindahan TIDAK utuh: tabel {tables} berbeda di penyimpanan. Berkas asal tidak diubah.",
        "en": "The migration is NOT whole: tables {tables} differ in the store. The source file is unchanged.",
    },
    "migrated": {
        "id": "Dipindahkan ke {path}: {n} tabel, jumlah baris dan checksum sama ({seconds:.1f} dtk).",
        "en": "Migrated to {path}: {n} tables, row counts and checksums equal ({seconds:.1f} s).",
    },
    "user_no_admin": {
        "id": "Belum ada admin. Tambahkan admin pertama: python -m iid user add EMAIL --role admin",
        "en": "There is no admin yet. Add the first: python -m iid user add EMAIL --role admin",
    },
}


def _say(key: str, lang: str, **kw: object) -> str:
    return MSG[key][lang].format(**kw)


def _open(target: str | Path, read_only: bool = False):
    """The database, built from data/ first when there is none; DatabaseUnavailable says why it cannot be opened.

    A postgresql:// URL opens the shared store (iid/store.py): the command line writes to it while apps serve it."""
    from iid import store
    from iid.build import build
    from iid.db import Database

    if store.is_url(target):
        return store.open_store(str(target))
    path = Path(target)
    if not path.exists() and not path.is_symlink():
        build(settings.data_dir(), path)
    return Database(path, read_only=read_only)


REFUSED = 3  # exit code of a rebuild that would lose what users entered: the old database is kept as it was


def cmd_build(args: argparse.Namespace) -> int:
    from iid import store
    from iid.build import build
    from iid.carryover import CarryOverRefused
    from iid.errors import BuildError

    target = args.to or args.db
    if store.is_url(target):
        return _build_store(args, target)
    try:
        report = build(Path(args.from_dir or settings.data_dir()), Path(target), include_sample=not args.no_sample)
    except CarryOverRefused as exc:
        print(exc.text(args.lang), file=sys.stderr)
        return REFUSED
    except BuildError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    for note in report.notes:
        print(note)
    print(_say("built", args.lang, path=report.path, seconds=report.seconds))
    for table, n in report.counts.items():
        print(f"  {table:<20} {n:>8}")
    if report.carried and report.carried.tables:
        print(_say("carried", args.lang))
        for table, (added, changed, deleted) in report.carried.tables.items():
            print(f"  {table:<20} +{added} ~{changed} -{deleted}")
    return 0


def _build_store(args: argparse.Namespace, url: str) -> int:
    """Load a PostgreSQL store from data/ (or --from DIR): a fresh store, or --replace an old one."""
    import time

    from iid import store
    from iid.build import create_schema, load_into
    from iid.carryover import snapshot_reference
    from iid.db import Database
    from iid.errors import BuildError

    t0 = time.perf_counter()
    data_dir = Path(args.from_dir or settings.data_dir())
    try:
        with Database(":memory:") as db:
            create_schema(db)
            load_into(db, data_dir, include_sample=not args.no_sample)
            snapshot_reference(db)
            counts = store.load_store(db, url, replace=args.replace)
    except BuildError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(_say("built", args.lang, path=store.safe_url(url), seconds=time.perf_counter() - t0))
    for table, n in counts.items():
        print(f"  {table:<20} {n:>8}")
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    """Copy a DuckDB file into an empty PostgreSQL store, then check every table: rows and a checksum of its rows."""
    import time

    from iid import store
    from iid.db import Database

    if not store.is_url(args.to):
        print(_say("migrate_to", args.lang), file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    with Database(Path(args.from_file), read_only=True) as src:
        counts = store.load_store(src, args.to, replace=args.replace)
        tables = store.base_tables(src)
        want = store.checksums_duckdb(src, tables)
    with store.open_store(args.to) as copy:
        got = store.checksums_duckdb(copy, tables)
    bad = [t for t in tables if want[t] != got[t]]
    for t in tables:
        mark = "ok" if t not in bad else f"BEDA / DIFFERS ({got[t][0]} of {want[t][0]})"
        print(f"  {t:<20} {counts.get(t, 0):>8}  {mark}")
    if bad:
        print(_say("migrate_bad", args.lang, tables=", ".join(bad)), file=sys.stderr)
        return 1
    print(_say("migrated", args.lang, path=store.safe_url(args.to), n=len(tables), seconds=time.perf_counter() - t0))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from iid import check

    db = _open(args.db, read_only=True)
    findings = check.run(db)
    errors = [f for f in findings if f.severity == "error"]
    for f in findings:
        print(f"[{f.severity}] {f.rule}: {f.detail}")
    if not errors:
        print(_say("check_ok", args.lang))
    return 1 if errors else 0


def cmd_sample(args: argparse.Namespace) -> int:
    from iid import sample

    if args.innovations is not None:  # a data folder with a big generated register, for growth figures
        from iid.register_sample import big_data_folder

        if not args.out:
            print("--innovations butuh --out FOLDER / needs --out FOLDER (data/ stays as shipped)", file=sys.stderr)
            return 2
        try:
            out = big_data_folder(
                args.innovations, Path(args.out), Path(args.from_dir or settings.data_dir()), args.seed
            )
        except ValueError as exc:
            print(str(exc), file=sys.stderr)
            return 2
        print(f"  {args.innovations} innovations → {out}  (python -m iid build --from {out})")
        return 0
    tables = sample.generate(Path(args.from_dir or settings.data_dir()), seed=args.seed)
    out = Path(args.out or (Path(settings.data_dir()) / "sample"))
    sample.write(tables, out)
    for name, frame in tables.items():
        print(f"  {name:<30} {len(frame):>8}  → {out / (name + '.csv')}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from iid import auth, dataio
    from iid.errors import ImportRejected

    path = Path(args.file)
    if not path.exists():
        print(_say("no_file", args.lang, file=path), file=sys.stderr)
        return 1
    db = _open(args.db)
    try:
        pv = dataio.preview(db, path.read_bytes(), path.name, args.kind)
        if pv.problems:
            print(_say("rejected", args.lang, n=len(pv.problems)), file=sys.stderr)
            for p in pv.problems:
                print("  - " + p.text(args.lang), file=sys.stderr)
            return 1
        print(_say("preview", args.lang, add=len(pv.add), change=len(pv.change), same=len(pv.unchanged)))
        if args.dry_run:
            return 0
        result = dataio.apply(
            db,
            pv,
            source_title=args.source_title,
            source_url=args.source_url,
            source_ref=args.source_ref,
            publisher=args.publisher,
            published=args.published,
            actor=auth.cli_actor(),
        )
    except ImportRejected as exc:
        print(_say("rejected", args.lang, n=len(exc.problems)), file=sys.stderr)
        for p in exc.problems:
            print("  - " + p.text(args.lang), file=sys.stderr)
        return 1
    finally:
        db.close()
    print(
        _say("imported", args.lang, n=result.rows_added + result.rows_changed, file=path.name, source=result.source_id)
        + f" (#{result.import_id})"
    )
    return 0


def cmd_undo(args: argparse.Namespace) -> int:
    from iid import auth, dataio
    from iid.errors import ImportRejected

    db = _open(args.db)
    try:
        dataio.undo(db, args.import_id, actor=auth.cli_actor())
    except ImportRejected as exc:
        print(exc.problems[0].text(args.lang), file=sys.stderr)
        return 1
    print(_say("undone", args.lang, id=args.import_id))
    return 0


def cmd_user(args: argparse.Namespace) -> int:
    """user add / list / remove: roles in the database, given by the operating-system user."""
    from iid import auth
    from iid.values import py

    db = _open(args.db, read_only=args.action == "list")
    try:
        if args.action == "list":
            df = auth.users(db)
            for r in df.to_dict("records"):
                region = py(r["region_code"])
                scope = (
                    f"{region} {py(r['region_name']) or ''}".strip() if region else "" if r["role"] == "viewer" else "*"
                )
                print(f"  {r['email']:<32} {r['role']:<7} {scope:<28} {py(r['name']) or ''}")
            if not (df["role"] == "admin").any():
                print(_say("user_no_admin", args.lang))
            return 0
        actor = auth.cli_actor()
        where = _say("user_where", args.lang, region=args.region) if args.region else ""
        if args.action == "add":
            changed = auth.grant(db, actor, args.email, args.role, args.region, name=args.name)
            print(
                _say("user_added" if changed else "user_had", args.lang, email=args.email, role=args.role, where=where)
            )
        else:
            n = auth.revoke(db, actor, args.email, args.role, args.region)
            key = "user_removed_all" if args.role is None and args.region is None else "user_removed"
            print(_say(key, args.lang, email=args.email, n=n))
    except auth.RoleError as exc:
        print(exc.text(args.lang), file=sys.stderr)
        return 1
    finally:
        db.close()
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from iid import dataio

    db = _open(args.db, read_only=True)
    files = dataio.export_dir(db, Path(args.dir))
    print(_say("exported", args.lang, n=len(files), dir=args.dir))
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from iid import queries

    db = _open(args.db, read_only=True)
    df = queries.status_counts(db)
    if args.json:
        print(json.dumps({f"{r.tbl}.{r.kind}": int(r.n) for r in df.itertuples(index=False)}))
    else:
        for r in df.itertuples(index=False):
            print(f"  {r.tbl:<18} {r.kind:<10} {int(r.n):>8}")
        from iid.carryover import user_changes

        changes = user_changes(db)
        if changes:
            print(_say("user_changes", args.lang))
            for table, (added, changed, deleted) in changes.items():
                print(f"  {table:<18} +{added} ~{changed} -{deleted}")
    return 0


def cmd_target(args: argparse.Namespace) -> int:
    from iid import queries
    from iid.errors import UnknownRegion
    from iid.target_report import as_dict, build_report
    from iid.target_text import summary_lines

    db = _open(args.db, read_only=True)
    try:
        stored = queries.targets(db, args.region)
        named = stored.loc[stored["metric"] == args.metric, "predicate_named"].dropna()
        rep = build_report(
            db,
            args.region,
            args.value,
            args.year,
            args.comparator,
            args.metric,
            args.gain,
            args.published_only,
            predicate_named=named.iloc[0] if not named.empty else None,
        )
    except UnknownRegion as exc:
        print(
            ("Kode daerah tidak dikenal: " if args.lang == "id" else "Unknown region code: ") + exc.code,
            file=sys.stderr,
        )
        return 1
    if args.json:
        print(json.dumps(as_dict(rep), ensure_ascii=False))
    else:
        for line in summary_lines(rep, args.lang):
            print(line)
    return 0 if rep.error is None else 2


def cmd_deck(args: argparse.Namespace) -> int:
    from iid import export
    from iid.errors import UnknownRegion
    from iid.story import build_story, comparison_screens

    db = _open(args.db, read_only=True)
    export.warm()  # kaleido's Chromium starts in its own thread while the stories are built (~1,5 s saved)
    codes = [c.strip() for c in args.region.split(",") if c.strip()]
    comparison: list = []
    for code in codes:
        try:
            screens = build_story(db, code, args.lang, args.published_only)
        except UnknownRegion as exc:
            print(
                ("Kode daerah tidak dikenal: " if args.lang == "id" else "Unknown region code: ") + exc.code,
                file=sys.stderr,
            )
            return 1
        from iid import queries

        name = queries.region(db, code)["display_name"]
        latest = queries.overview(db, code, args.published_only).latest
        out = (
            Path(args.out)
            if args.out and len(codes) == 1
            else Path(args.out or ".")
            / export.file_name(name, "presentasi", int(latest["year"]) if latest else None, "pptx")
        )
        if len(codes) > 1 and not comparison:  # a workshop batch: every deck carries the same comparison section
            comparison = comparison_screens(db, codes, args.lang, args.published_only)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(export.deck(screens, name, args.lang, comparison))
        print(f"{out} ({len(screens) + len(comparison)} slide)")
    return 0


def cmd_profile(args: argparse.Namespace) -> int:
    import time

    from iid import profile, queries
    from iid.errors import UnknownRegion

    start = time.perf_counter()
    db = _open(args.db, read_only=True)
    try:
        name = queries.region(db, args.region)["display_name"]
    except UnknownRegion as exc:
        print(
            ("Kode daerah tidak dikenal: " if args.lang == "id" else "Unknown region code: ") + exc.code,
            file=sys.stderr,
        )
        return 1
    from iid.export import file_name

    latest = queries.overview(db, args.region, args.published_only).latest
    year = int(latest["year"]) if latest else None
    out = Path(args.out) if args.out else Path(file_name(name, "profil", year, "pdf"))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(profile.pdf(db, args.region, args.lang, args.published_only))
    print(f"{out} ({time.perf_counter() - start:.1f} s)")
    return 0


def cmd_gallery(args: argparse.Namespace) -> int:
    import time

    from iid import gallery

    cases = tuple(c for c in gallery.CASES if not args.case or c.name in args.case.split(","))
    start = time.perf_counter()
    files = gallery.render(Path(args.dir), cases, tuple(args.formats.split(",")))
    print(f"{len(files)} files in {args.dir} ({time.perf_counter() - start:.1f} s)")
    return 0


def cmd_published(args: argparse.Namespace) -> int:
    from iid import published

    conv = published.convert(Path(args.file))
    out = Path(args.out or (Path(settings.data_dir()) / "published"))
    published.write(conv, out)
    print(f"scores: {len(conv.scores)}, sources: {len(conv.sources)}, left out: {conv.excluded}")
    return 0


def parser() -> argparse.ArgumentParser:
    from iid.auth import ROLES

    p = argparse.ArgumentParser(prog="python -m iid", description="Dasbor Indeks Inovasi Daerah — data tools")
    p.add_argument("--db", default=settings.db_url(), help="database file or postgresql:// store (IID_DB)")
    p.add_argument(
        "--lang", choices=("id", "en"), default=settings.get("lang") if settings.get("lang") in ("id", "en") else "id"
    )
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the database from data/*.csv (atomically)")
    b.add_argument("--from", dest="from_dir", help="folder of CSVs (default data/)")
    b.add_argument("--no-sample", action="store_true", help="published data only")
    b.add_argument("--to", help="a PostgreSQL store to fill instead of the file: postgresql://user@host/db")
    b.add_argument("--replace", action="store_true", help="with --to: drop what the store holds first")
    b.set_defaults(func=cmd_build)
    mg = sub.add_parser("migrate", help="copy a DuckDB file into an empty PostgreSQL store and check every table")
    mg.add_argument("--from", dest="from_file", required=True, help="the DuckDB file, e.g. data/iid.duckdb")
    mg.add_argument("--to", required=True, help="postgresql://user@host/db")
    mg.add_argument("--replace", action="store_true", help="drop what the store holds first")
    mg.set_defaults(func=cmd_migrate)
    c = sub.add_parser("check", help="validation report")
    c.set_defaults(func=cmd_check)
    s = sub.add_parser("sample", help="generate the labelled sample dataset into data/sample/")
    s.add_argument("--seed", type=int, default=1)
    s.add_argument("--from", dest="from_dir")
    s.add_argument("--out")
    s.add_argument(
        "--innovations", type=int, help="write a data folder (--out) whose sample register holds this many innovations"
    )
    s.set_defaults(func=cmd_sample)
    i = sub.add_parser("import", help="import a CSV or XLSX of scores, indicators or targets (all or nothing)")
    i.add_argument("file")
    i.add_argument("--kind", choices=("scores", "indicators", "targets"), default="scores")
    i.add_argument("--dry-run", action="store_true", help="preview only")
    i.add_argument(
        "--published", action="store_true", help="the source is a publication (needs --source-url or --source-ref)"
    )
    i.add_argument("--source-title")
    i.add_argument("--source-url")
    i.add_argument("--source-ref")
    i.add_argument("--publisher")
    i.set_defaults(func=cmd_import)
    u = sub.add_parser("undo", help="undo an import by its number")
    u.add_argument("import_id", type=int)
    u.set_defaults(func=cmd_undo)
    us = sub.add_parser("user", help="accounts and roles: user add EMAIL --role R [--region CODE] | list | remove")
    us_sub = us.add_subparsers(dest="action", required=True)
    ua = us_sub.add_parser("add", help="give EMAIL a role (the first admin: --role admin)")
    ua.add_argument("email")
    ua.add_argument("--role", required=True, choices=ROLES)
    ua.add_argument("--region", help="Kemendagri code (editor, data); none: every region")
    ua.add_argument("--name", help="the person's name, as histories show it")
    us_sub.add_parser("list", help="every account and its roles")
    ur = us_sub.add_parser("remove", help="take a role back (with --role/--region) or remove the account")
    ur.add_argument("email")
    ur.add_argument("--role", choices=ROLES)
    ur.add_argument("--region")
    us.set_defaults(func=cmd_user)
    ex = sub.add_parser("export", help="write every table as CSVs that `build --from DIR` reads")
    ex.add_argument("dir")
    ex.set_defaults(func=cmd_export)
    st = sub.add_parser("status", help="row counts by table and source kind")
    st.add_argument("--json", action="store_true")
    st.set_defaults(func=cmd_status)
    tg = sub.add_parser("target", help="progress toward a target: gain needed, trend, status, projection")
    tg.add_argument("--region", required=True, help="Kemendagri code, e.g. 65")
    tg.add_argument("--value", type=float, required=True)
    tg.add_argument("--year", type=int, required=True)
    tg.add_argument("--comparator", choices=(">=", ">"), default=">=")
    tg.add_argument("--metric", choices=("iid_score", "innovation_count"), default="iid_score")
    tg.add_argument("--gain", type=float, help="assumed yearly gain instead of the trend")
    tg.add_argument("--published-only", action="store_true")
    tg.add_argument("--json", action="store_true")
    tg.set_defaults(func=cmd_target)
    dk = sub.add_parser("deck", help="PowerPoint deck of a region's story (a batch: --region 64.74,61.71 --out DIR)")
    dk.add_argument("--region", required=True, help="Kemendagri code, or several separated by commas")
    dk.add_argument("--out", help="file (one region) or folder (several); default: the current folder")
    dk.add_argument("--published-only", action="store_true")
    dk.set_defaults(func=cmd_deck)
    pr = sub.add_parser("profile", help="one-page A4 region profile as PDF (printed by Chromium)")
    pr.add_argument("--region", required=True, help="Kemendagri code, e.g. 64.74")
    pr.add_argument("--out", help="PDF file; default: IID_<region>_profil_<year>.pdf in the current folder")
    pr.add_argument("--published-only", action="store_true")
    pr.set_defaults(func=cmd_profile)
    ga = sub.add_parser("gallery", help="every chart for the hard cases (long names, 10 regions, English) as images")
    ga.add_argument("dir")
    ga.add_argument("--case", help="only these cases: long,ten,mixed,en")
    ga.add_argument("--formats", default="png,slide,svg", help="png (1920×1080), slide (1600×900), svg")
    ga.set_defaults(func=cmd_gallery)
    pb = sub.add_parser("published", help="convert the research list of published scores into data/published/")
    pb.add_argument("file")
    pb.add_argument("--out")
    pb.set_defaults(func=cmd_published)
    return p


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # `--lang en` is accepted after the command too (python -m iid deck --region 64.74 --lang en)
    if "--lang" in argv[1:]:
        i = argv.index("--lang", 1) if argv[0] != "--lang" else argv.index("--lang")
        if i > 0 and i + 1 < len(argv):
            argv = ["--lang", argv[i + 1], *argv[:i], *argv[i + 2 :]]
    args = parser().parse_args(argv)
    for sentence in settings.problems(args.lang):  # an unusable setting: its default is used, said once
        print(sentence, file=sys.stderr)
    import duckdb

    from iid.db import DatabaseUnavailable
    from iid.errors import BuildError

    try:
        return args.func(args)
    except DatabaseUnavailable as exc:
        print(exc.text(args.lang), file=sys.stderr)
        return 1
    except BuildError as exc:  # the database was missing and data/ could not be loaded
        print(str(exc), file=sys.stderr)
        return 1
    except duckdb.IOException as exc:
        if "lock" not in str(exc).lower():
            raise
        print(_say("locked", args.lang, err=str(exc).splitlines()[0]), file=sys.stderr)
        return 1
    except Exception as exc:  # the PostgreSQL store refused or went away midway: nothing half-written stays there
        if type(exc).__module__.split(".")[0] != "psycopg":
            raise
        print(_say("store_error", args.lang, err=str(exc).strip().splitlines()[0]), file=sys.stderr)
        return 1
