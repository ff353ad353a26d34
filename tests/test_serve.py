"""The launcher (`python -m iid.serve`, `make run`): what it changes in Streamlit, and that it changes only that."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

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


def test_a_download_made_on_click_outlives_every_sessions_runs_for_two_minutes_then_goes(monkeypatch):
    import time

    from streamlit.runtime.media_file_manager import MediaFileManager
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    from iid.serve import MADE_KEEP_S, keep_made_downloads

    keep_made_downloads()
    mgr = MediaFileManager(MemoryMediaFileStorage("/media"))
    mgr._iid_sweep_every = 0.0  # every call sweeps (the interval between sweeps: the test below)
    placeholder = mgr.add_deferred(lambda: b"a,b\n1,2\n", "text/csv", "1.2.3", file_name="t.csv")
    url = mgr.execute_deferred(placeholder)  # the click
    made = url.rsplit("/", 1)[-1].split(".")[0]
    mgr.clear_session_refs()  # the clicking session's rerun after the click starts before the browser fetched it
    for _ in range(3):  # other sessions' runs end, each sweeping files nobody references
        mgr.remove_orphaned_files()
    assert mgr.read_file(made) is not None  # the browser still finds it
    later = time.monotonic() + MADE_KEEP_S + 1
    monkeypatch.setattr(time, "monotonic", lambda: later)
    for _ in range(2):
        mgr.remove_orphaned_files()
    assert mgr.read_file(made) is None


def test_unreferenced_download_callables_are_swept_at_most_every_interval_and_once_more_after_it():
    import time

    from streamlit.runtime.media_file_manager import MediaFileManager
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    from iid.serve import keep_made_downloads

    keep_made_downloads()
    mgr = MediaFileManager(MemoryMediaFileStorage("/media"))
    mgr._iid_sweep_every = 0.3

    def a_run_that_ends() -> str:
        """A download button's callable, then the session's next run drops its references; the run's end sweeps."""
        placeholder = mgr.add_deferred(lambda: b"x", "text/csv", "1.2.3", file_name="t.csv")
        mgr.clear_session_refs()
        mgr.remove_orphaned_files()
        return placeholder

    first = a_run_that_ends()
    assert first not in mgr._deferred_callables  # the first sweep ran at once
    second = a_run_that_ends()
    third = a_run_that_ends()
    assert {second, third} <= set(mgr._deferred_callables)  # a moment later: left for the sweep that follows
    deadline = time.monotonic() + 10
    while {second, third} & set(mgr._deferred_callables) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not {second, third} & set(mgr._deferred_callables)  # swept with no other call


def _turns(slots: int, long_s: float, body):
    """Runs of `body` wrapped as take_turns wraps ScriptRunner._run_script; how many ran at once at most."""
    import threading

    from iid.serve import Turns

    now, most, lock = [0], [0], threading.Lock()

    def run_script(_self, rerun_data) -> None:
        with lock:
            now[0] += 1
            most[0] = max(most[0], now[0])
        try:
            body(rerun_data)
        finally:
            with lock:
                now[0] -= 1

    return Turns(slots, long_s).wrap(run_script), most


def _together(run, data: list) -> list[BaseException]:
    import threading

    errors: list[BaseException] = []

    def one(x) -> None:
        try:
            run(None, x)
        except BaseException as exc:  # noqa: BLE001 - collected for the test to look at
            errors.append(exc)

    threads = [threading.Thread(target=one, args=(x,)) for x in data]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert not any(t.is_alive() for t in threads)
    return errors


def test_no_more_script_runs_go_at_once_than_there_are_slots():
    import time

    run, most = _turns(2, 5.0, lambda _: time.sleep(0.05))
    assert _together(run, list(range(8))) == []
    assert most[0] == 2


def test_a_run_that_fails_or_is_stopped_gives_its_slot_back():
    import time

    def body(x) -> None:
        time.sleep(0.02)
        if x % 2:
            raise RuntimeError("stopped")

    run, most = _turns(1, 5.0, body)
    started = time.perf_counter()
    errors = _together(run, list(range(6)))
    assert len(errors) == 3 and most[0] == 1
    assert time.perf_counter() - started < 2  # no slot was lost: nobody waited out the 5 s


def test_slow_runs_in_every_slot_hold_the_others_up_only_until_they_count_as_long():
    import threading
    import time

    release = threading.Event()
    run, most = _turns(2, 0.3, lambda x: release.wait(10) if x == "slow" else None)
    slow = [threading.Thread(target=run, args=(None, "slow")) for _ in range(2)]
    for t in slow:
        t.start()
    time.sleep(0.05)
    started = time.perf_counter()
    run(None, "quick")  # both slots taken by runs not yet long: waits until they are (0,3 s after they began)
    waited = time.perf_counter() - started
    started = time.perf_counter()
    run(None, "quick")  # the slow ones are long now: no wait
    again = time.perf_counter() - started
    release.set()
    for t in slow:
        t.join(5)
    assert 0.15 < waited < 2 and again < 0.1 and most[0] == 3


def test_a_waiting_run_goes_as_soon_as_the_run_before_it_ends():
    import threading
    import time

    release = threading.Event()
    run, _ = _turns(1, 30.0, lambda x: release.wait(10) if x == "first" else None)
    first = threading.Thread(target=run, args=(None, "first"))
    first.start()
    time.sleep(0.05)
    threading.Timer(0.2, release.set).start()
    started = time.perf_counter()
    run(None, "second")
    assert 0.1 < time.perf_counter() - started < 1.0  # woken by the end of the first, not by the 30 s
    first.join(5)


def test_the_launcher_makes_streamlit_runs_take_turns_unless_told_not_to(monkeypatch):
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

    from iid import serve

    serve.patch_streamlit()
    assert getattr(ScriptRunner, "_iid_turns", False)
    from iid import settings

    for value, slots in (("0", 0), ("4", 4), (" 2 ", 2), ("x", 1), ("-1", 1), ("1.5", 1), ("65", 1), (None, 1)):
        if value is None:
            monkeypatch.delenv("IID_SCRIPT_SLOTS", raising=False)
        else:
            monkeypatch.setenv("IID_SCRIPT_SLOTS", value)
        assert settings.script_slots() == slots
        said = " ".join(settings.problems("en"))
        assert ("IID_SCRIPT_SLOTS" in said) == (value in ("x", "-1", "1.5", "65"))


@pytest.mark.parametrize("add", ["chart_script_preload", "chart_code_early"])
def test_the_chart_script_is_named_in_streamlits_page_only_when_exactly_one_is_found(tmp_path: Path, add: str):
    from iid import serve

    (tmp_path / "static" / "js").mkdir(parents=True)
    page = '<html><head><script type="module" src="./static/js/index.js"></script></head><body></body></html>'
    assert getattr(serve, add)(page, tmp_path) is None  # no chart script: the page as it is
    (tmp_path / "static" / "js" / "PlotlyChart.AbC123.js").write_text("")
    assert "PlotlyChart.AbC123.js" in getattr(serve, add)(page, tmp_path).split("</head>")[0]
    assert getattr(serve, add)("<html><body></body></html>", tmp_path) is None  # no head
    (tmp_path / "static" / "js" / "PlotlyChart.Other.js").write_text("")
    assert getattr(serve, add)(page, tmp_path) is None  # two candidates: not guessed


def test_the_chart_script_is_preloaded_and_run_early_from_beside_streamlits_own_script(tmp_path: Path):
    from iid.serve import CHART_FIRST_PAGES, chart_code_early, chart_script_preload

    (tmp_path / "static" / "js").mkdir(parents=True)
    (tmp_path / "static" / "js" / "PlotlyChart.AbC123.js").write_text("")
    page = '<html><head><script type="module" src="./static/js/index.js"></script></head><body></body></html>'
    head = chart_script_preload(page, tmp_path).split("</head>")[0]
    assert '<link rel="modulepreload" crossorigin href="./static/js/PlotlyChart.AbC123.js">' in head
    head = chart_code_early(page, tmp_path).split("</head>")[0]
    early = head.split('<script type="module">')[1]
    assert head.index('src="./static/js/index.js"') < head.index('<script type="module">')  # runs after Streamlit's
    assert 'new URL("PlotlyChart.AbC123.js", main.src)' in early  # the folder of Streamlit's index.js
    assert all(f'"{name}"' in early for name in CHART_FIRST_PAGES) and '"data"' not in early
    assert '"Portofolio"' in early and '"Portfolio"' in early and '"Register"' not in early  # both languages' tabs
    assert 'const base = "/",' in early
    assert 'const base = "/iid/",' in chart_code_early(page, tmp_path, "/iid/")


def test_streamlits_page_gets_the_script_that_names_the_server_to_a_pages_own_address_in_its_head():
    from iid.serve import PAGE_PATHS, backend_base

    page = '<html><head><title>x</title><script type="module" src="./static/js/index.js"></script></head></html>'
    head = backend_base(page).split("</head>")[0]
    assert "BACKEND_BASE_URL" in head and "<script>" in head  # a classic script: it runs before the module
    assert all(f'"{name}"' in head for name in PAGE_PATHS)  # the page names as JSON strings, in the script
    assert 'const base = "/",' in head
    for base_url in ("iid", "/iid/", "iid/"):  # Streamlit's server.baseUrlPath, however it is written
        assert 'const base = "/iid/",' in backend_base(page, base_url)
    assert backend_base("<html><body></body></html>") is None


def test_the_launcher_knows_every_url_path_the_app_gives_its_pages():
    import re

    from iid.serve import PAGE_PATHS

    made = re.findall(r'url_path="([a-z]+)"', (Path(__file__).parents[1] / "iid" / "ui.py").read_text(encoding="utf-8"))
    assert sorted(made) == sorted(PAGE_PATHS) and len(PAGE_PATHS) == 8


def test_the_launcher_serves_every_page_with_the_chart_script_preloaded(tmp_path: Path, built_db_path: Path):
    import re
    import shutil
    import urllib.request

    from iid.serve import Server

    db = tmp_path / "iid.duckdb"
    shutil.copy(built_db_path, db)
    with Server(str(db), timeout=120) as url:
        for path in ("/", "/inovasi?r=64.74", "/tren"):
            with urllib.request.urlopen(url + path, timeout=30) as r:
                html = r.read().decode()
                assert r.status == 200 and r.headers["Cache-Control"] == "no-cache"
            link = re.search(
                r'<link rel="modulepreload" crossorigin href="\./(static/js/PlotlyChart\.[^"]+\.js)">', html
            )
            assert link and html.index(link.group(0)) < html.index("</head>")
            assert html.index("BACKEND_BASE_URL") < html.index("</head>")  # iid.serve.backend_base
            assert html.index("window.__iidChartCode") < html.index("</head>")  # iid.serve.chart_code_early
        from streamlit import file_util

        on_disk = (Path(file_util.get_static_dir()) / link.group(1)).read_bytes()
        for _ in range(2):  # read from disk, then from memory: the same bytes and headers both times
            with urllib.request.urlopen(f"{url}/{link.group(1)}", timeout=30) as r:
                assert r.status == 200 and r.read() == on_disk and len(on_disk) > 1_000_000
                assert "javascript" in r.headers["Content-Type"] and "immutable" in r.headers["Cache-Control"]
                assert r.headers["Content-Length"] == str(len(on_disk))
                etag = r.headers["ETag"]
        asked = urllib.request.Request(f"{url}/{link.group(1)}", headers={"If-None-Match": etag})
        try:
            urllib.request.urlopen(asked, timeout=30)
            raise AssertionError("a browser holding this version is told it has not changed")
        except urllib.error.HTTPError as exc:
            assert exc.code == 304


def static_client(tmp_path: Path):
    """Streamlit's static file handler as the launcher installs it, on a folder of our own."""
    import warnings

    from streamlit.web.server.starlette import starlette_static_routes as routes

    from iid.serve import serve_static_files

    with warnings.catch_warnings():  # Starlette 1.10 would rather have httpx2 drive its test client; httpx does
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    serve_static_files()
    serve_static_files()  # twice is once
    (tmp_path / "static" / "js").mkdir(parents=True)
    (tmp_path / "index.html").write_text("<html><head></head><body></body></html>")
    return TestClient(routes.create_streamlit_static_handler(directory=str(tmp_path), base_url=None))


def test_a_hashed_static_file_is_read_from_disk_once_then_answered_from_memory(tmp_path: Path):
    client = static_client(tmp_path)
    script = tmp_path / "static" / "js" / "Metric.AbC123.js"
    script.write_text("export const a = 1;")
    first = client.get("/static/js/Metric.AbC123.js")
    assert first.status_code == 200 and first.text == "export const a = 1;"
    assert "javascript" in first.headers["content-type"] and "immutable" in first.headers["cache-control"]
    script.write_text("changed on disk")  # a hashed name never changes while Streamlit runs: the kept copy answers
    again = client.get("/static/js/Metric.AbC123.js")
    assert again.text == "export const a = 1;" and again.headers["content-length"] == "19"
    assert again.headers["etag"] == first.headers["etag"]
    assert again.headers["cache-control"] == first.headers["cache-control"]
    unchanged = client.get("/static/js/Metric.AbC123.js", headers={"If-None-Match": first.headers["etag"]})
    assert unchanged.status_code == 304 and unchanged.content == b""
    assert client.head("/static/js/Metric.AbC123.js").headers["content-length"] == "15"  # HEAD: from disk


def test_byte_ranges_missing_files_and_files_outside_static_are_served_from_disk_as_before(tmp_path: Path):
    client = static_client(tmp_path)
    script = tmp_path / "static" / "js" / "Big.AbC123.js"
    script.write_text("0123456789")
    assert client.get("/static/js/Big.AbC123.js").text == "0123456789"
    part = client.get("/static/js/Big.AbC123.js", headers={"Range": "bytes=2-4"})
    assert part.status_code == 206 and part.text == "234"
    manifest = tmp_path / "manifest.json"
    manifest.write_text('{"a": 1}')
    assert client.get("/manifest.json").json() == {"a": 1}
    manifest.write_text('{"a": 2}')  # not a hashed file: read from disk each time, never cached by the browser
    got = client.get("/manifest.json")
    assert got.json() == {"a": 2} and got.headers["cache-control"] == "no-cache"
    assert client.get("/static/js/Gone.AbC123.js").status_code == 200  # a missing file: Streamlit's own page


def test_static_files_held_in_memory_stop_at_the_limit_and_the_rest_come_from_disk(tmp_path: Path):
    from starlette.responses import FileResponse

    from iid.serve import StaticMemory

    memory = StaticMemory(limit=10)
    (tmp_path / "static").mkdir()
    for name, body in (("a.js", b"12345678"), ("b.js", b"12345")):
        (tmp_path / "static" / name).write_bytes(body)
    assert memory.keep("static/a.js", FileResponse(tmp_path / "static" / "a.js")) is not None
    assert memory.keep("static/b.js", FileResponse(tmp_path / "static" / "b.js")) is None  # 8 + 5 bytes > 10
    assert set(memory.files) == {"static/a.js"} and memory.size == 8
    assert memory.keep("static/c.js", FileResponse(tmp_path / "static" / "c.js")) is None  # gone before it was read
    (tmp_path / "index.html").write_text("<html></html>")
    assert memory.keep("static/js/nope.js", FileResponse(tmp_path / "index.html")) is None  # Streamlit's page instead
    get = {"method": "GET", "headers": []}
    assert StaticMemory.serves("static/js/x.js", get)
    assert not StaticMemory.serves("index.html", get) and not StaticMemory.serves("static/js/x.js", {"method": "HEAD"})
    assert not StaticMemory.serves("static/js/x.js", {"method": "GET", "headers": [(b"range", b"bytes=0-1")]})


def make_plan(target: str, *args: str) -> str:
    import shutil
    import subprocess

    root = Path(__file__).resolve().parents[1]
    make = shutil.which("make")
    assert make, "make is part of the two commands"
    done = subprocess.run([make, "-n", "-B", target, *args], cwd=root, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_make_run_builds_the_embedded_database_before_it_serves_it():
    plan = make_plan("run", "DB=/tmp/iid-make-plan/never.duckdb")
    assert "IID_DB=/tmp/iid-make-plan/never.duckdb" in plan and "-m iid build" in plan
    assert plan.index("-m iid build") < plan.index("-m iid.serve")


def test_make_run_on_a_shared_store_builds_no_file():
    plan = make_plan("run", "DB=postgresql://iid@localhost/iid")
    assert "-m iid build" not in plan and "-m iid.serve" in plan


class _Fragment:
    """The rerun data of a fragment's run, as Turns sees it."""

    fragment_id_queue = ["rest"]


def test_a_fragments_run_goes_before_page_runs_that_came_earlier_and_page_runs_keep_their_order():
    import threading
    import time

    release, started, lock = threading.Event(), [], threading.Lock()

    def body(x) -> None:
        with lock:
            started.append(x if isinstance(x, str) else "rest")
        if x == "first":
            release.wait(10)

    run, _ = _turns(1, 30.0, body)
    threads = [threading.Thread(target=run, args=(None, x)) for x in ("first", "page 1", "page 2", _Fragment())]
    for t in threads:  # one after another: each is waiting before the next comes
        t.start()
        time.sleep(0.05)
    release.set()
    for t in threads:
        t.join(5)
    assert started == ["first", "rest", "page 1", "page 2"]


def test_a_page_run_that_has_waited_long_no_longer_gives_way_to_a_fragments_run():
    from iid.serve import Turns

    now = [0.0]
    turns = Turns(1, long_s=1.0, clock=lambda: now[0])
    turns.waiting[False].append((1, 0.0, None))  # a page run waiting since 0
    turns.waiting[True].append((2, 0.5, None))  # a fragment's run since 0,5
    now[0] = 0.9
    assert not turns._goes(1, False, now[0]) and turns._goes(2, True, now[0])
    now[0] = 1.0
    assert turns._goes(1, False, now[0])


def test_the_next_waiting_run_starts_a_pause_after_the_last_ended_and_a_lone_run_at_once():
    import threading
    import time

    from iid.serve import Turns

    times: dict[str, list[float]] = {}

    def run_script(_self, x) -> None:
        times[x] = [time.perf_counter()]
        time.sleep(0.05)
        times[x].append(time.perf_counter())

    run = Turns(1, 30.0, pause_s=0.2).wrap(run_script)
    first = threading.Thread(target=run, args=(None, "first"))
    first.start()
    time.sleep(0.01)
    run(None, "second")  # waits for the first, then for the pause
    first.join(5)
    assert 0.15 < times["second"][0] - times["first"][1] < 1.0
    time.sleep(0.3)
    asked = time.perf_counter()
    run(None, "alone")  # nothing ran for longer than the pause: no wait
    assert times["alone"][0] - asked < 0.1


def _in_a_thread_of_its_own(call, timeout: float = 5):
    """call() in a thread of its own, and what it returned (another test may have left a loop marked running in
    this one, where a loop cannot run)."""
    import threading

    said: list = []
    runner = threading.Thread(target=lambda: said.append(call()))
    runner.start()
    runner.join(timeout)
    return said[0] if said else None


def _turn_of(loop) -> None:
    """Run loop for a moment, in a thread of its own."""
    import asyncio

    _in_a_thread_of_its_own(lambda: loop.run_until_complete(asyncio.sleep(0.01)))


def _counting_loop():
    import asyncio

    loop = asyncio.new_event_loop()
    wakes = [0]
    plain = loop.call_soon_threadsafe

    def counting(callback, *args):
        wakes[0] += 1
        return plain(callback, *args)

    loop.call_soon_threadsafe = counting
    return loop, wakes


def test_a_sessions_events_reach_the_loop_in_their_order_with_one_wake_up_for_those_that_came_together():
    import functools
    import threading

    from iid.serve import Batch

    loop, wakes = _counting_loop()
    try:
        batch, got = Batch(loop), []
        sender = threading.Thread(target=lambda: [batch.add(functools.partial(got.append, i)) for i in range(100)])
        sender.start()
        sender.join(5)
        _turn_of(loop)
        assert got == list(range(100)) and wakes[0] == 1
        batch.add(functools.partial(got.append, 100))  # after the loop ran them: a new wake-up
        _turn_of(loop)
        assert got[-1] == 100 and wakes[0] == 2
    finally:
        loop.close()


def test_an_event_that_fails_is_reported_as_the_loop_reports_one_and_the_rest_still_run():

    from iid.serve import Batch

    loop, _ = _counting_loop()
    reported, got = [], []
    loop.set_exception_handler(lambda _loop, context: reported.append(context["exception"]))
    try:
        batch = Batch(loop)
        batch.add(lambda: 1 / 0)
        batch.add(lambda: got.append("after"))
        _turn_of(loop)
        assert [type(e) for e in reported] == [ZeroDivisionError] and got == ["after"]
    finally:
        loop.close()


def test_events_for_a_closed_loop_are_dropped_as_streamlit_drops_them():
    from iid.serve import Batch

    loop, _ = _counting_loop()
    loop.close()
    batch = Batch(loop)
    batch.add(lambda: None)  # no "Event loop is closed" raised in the script's thread
    assert batch.waiting == [] and not batch.woken


def _runtime_on(loop):
    """What `wake_sender` reads of Streamlit's Runtime: its loop and the event that wakes the loop's sender."""
    import asyncio
    import types

    async def make_event():
        return asyncio.Event()

    event = _in_a_thread_of_its_own(lambda: loop.run_until_complete(make_event()))  # bound to this loop, as Streamlit's
    objs = types.SimpleNamespace(need_send_data=event, eventloop=loop)
    return types.SimpleNamespace(_get_async_objs=lambda: objs), event


def test_a_message_enqueued_on_the_loops_own_thread_wakes_the_sender_without_the_pipe():
    from iid.serve import wake_sender

    loop, wakes = _counting_loop()
    try:
        runtime, event = _runtime_on(loop)

        async def enqueue_one() -> bool:
            wake_sender(runtime)
            return event.is_set()

        assert _in_a_thread_of_its_own(lambda: loop.run_until_complete(enqueue_one())) and wakes[0] == 0
    finally:
        loop.close()


def test_a_message_enqueued_from_another_thread_wakes_the_loop_once_until_the_loop_has_taken_it():
    import threading

    from iid.serve import wake_sender

    loop, wakes = _counting_loop()
    try:
        runtime, event = _runtime_on(loop)
        sender = threading.Thread(target=lambda: wake_sender(runtime))
        sender.start()
        sender.join(5)
        assert wakes[0] == 1 and not event.is_set()  # the loop sets it, on its own thread
        _turn_of(loop)
        assert event.is_set()
        wake_sender(runtime)  # the loop has not cleared it yet (it has not taken the queues): it sends this one too
        assert wakes[0] == 1
        event.clear()  # the loop takes the queues
        wake_sender(runtime)
        assert wakes[0] == 2
    finally:
        loop.close()


def test_the_runtimes_loop_takes_a_turn_only_every_so_many_messages_and_its_timed_waits_as_before():
    import asyncio
    import time

    from iid.serve import TurnsEvery

    shim = TurnsEvery(asyncio, every=3)
    assert shim.Event is asyncio.Event and shim.wait is asyncio.wait  # the rest of asyncio is the real one

    async def others_turns_while_sending(messages: int) -> tuple[int, float]:
        """How many turns another task had while the loop sent `messages` messages, and how long a timed wait took."""
        shim.calls, turns = 0, [0]

        async def other() -> None:
            while True:
                turns[0] += 1
                await asyncio.sleep(0)

        task = asyncio.create_task(other())
        await asyncio.sleep(0)  # the other task starts: its first turn
        for _ in range(messages):
            assert await shim.sleep(0, "sent") == "sent"
        had = turns[0]
        start = time.monotonic()
        await shim.sleep(0.02)  # the flush interval: a real wait
        task.cancel()
        return had, time.monotonic() - start

    assert _in_a_thread_of_its_own(lambda: asyncio.run(others_turns_while_sending(0)))[0] == 1
    turns, waited = _in_a_thread_of_its_own(lambda: asyncio.run(others_turns_while_sending(9)))
    assert turns == 1 + 3 and waited >= 0.02  # turns at the 3rd, the 6th and the 9th message
    shim.every = 1  # Streamlit's own: a turn after every message
    assert _in_a_thread_of_its_own(lambda: asyncio.run(others_turns_while_sending(9)))[0] == 1 + 9


@pytest.fixture
def loop():
    """A new event loop, closed after the test; `_turn_of` runs it."""
    import asyncio

    made = asyncio.new_event_loop()
    yield made
    made.close()


class _Transport:
    """What CorkedTransport hands on: the writes, a close, an abort."""

    def __init__(self) -> None:
        self.writes: list[bytes] = []
        self.closed = self.aborted = False

    def write(self, data: bytes) -> None:
        self.writes.append(data)

    def is_closing(self) -> bool:
        return self.closed or self.aborted

    def close(self) -> None:
        self.closed = True

    def abort(self) -> None:
        self.aborted = True

    def get_write_buffer_size(self) -> int:
        return sum(map(len, self.writes))

    def get_extra_info(self, name: str, default=None):
        return {"peername": ("127.0.0.1", 1)}.get(name, default)


def test_writes_in_one_step_of_the_loop_go_to_the_socket_together_at_its_next_turn_in_their_order(loop):
    from iid.serve import CorkedTransport

    real = _Transport()
    corked = CorkedTransport(real, loop)
    corked.write(b"first ")
    corked.write(b"")  # nothing to send: no write
    corked.write(bytearray(b"second "))
    corked.write(memoryview(b"third"))
    assert real.writes == [] and corked.get_write_buffer_size() == len(b"first second third")
    _turn_of(loop)
    assert real.writes == [b"first second third"]
    corked.write(b"next step")
    _turn_of(loop)
    assert real.writes == [b"first second third", b"next step"]
    _turn_of(loop)  # nothing held: nothing written
    assert len(real.writes) == 2 and corked.get_extra_info("peername") == ("127.0.0.1", 1)


def test_a_corked_transport_writes_at_once_what_reaches_its_limit_so_a_slow_browser_still_holds_the_sender_back(loop):
    from iid.serve import HOLD_AT_MOST, CorkedTransport

    real = _Transport()
    corked = CorkedTransport(real, loop, at_most=10)
    corked.write(b"12345")
    assert real.writes == [] and corked.get_write_buffer_size() == 5
    corked.write(b"67890")  # the limit: written there and then, where the transport can say it is full
    assert real.writes == [b"1234567890"] and corked.get_write_buffer_size() == 10
    corked.write(b"after")
    _turn_of(loop)
    assert real.writes == [b"1234567890", b"after"]
    assert CorkedTransport(real, loop).at_most == HOLD_AT_MOST == 64 * 1024  # asyncio's high-water mark


def test_a_corked_transport_writes_what_it_holds_before_it_closes_and_drops_it_when_aborted_or_gone(loop):
    from iid.serve import CorkedTransport

    closed = _Transport()
    corked = CorkedTransport(closed, loop)
    corked.write(b"close frame")
    corked.close()
    assert closed.writes == [b"close frame"] and closed.closed
    _turn_of(loop)
    assert closed.writes == [b"close frame"]

    aborted = _Transport()
    corked = CorkedTransport(aborted, loop)
    corked.write(b"lost")
    corked.abort()
    _turn_of(loop)
    assert aborted.writes == [] and aborted.aborted

    gone = _Transport()
    corked = CorkedTransport(gone, loop)
    corked.write(b"too late")
    gone.closed = True  # the connection was lost before the loop's turn
    _turn_of(loop)
    assert gone.writes == []


def test_a_websocket_server_sends_messages_written_together_in_order_and_its_close_after_them():
    """uvicorn's own websocket protocol, the one Streamlit's server names, with its writes corked: a browser gets
    every message, in order, then the close."""
    import asyncio
    import socket
    import threading

    import uvicorn
    from websockets.sync.client import connect

    from iid import serve

    serve.cork_websocket_writes()
    serve.cork_websocket_writes()  # twice is once
    from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol

    assert WebSocketsSansIOProtocol.connection_made.__wrapped__.__name__ == "connection_made"
    corked: list[bool] = []

    async def app(scope, receive, send) -> None:
        if scope["type"] != "websocket":
            return
        await receive()
        await send({"type": "websocket.accept"})
        for i in range(200):  # in one step of the loop, as a session's sender writes what it holds
            await send({"type": "websocket.send", "bytes": b"%d" % i})
        await send({"type": "websocket.close", "code": 1000})

    listening = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listening.bind(("127.0.0.1", 0))
    config = uvicorn.Config(app, ws="websockets-sansio", log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    made = WebSocketsSansIOProtocol.connection_made

    def connection_made(self, transport) -> None:
        made(self, transport)
        corked.append(isinstance(self.transport, serve.CorkedTransport))

    WebSocketsSansIOProtocol.connection_made = connection_made
    thread = threading.Thread(target=lambda: asyncio.run(server.serve(sockets=[listening])))
    thread.start()
    try:
        for _ in range(200):
            if server.started:
                break
            threading.Event().wait(0.02)
        host, port = listening.getsockname()
        with connect(f"ws://{host}:{port}/", open_timeout=5, close_timeout=5) as browser:
            got = [browser.recv(timeout=5) for _ in range(200)]
            with pytest.raises(Exception, match="1000"):
                browser.recv(timeout=5)
        assert got == [b"%d" % i for i in range(200)] and corked == [True]
    finally:
        WebSocketsSansIOProtocol.connection_made = made
        server.should_exit = True
        thread.join(10)


def test_the_launcher_batches_session_events_wakes_and_sends_without_turns_corks_writes_and_reuses_theme_messages():
    from streamlit.runtime import app_session, runtime
    from streamlit.runtime.runtime import Runtime
    from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol

    from iid import serve

    serve.patch_streamlit()
    assert app_session.AppSession._iid_batches
    assert Runtime._enqueued_some_message is serve.wake_sender
    assert isinstance(runtime.asyncio, serve.TurnsEvery) and runtime.asyncio.every == serve.TURN_EVERY
    assert WebSocketsSansIOProtocol.connection_made.iid_corked
    assert isinstance(app_session._populate_theme_msg, serve.ConfigMessages)
    assert isinstance(app_session._populate_config_msg, serve.ConfigMessages)


def test_every_run_sends_the_theme_streamlit_makes_made_once_until_an_option_changes():
    from streamlit import config
    from streamlit.proto.NewSession_pb2 import CustomThemeConfig
    from streamlit.runtime import app_session

    from iid import serve

    serve.reuse_theme_messages()
    theme = app_session._populate_theme_msg
    made = []
    theme.populate, plain = (lambda msg, section: (made.append(section), plain(msg, section))), theme.populate
    theme.made.clear()
    try:
        for section in ("theme", "theme.light", "theme.sidebar", "theme.dark.sidebar"):
            ours, streamlits = CustomThemeConfig(), CustomThemeConfig()
            theme(ours, section)
            plain(streamlits, section)
            assert ours == streamlits
        theme(again := CustomThemeConfig(), "theme")
        assert made == ["theme", "theme.light", "theme.sidebar", "theme.dark.sidebar"]
        option = config.get_config_options()["theme.primaryColor"]
        before = (option.value, option.where_defined)
        assert again.primary_color == before[0]
        config.set_option("theme.primaryColor", "#123456")
        try:
            theme(changed := CustomThemeConfig(), "theme")
            assert changed.primary_color == "#123456" and made[-1] == "theme"
        finally:
            config.set_option("theme.primaryColor", *before)
    finally:
        theme.populate = plain


def test_every_run_sends_the_client_configuration_streamlit_makes_made_once_until_an_option_changes():
    from streamlit import config
    from streamlit.proto.NewSession_pb2 import Config
    from streamlit.runtime import app_session

    from iid import serve

    serve.reuse_theme_messages()
    made_once = app_session._populate_config_msg
    made = []
    made_once.populate, plain = (lambda msg: (made.append(1), plain(msg))), made_once.populate
    made_once.made.clear()
    try:
        ours, streamlits = Config(), Config()
        made_once(ours)
        plain(streamlits)
        assert ours == streamlits and ours.toolbar_mode == streamlits.toolbar_mode
        made_once(Config())
        assert made == [1]
        option = config.get_config_options()["client.disableDataExport"]
        before = (option.value, option.where_defined)
        config.set_option("client.disableDataExport", not before[0])
        try:
            made_once(changed := Config())
            assert changed.disable_data_export is (not before[0]) and made == [1, 1]
        finally:
            config.set_option("client.disableDataExport", *before)
    finally:
        made_once.populate = plain


def test_the_heap_is_collected_and_frozen_once_after_the_first_run_however_it_ends(monkeypatch):
    import gc

    from iid import serve

    collected = []
    serving = [False]
    monkeypatch.setattr(serve, "in_a_server", lambda: serving[0])
    monkeypatch.setattr(gc, "collect", lambda *a: collected.append(1) or 0)
    monkeypatch.setattr(gc, "freeze", lambda: collected.append("frozen"))
    freeze = serve.HeapFreeze()
    runs = []

    def failing(runner, rerun_data):
        runs.append(rerun_data)
        raise RuntimeError("the script failed")

    run = freeze.wrap(failing)
    with pytest.raises(RuntimeError):
        run(None, "a test's run")  # AppTest: no server, nothing frozen
    assert collected == [] and not freeze.done
    serving[0] = True
    with pytest.raises(RuntimeError, match="the script failed"):
        run(None, "first")
    assert collected == [1, "frozen"] and freeze.done
    run_ok = freeze.wrap(lambda runner, rerun_data: runs.append(rerun_data))
    run_ok(None, "second")
    with pytest.raises(RuntimeError):
        run(None, "third")
    assert runs == ["a test's run", "first", "second", "third"] and collected == [1, "frozen"]


def test_only_a_real_server_counts_as_one_not_apptests_mock_runtime(monkeypatch):
    from unittest.mock import MagicMock

    from streamlit.runtime import Runtime

    from iid.serve import in_a_server

    monkeypatch.setattr(Runtime, "_instance", None)
    assert not in_a_server()
    monkeypatch.setattr(Runtime, "_instance", MagicMock(spec=Runtime))  # what AppTest puts there while it runs
    assert Runtime.exists() and not in_a_server()
    monkeypatch.setattr(Runtime, "_instance", Runtime.__new__(Runtime))
    assert in_a_server()


def test_the_apps_runs_in_apptest_neither_freeze_the_heap_nor_start_the_collector_thread():
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

    from tests.conftest import app_test

    at = app_test()
    at.run()
    at.run()  # app.py installed the launcher's changes in its first run: this one goes through them
    assert not at.exception
    assert ScriptRunner._iid_quiet_gc is not None and not ScriptRunner._iid_quiet_gc.started
    assert ScriptRunner._iid_heap_freeze is not None and not ScriptRunner._iid_heap_freeze.done


def test_a_collector_that_fails_gives_python_its_own_full_collections_back(monkeypatch):
    import gc
    import sys
    import threading
    import time

    from iid.serve import QuietCollector

    before = gc.get_threshold()
    heap = _FakeHeap(monkeypatch)

    def broken():
        raise MemoryError("no room to count the heap")

    monkeypatch.setattr(sys, "getallocatedblocks", broken)
    monkeypatch.setattr(threading, "excepthook", lambda args: None)  # the thread's end, said nowhere in a test
    gcq = QuietCollector(quiet_s=0.0, longest_s=60.0, tick_s=0.01)
    try:
        heap.moved = 3
        gcq.start()
        deadline = time.monotonic() + 10
        while not gcq.stopped.is_set() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert gcq.stopped.is_set() and gc.get_threshold() == before  # never left with full collections off
    finally:
        gcq.stop()


@pytest.mark.parametrize(
    ("switch", "attribute", "installed"),
    [("IID_FREEZE_HEAP", "_iid_heap_freeze", "HeapFreeze"), ("IID_QUIET_GC", "_iid_quiet_gc", "QuietCollector")],
)
def test_the_launcher_installs_a_change_to_the_heap_unless_its_switch_says_0(switch, attribute, installed):
    import subprocess
    import sys

    probe = (
        "from streamlit.runtime.scriptrunner.script_runner import ScriptRunner\n"
        "from iid import serve\n"
        "serve.patch_streamlit(); serve.patch_streamlit()\n"
        f"print(type(getattr(ScriptRunner, '{attribute}', None)).__name__)\n"
    )
    said = {}
    for value in ("1", "0"):
        env = {**os.environ, switch: value}
        out = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
        said[value] = out.stdout.strip()
    assert said == {"1": installed, "0": "NoneType"}


class _FakeHeap:
    """gc's counts and old generation as the tests set them; collections recorded."""

    def __init__(self, monkeypatch) -> None:
        import gc
        import sys

        self.moved, self.size, self.walks, self.collected = 0, 0, 0, 0
        monkeypatch.setattr(gc, "get_count", lambda: (0, 0, self.moved))
        monkeypatch.setattr(sys, "getallocatedblocks", self._blocks)
        monkeypatch.setattr(gc, "get_objects", self._listed)
        monkeypatch.setattr(gc, "collect", self._collect)

    def _blocks(self) -> int:
        self.walks += 1
        return self.size

    @staticmethod
    def _listed(generation=None):
        # a list of objects made in the collector's thread breaks a tuple another thread is building (QuietCollector.size)
        raise AssertionError("the collector listed the heap's objects")

    def _collect(self, *args) -> int:
        self.collected += 1
        self.moved = 0
        return 0


def test_a_full_collection_waits_for_a_quiet_second_and_for_the_old_generation_to_grow_by_a_quarter(monkeypatch):
    from iid.serve import QuietCollector

    heap, now = _FakeHeap(monkeypatch), [100.0]
    gcq = QuietCollector(quiet_s=1.0, longest_s=60.0, growth=0.25, clock=lambda: now[0])
    heap.size = 1000
    gcq.collect()  # the last full collection left 1.000 objects
    assert gcq.old == 1000
    seen_during_run = []
    run = gcq.wrap(lambda runner, rerun_data: seen_during_run.append(gcq.due()))

    heap.moved, heap.size = 3, 1300  # grown by 30 %
    now[0] += 5  # quiet for five seconds, then a run
    run(None, "a page")
    assert seen_during_run == [False]  # never while a run goes on
    now[0] += 0.5
    assert not gcq.due()  # the run ended half a second ago
    now[0] += 0.6
    assert gcq.due()  # quiet for over a second, and grown
    gcq.collect()
    assert heap.collected == 2 and gcq.old == 1300
    now[0] += 5
    assert not gcq.due()  # nothing moved into the old generation since

    heap.moved, heap.size = 1, 1400  # grown by 8 %: Python would not collect either
    assert not gcq.due()
    walks = heap.walks
    now[0] += 1
    assert not gcq.due() and heap.walks == walks  # nothing new moved: not walked again
    heap.moved, heap.size = 2, 1700
    assert gcq.due()


def test_under_load_that_never_pauses_a_full_collection_comes_a_minute_late_at_most(monkeypatch):
    import threading

    from iid.serve import QuietCollector

    heap, now = _FakeHeap(monkeypatch), [0.0]
    gcq = QuietCollector(quiet_s=1.0, longest_s=60.0, clock=lambda: now[0])
    heap.size = 1000
    gcq.collect()
    inside, leave = threading.Event(), threading.Event()
    run = gcq.wrap(lambda runner, rerun_data: (inside.set(), leave.wait(10)))
    busy = threading.Thread(target=run, args=(None, "a long run"))
    busy.start()
    try:
        inside.wait(10)
        heap.moved, heap.size = 5, 1100  # grown by 10 %
        now[0] = 61
        assert not gcq.due()  # overdue, not grown: looked once
        walks = heap.walks
        heap.moved, heap.size = 6, 2000
        now[0] = 90
        assert not gcq.due() and heap.walks == walks  # the next look is a minute after the last
        now[0] = 122
        assert gcq.due()
    finally:
        leave.set()
        busy.join(10)


def test_the_collector_thread_collects_in_a_quiet_moment_and_gives_python_its_thresholds_back(monkeypatch):
    import gc
    import time

    from iid import serve
    from iid.serve import QuietCollector

    before = gc.get_threshold()
    heap = _FakeHeap(monkeypatch)
    monkeypatch.setattr(serve, "in_a_server", lambda: True)  # a server's run
    gcq = QuietCollector(quiet_s=0.05, longest_s=60.0, tick_s=0.01)
    try:
        gcq.wrap(lambda runner, rerun_data: None)(None, "the first run")
        assert gcq.started and gc.get_threshold()[2] == QuietCollector.DEFERRED  # Python no longer starts them
        assert gc.get_threshold()[:2] == before[:2]  # the young generations as before
        heap.moved, heap.size = 4, 500
        deadline = time.monotonic() + 10
        while heap.collected == 0 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert heap.collected == 1
    finally:
        gcq.stop()
    assert gc.get_threshold() == before


def test_a_connection_the_server_accepts_sends_small_writes_at_once():
    """Nagle's algorithm off on accepted sockets (TCP_NODELAY), also on a listening socket made with protocol 0 as
    uvicorn's is: asyncio alone leaves it on there, and small messages behind a large one waited 40 ms."""
    import asyncio
    import socket

    from iid import serve

    async def accepted_nodelay() -> int:
        listening = socket.socket(socket.AF_INET, socket.SOCK_STREAM)  # proto 0, as uvicorn binds
        listening.bind(("127.0.0.1", 0))
        seen: list[int] = []

        def connected(reader, writer) -> None:
            seen.append(writer.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()

        server = await asyncio.start_server(connected, sock=listening)
        async with server:
            _, writer = await asyncio.open_connection(*listening.getsockname())
            for _ in range(100):
                if seen:
                    break
                await asyncio.sleep(0.01)
            writer.close()
        return seen[0]

    from asyncio import base_events

    plain = base_events._set_nodelay
    try:
        if getattr(plain, "iid_any_tcp", False):  # installed already in this process (app.py's first run)
            base_events._set_nodelay = plain.__wrapped__
        # asyncio alone (3.11) leaves Nagle on here: accepted_nodelay() == 0
        serve.send_small_writes_at_once()
        serve.send_small_writes_at_once()  # twice is once
        assert getattr(base_events._set_nodelay, "iid_any_tcp", False)
        assert _in_a_thread_of_its_own(lambda: asyncio.run(accepted_nodelay()), timeout=10) not in (0, None)
    finally:
        base_events._set_nodelay = plain
