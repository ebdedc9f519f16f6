"""Starts the real sandbox binary for the official Python library tests.

The sandbox is a child process (`smileid-sandbox serve --port 0 ...`); its first stdout line
`SANDBOX_READY {json}` gives the base URL and the development partner's credentials. Plain
http is enough here: smile_id_core uses a non-0/1 `sid_server` verbatim as its base URL.
"""

import json
import os
import queue
import subprocess
import threading
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[4]
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
BIN = Path(os.environ.get("SMILEID_SANDBOX_BIN", TARGET / "debug" / "smileid-sandbox"))
READY_TIMEOUT_S = 30


def _pump(stream, lines: "queue.Queue[str]", log) -> None:
    # Drain the sandbox's output for its whole life (a full pipe would block it), handing
    # lines to the starter and keeping them in SANDBOX_LOG (set by scripts/test-official).
    for line in stream:
        lines.put(line)
        if log:
            log.write(line)
            log.flush()
    lines.put(None)


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory):
    if not BIN.exists():
        pytest.fail(f"sandbox binary missing: {BIN} (run: cargo build -p smileid-sandbox)")
    tmp = tmp_path_factory.mktemp("sandbox")
    args = [str(BIN), "serve", "--port", "0", "--db", str(tmp / "sandbox.db"), "--processing-delay-ms", "200"]
    # RECORD_SHAPES_DIR (scripts/record-wire-shapes) records what the library sends.
    if os.environ.get("RECORD_SHAPES_DIR"):
        args += ["--record-shapes", os.path.join(os.environ["RECORD_SHAPES_DIR"], "python.jsonl")]
    proc = subprocess.Popen(
        args,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    log = open(os.environ["SANDBOX_LOG"], "a") if os.environ.get("SANDBOX_LOG") else None
    lines: "queue.Queue[str]" = queue.Queue()
    pump = threading.Thread(target=_pump, args=(proc.stdout, lines, log), daemon=True)
    pump.start()
    seen = []
    try:
        while True:
            line = lines.get(timeout=READY_TIMEOUT_S)
            if line is None:
                raise RuntimeError(f"sandbox exited early ({proc.wait()}):\n{''.join(seen[-50:])}")
            seen.append(line)
            if line.startswith("SANDBOX_READY "):
                info = json.loads(line[len("SANDBOX_READY "):])
                break
    except queue.Empty:
        proc.kill()
        raise RuntimeError(f"no SANDBOX_READY line within {READY_TIMEOUT_S} s:\n{''.join(seen[-50:])}")
    except BaseException:
        proc.kill()
        raise
    try:
        yield info
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        pump.join(timeout=5)
        if log:
            log.close()
