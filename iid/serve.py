"""Start the app with `streamlit run app.py` (`make run`), and serve it for browser tests and the benchmark.

Streamlit 1.67 decides once per process, when the first browser session opens, whether the app uses the legacy
`pages/` folder mode: `PagesManager.__init__` sets `uses_pages_directory = (<folder of app.py>/pages).exists()`, and
only a session that runs `st.navigation` switches it off. No config option or public API changes that decision, so
with a `pages/` folder beside app.py the first session of a fresh server resolves its URL against pages/*.py file
names: a deep link such as /inovasi shows "Page not found" over the right page. The supported way out is a page folder
with another name (Streamlit's own advice for st.navigation apps); until the folder is renamed, this launcher sets the
private class attribute up front. tests/e2e/test_deeplink_browser.py checks plain `streamlit run app.py`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LEGACY_PAGES = ROOT / "pages"  # the folder name Streamlit's legacy mode looks for beside app.py


def _stamp(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


def keep_compiled_scripts() -> None:
    """Keep app.py's and the pages' compiled code while their files are unchanged.

    Streamlit empties its cache of compiled scripts whenever the last browser session closes ("stale cached scripts"),
    so on a quiet server every lone visit compiled app.py and its page again (2-6 ms a page, up to a tenth of a warm
    run). Here `ScriptCache.clear` drops only the scripts whose file changed (time or size) since they were compiled:
    an edited page is still read afresh, an unchanged one is not compiled twice. Private API of Streamlit 1.67, like
    `uses_pages_directory` below; tests/test_serve.py checks it keeps, renews and drops.
    """
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache

    if getattr(ScriptCache, "_iid_keeps", False):
        return
    get_bytecode = ScriptCache.get_bytecode

    def get(self, script_path: str):
        path = os.path.abspath(script_path)
        stamps = self.__dict__.setdefault("_iid_stamps", {})
        if path not in self._cache:  # about to compile: the file's stamp from before it is read
            stamps[path] = _stamp(path)
        return get_bytecode(self, script_path)

    def clear(self) -> None:
        stamps = self.__dict__.setdefault("_iid_stamps", {})
        with self._lock:
            for path in list(self._cache):
                if stamps.get(path) is None or stamps[path] != _stamp(path):
                    del self._cache[path]

    ScriptCache.get_bytecode, ScriptCache.clear, ScriptCache._iid_keeps = get, clear, True


MADE_KEEP_S = 120.0  # how long a download made on click stays for the browser to fetch (keep_made_downloads)
MADE = "iid-made-downloads"  # the holder of those files among the sessions' references
SWEEP_EVERY_S = 0.5  # unreferenced media and download callables are looked for at most this often (keep_made_downloads)


def sweep_every_s() -> float:
    """SWEEP_EVERY_S; `IID_SWEEP_EVERY_S=0` sweeps after every run as Streamlit does (a switch for measuring)."""
    try:
        return max(0.0, float(os.environ.get("IID_SWEEP_EVERY_S", SWEEP_EVERY_S)))
    except ValueError:
        return SWEEP_EVERY_S


def keep_made_downloads() -> None:
    """A file that a download button makes when clicked (`data=` a function) stays `MADE_KEEP_S` seconds.

    Streamlit 1.67 stores such a file referenced by no session ("repeat clicks rerun the callable"), and the end of
    every script run of any session on the server sweeps unreferenced files (the first sweep marks one, the second
    deletes it). With other people on the server the file was often gone before the browser fetched it, and the
    download was cancelled: 4 to 13 of 10 to 20 clicks on Ringkasan's "Unduh Excel" while two other sessions loaded
    pages (tests/e2e/test_downloads_under_load_browser.py). Here the made file is referenced for two minutes by a
    holder that no run clears (not by the clicking session, whose rerun after the click may start before the browser
    fetched the file), then swept as any other.

    The sweep itself runs at most every `SWEEP_EVERY_S`: a call sooner leaves it to one timer that sweeps when the
    interval is over, and finds everything left unreferenced meanwhile. Streamlit sweeps at the end of every run and
    when a session closes, and each sweep walks every reference of every open session and every download button's
    callable: with 25 sessions opening Ringkasan together that was 4,4 % of the server's CPU (py-spy), and it grows
    with the sessions open (the 128 closed sessions Streamlit keeps for a reconnect hold 1.024 of them). The price:
    an unreferenced file or callable stays up to half a second longer, and the second sweep that deletes an
    unreferenced download comes no sooner than that after the first. Private API of Streamlit 1.67.
    """
    import threading
    import time

    from streamlit.runtime.media_file_manager import MediaFileManager

    if getattr(MediaFileManager, "_iid_keeps", False):
        return
    execute_deferred, sweep = MediaFileManager.execute_deferred, MediaFileManager.remove_orphaned_files

    def execute(self, file_id: str) -> str:
        url = execute_deferred(self, file_id)
        made = url.rsplit("/", 1)[-1].split(".", 1)[0]  # /media/<id>.<ext>
        with self._lock:
            if made in self._file_metadata:
                self._files_by_session_and_coord[MADE][f"{made}@{time.monotonic()}"] = made
        return url

    def sweep_now(self) -> None:
        with self._lock:
            now = time.monotonic()
            self._iid_swept, self._iid_later = now, None
            held = self._files_by_session_and_coord.get(MADE)
            if held is not None:
                for key in [k for k in held if now - float(k.rsplit("@", 1)[1]) > MADE_KEEP_S]:
                    del held[key]
                if not held:
                    del self._files_by_session_and_coord[MADE]
        sweep(self)

    def remove_orphaned_files(self) -> None:
        with self._lock:
            wait = self._iid_swept + self._iid_sweep_every - time.monotonic()
            if wait > 0:  # swept a moment ago: once more when the moment is over, for whatever this call would find
                if self._iid_later is None:
                    self._iid_later = later = threading.Timer(wait, sweep_now, (self,))
                    later.daemon = True
                    later.start()
                return
        sweep_now(self)

    MediaFileManager.execute_deferred, MediaFileManager.remove_orphaned_files = execute, remove_orphaned_files
    MediaFileManager._iid_sweep_every = sweep_every_s()  # a manager of its own may have another (the tests)
    MediaFileManager._iid_swept, MediaFileManager._iid_later = float("-inf"), None  # each manager: its own once set
    MediaFileManager._iid_keeps = True


LONG_RUN_S = 1.0  # a run going on longer than this no longer holds the others up (take_turns)
PAUSE_S = 0.001  # between one run's end and the next waiting run's start: the event loop's turn (take_turns)


class Turns:
    """At most `slots` short runs at once; a run that has gone on for `long_s` seconds no longer counts, so a slow
    run (a big import) holds the others up for `long_s` at most. Waiting runs go in the order they came, except that
    a fragment's run (the rest of a page whose chart is already on screen, a what-if edit) goes before the waiting
    page runs: it finishes what a person already sees. A page run that has waited `long_s` no longer gives way.
    Between one run's end and the next waiting run's start, `pause_s` for the event loop (see take_turns).

    Only the first waiting run of each line can go next, so only those two are woken when a run starts or ends (with
    50 sessions waiting, waking them all on every change was 50 thread switches a run)."""

    def __init__(self, slots: int, long_s: float = LONG_RUN_S, clock=None, pause_s: float = 0.0) -> None:
        import threading
        import time
        from collections import deque

        self.slots, self.long_s, self.pause_s = slots, long_s, pause_s
        self.clock = clock or time.monotonic
        self.lock = threading.Lock()
        self.running: dict[int, float] = {}  # a run's token -> when it started
        # waiting runs, in the order they came: (token, since, its condition); fragments' runs in the True line
        self.waiting: dict[bool, deque[tuple[int, float, threading.Condition]]] = {True: deque(), False: deque()}
        self.ended = float("-inf")  # when the last run ended
        self.tokens = 0

    def _counting(self, now: float) -> list[float]:
        """When the runs that still hold a slot began: those not yet `long_s` old."""
        return [start for start in self.running.values() if now - start < self.long_s]

    def _goes(self, token: int, soon: bool, now: float) -> bool:
        """Whether the waiting run `token` may start now: first of its line, no fragment run waiting before a page
        run (unless the page run has waited `long_s`), a slot free, and the pause after the last run over."""
        line = self.waiting[soon]
        if line[0][0] != token:
            return False
        if not soon and self.waiting[True] and now - line[0][1] < self.long_s:
            return False
        if now - self.ended < self.pause_s:
            return False
        return len(self._counting(now)) < self.slots

    def _timeout(self, soon: bool, now: float) -> float | None:
        """Until the oldest running run turns long, a waiting page run stops giving way, or the pause is over;
        None: until woken."""
        times = [start + self.long_s - now for start in self._counting(now)]
        if not soon and self.waiting[False]:
            times.append(self.waiting[False][0][1] + self.long_s - now)
        times.append(self.ended + self.pause_s - now)
        times = [t for t in times if t > 0]
        return min(times) if times else None

    def _wake_firsts(self) -> None:
        """Wake the first waiting run of each line (called holding the lock)."""
        for line in self.waiting.values():
            if line:
                line[0][2].notify()

    def enter(self, soon: bool = False) -> int:
        """Wait for a turn (`soon`: a fragment's run); the token to give back with `leave`."""
        import threading

        with self.lock:
            self.tokens += 1
            token, line, turn = self.tokens, self.waiting[soon], threading.Condition(self.lock)
            line.append((token, self.clock(), turn))
            try:
                while not self._goes(token, soon, now := self.clock()):
                    turn.wait(timeout=self._timeout(soon, now) if line[0][0] == token else None)  # others: woken
            finally:  # started, or stopped while waiting: out of the line either way
                line.remove(next(entry for entry in line if entry[0] == token))
                self._wake_firsts()  # the next in line may go too, if a slot is left
            self.running[token] = now
            return token

    def leave(self, token: int) -> None:
        with self.lock:
            self.running.pop(token, None)
            self.ended = self.clock()
            self._wake_firsts()

    def wrap(self, run_script):
        """`run_script(self, rerun_data)` that waits for its turn, and gives it back however the run ends."""

        def run(runner, rerun_data) -> None:
            token = self.enter(bool(getattr(rerun_data, "fragment_id_queue", None)))
            try:
                run_script(runner, rerun_data)
            finally:
                self.leave(token)

        return run


def take_turns() -> None:
    """Script runs take turns: one at a time by default (`IID_SCRIPT_SLOTS`), the others wait (Turns).

    Streamlit starts every session's run at once in its own thread, and the threads share one interpreter lock with
    the event loop that sends the pages: when 25 people open a page together, all 25 runs crawl side by side, the
    loop that sends their elements gets the lock ever less often, and every page arrives near the end (p50 about the
    whole burst's time). Taking turns, the first page arrives after one run's time and the middle one after about
    half of them. Measured side by side in three runs of `bench/run.py --only concurrency` (Ringkasan of one region,
    one server, 2 cores), p50 taking turns against all at once: 10 sessions 0,15-0,17 s / 0,20-0,23 s, 25 sessions
    0,31-0,36 s / 0,60-0,68 s, 50 sessions 0,53-0,69 s / 0,98-1,30 s; 50 sessions each on a new region (cold caches)
    1,9-2,3 s, against 4,8-5,8 s before. A run that has gone on for `LONG_RUN_S` no longer holds its turn, so a slow
    run (a big import) never holds the others up longer than that.

    Two more rules make a session's page come whole sooner, not only its first chart. A fragment's run (a long
    page's rest, asked for once its chart is drawn; a what-if edit) goes before waiting page runs; and after each
    run the next waits `PAUSE_S`, a moment in which the event loop has the interpreter to itself to send the page
    just made (back to back, a run holds the lock and the loop gets it for a moment every 5 ms: Ringkasan's first
    page reached its session 0,1 s after its run ended). 25 sessions of Ringkasan at once, whole page p50 against
    the one-chart floor's, same machine, bursts in turns: 3,61x before, 2,95x without the fragment rule, 2,79x
    without the pause, 2,33x with both (with batch_session_events and reuse_theme_messages in all four).
    Private API of Streamlit 1.67 (`ScriptRunner._run_script`); tests/test_serve.py checks the turns.
    """
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

    from iid.settings import script_slots

    slots = script_slots()
    if getattr(ScriptRunner, "_iid_turns", False) or not slots:
        return
    turns = Turns(slots, pause_s=PAUSE_S)
    ScriptRunner._run_script, ScriptRunner._iid_turns = turns.wrap(ScriptRunner._run_script), True


def _chart_script(static_dir: Path) -> str | None:
    """The file name of Streamlit's Plotly chart script (`static/js/PlotlyChart.<hash>.js`); None unless exactly one."""
    found = sorted((static_dir / "static" / "js").glob("PlotlyChart.*.js"))
    return found[0].name if len(found) == 1 else None


def chart_script_preload(index_html: str, static_dir: Path) -> str | None:
    """index.html with a `modulepreload` of Streamlit's Plotly chart script added to its head; None when the script
    (one `static/js/PlotlyChart.<hash>.js`) or the head is not found as expected."""
    name = _chart_script(static_dir)
    if name is None or "</head>" not in index_html:
        return None
    link = f'<link rel="modulepreload" crossorigin href="./static/js/{name}">'
    return index_html.replace("</head>", f"    {link}\n  </head>", 1)


def _base_folder(base_url: str | None) -> str:
    """Streamlit's server.baseUrlPath as the folder the app's pages are in, however it is written: "/" for none,
    "/iid/" for "iid", "/iid/" or "iid/"."""
    folder = "/" + "/".join(part for part in (base_url or "").split("/") if part)
    return folder if folder.endswith("/") else folder + "/"


# The pages whose first screen is a chart, by url_path ("" is the home page, Ringkasan), and the pages whose tab named
# in the URL is one with a chart (Inovasi's `itab`; the labels of both languages go in at serve time): on these the
# browser runs the chart script while it waits for the server's first elements (chart_code_early).
CHART_FIRST_PAGES = ("", "ringkasan", "bandingkan", "tren", "target")
CHART_TABS = {"inovasi": ("itab", ("itab_commit", "itab_portfolio", "itab_competition"))}

# A module script, after Streamlit's own (index.js): on a page in CHART_FIRST_PAGES (or a chart tab of CHART_TABS) it
# imports the Plotly chart script at once, from the folder of Streamlit's index.js, so the module is the one
# Streamlit's client imports itself later (one module per address: it is fetched and run once).
_CHART_EARLY_JS = """<script type="module">
      (() => {
        const base = %s, pages = %s, tabs = %s;
        const path = location.pathname.replace(/\\/+$/, "") + "/";
        if (!path.startsWith(base)) return;
        const page = path.slice(base.length).replace(/\\/+$/, "");
        const tab = tabs[page], picked = tab && new URLSearchParams(location.search).get(tab[0]);
        if (!pages.includes(page) && !(tab && tab[1].includes(picked))) return;
        const main = document.querySelector('script[type="module"][src*="/static/js/index."]');
        if (!main) return;
        import(new URL(%s, main.src).href).then(() => { window.__iidChartCode = true; }, () => {});
      })();
    </script>"""


def chart_code_early(index_html: str, static_dir: Path, base_url: str | None = None) -> str | None:
    """index.html with a script that runs Streamlit's Plotly chart script as soon as the page's own scripts have run,
    on a page that opens with a chart (CHART_FIRST_PAGES, CHART_TABS); None when the script (one
    `static/js/PlotlyChart.<hash>.js`) or the head is not found as expected. base_url: Streamlit's server.baseUrlPath.

    Preloaded (chart_script_preload), the 4,7 MB script is fetched and compiled early but runs only when the first
    chart's element reaches the browser: 1,6-1,8 s of the browser's main thread (a Chromium trace of Ringkasan on
    this machine) that began after the elements above the chart were drawn, while the floor's, with nothing above its
    chart, began 0,5 s sooner. Run at once, it fills the time the browser waits for the server's first elements.
    Side by side (first chart ÷ the one-chart floor, without -> with, 10 fresh visits each, one sitting per page):
    Target 1,39 -> 1,31, Tren 1,19 -> 1,07, Bandingkan 1,29 -> 1,20, Portofolio 1,24 -> 1,15, Ringkasan 1,23 ->
    1,21 (within its spread: two earlier sittings of a first version gave 1,25 -> 1,09 and 1,23 -> 1,10). Pages
    that open without a chart (Data, Presentasi, Inovasi's register) do not run it: there the main thread would be
    busy for nothing while the page draws."""
    import json

    from iid.i18n import LANGS, t

    name = _chart_script(static_dir)
    if name is None or "</head>" not in index_html:
        return None
    base = _base_folder(base_url)
    tabs = {
        page: [param, sorted({t(key, lang) for key in keys for lang in LANGS})]
        for page, (param, keys) in CHART_TABS.items()
    }
    script = _CHART_EARLY_JS % (
        json.dumps(base),
        json.dumps(list(CHART_FIRST_PAGES)),
        json.dumps(tabs, ensure_ascii=False),
        json.dumps(name),
    )
    return index_html.replace("</head>", f"    {script}\n  </head>", 1)


# The url_path of every page of the app (iid/ui.py `pages`; tests/test_serve.py checks both name the same pages).
PAGE_PATHS = ("ringkasan", "bandingkan", "tren", "target", "inovasi", "data", "presentasi", "pengguna")

# Run by the browser before Streamlit's client starts, on a page's own address under the server's (/target, or
# /iid/target with server.baseUrlPath "iid"): the server is the folder above. Streamlit's client reads
# window.__streamlit.BACKEND_BASE_URL; without it, it first asks the page's own address for the server's health (a
# 404), waits a tenth of a second and then asks the folder above.
_BACKEND_BASE_JS = """<script>
      (() => {
        const base = %s, pages = %s;
        const path = location.pathname.replace(/\\/+$/, "");
        if (pages.some((name) => path === base + name)) {
          window.__streamlit = Object.assign({}, window.__streamlit, { BACKEND_BASE_URL: location.origin + base });
        }
      })();
    </script>"""


def backend_base(index_html: str, base_url: str | None = None, page_paths: tuple[str, ...] = PAGE_PATHS) -> str | None:
    """index.html with a script in its head that tells Streamlit's client where its server is when a page is opened
    by its own address: the client then connects at once, where by itself it asks `<page>/_stcore/health` first, gets a
    404 and tries the folder above a tenth of a second later, on every fresh visit of /bandingkan, /tren, /target,
    /inovasi, /data and /presentasi. base_url: Streamlit's server.baseUrlPath. Any other address (the app's own, a
    proxy's folder that the server does not know of, a path that is no page) is left to Streamlit's own guess. None
    when the head is not found as expected."""
    import json

    if "</head>" not in index_html:
        return None
    base = _base_folder(base_url)
    script = _BACKEND_BASE_JS % (json.dumps(base), json.dumps(list(page_paths)))
    return index_html.replace("</head>", f"    {script}\n  </head>", 1)


class StaticMemory:
    """Streamlit's hashed static files (`static/…`: scripts, styles, fonts, each named by its content's hash and served
    as immutable), read from disk once per process and then answered from memory, with the headers the file handler
    gave them the first time. `limit` bytes at most (Streamlit's whole static folder is 26 MB); past it a file is
    served from disk as before."""

    def __init__(self, limit: int = 64 * 1024 * 1024) -> None:
        self.files: dict[str, tuple[bytes, dict[str, str]]] = {}
        self.size, self.limit = 0, limit

    @staticmethod
    def serves(path: str, scope) -> bool:
        """A GET of a file under static/, without a Range header (a byte range goes to the file handler)."""
        if scope.get("method") != "GET" or not path.replace("\\", "/").startswith("static/"):
            return False
        return not any(name.lower() == b"range" for name, _ in scope.get("headers", ()))

    def keep(self, path: str, response) -> tuple[bytes, dict[str, str]] | None:
        """Hold the file a 200 FileResponse would send (None: not one, or no room left)."""
        from starlette.responses import FileResponse

        if not isinstance(response, FileResponse) or response.status_code != 200:
            return None
        if not Path(response.path).as_posix().endswith("/" + path.replace("\\", "/")):
            return None  # not the file asked for: Streamlit's page, sent for a name it does not have
        try:
            body = Path(response.path).read_bytes()
        except OSError:
            return None
        if self.size + len(body) > self.limit:
            return None
        headers = {k: v for k, v in response.headers.items() if k.lower() != "content-length"}
        self.files[path], self.size = (body, headers), self.size + len(body)
        return self.files[path]

    @staticmethod
    def response(kept: tuple[bytes, dict[str, str]], scope, files):
        """The kept file, or 304 Not Modified when the browser already holds this version: the file handler's own
        check (`files.is_not_modified`: If-None-Match, If-Modified-Since) and its own 304."""
        from starlette.datastructures import Headers
        from starlette.responses import Response
        from starlette.staticfiles import NotModifiedResponse

        body, headers = kept
        if files.is_not_modified(Headers(headers), Headers(scope=scope)):
            return NotModifiedResponse(Headers(headers))
        return Response(body, headers=headers)


def serve_static_files() -> None:
    """Streamlit's page and its scripts served with less work: the page with the chart script preloaded and the
    server's address for a page opened by its own, the hashed scripts, styles and fonts from memory (StaticMemory).

    The chart script: every page here opens with a chart, but Streamlit's index.html names only its own core scripts:
    the 4,7 MB Plotly chart script is requested when the first chart's element reaches the browser, about a second
    into a fresh load, and then competes with the other elements' scripts while it is fetched and parsed. A
    `modulepreload` link in index.html starts it at once (the browser fetches and compiles it beside the core
    scripts; nothing runs before it is needed). First chart ÷ the floor's, without and with it in one sitting
    (`bench/run.py --quick --only pages`): Ringkasan 1,24 -> 1,21, Bandingkan 1,24 -> 1,18, Tren 1,30 -> 1,28, Target
    1,48 -> 1,39, Portofolio 1,51 -> 1,43; the server's CPU per fresh load did not grow.

    From memory: a fresh visit asks for 70 (the one-chart floor) to 130 (Target) scripts, and Streamlit's file
    handler answers each with a file lookup and a read in worker threads, 64 KB at a time: 120 ms of the server's
    CPU per fresh visit of the floor, 190 ms of Target's, more than its script runs. The files never change while the
    server runs (their names carry their content's hash), so each is read once.

    The chart script run early (chart_code_early): preloaded, it still runs only when the first chart's element
    arrives; on a page that opens with a chart the page runs it at once, while it waits for the server.

    The server's address (backend_base): opened by its own address (/target), a page's client first asked
    /target/_stcore/health, got a 404 and tried the folder above a tenth of a second later. From the first health
    request to the websocket, on 10 fresh visits of /target each way: 0,177 s without the script, 0,064 s with it.

    Private API of Streamlit 1.67 (its static file handler). `IID_PRELOAD_CHARTS=0`, `IID_EARLY_CHART_CODE=0` and
    `IID_BACKEND_BASE=0` serve index.html without the preload, without the early run of the chart script or without
    the server's address, `IID_STATIC_MEMORY=0` every file from disk:
    switches for measuring with and without, not settings for users. tests/test_serve.py checks the served page and
    files; tests/e2e/test_first_chart_browser.py the address the browser connects to.
    """
    from streamlit import file_util
    from streamlit.web.server.starlette import starlette_static_routes as routes

    if getattr(routes, "_iid_static", False):
        return
    static_dir = Path(file_util.get_static_dir())
    try:
        index_html = (static_dir / "index.html").read_text(encoding="utf-8")
    except OSError:
        index_html = None
    preload = os.environ.get("IID_PRELOAD_CHARTS", "1") != "0"
    page = chart_script_preload(index_html, static_dir) if index_html is not None and preload else None
    address = index_html is not None and os.environ.get("IID_BACKEND_BASE", "1") != "0"
    memory = StaticMemory() if os.environ.get("IID_STATIC_MEMORY", "1") != "0" else None
    early = index_html is not None and os.environ.get("IID_EARLY_CHART_CODE", "1") != "0"
    if page is None and not address and memory is None and not early:
        return
    make_handler = routes.create_streamlit_static_handler

    def handler(directory: str, base_url: str | None):
        from starlette.responses import FileResponse, Response

        files = make_handler(directory=directory, base_url=base_url)
        page_html = (backend_base(page or index_html, base_url) or page) if address else page
        if early:
            page_html = chart_code_early(page_html or index_html, static_dir, base_url) or page_html
        get_response = files.get_response

        async def get(path: str, scope):
            held = memory is not None and memory.serves(path, scope)
            kept = memory.files.get(path) if held else None
            if kept is not None:
                return memory.response(kept, scope, files)
            response = await get_response(path, scope)
            if (
                page_html is not None
                and isinstance(response, FileResponse)
                and response.status_code == 200
                and os.path.basename(response.path) == "index.html"
            ):
                cache = response.headers.get("Cache-Control", "no-cache")
                return Response(page_html, media_type="text/html", headers={"Cache-Control": cache})
            if held:
                kept = memory.keep(path, response)
                if kept is not None:
                    return memory.response(kept, scope, files)
            return response

        files.get_response = get
        return files

    routes.create_streamlit_static_handler, routes._iid_static = handler, True


class ConfigMessages:
    """One of Streamlit's configuration messages, made once per configuration instead of once per run.

    Every script run's first message (new_session) carries the theme and the client's configuration. The theme is
    six sections, each a scan of Streamlit's whole configuration (`config.get_options_for_section` reads about 200
    options) and a message built from it: measured with py-spy on 25 sessions at once, 5 % of the server's CPU. The
    client's configuration is nine options more, 1 % (py-spy, 25 sessions at once, only the thread holding the
    interpreter counted). The configuration changes only when a config file is read again (a new options dict) or an
    option is set (`ConfigOption.set_value`, counted): then the messages are made again. Private API of Streamlit
    1.67 (`app_session._populate_theme_msg`, `app_session._populate_config_msg`)."""

    changes = 0  # options set in this process (reuse_theme_messages counts them): every message is made again

    def __init__(self, populate) -> None:
        import threading

        self.populate = populate  # Streamlit's own function: fills a message (from one section, for the theme)
        self.made: dict[tuple, object] = {}
        self.lock = threading.Lock()

    @classmethod
    def changed(cls) -> None:
        ConfigMessages.changes += 1

    def __call__(self, msg, *args) -> None:
        from streamlit import config

        key = (args, id(config.get_config_options()), ConfigMessages.changes)
        made = self.made.get(key)
        if made is None:
            made = type(msg)()
            self.populate(made, *args)
            with self.lock:
                if len(self.made) > 64:  # old configurations
                    self.made.clear()
                self.made[key] = made
        msg.MergeFrom(made)


def reuse_theme_messages() -> None:
    """Runs send the theme and the client's configuration made once (ConfigMessages); idempotent."""
    from streamlit import config_option
    from streamlit.runtime import app_session

    if isinstance(app_session._populate_theme_msg, ConfigMessages):
        return
    set_value = config_option.ConfigOption.set_value

    def set_and_count(self, *args, **kwargs):
        ConfigMessages.changed()
        return set_value(self, *args, **kwargs)

    config_option.ConfigOption.set_value = set_and_count
    app_session._populate_theme_msg = ConfigMessages(app_session._populate_theme_msg)
    app_session._populate_config_msg = ConfigMessages(app_session._populate_config_msg)


class Batch:
    """Callbacks for one event loop from any thread, run on the loop in the order they came, with one wake-up of the
    loop for all that arrive before it runs them. Streamlit wakes the loop once per message of a run (a write to its
    pipe, a handle, a turn of the loop), about 30 times for Ringkasan's first screen. A callback that raises goes to
    the loop's exception handler, as a lone handle's would, and the rest still run."""

    def __init__(self, loop) -> None:
        import threading

        self.loop, self.lock = loop, threading.Lock()
        self.waiting: list = []
        self.woken = False

    def add(self, callback) -> None:
        with self.lock:
            self.waiting.append(callback)
            if self.woken:
                return
            self.woken = True
        try:
            self.loop.call_soon_threadsafe(self.run)
        except RuntimeError:  # the loop is closed (shutting down): as Streamlit does, drop them
            with self.lock:
                self.waiting.clear()
                self.woken = False
            if not self.loop.is_closed():
                raise

    def run(self) -> None:
        with self.lock:
            callbacks, self.waiting, self.woken = self.waiting, [], False
        for callback in callbacks:
            try:
                callback()
            except Exception as exc:  # noqa: BLE001 - reported as the loop reports a failed handle
                self.loop.call_exception_handler({"message": "Exception in callback", "exception": exc})


def batch_session_events() -> None:
    """A session's script-runner events (its elements, a run's start and end) reach the event loop in batches
    (Batch); idempotent. Measured, 25 sessions of Ringkasan at once, with reuse_theme_messages: server CPU per
    session 17,6 -> 15,4 ms, whole page p50 3,21x -> 2,71x the floor's (before the turns' newer rules). Holding
    the events back 2 ms to gather more cost 1-2 ms less CPU a session but made the pages later (2,84x against
    2,59x): not done. Private API of Streamlit 1.67 (`AppSession._call_soon_on_event_loop`)."""
    from streamlit.runtime.app_session import AppSession

    if getattr(AppSession, "_iid_batches", False):
        return

    def call_soon(self, callback) -> None:
        batch = self.__dict__.get("_iid_batch")
        if batch is None or batch.loop is not self._event_loop:
            batch = self.__dict__["_iid_batch"] = Batch(self._event_loop)
        batch.add(callback)

    AppSession._call_soon_on_event_loop, AppSession._iid_batches = call_soon, True


def wake_sender(runtime) -> None:
    """Tell the runtime's sending loop that a session has a message to send, waking it only when it must (the body
    of `Runtime._enqueued_some_message`, installed by `wake_sender_once`).

    Streamlit wakes the loop through its pipe (`call_soon_threadsafe`: a write to the pipe, a read, a turn of the
    loop) for every message enqueued, even when the loop itself enqueues it, as it does for every element once the
    session's events come in batches (`batch_session_events`). Now:
    - the event already set: nothing; the loop clears it before it takes the queues, so it sends this message too;
    - on the loop's own thread: the event is set there and then, without the pipe;
    - on another thread: as Streamlit does.

    The pipe's write is a system call, and the loop's thread gives up the GIL for it; while another session's script
    runs (25 sessions at once), it may wait up to the switch interval (5 ms) to have it back, once per message.
    Measured, 25 sessions of Ringkasan at once against a server without it, side by side, in two runs of 12 and 16
    bursts: p50 0,42 -> 0,35 s and 0,43 -> 0,35 s (lower in 19 of the 28 pairs), first chart 0,28 -> 0,26 s and
    0,29 -> 0,26 s; CPU a session about the same (18,0 and 17,2 ms)."""
    import asyncio

    objs = runtime._get_async_objs()
    event, loop = objs.need_send_data, objs.eventloop
    if event.is_set():
        return
    try:
        running = asyncio.get_running_loop()
    except RuntimeError:
        running = None
    if running is loop:
        event.set()
    else:
        loop.call_soon_threadsafe(event.set)


def wake_sender_once() -> None:
    """The runtime's sending loop is woken once for the messages that come together (`wake_sender`); idempotent.
    Private API of Streamlit 1.67 (`Runtime._enqueued_some_message`, bound into each new session)."""
    from streamlit.runtime.runtime import Runtime

    if getattr(Runtime, "_iid_wakes_once", False):
        return
    Runtime._enqueued_some_message, Runtime._iid_wakes_once = wake_sender, True


TURN_EVERY = 64  # the runtime's loop sends this many messages between its turns at most (send_without_turns)


class TurnsEvery:
    """Streamlit's `asyncio` as its runtime module sees it, but for `sleep(0)`: a turn of the loop only every `every`
    calls (send_without_turns). The rest of asyncio is the real one."""

    def __init__(self, real, every: int = TURN_EVERY) -> None:
        self.real, self.every, self.calls = real, every, 0

    def __getattr__(self, name: str):
        return getattr(self.real, name)

    def sleep(self, delay, result=None):
        if delay == 0:
            self.calls += 1
            if self.calls % self.every:
                return _now(result)
        return self.real.sleep(delay, result)


async def _now(result):
    return result


def send_without_turns(every: int = TURN_EVERY) -> None:
    """The runtime's loop sends the messages it has taken from the sessions' queues one after another, with a turn
    of the event loop every `every` messages rather than after each one (`await asyncio.sleep(0)` in
    `Runtime._loop_coroutine`); idempotent.

    Each turn polls for events (`epoll_wait`) and each message went to the socket in a write of its own: system
    calls, for which the loop's thread gives up the GIL, and while another session's script runs it may wait up to
    the switch interval (5 ms) to have it back. A session's sender (StarletteSessionClient) now finds its messages
    together and writes them in one step, and `cork_websocket_writes` makes that step one write. Streamlit closes a
    session whose sender holds more than 500 messages (WEBSOCKET_MAX_SEND_QUEUE_SIZE); the sender empties its queue
    at every turn, so a turn every 64 keeps far below that. Measured, 25 sessions of Ringkasan at once, four servers
    side by side (16 bursts each): p50 0,39 s without either change, 0,30 s with this one, 0,33 s with the cork
    alone, 0,26 s with both; first chart 0,27 -> 0,23 s with both; CPU a session the same (about 18 ms). Private API
    of Streamlit 1.67 (the `asyncio` its runtime module imported)."""
    from streamlit.runtime import runtime

    if isinstance(runtime.asyncio, TurnsEvery):
        return
    runtime.asyncio = TurnsEvery(runtime.asyncio, every)


HOLD_AT_MOST = 64 * 1024  # a corked transport holds this many bytes at most; asyncio's own high-water mark


class CorkedTransport:
    """A transport whose writes in one step of the event loop go to the socket together, at the start of its next
    turn (`loop.call_soon`): one system call where there were as many as the writes. Once it holds `at_most` bytes
    it writes them at once, so that a browser slow to read still holds the sender back (the transport's high-water
    mark, `pause_writing`) after as much as before. Closing it writes what it holds first; aborting it drops it, as
    the transport's own buffer is dropped. Everything else is the transport's."""

    def __init__(self, transport, loop, at_most: int = HOLD_AT_MOST) -> None:
        self.transport, self.loop, self.at_most = transport, loop, at_most
        self.held: list[bytes] = []
        self.size = 0

    def __getattr__(self, name: str):
        return getattr(self.transport, name)

    def write(self, data) -> None:
        if not data:
            return
        if not self.held:
            self.loop.call_soon(self.flush)
        self.held.append(bytes(data))
        self.size += len(data)
        if self.size >= self.at_most:
            self.flush()

    def flush(self) -> None:
        if not self.held:
            return
        data, self.held, self.size = b"".join(self.held), [], 0
        if not self.transport.is_closing():
            self.transport.write(data)

    def get_write_buffer_size(self) -> int:
        return self.transport.get_write_buffer_size() + self.size

    def close(self) -> None:
        self.flush()
        self.transport.close()

    def abort(self) -> None:
        self.held, self.size = [], 0
        self.transport.abort()


def cork_websocket_writes() -> None:
    """Every websocket connection's writes in one step of the event loop go to its socket in one system call
    (CorkedTransport), so the messages `send_without_turns` hands a session's sender together leave together;
    idempotent; measured with it (`send_without_turns`). Private API of uvicorn 0.54 (`WebSocketsSansIOProtocol`'s
    transport; the protocol Streamlit's server names)."""
    from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol

    made = WebSocketsSansIOProtocol.connection_made
    if getattr(made, "iid_corked", False):
        return

    def connection_made(self, transport) -> None:
        made(self, transport)
        self.transport = CorkedTransport(self.transport, self.loop)

    connection_made.iid_corked = True
    connection_made.__wrapped__ = made
    WebSocketsSansIOProtocol.connection_made = connection_made


def in_a_server() -> bool:
    """Whether a Streamlit server runs this process. AppTest puts a mock in the Runtime's place while it runs a
    script (`Runtime.exists()` is then true too): the heap's changes below stay out of a test process, where a
    collector thread started by app.py's first AppTest run ran for the rest of the tests."""
    from unittest.mock import NonCallableMock

    from streamlit.runtime import Runtime

    return Runtime.exists() and not isinstance(Runtime.instance(), NonCallableMock)


class HeapFreeze:
    """Once, after the process's first script run: collect the garbage, then freeze what is left (`gc.freeze`), so
    Python's full collections no longer walk the heap that lives as long as the server (Streamlit, pandas, Plotly,
    the app's modules, the first page's caches).

    With `runner.postScriptGC` off (.streamlit/config.toml), Python collects on its own, and a full collection walked
    all of that heap, nothing else running meanwhile. Measured with gc.callbacks on this machine, 8 bursts of 25
    fresh sessions of Ringkasan after 3 warm-up visits: three full collections of 83, 117 and 157 ms before; 29, 55
    and 42 ms frozen (145.000 objects frozen; what comes after is about 50.000). A burst that met one waited for it.
    Sessions' cyclic garbage is still collected; what was alive at the freeze (the first session's own objects) is
    never collected as a cycle, once. `IID_FREEZE_HEAP=0` leaves the heap as Python keeps it: a switch for
    measuring, not a setting for users."""

    def __init__(self) -> None:
        import threading

        self.lock = threading.Lock()
        self.done = False

    def settle(self) -> None:
        import gc

        with self.lock:
            if self.done:
                return
            self.done = True
        gc.collect()
        gc.freeze()

    def wrap(self, run_script):
        """`run_script(self, rerun_data)` that settles the heap after it, however it ends, the first time a server
        runs it (not in AppTest's runs, which have no server: a test process's heap stays as Python keeps it)."""

        def run(runner, rerun_data) -> None:
            try:
                run_script(runner, rerun_data)
            finally:
                if not self.done and in_a_server():
                    self.settle()

        return run


def freeze_heap_after_first_run() -> None:
    """The process's first script run ends with the heap frozen (HeapFreeze); idempotent. Private API of Streamlit
    1.67 (`ScriptRunner._run_script`)."""
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

    if getattr(ScriptRunner, "_iid_heap_freeze", None) is not None or os.environ.get("IID_FREEZE_HEAP", "1") == "0":
        return
    freeze = HeapFreeze()
    ScriptRunner._run_script = freeze.wrap(ScriptRunner._run_script)
    ScriptRunner._iid_heap_freeze = freeze


QUIET_S = 1.0  # a full collection waits for this long without a script run (QuietCollector)
LONGEST_DEFER_S = 60.0  # ... or, under load that never pauses, this long at most
GROWTH = 0.25  # as Python's own rule (its old generation by a quarter): a full collection once the heap has grown so
TICK_S = 0.25  # how often the collector looks


class QuietCollector:
    """Python's full garbage collections moved to a quiet moment of the server (no script run for `QUIET_S`), not
    in the middle of someone's page.

    A full collection walks every object the server keeps that is not frozen (HeapFreeze), and what the server keeps
    grows with the regions people open: every cached figure is thousands of Plotly objects. In a run of
    `bench/run.py --only interactions,concurrency` (gc.callbacks) the full collections grew from 13 to 378 ms as the
    regions' caches filled, 19 of them in the section, and a burst of 25 sessions that met one waited for it (burst
    medians of the same page 0,20-0,23 s, and 0,40-0,68 s with a collection in them). Python starts a full
    collection when the old generation has grown by a quarter since the last one, wherever that happens. Here a
    like rule (the heap's blocks grown by a quarter, QuietCollector.size) is checked in a thread of its own, and the
    collection runs once no run has gone on for `QUIET_S`;
    under load with no such pause it runs `LONGEST_DEFER_S` late at most. The young generations are collected as
    before. Four runs of `bench/run.py --only concurrency`, alternating (Ringkasan of one region, whole page p50 ÷
    the floor's): 25 sessions 1,82× and 1,93× against 2,59× and 2,11× with Python's timing; 50 sessions 2,07× and
    1,96× against 2,98× and 3,26×. `IID_QUIET_GC=0` leaves Python's own timing: a switch for measuring, not a
    setting for users."""

    DEFERRED = 1 << 30  # the old generation's threshold while this collector decides

    def __init__(self, quiet_s=QUIET_S, longest_s=LONGEST_DEFER_S, growth=GROWTH, tick_s=TICK_S, clock=None):
        import threading
        import time

        self.quiet_s, self.longest_s, self.growth, self.tick_s = quiet_s, longest_s, growth, tick_s
        self.clock = clock or time.monotonic
        self.lock = threading.Lock()
        self.running = 0  # script runs going on or waiting for their turn
        self.last_end = self.last_full = self.clock()
        self.old = 0  # the heap's size (QuietCollector.size) after the last full collection
        self.seen = -1  # gc.get_count()[2] when the old generation was last measured
        self.started = False
        self.stopped = threading.Event()
        self.saved: tuple[int, int, int] | None = None

    def start(self) -> None:
        """Once, in a server: Python stops starting full collections, and the thread that decides them starts."""
        import gc
        import threading

        with self.lock:
            if self.started:
                return
            self.started = True
        self.saved = gc.get_threshold()
        gc.set_threshold(self.saved[0], self.saved[1], self.DEFERRED)
        threading.Thread(target=self._watch, name="iid-quiet-gc", daemon=True).start()

    def stop(self) -> None:
        """Python's own thresholds back, the thread ends (the tests)."""
        import gc

        self.stopped.set()
        if self.saved is not None:
            gc.set_threshold(*self.saved)

    @staticmethod
    def size() -> int:
        """The heap's size: the memory blocks Python's allocator has handed out (a count it keeps, nothing walked).

        Not the old generation's objects (`gc.get_objects(generation=2)`): that list, made in this thread, holds a
        reference to every old object for as long as it lives, and a tuple another thread is building from a
        generator (pandas does, `tuple(blocks)`) may be one of them; Python then fails that thread's
        `_PyTuple_Resize` ("SystemError: bad argument to internal function"). Seen once in the tests' process, where
        app.py's AppTest runs had started this collector (see in_a_server): a pandas `set_index` failed so."""
        import sys

        return sys.getallocatedblocks()

    def grown(self) -> bool:
        """Whether the heap has grown by `growth` since the last full collection. Measured only when Python has
        moved objects into the old generation since the last look."""
        import gc

        moved = gc.get_count()[2]
        if moved == 0 or moved == self.seen:
            return False
        self.seen = moved
        return self.size() - self.old > self.growth * self.old

    def due(self) -> bool:
        """A full collection now: the heap has grown, and the server is quiet or has waited too long
        (not grown then: the next look under load is `longest_s` later, not every tick)."""
        now = self.clock()
        with self.lock:
            quiet = self.running == 0 and now - self.last_end >= self.quiet_s
        overdue = now - self.last_full >= self.longest_s
        if not (quiet or overdue):
            return False
        if self.grown():
            return True
        if overdue:
            self.last_full = now
        return False

    def collect(self) -> None:
        import gc

        gc.collect()
        self.old, self.seen = self.size(), gc.get_count()[2]
        self.last_full = self.clock()

    def _watch(self) -> None:
        try:
            while not self.stopped.wait(self.tick_s):
                if self.due():
                    self.collect()
        except Exception:  # noqa: BLE001 - whatever went wrong, Python collects on its own again
            self.stop()
            raise

    def wrap(self, run_script):
        """`run_script(self, rerun_data)` counted as a run going on (from before it waits for its turn); the first
        run in a server starts the collector (AppTest's runs have no server: Python's own timing stays)."""

        def run(runner, rerun_data) -> None:
            if not self.started and in_a_server():
                self.start()
            with self.lock:
                self.running += 1
            try:
                run_script(runner, rerun_data)
            finally:
                with self.lock:
                    self.running -= 1
                    self.last_end = self.clock()

        return run


def collect_when_quiet() -> None:
    """Full collections in the server's quiet moments (QuietCollector); idempotent. Installed after take_turns, so a
    run waiting for its turn counts as going on. Private API of Streamlit 1.67 (`ScriptRunner._run_script`)."""
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

    if getattr(ScriptRunner, "_iid_quiet_gc", None) is not None or os.environ.get("IID_QUIET_GC", "1") == "0":
        return
    collector = QuietCollector()
    ScriptRunner._run_script = collector.wrap(ScriptRunner._run_script)
    ScriptRunner._iid_quiet_gc = collector


def send_small_writes_at_once() -> None:
    """Every TCP connection the server accepts sends its writes at once (TCP_NODELAY), as asyncio means it to;
    idempotent.

    asyncio turns Nagle's algorithm off for a TCP transport only when its socket says IPPROTO_TCP, and a socket made
    with `socket.socket(AF_INET, SOCK_STREAM)` (uvicorn's, under Streamlit's server) says 0: Nagle stayed on. After a
    page's large message (a chart's 12 KB) the small ones behind it waited for the browser's acknowledgement, which
    Linux delays 40 ms. Seen with strace: the server wrote Ringkasan's first run in 12 ms, its client read the chart
    at once and the 20 messages after it 43 ms later; the rest's run the same. This sets the option for such sockets
    too (TCP is protocol 0 or IPPROTO_TCP there). One session at a time (websocket client, 10 visits each, median),
    whole page before and after: Ringkasan 99 -> 20 ms, Target 107 -> 37 ms, Bandingkan 49 -> 14 ms. In a browser,
    first chart / the stock floor's in a run of bench/run.py before and one after: Ringkasan 1,20 -> 1,09, Target
    1,31 -> 1,15, Portofolio 1,27 -> 1,16 (the stock floor keeps Nagle: against the floor served like the app,
    1,24-1,32). Private API of Python 3.11's asyncio (`base_events._set_nodelay`, called for every new TCP
    transport). tests/test_serve.py checks an accepted connection."""
    import socket
    from asyncio import base_events

    if getattr(base_events._set_nodelay, "iid_any_tcp", False) or not hasattr(socket, "TCP_NODELAY"):
        return

    def set_nodelay(sock) -> None:
        if (
            sock.family in (socket.AF_INET, socket.AF_INET6)
            and sock.type == socket.SOCK_STREAM
            and sock.proto in (0, socket.IPPROTO_TCP)
        ):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    set_nodelay.iid_any_tcp = True
    set_nodelay.__wrapped__ = base_events._set_nodelay
    base_events._set_nodelay = set_nodelay


def patch_streamlit() -> None:
    """This app's changes to Streamlit's server (above); idempotent. `main` installs them before the server starts,
    and app.py on its first run, so a plain `streamlit run app.py` has them too."""
    keep_compiled_scripts()
    keep_made_downloads()
    take_turns()
    serve_static_files()
    reuse_theme_messages()
    batch_session_events()
    wake_sender_once()
    send_without_turns()
    cork_websocket_writes()
    freeze_heap_after_first_run()
    collect_when_quiet()
    send_small_writes_at_once()


def main(argv: list[str] | None = None, script: str = "app.py") -> int:
    """`streamlit run <script>` with this app's changes to the server; script: the app, or the benchmark's floor
    served the same way (bench/run.py)."""
    from streamlit.web import cli  # imported here: Server below needs no Streamlit

    patch_streamlit()
    if LEGACY_PAGES.is_dir():
        from streamlit.runtime.pages_manager import PagesManager

        PagesManager.uses_pages_directory = False  # private; goes once the page folder has another name
    sys.argv = ["streamlit", "run", script, *(argv if argv is not None else sys.argv[1:])]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main())


class Server:
    """The app on a free loopback port in a child process (browser tests, the benchmark); a context manager."""

    # how the child starts the app: through this launcher (as `make run` does), or Streamlit's own command
    LAUNCHER = ["-m", "iid.serve"]
    PLAIN = ["-m", "streamlit", "run", "app.py"]

    def __init__(
        self,
        db_path: str,
        timeout: float = 60.0,
        command: list[str] | None = None,
        address: str = "127.0.0.1",
        env: dict[str, str] | None = None,
    ) -> None:
        self.db_path, self.timeout, self.env = db_path, timeout, env or {}
        self.command = command or self.LAUNCHER
        self.address = address  # 0.0.0.0: every interface (the read-only network default); still polled on loopback

    def __enter__(self) -> str:
        import socket
        import subprocess
        import time
        import urllib.request

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        self.proc = subprocess.Popen(
            [
                sys.executable,
                *self.command,
                "--server.headless",
                "true",
                "--server.port",
                str(port),
                "--server.address",
                self.address,
                "--browser.gatherUsageStats",
                "false",
            ],
            cwd=ROOT,
            env={**os.environ, **self.env, "IID_DB": str(self.db_path)},
            stdout=self._log(),
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return url
            except OSError:
                time.sleep(0.3)
        self.proc.kill()
        self.log.seek(0)
        raise RuntimeError("the app did not start: " + self.log.read().decode(errors="replace"))

    def _log(self):
        """The child's output goes to a file, never a pipe nobody reads (a full pipe would stall the server)."""
        import tempfile

        self.log = tempfile.TemporaryFile()
        return self.log

    def __exit__(self, *exc: object) -> None:
        import subprocess

        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()
