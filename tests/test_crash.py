"""Kill -9 at any moment: `build` and `import` are killed at random points, and every time the database opens, passes
`iid check`, and still holds what users entered (an import is there whole or not at all); the next build cleans up."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from iid import check, dataio
from iid import register as R
from iid.db import Database
from tests.conftest import ADMIN

ROOT = Path(__file__).resolve().parent.parent
KILLS = 20  # SIGKILLs that land while the command runs, builds and imports in turn
SEED = int(os.environ.get("IID_CRASH_SEED", "16"))


def start(*args: str, db: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "iid", "--db", str(db), *args],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def timed(*args: str, db: Path) -> float:
    t0 = time.monotonic()
    p = start(*args, db=db)
    _, err = p.communicate(timeout=120)
    assert p.returncode == 0, err.decode()
    return time.monotonic() - t0


def user_rows(db: Database) -> dict[str, list[tuple]]:
    """What people entered, as the tables that only they fill and the register rows they added."""
    return {
        "imports": db.rows("select import_id, source_id, undone_at from imports order by 1"),
        "register_log": db.rows("select log_id, innovation_id from register_log order by 1"),
        "register": db.rows(
            "select innovation_id, title from innovations where source_id like 'register-%' order by 1"
        ),
        "imported": db.rows(
            "select source_id, count(*) from iid_scores where source_id like 'imp-%' group by 1 order by 1"
        ),
    }


def verify(path: Path) -> dict[str, list[tuple]]:
    """The database opens and breaks no data rule; every import it records is there whole."""
    with Database(path, read_only=True) as db:
        errors = [f for f in check.run(db) if f.severity == "error"]
        assert errors == [], errors
        for import_id, source_id, rows in db.rows(
            "select import_id, source_id, rows_added + rows_changed from imports where undone_at is null"
        ):
            assert db.scalar("select count(*) from iid_scores where source_id = ?", [source_id]) == rows, import_id
        return user_rows(db)


def test_build_and_import_killed_at_random_points_leave_a_database_that_opens_and_passes_check(
    built_db_path: Path, tmp_path: Path
):
    path = tmp_path / "iid.duckdb"
    shutil.copy(built_db_path, path)
    with Database(path) as db:  # something of the users' to lose: an import and a register row
        dataio.import_file_bytes(db, b"kode,tahun,skor\n64.74,2025,71\n", "awal.csv", "scores", actor=ADMIN)
        unit = db.scalar("select unit from units where region_code = '64.74' order by 1 limit 1")
        R.save(
            db,
            "64.74",
            [
                {
                    "title": "Uji",
                    "unit": unit,
                    "unit_type": "OPD",
                    "form": "lainnya",
                    "digital": False,
                    "stage": "inisiatif",
                    "year_proposed": 2026,
                }
            ],
            {},
            [],
            actor=ADMIN,
        )
    files = []
    for i in range(KILLS):
        f = tmp_path / f"skor{i}.csv"
        f.write_text(f"kode,tahun,skor\n61.71,2025,{50 + i}\n65,2025,{40 + i}\n", encoding="utf-8")
        files.append(f)
    durations = {"build": timed("build", db=path), "import": timed("import", str(files[0]), db=path)}
    users = verify(path)
    rng = random.Random(SEED)
    killed = {"build": 0, "import": 0}
    runs = 0
    while sum(killed.values()) < KILLS and runs < 2 * KILLS:
        job = "build" if killed["build"] <= killed["import"] else "import"
        args = ("build",) if job == "build" else ("import", str(files[runs % len(files)]))
        runs += 1
        p = start(*args, db=path)
        time.sleep(rng.uniform(0.0, 0.9 * durations[job]))
        if p.poll() is None:
            p.send_signal(signal.SIGKILL)
            killed[job] += 1
        p.wait(timeout=60)
        now = verify(path)
        if job == "build":  # a build either swapped in a complete file or left the old one: users' rows are the same
            assert now == users, (runs, job)
        else:  # an import either landed whole or not at all
            assert now["register"] == users["register"] and len(now["imports"]) - len(users["imports"]) in (0, 1)
            users = now
    print(f"SIGKILL mid-run: {killed} in {runs} runs (seed {SEED})")
    assert sum(killed.values()) >= KILLS
    timed("build", db=path)  # the next build removes what killed ones left and keeps every user row
    assert not list(tmp_path.glob(".iid-build-*"))
    assert verify(path) == users
    out = subprocess.run(
        [sys.executable, "-m", "iid", "--db", str(path), "check"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stdout + out.stderr
