"""The launcher (`python -m iid.serve`, `make run`): what it changes in Streamlit, and that it changes only that."""

from __future__ import annotations

import os
from pathlib import Path

from iid.serve import keep_compiled_scripts


def script_cache():
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache

    keep_compiled_scripts()
    keep_compiled_scripts()  # twice is once
    return ScriptCache()


def test_an_unchanged_page_stays_compiled_when_the_last_session_closes(tmp_path: Path):
    page = tmp_path / "page.py"
    page.write_text("x = 1\n")
    cache = script_cache()
    first = cache.get_bytecode(str(page))
    cache.clear()  # what Streamlit does when no browser session is left
    assert cache.get_bytecode(str(page)) is first


def test_an_edited_page_is_compiled_afresh_after_the_last_session_closes(tmp_path: Path):
    page = tmp_path / "page.py"
    page.write_text("x = 1\n")
    cache = script_cache()
    first = cache.get_bytecode(str(page))
    page.write_text("x = 22\n")
    os.utime(page, ns=(page.stat().st_atime_ns, page.stat().st_mtime_ns + 1_000_000_000))
    cache.clear()
    again = cache.get_bytecode(str(page))
    assert again is not first
    scope: dict = {}
    exec(again, scope)
    assert scope["x"] == 22


def test_a_page_that_was_removed_is_dropped_from_the_cache(tmp_path: Path):
    page = tmp_path / "page.py"
    page.write_text("x = 1\n")
    cache = script_cache()
    cache.get_bytecode(str(page))
    page.unlink()
    cache.clear()
    assert str(page) not in cache._cache


def test_a_download_made_on_click_outlives_other_sessions_runs_and_goes_with_its_sessions_next_run():
    from streamlit.runtime.media_file_manager import MediaFileManager
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    from iid.serve import keep_made_downloads

    keep_made_downloads()
    mgr = MediaFileManager(MemoryMediaFileStorage("/media"))
    placeholder = mgr.add_deferred(lambda: b"a,b\n1,2\n", "text/csv", "1.2.3", file_name="t.csv")
    url = mgr.execute_deferred(placeholder)  # the click
    made = url.rsplit("/", 1)[-1].split(".")[0]
    for _ in range(3):  # other sessions' runs end, each sweeping files nobody references
        mgr.remove_orphaned_files()
    assert mgr.read_file(made) is not None  # the browser still finds it
    mgr.clear_session_refs()  # the clicking session runs again: it no longer holds the file
    for _ in range(2):
        mgr.remove_orphaned_files()
    assert mgr.read_file(made) is None
