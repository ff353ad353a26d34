"""What a user waits for, measured on the live server against a one-chart Streamlit page; one JSON object on stdout.

Run with `make bench` (or `.venv/bin/python bench/run.py`); `--quick` for a smoke run, `--only pages,register` for
some sections, `--big` adds the register of 1.000.000 innovations. Progress goes to stderr. Every figure is
measured in this run, side by side with its floor, so a ratio never mixes two runs or two machines. A figure is
{"p50", "p10", "p90", "n"} (median and spread over n repetitions; concurrency gives p50, p95 and max over the
sessions). Times are seconds ("_s"), server CPU milliseconds ("_ms").

The floor (bench/floor_app.py) is a Streamlit page holding one small Plotly line chart, started exactly like the
app (iid/serve.py `Server`: a child process in the project folder, so the same .streamlit/config.toml applies).
The pages section also loads a second reference, the floor behind navigation (bench/floor_nav_app.py: the same chart
on the first of eight st.navigation pages with a sidebar of four widgets, as the app's pages have): its ratio to the
floor is what Streamlit's navigation and sidebar cost before a page draws anything. And a third, the floor served
like the app (the same bench/floor_app.py through iid/serve.py's launcher, with the app's changes to Streamlit's
server: its static files from memory, the chart script preloaded, runs taking turns): the app's figures over this
one are what the app's pages cost beyond a one-chart page when both get the same server.
Both servers are warm (each page loaded once before it is measured) unless a figure says "cold".

- build: `python -m iid build` of the shipped data/ in a child process: wall time and the child's peak memory.
- pages.<page>: each page in a fresh Chromium context (Debian's /usr/bin/chromium, 1280×720), as a first visit:
  first_chart_s: from navigation to the first `.js-plotly-plot .main-svg` in the document (the page's first chart
    drawn; null for a page whose first screen has no chart: /inovasi's Register tab, /data, /presentasi's title);
  script_finished_s: from navigation until the browser has received the end of the page's run (`script_finished`);
  page_done_s: until the browser has received the end of the page's rest too (a long page's rest runs once the
    browser has drawn its first chart: iid/ui.py `after_first_chart`; other pages: script_finished_s);
  chart_before_rest: per round, whether the first chart was drawn before the rest's run ended (null: no rest waits);
  cpu_ms_load: the server process's CPU time (all its threads) over one such load, static files included;
  cpu_ms_run: the server's CPU time per run of the page's script alone (bench/wsclient.py, no static files);
  cpu_ms_files: the server's CPU time to answer, once more, every HTTP request of one such load (the page, its
    scripts, styles and fonts), one after another: the part of cpu_ms_load that is not script runs; files: how many;
  *_ratio: the page's median over the floor's median, measured in the same rounds (pages and floor alternate);
  first_chart_ratio_rounds: the spread of the same ratio taken round by round (page over the floor of its round):
    how much of a ratio near a limit is the machine's noise;
  first_chart_ratio_to_nav_floor: the same over the floor behind navigation (what the page adds to Streamlit's own);
  *_ratio_to_served_floor: first chart and CPU per load over the floor served like the app (the same server);
  deltas/charts/exceptions: what one run sends (an exception means the page is broken, whatever its speed).
- interactions.<name>: one visit, then gestures one after another (the first warms up and is not counted), each
  asking for something new as a user would: add one more region on /bandingkan, type another target value on
  /target, type another what-if level in the indicator grid on /target, move to the next screen of the story on
  /presentasi (its Next button, forward to the end, then back). changed_s: from the gesture until the screen shows its
  result (the added region in the first chart, the new gap to the target, the new what-if score, the next screen's
  caption), stamped in the page by a MutationObserver; done_s: until the run it started has finished; cpu_ms: the
  server's CPU time for it. The floor's gesture is a number input that redraws the floor's chart.
- concurrency.<case>.<n>: n sessions open at the same moment (bench/wsclient.py speaks Streamlit's websocket
  protocol: one rerun_script, then every ForwardMsg until script_finished, as a browser's first run, and for a long
  page the run of its rest that a browser asks for once the first chart is drawn, here as soon as the first run ends:
  the most the rests can crowd the other sessions' first runs); session_s: seconds per session from connect to its
  finished runs; first_chart_s: from connect to the first Plotly chart received (what a person sees first). Above
  one session each level is 7 bursts (quick: 1; the cold case 3), the cases taking turns round after round; p50 and p95 are the
  medians over the bursts of each burst's own, burst_p50s every burst's p50 (they swing by half from one burst to the
  next on this shared machine), max the worst session of all. Cases: the floor; floor_served, the floor through the
  app's launcher (its changes to Streamlit's server, TCP_NODELAY among them: ratio_to_served_floor_p50 is what the
  page adds to the same server); Ringkasan for one region (all
  sessions alike); Ringkasan with every session on a region no session asked before (cold caches); and ringkasan_one_region_all_at_once, the
  same as the second on a server started with IID_SCRIPT_SLOTS=0, where every run goes at once as in plain Streamlit
  (the app takes turns, one run at a time: iid/serve.py take_turns). full_runs counts sessions that received
  as many elements as a lone run and a chart; cpu_ms_per_session is the server's CPU over the burst divided by n.
- register.<size>: a data folder whose register holds the shipped sample (1x: 360 innovations in three cities) or N
  generated innovations spread over the autonomous regions (iid.register_sample.big_data_folder, the generator behind
  `python -m iid sample --innovations N`); its build in a child
  process (wall time, peak memory); then /inovasi for Kota Bontang, per tab on one server: cold_cpu_ms_run is the
  first run after Streamlit's caches were cleared (the "Clear cache" BackMsg empties st.cache_data and
  st.cache_resource, so the database is opened again; Python imports stay warm), cpu_ms_run the
  warm runs, bytes_run what one run sends over the websocket; a tab with charts is also visited in Chromium, cold
  and warm (first chart, script finished, CPU per load). --big adds 1.000.000 innovations (about 2 minutes more).
- cluster.<servers>_servers.<n>: n sessions at once (the websocket client above, Ringkasan for one region, warm)
  through nginx (deploy/nginx/iid.conf.in, iid/cluster.py) in front of 1 and of 2 app servers, each with its own
  copy of the database: first_chart_s (connect to the first Plotly chart received) and session_s p50/p95/max,
  errors, and sessions_per_server (from nginx's log: each session without a cookie gets a random route). Both
  cases go through nginx, so the second server is the only difference. Levels 10 and 50 (quick: 10).
- imports: preview and write of every region's scores (about 2.700 rows) and of a year of indicator levels,
  then their undo, in process on an in-memory database (what /data does after the user confirms).
- exports: a chart image (PNG 1920×1080 and SVG) on a warm renderer, and the PowerPoint deck of one region.

Not measured any more, because they misled: AppTest reruns (it re-parses scripts and skips the server's per-run
work) against an empty script; "DuckDB vs pandas" against a table precomputed at build time; the what-if formula
alone (a user waits for the browser round trip, measured under interactions); a 10× scale made of copied regions.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
for p in (ROOT, BENCH):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

DATA = ROOT / "data"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 720}
CHART = ".js-plotly-plot .main-svg"
NOT_RUNNING = "[data-testid=stApp][data-test-script-state=notRunning]"
TIMEOUT_MS = 120_000
GESTURE_TIMEOUT_MS = 30_000  # a gesture whose result never shows is an error, not a figure
SECTIONS = ("build", "pages", "interactions", "concurrency", "register", "cluster", "imports", "exports", "store")

# (name, url path, query): the pages a planner opens, on regions that have every kind of data
PAGES = [
    ("ringkasan", "", "r=64.74"),
    ("bandingkan", "bandingkan", "r=64.74,61.71"),
    ("tren", "tren", "r=64.74"),
    ("target", "target", "r=65"),
    ("inovasi", "inovasi", "r=64.74"),
    ("inovasi_portofolio", "inovasi", "r=64.74&itab=Portofolio"),
    ("data", "data", ""),
    ("presentasi", "presentasi", "r=65"),
]
REGISTER_TABS = ("Register", "Komitmen", "Portofolio", "Dampak ke skor")
REGISTER_REGION = "64.74"


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- figures


def _quantile(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    pos = q * (len(xs) - 1)
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def spread(xs: list[float | None], digits: int = 3) -> dict | None:
    """Median and spread of repeated measurements: {"p50", "p10", "p90", "n"}; None when nothing was measured."""
    xs = [x for x in xs if x is not None]
    if not xs:
        return None
    return {
        "p50": round(statistics.median(xs), digits),
        "p10": round(_quantile(xs, 0.1), digits),
        "p90": round(_quantile(xs, 0.9), digits),
        "n": len(xs),
    }


def tail(xs: list[float], digits: int = 3) -> dict | None:
    """Median, 95th percentile and worst of one burst of sessions."""
    if not xs:
        return None
    return {
        "p50": round(statistics.median(xs), digits),
        "p95": round(_quantile(xs, 0.95), digits),
        "max": round(max(xs), digits),
        "n": len(xs),
    }


def ratio(a: dict | None, b: dict | None) -> float | None:
    """Ratio of two figures' medians (ours over the floor's)."""
    if not a or not b or not b.get("p50"):
        return None
    return round(a["p50"] / b["p50"], 2)


def paired_ratios(ours: list[float | None], floors: list[float | None]) -> dict | None:
    """The spread of ratios taken round by round (each round loads the floor and then the page, so both meet the
    same moment of a shared machine): how far one round's ratio strays from the ratio of the medians. A round where
    either was not measured is left out."""
    return spread([a / b for a, b in zip(ours, floors, strict=True) if a is not None and b], 2)


# ---------------------------------------------------------------- processes


def _cpu_clock(pid: int) -> int:
    """The CLOCK_PROCESS_CPUTIME_ID of another process (Linux: ((~pid) << 3) | CPUCLOCK_SCHED)."""
    return ((~pid) << 3) | 2


def cpu_seconds(pid: int) -> float:
    """CPU time of a process, all its threads, including threads that have ended (nanosecond resolution)."""
    try:
        return time.clock_gettime(_cpu_clock(pid))
    except OSError:  # fall back to clock ticks
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def memory_mb(pid: int) -> dict[str, float]:
    """Resident memory of a process now and at its peak."""
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out["rss_mb" if key == "VmRSS" else "peak_rss_mb"] = round(int(value.split()[0]) / 1024, 1)
    return out


class Served:
    """The app (or the floor) on a free port, started like the app's own server (iid/serve.py `Server`)."""

    FLOOR = ["-m", "streamlit", "run", str(Path("bench") / "floor_app.py")]  # run from the project folder
    FLOOR_NAV = ["-m", "streamlit", "run", str(Path("bench") / "floor_nav_app.py")]
    # the floor through the app's launcher: the same page, the app's changes to Streamlit's server
    FLOOR_SERVED = ["-c", "import sys; from iid.serve import main; sys.exit(main(script='bench/floor_app.py'))"]

    def __init__(
        self, db: Path, floor: bool = False, nav: bool = False, env: dict[str, str] | None = None, served: bool = False
    ) -> None:
        from iid.serve import Server

        self.name = ("floor_nav" if nav else "floor_served" if served else "floor") if floor else "app"
        self.stopped = False
        command = (self.FLOOR_NAV if nav else self.FLOOR_SERVED if served else self.FLOOR) if floor else None
        self.server = Server(str(db), timeout=120, command=command, env=env)

    def __enter__(self) -> Served:
        t0 = time.perf_counter()
        self.url = self.server.__enter__()
        self.pid = self.server.proc.pid
        self.start_s = time.perf_counter() - t0
        return self

    def __exit__(self, *exc: object) -> None:
        if not self.stopped:
            self.stopped = True
            self.server.__exit__(*exc)

    def cpu(self) -> float:
        return cpu_seconds(self.pid)

    def memory(self) -> dict[str, float]:
        return memory_mb(self.pid)


def ws_runs(server: Served, page: str, query: str, n: int) -> tuple[list, list[float]]:
    """n runs of a page through the websocket client, one after another; the loads and the server CPU (ms) of each."""
    import wsclient

    loads, cpu = [], []
    for _ in range(n):
        c0 = server.cpu()
        loads.append(wsclient.load_sync(server.url, page, query))
        cpu.append((server.cpu() - c0) * 1000)
    return loads, cpu


# ---------------------------------------------------------------- the browser


# Stamps, in the page, the moment the first chart's SVG is in the document (epoch ms, like time.time()).
FIRST_CHART_JS = """
(() => {
  const b = (window.__bench = { chart: null });
  const obs = new MutationObserver(() => {
    if (b.chart === null && document.querySelector('.js-plotly-plot .main-svg')) {
      b.chart = performance.timeOrigin + performance.now();
      obs.disconnect();
    }
  });
  obs.observe(document, { subtree: true, childList: true });
})();
"""


class Watch:
    """What the browser receives on the app's websocket: runs started and finished (with their times), bytes."""

    def __init__(self, page) -> None:
        self.finished: list[float] = []
        self.rest_finished: list[float] = []  # runs of a long page's rest (a fragment), once the chart is drawn
        self.ended: list[float] = []  # every run that ended well, the page's or its rest's, in order
        self.runs = self.deltas = self.charts = self.exceptions = self.bytes = self.waits = 0
        page.on("websocket", lambda ws: ws.on("framereceived", self._frame))

    def _frame(self, payload) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
        from wsclient import AFTER_CHART

        if isinstance(payload, str):
            return
        now = time.time()
        self.bytes += len(payload)
        msg = ForwardMsg()
        msg.ParseFromString(payload)
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            self.runs += 1
        elif kind == "delta":
            self.deltas += 1
            el = msg.delta.new_element.WhichOneof("type") if msg.delta.WhichOneof("type") == "new_element" else None
            self.charts += el == "plotly_chart"
            self.exceptions += el == "exception"
            self.waits += el == "bidi_component" and msg.delta.new_element.bidi_component.id.endswith(AFTER_CHART)
        elif kind == "script_finished" and msg.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
            self.finished.append(now)
            self.ended.append(now)
        elif kind == "script_finished" and msg.script_finished == ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY:
            self.rest_finished.append(now)
            self.ended.append(now)

    def wait_finished(
        self, page, count: int, runs: list[float] | None = None, timeout_s: float = TIMEOUT_MS / 1000
    ) -> float:
        """Wait until `count` of `runs` have finished (default: the page's runs; `rest_finished`: its rest's; `ended`:
        either); when the last of them reached the browser (epoch seconds)."""
        runs = self.finished if runs is None else runs
        deadline = time.time() + timeout_s
        while len(runs) < count:
            if time.time() > deadline:
                raise TimeoutError(f"run {count} did not finish within {timeout_s:.0f} s")
            page.wait_for_timeout(5)
        return runs[count - 1]


class Browser:
    """Debian's Chromium through Playwright; every visit in a fresh context (no cache, no cookies)."""

    def __enter__(self) -> Browser:
        from playwright.sync_api import sync_playwright

        self.pw = sync_playwright().start()
        self.browser = self.pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        return self

    def __exit__(self, *exc: object) -> None:
        self.browser.close()
        self.pw.stop()

    @contextlib.contextmanager
    def visit(self) -> Iterator[tuple]:
        ctx = self.browser.new_context(viewport=VIEWPORT, locale="id-ID", timezone_id="Asia/Jakarta")
        ctx.add_init_script(FIRST_CHART_JS)
        page = ctx.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        try:
            yield page, Watch(page)
        finally:
            ctx.close()

    def load(self, server: Served, path: str, query: str) -> dict:
        """One first visit: first chart drawn and script finished (seconds from navigation), server CPU, bytes."""
        url = f"{server.url}/{path}" + (f"?{query}" if query else "")
        c0 = server.cpu()
        with self.visit() as (page, watch):
            files: list[str] = []  # every file the page asked the server for over HTTP (not its websocket)
            page.on("request", lambda r: files.append(r.url) if r.url.startswith(server.url) else None)
            t0 = time.time()
            page.goto(url, wait_until="commit")
            done = watch.wait_finished(page, 1)
            page.wait_for_selector(NOT_RUNNING, state="attached")
            chart = None
            if watch.charts:
                page.wait_for_selector(CHART, state="attached")
                chart = page.evaluate("window.__bench.chart") / 1000 - t0
            rest = watch.wait_finished(page, 1, watch.rest_finished) if watch.waits else done
            out = {
                "first_chart_s": chart,
                "script_finished_s": done - t0,
                "page_done_s": rest - t0,
                "chart_before_rest": None if chart is None or not watch.waits else chart < rest - t0,
                "bytes": watch.bytes,
                "runs": watch.runs,
                "deltas": watch.deltas,
                "charts": watch.charts,
                "exceptions": watch.exceptions,
                "files": files,
            }
        out["cpu_ms"] = (server.cpu() - c0) * 1000
        return out


def files_cpu(server: Served, urls: list[str], reps: int) -> list[float]:
    """The server's CPU (ms) to answer one visit's HTTP requests again (urls: what a fresh browser asked for), one
    request after another, reps times: the part of a fresh visit's CPU that is not the page's script runs."""
    import urllib.request

    out = []
    for _ in range(reps):
        c0 = server.cpu()
        for url in urls:
            try:
                with urllib.request.urlopen(url, timeout=30) as r:
                    r.read()
            except OSError:
                pass  # a 404 (a page's relative health check) still costs the server its answer
        out.append((server.cpu() - c0) * 1000)
    return out


# ---------------------------------------------------------------- sections


def build_database(data_dir: Path, db: Path) -> dict:
    """`python -m iid build --from data_dir` into db, in a child process: wall time and the child's peak memory."""
    env = {**os.environ, "IID_DB": str(db)}
    with tempfile.TemporaryFile() as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "iid", "build", "--from", str(data_dir)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            out.seek(0)
            raise RuntimeError(f"build failed ({proc.returncode}): {out.read().decode(errors='replace')[-2000:]}")
    return {"wall_s": round(seconds, 2), "peak_rss_mb": round(usage.ru_maxrss / 1024, 1)}


def measure_pages(
    app: Served,
    floor: Served,
    browser: Browser,
    reps: int,
    floor_nav: Served | None = None,
    floor_served: Served | None = None,
) -> dict:
    """Each page and the floors, first visits in fresh contexts, alternating so all see the same machine."""
    targets = [("floor", floor, "", "")] + ([("floor_nav", floor_nav, "", "")] if floor_nav else [])
    targets += [("floor_served", floor_served, "", "")] if floor_served else []
    targets += [(name, app, path, q) for name, path, q in PAGES]
    log("pages: warming")
    browser.load(floor, "", "")  # Chromium itself and the static files
    for _, server, path, q in targets:  # the servers' caches and imports: one run of each page
        ws_runs(server, path, q, 1)
    loads: dict[str, list[dict]] = {name: [] for name, *_ in targets}
    for i in range(reps):
        log(f"pages: round {i + 1}/{reps}")
        for name, server, path, q in targets:
            loads[name].append(browser.load(server, path, q))
    files = {name: files_cpu(server, loads[name][-1]["files"], reps) for name, server, *_ in targets}
    runs: dict[str, tuple] = {}
    for _ in range(reps):
        for name, server, path, q in targets:
            got, cpu = ws_runs(server, path, q, 2)
            prev = runs.setdefault(name, ([], []))
            prev[0].extend(got)
            prev[1].extend(cpu)
    out: dict[str, dict] = {}
    for name, *_ in targets:
        ls, (wl, wcpu) = loads[name], runs[name]
        out[name] = {
            "first_chart_s": spread([x["first_chart_s"] for x in ls]),
            "script_finished_s": spread([x["script_finished_s"] for x in ls]),
            "page_done_s": spread([x["page_done_s"] for x in ls]),
            "chart_before_rest": [x["chart_before_rest"] for x in ls],
            "cpu_ms_load": spread([x["cpu_ms"] for x in ls], 1),
            "cpu_ms_run": spread(wcpu, 1),
            "cpu_ms_files": spread(files[name], 1),
            "files": len(ls[-1]["files"]),
            "ws_seconds_run": spread([x.seconds for x in wl]),
            "bytes": ls[-1]["bytes"],
            "deltas": ls[-1]["deltas"],
            "ws_deltas": wl[-1].deltas,
            "charts": ls[-1]["charts"],
            "runs_per_visit": max(x["runs"] for x in ls),
            "exceptions": max(x["exceptions"] for x in ls) + max(x.exceptions for x in wl),
            "ws_errors": sum(x.error is not None for x in wl),
        }
    base = out["floor"]
    for name, fig in out.items():
        if name == "floor":
            continue
        fig["first_chart_ratio"] = ratio(fig["first_chart_s"], base["first_chart_s"])
        fig["first_chart_ratio_rounds"] = paired_ratios(
            [x["first_chart_s"] for x in loads[name]], [x["first_chart_s"] for x in loads["floor"]]
        )
        fig["script_finished_ratio"] = ratio(fig["script_finished_s"], base["script_finished_s"])
        fig["page_done_ratio"] = ratio(fig["page_done_s"], base["page_done_s"])
        fig["cpu_load_ratio"] = ratio(fig["cpu_ms_load"], base["cpu_ms_load"])
        fig["cpu_run_ratio"] = ratio(fig["cpu_ms_run"], base["cpu_ms_run"])
        fig["cpu_files_ratio"] = ratio(fig["cpu_ms_files"], base["cpu_ms_files"])
        if "floor_nav" in out and name != "floor_nav":
            fig["first_chart_ratio_to_nav_floor"] = ratio(fig["first_chart_s"], out["floor_nav"]["first_chart_s"])
        if "floor_served" in out and not name.startswith("floor"):
            served = out["floor_served"]
            fig["first_chart_ratio_to_served_floor"] = ratio(fig["first_chart_s"], served["first_chart_s"])
            fig["cpu_load_ratio_to_served_floor"] = ratio(fig["cpu_ms_load"], served["cpu_ms_load"])
    out["server_memory"] = {"app": app.memory(), "floor": floor.memory()}
    out["server_start_s"] = {"app": round(app.start_s, 2), "floor": round(floor.start_s, 2)}
    return out


# Interactions. Each gesture returns (act, changed): act is what the user does (timed from its start), changed a
# JavaScript condition that holds once the screen shows the result. A MutationObserver in the page stamps the moment
# the condition first holds, so the figure carries no polling delay of the test driver.

ARM_JS = """
(cond) => {
  const holds = new Function('return (' + cond + ');');
  if (holds()) return false;
  window.__changed = null;
  const obs = new MutationObserver(() => {
    let ok = false;
    try { ok = holds(); } catch (e) {}
    if (ok && window.__changed === null) {
      window.__changed = performance.timeOrigin + performance.now();
      obs.disconnect();
    }
  });
  obs.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  return true;
}
"""


def _js(x: object) -> str:
    return json.dumps(x, ensure_ascii=False)


def _chart_shows(text: str) -> str:
    # spaces ignored: a long category name is drawn in lines (charts.for_screens), one text element per line
    squeezed = _js("".join(text.split()))
    return f"(document.querySelector('.js-plotly-plot')?.textContent || '').replace(/\\s+/g, '').includes({squeezed})"


def _metric_is_not(label: str, before: str) -> str:
    return (
        "(() => { const m = [...document.querySelectorAll('[data-testid=stMetric]')]"
        f".find(e => e.textContent.includes({_js(label)}));"
        " const v = m && m.querySelector('[data-testid=stMetricValue]');"
        f" return !!v && v.textContent.trim() !== {_js(before)}; }})()"
    )


def _metric_value(page, label: str):
    return page.get_by_test_id("stMetric").filter(has_text=label).get_by_test_id("stMetricValue")


def _floor_input(page, i: int) -> tuple[Callable, str]:
    box = page.get_by_label("k")
    box.fill(str(i + 2))
    return (lambda: box.press("Enter")), _chart_shows(f"Floor × {i + 2}")


# regions a planner adds on /bandingkan, one more each time: (what they type, the option, the name in the chart)
ADDED = [
    ("pangkal", "19.71", "Kota Pangkal Pinang"),
    ("balikpapan", "64.71", "Kota Balikpapan"),
    ("samarinda", "64.72", "Kota Samarinda"),
    ("tarakan", "65.71", "Kota Tarakan"),
    ("banjarmasin", "63.71", "Kota Banjarmasin"),
    ("palangkaraya", "62.71", "Kota Palangkaraya"),
    ("pekanbaru", "14.71", "Kota Pekanbaru"),
    ("singkawang", "61.72", "Kota Singkawang"),
]


def _add_region(page, i: int) -> tuple[Callable, str]:
    typed, code, name = ADDED[i % len(ADDED)]
    page.get_by_test_id("stMultiSelect").get_by_role("combobox").click()
    page.keyboard.type(typed)
    option = page.get_by_role("option", name=f"{name} ({code})", exact=True)
    option.wait_for()

    def act() -> None:
        option.click()
        page.keyboard.press("Escape")

    return act, _chart_shows(name)


TARGETS = ["95", "70", "80", "90", "75", "85", "60", "99"]


def _change_target(page, i: int) -> tuple[Callable, str]:
    before = _metric_value(page, "Selisih ke target").inner_text().strip()
    box = page.get_by_label("Nilai target")
    box.fill(TARGETS[i % len(TARGETS)])
    return (lambda: box.press("Enter")), _metric_is_not("Selisih ke target", before)


LEVELS = ["0", "3", "1", "2"]  # whole levels: the grid reads what is typed in the browser's locale


def _edit_whatif(page, i: int) -> tuple[Callable, str]:
    before = _metric_value(page, "Skor simulasi").inner_text().strip()
    # the first row's "Level (0–3)" cell of the indicator grid (a canvas): the fourth column, about 540 px in at
    # 1280 px (as tests/e2e/test_target_browser.py does)
    grid = page.get_by_test_id("stDataFrame").first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.dblclick(box["x"] + 540, box["y"] + 53)
    cell = page.locator("#portal .gdg-input")  # the level is text in the reader's format ("1", "1,67")
    cell.wait_for()
    level = LEVELS[i % len(LEVELS)]
    if float((cell.input_value() or "nan").replace(",", ".")) == float(level):
        level = LEVELS[(i + 1) % len(LEVELS)]
    cell.fill(level)
    return (lambda: cell.press("Enter")), _metric_is_not("Skor simulasi", before)


def _move_screen(page, i: int) -> tuple[Callable, str]:
    """Through the story with its Next button: forward to the last screen, then back with Previous, and so on.

    The button, not the arrow key: a key pressed while the page redraws can land on no focused element (seen once
    under heavy load), and a lost gesture would be timed as the wait for the next one."""
    caption = page.get_by_text(re.compile(r"^Layar \d+ dari \d+$"))
    now, total = map(int, re.findall(r"\d+", caption.inner_text()))
    forward = now == 1 or (now < total and not getattr(page, "_bench_back", False))
    page._bench_back = not forward
    button = page.get_by_role("button", name="Berikutnya" if forward else "Sebelumnya")
    button.wait_for()
    then = now + 1 if forward else now - 1
    cond = (
        "[...document.querySelectorAll('[data-testid=stCaptionContainer]')]"
        f".some(e => e.textContent.trim().startsWith({_js(f'Layar {then} dari')}))"
    )
    return button.click, cond


INTERACTIONS = [
    ("floor_number_input", "floor", "", "k=1", _floor_input),
    ("bandingkan_add_region", "app", "bandingkan", "r=64.74,61.71", _add_region),
    ("target_change_target", "app", "target", "r=65", _change_target),
    ("target_edit_whatif_level", "app", "target", "r=64.74", _edit_whatif),
    ("presentasi_move_screen", "app", "presentasi", "r=65&present=1", _move_screen),
]


def interact(browser: Browser, server: Served, path: str, query: str, gesture: Callable, n: int) -> list[dict]:
    """Open the page, then n + 1 gestures one after another (the first warms up and is not counted)."""
    out = []
    with browser.visit() as (page, watch):
        page.goto(f"{server.url}/{path}?{query}", wait_until="commit")
        watch.wait_finished(page, 1)
        page.wait_for_selector(NOT_RUNNING, state="attached")
        if watch.charts:
            page.wait_for_selector(CHART, state="attached")
        if watch.waits:  # a long page's rest, drawn once the chart is
            watch.wait_finished(page, 1, watch.rest_finished)
        for i in range(n + 1):
            act, cond = gesture(page, i)
            page.wait_for_timeout(300)  # let any run started while getting ready show up
            runs = len(watch.ended)
            if not page.evaluate(ARM_JS, cond):
                raise RuntimeError(f"gesture {i}: the screen already shows its result before the gesture")
            c0 = server.cpu()
            t0 = time.time()
            act()
            page.wait_for_function("window.__changed !== null", timeout=GESTURE_TIMEOUT_MS)
            changed = page.evaluate("window.__changed") / 1000
            done = watch.wait_finished(page, runs + 1, watch.ended)  # the page's run, or its rest's (a fragment)
            page.wait_for_selector(NOT_RUNNING, state="attached")
            cpu = (server.cpu() - c0) * 1000
            if i:
                out.append({"changed_s": changed - t0, "done_s": done - t0, "cpu_ms": cpu})
    return out


def measure_interactions(app: Served, floor: Served, browser: Browser, reps: int) -> dict:
    servers = {"app": app, "floor": floor}
    out: dict[str, dict] = {}
    for name, which, path, query, gesture in INTERACTIONS:
        log(f"interactions: {name}")
        try:
            rs = interact(browser, servers[which], path, query, gesture, reps)
            error = None
        except Exception as exc:  # a page changed under the bench: say so, measure the others
            rs, error = [], f"{type(exc).__name__}: {str(exc).splitlines()[0][:300] if str(exc) else ''}"
            log(f"interactions: {name} failed: {error}")
        out[name] = {
            "changed_s": spread([r["changed_s"] for r in rs]),
            "done_s": spread([r["done_s"] for r in rs]),
            "cpu_ms": spread([r["cpu_ms"] for r in rs], 1),
        }
        if error:
            out[name]["error"] = error
    base = out["floor_number_input"]
    for name, fig in out.items():
        if name != "floor_number_input":
            fig["changed_ratio"] = ratio(fig["changed_s"], base["changed_s"])
            fig["cpu_ratio"] = ratio(fig["cpu_ms"], base["cpu_ms"])
    return out


def region_codes(db: Path, skip: set[str]) -> list[str]:
    """Regions with a score, in a fixed shuffled order (each session of the cold case asks for a new one)."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "select distinct region_code from iid_scores order by hash(region_code), region_code"
        ).fetchall()
    finally:
        con.close()
    return [r[0] for r in rows if r[0] not in skip]


def burst(server: Served, targets: list[tuple[str, str]], expect_deltas: int) -> dict:
    """All sessions at once; per-session seconds, errors, whether each got the whole page, server CPU."""
    import wsclient

    c0, t0 = server.cpu(), time.perf_counter()
    loads = wsclient.many_sync(server.url, targets)
    wall, cpu = time.perf_counter() - t0, server.cpu() - c0
    ok = [x for x in loads if x.error is None]
    return {
        "session_s": tail([x.seconds for x in ok]),
        "first_chart_s": tail([x.first_chart_s for x in ok if x.first_chart_s is not None]),
        "errors": len(loads) - len(ok),
        "error_examples": sorted({x.error for x in loads if x.error})[:3],
        "exceptions": sum(x.exceptions for x in loads),
        "full_runs": sum(x.deltas >= expect_deltas and x.charts > 0 for x in ok),
        "wall_s": round(wall, 3),
        "cpu_ms_per_session": round(cpu * 1000 / len(targets), 1),
        "bytes_per_session": round(statistics.median([x.bytes for x in ok])) if ok else None,
    }


def of_bursts(parts: list[dict]) -> dict:
    """Several bursts of the same case as one figure: the median over bursts of each burst's p50 and p95 (one burst's
    median swings by half of itself from one to the next on a shared machine), the worst session, every burst's
    p50; errors, exceptions and complete pages summed; CPU, wall time and bytes the median of the bursts'."""

    def over(key: str) -> dict | None:
        figs = [p[key] for p in parts if p[key]]
        if not figs:
            return None
        return {
            "p50": round(statistics.median(f["p50"] for f in figs), 3),
            "p95": round(statistics.median(f["p95"] for f in figs), 3),
            "max": max(f["max"] for f in figs),
            "n": sum(f["n"] for f in figs),
            "burst_p50s": [f["p50"] for f in figs],
        }

    out = {"session_s": over("session_s"), "first_chart_s": over("first_chart_s"), "bursts": len(parts)}
    for key in ("errors", "exceptions", "full_runs"):
        out[key] = sum(p[key] for p in parts)
    out["error_examples"] = sorted({e for p in parts for e in p["error_examples"]})[:3]
    for key in ("wall_s", "cpu_ms_per_session", "bytes_per_session"):
        values = [p[key] for p in parts if p[key] is not None]
        out[key] = round(statistics.median(values), 3) if values else None
    return out


COLD_BURSTS = 3  # bursts of the cold case per level: 5 + 3 x (10 + 25 + 50) of the 546 regions with a score


def measure_concurrency(
    app: Served,
    floor: Served,
    codes: list[str],
    levels: tuple[int, ...],
    singles: int,
    all_at_once: Served,
    rounds: int = 1,
    floor_served: Served | None = None,
) -> dict:
    import wsclient

    fresh = iter(codes)
    lone_app = wsclient.load_sync(app.url, "", f"r={REGISTER_REGION}")
    lone_floor = wsclient.load_sync(floor.url, "", "")
    wsclient.load_sync(all_at_once.url, "", f"r={REGISTER_REGION}")  # warm, as the app is
    cases = {
        "floor": (floor, lambda: ("", ""), lone_floor.deltas),
    }
    if floor_served is not None:  # the floor through the app's launcher: the same server changes as the app
        cases["floor_served"] = (floor_served, lambda: ("", ""), wsclient.load_sync(floor_served.url, "", "").deltas)
    cases |= {
        "ringkasan_one_region": (app, lambda: ("", f"r={REGISTER_REGION}"), lone_app.deltas),
        "ringkasan_one_region_all_at_once": (all_at_once, lambda: ("", f"r={REGISTER_REGION}"), lone_app.deltas),
        "ringkasan_each_region_new": (app, lambda: ("", f"r={next(fresh)}"), 1),
    }
    out: dict[str, dict] = {case: {} for case in cases}
    for n in levels:
        if n == 1:  # one session at a time, several times
            for case, (server, target, deltas) in cases.items():
                log(f"concurrency: 1 session, {case}")
                parts = [burst(server, [target()], deltas) for _ in range(singles)]
                times = [p["session_s"]["p50"] for p in parts if p["session_s"]]
                out[case]["1"] = {
                    "session_s": tail(times),
                    "first_chart_s": tail([p["first_chart_s"]["p50"] for p in parts if p["first_chart_s"]]),
                    "errors": sum(p["errors"] for p in parts),
                    "exceptions": sum(p["exceptions"] for p in parts),
                    "full_runs": sum(p["full_runs"] for p in parts),
                    "cpu_ms_per_session": round(statistics.median(p["cpu_ms_per_session"] for p in parts), 1),
                }
            continue
        bursts: dict[str, list[dict]] = {case: [] for case in cases}
        for i in range(rounds):  # the cases take turns, round after round: all see the same machine
            for case, (server, target, deltas) in cases.items():
                if case == "ringkasan_each_region_new" and i >= COLD_BURSTS:
                    continue  # every session a region not asked before: the regions last for so many
                log(f"concurrency: {n} sessions, {case}, burst {i + 1}/{rounds}")
                bursts[case].append(burst(server, [target() for _ in range(n)], deltas))
        for case, parts in bursts.items():
            out[case][str(n)] = of_bursts(parts)
    for n in levels:
        floor_fig = out["floor"][str(n)]["session_s"]
        for case in ("ringkasan_one_region", "ringkasan_one_region_all_at_once", "ringkasan_each_region_new"):
            out[case][str(n)]["ratio_to_floor_p50"] = ratio(out[case][str(n)]["session_s"], floor_fig)
            out[case][str(n)]["first_chart_ratio_to_floor_p50"] = ratio(
                out[case][str(n)]["first_chart_s"], out["floor"][str(n)]["first_chart_s"]
            )
            if "floor_served" in out:
                served = out["floor_served"][str(n)]
                out[case][str(n)]["ratio_to_served_floor_p50"] = ratio(
                    out[case][str(n)]["session_s"], served["session_s"]
                )
    out["lone_run_deltas"] = {"app": lone_app.deltas, "floor": lone_floor.deltas}
    out["server_memory_after"] = {"app": app.memory(), "floor": floor.memory()}
    return out


def measure_cluster(
    tmp: Path, db: Path, levels: tuple[int, ...], servers: tuple[int, ...] = (1, 2), store_url: str | None = None
) -> dict:
    """Bursts of sessions through nginx over 1 and over 2 app servers (iid.cluster.Cluster), one warm page: each
    server on its own copy of the file, or (store_url) all on one PostgreSQL store."""
    import wsclient

    from iid.cluster import Cluster

    out: dict = {}
    for n_servers in servers:
        dbs: list = []
        for i in range(n_servers if store_url is None else 0):
            dbs.append(tmp / f"cluster{n_servers}_{i}.duckdb")
            shutil.copy(db, dbs[-1])
        case: dict = {}
        with Cluster(store_url or dbs, n=n_servers, timeout=120) as cluster:
            for url in cluster.server_urls:  # each server warm: its caches hold the page's data
                wsclient.load_sync(url, "", f"r={REGISTER_REGION}")
            lone = wsclient.load_sync(cluster.url, "", f"r={REGISTER_REGION}")
            for n in levels:
                log(f"cluster: {n} sessions through nginx over {n_servers} server(s)")
                logged = len(cluster.access_log())
                t0 = time.perf_counter()
                loads = wsclient.many_sync(cluster.url, [("", f"r={REGISTER_REGION}")] * n)
                wall = time.perf_counter() - t0
                ok = [x for x in loads if x.error is None]
                time.sleep(0.5)  # nginx logs a websocket when it closes
                streams = [r for r in cluster.access_log()[logged:] if "/_stcore/stream" in r["request"]]
                per_server = [0] * n_servers
                for r in streams:
                    i = cluster.server_of(r["upstream"])
                    if i is not None:
                        per_server[i] += 1
                case[str(n)] = {
                    "first_chart_s": tail([x.first_chart_s for x in ok if x.first_chart_s is not None]),
                    "session_s": tail([x.seconds for x in ok]),
                    "errors": len(loads) - len(ok),
                    "error_examples": sorted({x.error for x in loads if x.error})[:3],
                    "no_chart": sum(x.charts == 0 for x in ok),
                    "full_runs": sum(x.deltas >= lone.deltas and x.charts > 0 for x in ok),
                    "sessions_per_server": per_server,
                    "wall_s": round(wall, 3),
                }
        case["leftover_processes"] = len(cluster.leftover())  # after the cluster stopped: 0
        out[f"{n_servers}_servers"] = case
    for n in levels:
        one, two = out.get("1_servers", {}).get(str(n)), out.get("2_servers", {}).get(str(n))
        if one and two:
            out.setdefault("ratio_2_to_1_first_chart_p50", {})[str(n)] = ratio(
                two["first_chart_s"], one["first_chart_s"]
            )
    return out


def measure_register(tmp: Path, sizes: list[tuple[str, int | None]], browser: Browser, reps: int) -> dict:
    """Per register size: generate, build, then each /inovasi tab cold and warm on one server."""
    import wsclient

    from iid.register_sample import big_data_folder

    out: dict[str, dict] = {}
    for label, n in sizes:
        log(f"register {label}: writing the data folder")
        t0 = time.perf_counter()
        # 1x builds from data/ itself; a generated size from a folder of links to data/ with its own register files
        folder = DATA if n is None else big_data_folder(n, tmp / f"data-{label}", DATA)
        gen_s = time.perf_counter() - t0
        db = tmp / f"register-{label}.duckdb"
        log(f"register {label}: building")
        fig: dict = {"innovations": n if n is not None else _count_rows(DATA / "sample" / "innovations_sample.csv")}
        fig["generate_s"] = round(gen_s, 2) if n is not None else None
        fig["build"] = build_database(folder, db)
        fig["db_mb"] = round(db.stat().st_size / 2**20, 1)
        if folder != DATA:
            shutil.rmtree(folder, ignore_errors=True)
        tabs: dict[str, dict] = {}
        with Served(db) as server:
            for tab in REGISTER_TABS:  # Python imports warm: every tab once, for another region
                wsclient.load_sync(server.url, "inovasi", urlencode({"r": "61.71", "itab": tab}))
            for tab in REGISTER_TABS:
                log(f"register {label}: {tab}")
                query = urlencode({"r": REGISTER_REGION, "itab": tab})
                wsclient.clear_caches_sync(server.url)  # cold: Streamlit's caches empty, imports warm
                cold, cold_cpu = ws_runs(server, "inovasi", query, 1)
                runs, cpu = ws_runs(server, "inovasi", query, max(3, reps))
                fig_tab = {
                    "cold_cpu_ms_run": round(cold_cpu[0], 1),
                    "cold_run_s": round(cold[0].seconds, 3),
                    "cpu_ms_run": spread(cpu, 1),
                    "run_s": spread([r.seconds for r in runs]),
                    "bytes_run": runs[-1].bytes,
                    "deltas": runs[-1].deltas,
                    "charts": runs[-1].charts,
                    "exceptions": cold[0].exceptions + runs[-1].exceptions,
                    "errors": sum(r.error is not None for r in cold + runs),
                }
                if runs[-1].charts:  # what a user waits for: the browser, cold then warm
                    wsclient.clear_caches_sync(server.url)
                    first = browser.load(server, "inovasi", query)
                    warm = [browser.load(server, "inovasi", query) for _ in range(reps)]
                    fig_tab["browser"] = {
                        "cold": {k: _round(first[k]) for k in ("first_chart_s", "script_finished_s", "cpu_ms")},
                        "first_chart_s": spread([w["first_chart_s"] for w in warm]),
                        "script_finished_s": spread([w["script_finished_s"] for w in warm]),
                        "cpu_ms_load": spread([w["cpu_ms"] for w in warm], 1),
                    }
                tabs[tab] = fig_tab
            fig["server_memory"] = server.memory()
        fig["inovasi"] = tabs
        out[label] = fig
        db.unlink(missing_ok=True)
    return out


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 3)


def _count_rows(csv: Path) -> int:
    with csv.open(encoding="utf-8") as f:
        return sum(1 for _ in f) - 1


def _actor(fn: Callable) -> dict:
    """The command line's actor, for a write function that asks who writes (the auth contract), else nothing."""
    import inspect

    if "actor" not in inspect.signature(fn).parameters:
        return {}
    from iid import auth

    return {"actor": auth.cli_actor()}


def measure_imports(db) -> dict:
    """Import (preview + write) and undo of every region's 2021–2025 scores, and of a year of indicator levels."""
    from iid import dataio

    scores = db.df(
        "select region_code, year, round(score::double + 0.5, 2) as score from mv_scores where score is not null"
    )
    data = (
        scores.rename(columns={"region_code": "kode", "year": "tahun", "score": "skor"})
        .to_csv(index=False, sep=";", decimal=",")
        .encode()
    )
    t0 = time.perf_counter()
    pv = dataio.preview(db, data, "skor.csv", "scores")
    t1 = time.perf_counter()
    res = dataio.apply(db, pv, **_actor(dataio.apply))
    t2 = time.perf_counter()
    out = {
        "scores_rows": len(scores),
        "scores_preview_s": round(t1 - t0, 3),
        "scores_write_s": round(t2 - t1, 3),
    }
    t0 = time.perf_counter()
    dataio.undo(db, res.import_id, **_actor(dataio.undo))
    out["scores_undo_s"] = round(time.perf_counter() - t0, 3)
    ind = db.df(
        "select region_code, year, indicator_code as indicator, round(level::double * 0.9, 3) as level "
        "from indicator_scores where year = 2025 and superseded_by is null"
    )
    t0 = time.perf_counter()
    pv = dataio.preview(db, ind.to_csv(index=False).encode(), "indikator.csv", "indicators")
    res = dataio.apply(db, pv, **_actor(dataio.apply))
    out["indicators_rows"] = len(ind)
    out["indicators_preview_and_write_s"] = round(time.perf_counter() - t0, 3)
    t0 = time.perf_counter()
    dataio.undo(db, res.import_id, **_actor(dataio.undo))
    out["indicators_undo_s"] = round(time.perf_counter() - t0, 3)
    return out


def measure_exports(db, reps: int) -> dict:
    """Chart images on a warm renderer, and the PowerPoint deck of Kalimantan Utara."""
    from iid import export, figures
    from iid.story import build_story

    fig = figures.overview_trend(db, "64.74", False, "id")
    export.image(fig)  # starts the renderer
    out = {
        "png_1920_s": spread([_timed(lambda: export.image(fig)) for _ in range(max(3, reps))]),
        "svg_s": spread([_timed(lambda: export.image(fig, "svg")) for _ in range(max(3, reps))]),
    }
    t0 = time.perf_counter()
    screens = build_story(db, "65")
    out["story_build_s"] = round(time.perf_counter() - t0, 3)
    out["deck_s"] = spread([_timed(lambda: export.deck(screens, "Provinsi Kalimantan Utara")) for _ in range(reps)])
    out["deck_slides"] = len(screens)
    return out


def _register_tabs(target: Path | str, reps: int) -> dict:
    """Each /inovasi tab of the register region on one app server: cold and warm seconds and server CPU."""
    from urllib.parse import urlencode

    import wsclient

    tabs: dict = {}
    with Served(target) as server:
        for tab in REGISTER_TABS:  # Python imports warm: every tab once, for another region
            wsclient.load_sync(server.url, "inovasi", urlencode({"r": "61.71", "itab": tab}))
        for tab in REGISTER_TABS:
            query = urlencode({"r": REGISTER_REGION, "itab": tab})
            cold, cold_cpu = ws_runs(server, "inovasi", query, 1)
            runs, cpu = ws_runs(server, "inovasi", query, max(3, reps))
            tabs[tab] = {
                "cold_s": _round(cold[0].seconds),
                "cold_cpu_ms": round(cold_cpu[0], 1),
                "warm_s": spread([x.seconds for x in runs]),
                "warm_cpu_ms": spread(cpu, 1),
                "errors": sum(1 for x in [*cold, *runs] if x.error or x.exceptions),
            }
        tabs["server_start_s"] = round(server.start_s, 2)
        tabs["rss_mb"] = server.memory().get("rss_mb")
    return tabs


def _filled_store(pg, name: str, db_file: Path) -> tuple[str, float]:
    """A new database on the PostgreSQL server pg, filled from a DuckDB file: its URL and the seconds filling took."""
    from iid import store
    from iid.db import Database

    url = pg.create_db(name)
    with Database(db_file, read_only=True) as src:
        t0 = time.perf_counter()
        store.load_store(src, url)
        return url, round(time.perf_counter() - t0, 2)


def measure_store_register(tmp: Path, n: int, reps: int) -> dict:
    """A register of n innovations on the file and on a PostgreSQL store, side by side: /inovasi's tabs."""
    from iid import store
    from iid.pgserver import PostgresServer
    from iid.register_sample import big_data_folder

    folder = big_data_folder(n, tmp / f"data-store-{n}", DATA)
    db = tmp / f"store-{n}.duckdb"
    out: dict = {"innovations": n, "build": build_database(folder, db)}
    with PostgresServer() as pg:
        url, out["load_store_s"] = _filled_store(pg, "big", db)
        t0 = time.perf_counter()
        store.open_store(url).close()
        out["open_copy_s"] = round(time.perf_counter() - t0, 2)
        out["duckdb_file"] = _register_tabs(db, reps)
        out["postgresql"] = _register_tabs(url, reps)
    return out


def measure_store(db_file: Path, tmp: Path, reps: int, cluster_levels: tuple[int, ...] = (), big: int = 0) -> dict:
    """The DuckDB file beside the PostgreSQL store (iid/store.py), same data, one run: opening the database, a page's
    first chart through the websocket client, an import of every region's scores, and how long a write in one process
    takes to show in another (the copy asks the store at most once a second)."""
    import shutil

    from iid import dataio, store
    from iid.db import Database
    from iid.pgserver import PostgresServer

    out: dict = {}
    with PostgresServer() as pg:
        url, out["load_store_s"] = _filled_store(pg, "bench", db_file)
        file_copy = tmp / "store-side.duckdb"
        shutil.copy(db_file, file_copy)
        opens_file, opens_store = [], []
        for _ in range(max(3, reps)):
            t0 = time.perf_counter()
            Database(file_copy).close()
            opens_file.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            store.open_store(url).close()
            opens_store.append(time.perf_counter() - t0)
        out["open_s"] = {"duckdb_file": spread(opens_file), "postgresql_copy": spread(opens_store)}
        out["open_ratio"] = ratio(out["open_s"]["postgresql_copy"], out["open_s"]["duckdb_file"])
        # an import of every region's scores (2.730 rows) and its undo, on each store
        with Database(file_copy) as fdb:
            out["import_duckdb_file"] = measure_imports(fdb)
        with store.open_store(url) as sdb:
            out["import_postgresql"] = measure_imports(sdb)
        out["import_write_ratio"] = _round(
            out["import_postgresql"]["scores_write_s"] / out["import_duckdb_file"]["scores_write_s"]
        )
        # a write in one process, seen by another: the time until the other's version() moves
        a, b = store.open_store(url), store.open_store(url)
        delays = []
        try:
            for i in range(max(3, reps)):
                stamp = b.version("scores")
                pv = dataio.preview(a, f"region_code,year,score\n64.74,2025,{60 + i}.5\n".encode(), "s.csv", "scores")
                dataio.apply(a, pv, **_actor(dataio.apply))
                t0 = time.perf_counter()
                while b.version("scores") == stamp and time.perf_counter() - t0 < 10:
                    time.sleep(0.01)
                delays.append(time.perf_counter() - t0)
        finally:
            a.close()
            b.close()
        out["refresh_delay_s"] = spread(delays)
        # a page on an app server over each store: first chart and server CPU, cold then warm
        pages: dict = {}
        for name, target in (("duckdb_file", file_copy), ("postgresql", url)):
            with Served(target) as app:
                loads, cpu = ws_runs(app, "", "region=64.74", max(3, reps) + 1)
                pages[name] = {
                    "start_s": round(app.start_s, 2),
                    "cold_first_chart_s": _round(loads[0].first_chart_s),
                    "warm_first_chart_s": spread([x.first_chart_s for x in loads[1:]]),
                    "warm_cpu_ms": spread(cpu[1:], 1),
                    "errors": sum(1 for x in loads if x.error or x.exceptions),
                    "rss_mb": app.memory().get("rss_mb"),
                }
        pages["warm_first_chart_ratio"] = ratio(
            pages["postgresql"]["warm_first_chart_s"], pages["duckdb_file"]["warm_first_chart_s"]
        )
        out["page_ringkasan"] = pages
        if cluster_levels:  # sessions through nginx over 1 and 2 app servers, all on this store
            out["cluster_on_store"] = measure_cluster(tmp, db_file, cluster_levels, store_url=url)
    if big:
        out["register_big"] = measure_store_register(tmp, big, reps)
    return out


def _timed(fn: Callable) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


# ---------------------------------------------------------------- the run


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="few repetitions and a small register: a smoke run")
    ap.add_argument(
        "--only",
        type=lambda s: [x.strip() for x in s.split(",") if x.strip()],
        default=list(SECTIONS),
        help="comma-separated sections: " + ",".join(SECTIONS),
    )
    ap.add_argument("--big", action="store_true", help="add the register of 1.000.000 innovations (several minutes)")
    ap.add_argument("--reps", type=int, default=None, help="repetitions per figure (default 5, quick 2)")
    args = ap.parse_args(argv)
    unknown = [s for s in args.only if s not in SECTIONS]
    if unknown:
        ap.error(f"unknown section(s): {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")
    if args.reps is None:
        args.reps = 2 if args.quick else 5
    return args


def plan(args: argparse.Namespace) -> dict:
    """What this run measures, from its arguments (pure: the smoke test reads it)."""
    sizes: list[tuple[str, int | None]] = [("1x", None), ("20k", 20_000) if args.quick else ("100k", 100_000)]
    if args.big:
        sizes.append(("1m", 1_000_000))
    return {
        "sections": [s for s in SECTIONS if s in args.only],
        "reps": args.reps,
        "levels": (1, 10) if args.quick else (1, 10, 25, 50),
        "cluster_levels": (10,) if args.quick else (10, 50),
        "singles": 2 if args.quick else 5,
        "bursts": 1 if args.quick else 7,  # a burst's p50 swings by a third from one to the next on a shared machine
        "register_sizes": sizes,
        "store_register": 400_000 if args.big else 0,  # ten years at the national rate, on the file and on PostgreSQL
    }


def main(argv: list[str] | None = None) -> dict:
    args = parse_args(argv)
    p = plan(args)
    started = time.perf_counter()
    out: dict = {
        "meta": {
            "started": dt.datetime.now().isoformat(timespec="seconds"),
            "quick": args.quick,
            "reps": p["reps"],
            "sections": p["sections"],
            "cores": os.cpu_count(),
            "load_avg_at_start": [round(x, 2) for x in os.getloadavg()],
            "commit": _git_head(),
        }
    }
    wanted = set(p["sections"])
    with tempfile.TemporaryDirectory(prefix="iid-bench-") as tmpdir, contextlib.ExitStack() as stack:
        tmp = Path(tmpdir)
        db = tmp / "app.duckdb"

        def section(name: str, fn: Callable[[], dict]) -> None:
            if name not in wanted:
                return
            log(f"{name}: start")
            t0 = time.perf_counter()
            try:
                out[name] = fn()
            except Exception as exc:  # one broken section must not hide the others' figures
                traceback.print_exc(file=sys.stderr)
                out[name] = {"error": f"{type(exc).__name__}: {str(exc).splitlines()[0][:500] if str(exc) else ''}"}
            out[name]["section_s"] = round(time.perf_counter() - t0, 1)
            log(f"{name}: done in {out[name]['section_s']} s")

        built = build_database(DATA, db)
        codes = region_codes(db, {REGISTER_REGION, "61.71", "19.71", "65"})  # before a server holds the file
        second = tmp / "all-at-once.duckdb"  # the concurrency section's second app server: a DuckDB file has one owner
        if "concurrency" in wanted:
            shutil.copy(db, second)  # before a server holds the file
        if "build" in wanted:
            out["build"] = built
        live: dict = {}

        def servers() -> tuple[Served, Served, Browser]:
            if not live:
                live["browser"] = stack.enter_context(Browser())
                live["floor"] = stack.enter_context(Served(db, floor=True))
                live["app"] = stack.enter_context(Served(db))
            return live["app"], live["floor"], live["browser"]

        def browser() -> Browser:
            if "browser" not in live:
                live["browser"] = stack.enter_context(Browser())
            return live["browser"]

        def pages() -> dict:
            app, floor, chromium = servers()
            live["floor_nav"] = stack.enter_context(Served(db, floor=True, nav=True))
            live["floor_served"] = stack.enter_context(Served(db, floor=True, served=True))
            try:
                return measure_pages(
                    app, floor, chromium, p["reps"], floor_nav=live["floor_nav"], floor_served=live["floor_served"]
                )
            finally:
                live.pop("floor_nav").__exit__(None, None, None)
                live.pop("floor_served").__exit__(None, None, None)

        section("pages", pages)
        section("interactions", lambda: measure_interactions(*servers(), p["reps"]))

        def concurrency() -> dict:
            with (
                Served(second, env={"IID_SCRIPT_SLOTS": "0"}) as all_at_once,  # Streamlit's way, side by side
                Served(db, floor=True, served=True) as floor_served,
            ):
                return measure_concurrency(
                    *servers()[:2],
                    codes,
                    p["levels"],
                    p["singles"],
                    all_at_once,
                    rounds=p["bursts"],
                    floor_served=floor_served,
                )

        section("concurrency", concurrency)
        for name in ("app", "floor"):  # the register section starts its own servers
            if name in live:
                live.pop(name).__exit__(None, None, None)
        section("register", lambda: measure_register(tmp, p["register_sizes"], browser(), p["reps"]))
        section("cluster", lambda: measure_cluster(tmp, db, p["cluster_levels"]))
        if wanted & {"imports", "exports"}:
            from iid.build import memory_db

            mem = memory_db(DATA)
            section("imports", lambda: measure_imports(mem))
            section("exports", lambda: measure_exports(mem, p["reps"]))
        section("store", lambda: measure_store(db, tmp, p["reps"], p["cluster_levels"], p["store_register"]))
    out["meta"]["seconds"] = round(time.perf_counter() - started, 1)
    out["meta"]["load_avg_at_end"] = [round(x, 2) for x in os.getloadavg()]
    return out


def _git_head() -> str | None:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


if __name__ == "__main__":
    print(json.dumps(main()))
