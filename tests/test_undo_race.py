"""Two undos of one import at the same moment: exactly one takes it back, the other is told it is already undone.

Issue 16, item 4. The app holds one Database for every session (st.cache_resource), so two people are two threads.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager

from iid import dataio
from iid.errors import ImportRejected
from tests.conftest import ADMIN


def test_two_undos_of_one_import_at_once_undo_it_once_and_refuse_the_other(writable_db):
    db, _ = writable_db
    pv = dataio.preview(db, b"kode;tahun;skor\n65;2023;44,00\n", "skor.csv", "scores")
    import_id = dataio.apply(db, pv, source_title="Uji dua sesi", actor=ADMIN).import_id

    # both threads reach the write at the same moment: a check made before it would pass for both
    both_here = threading.Barrier(2, timeout=30)
    transaction = db.transaction

    @contextmanager
    def at_once():
        both_here.wait()
        with transaction() as cur:
            yield cur

    db.transaction = at_once
    outcomes: list[str] = []

    def undo() -> None:
        try:
            dataio.undo(db, import_id, actor=ADMIN)
        except ImportRejected as exc:
            outcomes.append(exc.problems[0].message_id)
        else:
            outcomes.append("undone")

    threads = [threading.Thread(target=undo) for _ in range(2)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(60)
    del db.transaction

    assert sorted(outcomes) == sorted(["undone", f"impor #{import_id} sudah dibatalkan."])
    assert db.scalar("select count(*) from imports where import_id = ? and undone_at is not null", [import_id]) == 1
