"""What a presenter waits for in the room, as one JSON object on stdout: `.venv/bin/python bench/room.py [--reps N]`.

- next_screen: /presentasi?present=1 at 1920×1080 in Debian's Chromium on a warm server (each screen visited once
  first); from the arrow key until the new counter shows (counter_s) and until the new screen's chart is drawn or
  its text shown (screen_s), per move, forward through the story and back. Kalimantan Utara (65): nine screens.
- deck: `python -m iid deck --region 65` in a child process (cold: Python, the database, kaleido's renderer), and
  the deck made again in this process with the renderer warm (export.deck of a built story); slides counted.
- profile: `python -m iid profile --region 64.74` in a child process (cold), and profile.pdf again in this process
  with the story built (as the app's download does: the story is cached).
Figures are {"p50", "p10", "p90", "n"} in seconds. Speed is measured here, never asserted in tests.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def spread(xs: list[float]) -> dict:
    xs = sorted(xs)
    q = statistics.quantiles(xs, n=10) if len(xs) > 1 else [xs[0]] * 9
    return {"p50": round(statistics.median(xs), 3), "p10": round(q[0], 3), "p90": round(q[-1], 3), "n": len(xs)}


def next_screen(db_path: Path, rounds: int) -> dict:
    from playwright.sync_api import sync_playwright

    from iid.serve import Server

    counter, screen = [], []
    with Server(str(db_path)) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium")
        page = browser.new_page(viewport={"width": 1920, "height": 1080})
        page.goto(f"{url}/presentasi?r=65&present=1")
        page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=60_000)
        total = int(page.locator(".st-key-present_count").inner_text().split()[-1])
        page.locator(".st-key-present_head").click()
        moves = [("ArrowRight", i + 1) for i in range(1, total)] + [("ArrowLeft", i) for i in range(total - 1, 0, -1)]
        for r in range(rounds + 1):  # the first round warms every screen and is not counted
            for key, then in moves:
                before = page.evaluate("() => document.querySelector('.st-key-present_chart .gtitle')?.textContent")
                t0 = time.perf_counter()
                page.keyboard.press(key)
                page.wait_for_function(
                    f"() => document.querySelector('.st-key-present_count')?.innerText.trim().startsWith('Layar {then} ')",
                    polling="raf",
                    timeout=30_000,
                )
                t1 = time.perf_counter()
                page.wait_for_function(
                    "(b) => { const g = document.querySelector('.st-key-present_chart .gtitle');"
                    " return document.querySelector('.st-key-present_body') !== null || (g && g.textContent !== b); }",
                    arg=before,
                    polling="raf",
                    timeout=30_000,
                )
                t2 = time.perf_counter()
                if r:
                    counter.append(t1 - t0)
                    screen.append(t2 - t0)
        browser.close()
    return {"counter_s": spread(counter), "screen_s": spread(screen), "screens": total}


def _cli(*args: str) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "iid", *args], cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - t0


def deck_and_profile(db_path: Path, reps: int, out: Path) -> dict:
    from iid import export, profile
    from iid.db import Database
    from iid.story import build_story

    res: dict = {}
    res["deck_cli_cold_s"] = spread(
        [_cli("--db", str(db_path), "deck", "--region", "65", "--out", str(out / "d.pptx")) for _ in range(reps)]
    )
    res["profile_cli_cold_s"] = spread(
        [_cli("--db", str(db_path), "profile", "--region", "64.74", "--out", str(out / "p.pdf")) for _ in range(reps)]
    )
    db = Database(db_path, read_only=True)
    export.image(build_story(db, "65")[1].figure)  # the renderer, started once as in the app
    t0 = time.perf_counter()
    screens = build_story(db, "65")
    res["story_build_s"] = round(time.perf_counter() - t0, 3)
    times = []
    for _ in range(reps):
        fresh = build_story(db, "65")  # slide images are kept on a story's screens: a fresh story each time
        t0 = time.perf_counter()
        export.deck(fresh, "Provinsi Kalimantan Utara")
        times.append(time.perf_counter() - t0)
    res["deck_warm_s"] = spread(times)
    res["deck_slides"] = len(screens)
    bontang = build_story(db, "64.74")
    res["profile_warm_s"] = spread([_timed(lambda: profile.pdf(db, "64.74", screens=bontang)) for _ in range(reps)])
    return res


def _timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--only", default="next_screen,exports")
    args = ap.parse_args(argv)
    from iid.build import build

    with tempfile.TemporaryDirectory(prefix="iid-room-") as tmp:
        db_path = Path(tmp) / "iid.duckdb"
        build(ROOT / "data", db_path)
        result: dict = {}
        if "next_screen" in args.only:
            result["next_screen"] = next_screen(db_path, args.reps)
        if "exports" in args.only:
            result.update(deck_and_profile(db_path, args.reps, Path(tmp)))
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
