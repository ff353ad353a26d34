"""A page load without a browser: one websocket session that speaks Streamlit's protocol, as the browser does.

The browser opens ws://host/_stcore/stream, sends a `rerun_script` BackMsg (the URL's page name and query string),
and the server runs the page's script and streams ForwardMsgs (deltas: one per element) until `script_finished`.
`load` does exactly that and reports the wall time from connect to the finished run, the ForwardMsgs and deltas
received, whether a Plotly chart arrived, and the bytes of every frame (the websocket payloads, before any
per-message compression the connection may negotiate). A long page's rest, which a browser asks for once it has
drawn the first chart (iid/ui.py `after_first_chart`), is asked for as the first run ends and waited for too.
"""

from __future__ import annotations

import asyncio
import json
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

FINISHED = ForwardMsg.ScriptFinishedStatus
DONE = (FINISHED.FINISHED_SUCCESSFULLY, FINISHED.FINISHED_WITH_COMPILE_ERROR)


@dataclass
class Load:
    """One session's page load: what a browser would have received, and how long it took."""

    seconds: float = 0.0  # connect → script_finished (successfully: a run that ends early for a rerun goes on)
    messages: int = 0
    deltas: int = 0
    charts: int = 0  # plotly_chart elements
    exceptions: int = 0  # st.exception elements (a traceback on the page)
    bytes: int = 0  # websocket payload bytes received
    runs: int = 0  # script runs the server started (new_session messages)
    error: str | None = None
    first_chart_s: float | None = None
    element_types: dict[str, int] = field(default_factory=dict)
    first_run_s: float | None = None  # connect → the first run's end (a long page's rest follows it: `rest_run`)
    rest_run: bool = False  # the page's rest ran after it, as a browser asks once its first chart is drawn


AFTER_CHART = "iid_after_chart"  # iid/ui.py `AFTER_CHART`: the key of the component that reports the chart drawn


def rerun_msg(page_name: str, query: str) -> bytes:
    """The BackMsg a browser sends when it opens /<page_name>?<query> (the first run of a session)."""
    msg = BackMsg()
    cs = msg.rerun_script
    cs.query_string = query
    cs.page_name = page_name
    cs.page_script_hash = ""
    cs.context_info.timezone = "Asia/Jakarta"
    cs.context_info.timezone_offset = -420
    cs.context_info.locale = "id-ID"
    cs.context_info.url = f"http://localhost/{page_name}" + (f"?{query}" if query else "")
    return msg.SerializeToString()


def drawn_msg(page_name: str, query: str, page_script_hash: str, widget_id: str, fragment_id: str) -> bytes:
    """The BackMsg a browser sends once it has drawn the first chart: the component's state (iid/ui.py
    `after_first_chart`) changes, and the fragment holding it, the page's rest, runs."""
    msg = BackMsg.FromString(rerun_msg(page_name, query))
    cs = msg.rerun_script
    cs.page_script_hash = page_script_hash
    cs.fragment_id = fragment_id
    state = cs.widget_states.widgets.add()
    state.id = widget_id
    state.json_value = json.dumps({"drawn": True})
    return msg.SerializeToString()


def ws_url(base: str) -> str:
    return base.replace("http://", "ws://").rstrip("/") + "/_stcore/stream"


async def load(base: str, page_name: str = "", query: str = "", timeout: float = 120.0) -> Load:
    """Open one session on base (http://host:port), run one page, wait for its run to finish; for a long page whose
    rest waits for the first chart, report the chart drawn when the first run ends (a browser reports it about a
    second later) and wait for the rest's run too, so a session costs the server what a browser's does."""
    out = Load()
    page_hash, waiting = "", None  # the page's script hash; (widget id, fragment id) of the rest's component
    t0 = time.perf_counter()
    try:
        async with websockets.connect(
            ws_url(base), subprotocols=["streamlit"], max_size=None, open_timeout=timeout, ping_interval=None
        ) as ws:
            await ws.send(rerun_msg(page_name, query))
            async with asyncio.timeout(timeout):
                async for frame in ws:
                    out.bytes += len(frame)
                    msg = ForwardMsg()
                    msg.ParseFromString(frame)
                    out.messages += 1
                    kind = msg.WhichOneof("type")
                    if kind == "new_session":
                        out.runs += 1
                        page_hash = msg.new_session.page_script_hash or page_hash
                    elif kind == "delta":
                        out.deltas += 1
                        if msg.delta.WhichOneof("type") == "new_element":
                            el = msg.delta.new_element.WhichOneof("type")
                            out.element_types[el] = out.element_types.get(el, 0) + 1
                            component = msg.delta.new_element.bidi_component
                            if el == "bidi_component" and component.id.endswith(f"-{AFTER_CHART}"):
                                waiting = (component.id, msg.delta.fragment_id)
                            if el == "plotly_chart":
                                out.charts += 1
                                if out.first_chart_s is None:
                                    out.first_chart_s = time.perf_counter() - t0
                            elif el == "exception":
                                out.exceptions += 1
                    elif kind == "script_finished" and msg.script_finished in DONE:
                        if msg.script_finished != FINISHED.FINISHED_SUCCESSFULLY:
                            out.error = "compile error"
                            break
                        out.first_run_s = time.perf_counter() - t0
                        if waiting is None:
                            break
                        await ws.send(drawn_msg(page_name, query, page_hash, *waiting))
                        waiting = None
                    elif (
                        kind == "script_finished" and msg.script_finished == FINISHED.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
                    ):
                        out.rest_run = True
                        break
                    elif kind == "page_not_found":
                        out.error = "page not found"
                else:
                    out.error = "connection closed before the run finished"
    except TimeoutError:
        out.error = f"no finished run within {timeout:.0f} s"
    except (OSError, websockets.WebSocketException) as exc:
        out.error = f"{type(exc).__name__}: {exc}"
    out.seconds = time.perf_counter() - t0
    return out


async def clear_caches(base: str, timeout: float = 30.0) -> None:
    """Clear the server's st.cache_data and st.cache_resource (the app menu's "Clear cache"), and wait until done.

    Streamlit handles a connection's BackMsgs in order, so the heartbeat's ack arrives after the clearing."""
    clear, beat = BackMsg(), BackMsg()
    clear.clear_cache = True
    beat.app_heartbeat = True
    async with websockets.connect(ws_url(base), subprotocols=["streamlit"], max_size=None, ping_interval=None) as ws:
        await ws.send(clear.SerializeToString())
        await ws.send(beat.SerializeToString())
        async with asyncio.timeout(timeout):
            async for frame in ws:
                msg = ForwardMsg()
                msg.ParseFromString(frame)
                if msg.WhichOneof("type") == "heartbeat_ack":
                    return


async def many(base: str, targets: list[tuple[str, str]], timeout: float = 180.0) -> list[Load]:
    """Open one session per (page_name, query) at the same moment; each waits for its own run."""
    return list(await asyncio.gather(*(load(base, p, q, timeout) for p, q in targets)))


def _run(coro):
    """Run a coroutine on its own event loop in a helper thread (Playwright's sync API holds this thread's loop)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def load_sync(base: str, page_name: str = "", query: str = "", timeout: float = 120.0) -> Load:
    return _run(load(base, page_name, query, timeout))


def clear_caches_sync(base: str) -> None:
    _run(clear_caches(base))


def many_sync(base: str, targets: list[tuple[str, str]], timeout: float = 180.0) -> list[Load]:
    return _run(many(base, targets, timeout))
