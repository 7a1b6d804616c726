"""Engines that fail fast and stop cleanly, options checked against their limits (issue
#22, items 4, 9, 10 and 11).

- A ``--scheduler`` that is not a Dask scheduler (a silent listener, an HTTP server, a
  host that never answers, ``inproc://``) is one line, exit 2, within 5 s of the probe.
  This sandbox answers every outbound connection itself (so 10.255.255.1 is not
  unroutable here); a host that never answers is simulated by a listener whose
  accept queue is full, which drops the connection's SYN as an unroutable host does.
- Ctrl-C with ``--engine dask`` prints one line and exits 130.
- ``--doc-timeout inf`` and a ``--stance-model`` that is not a model are usage errors.
- ``--workers`` above the cores warns with what each costs; above memory is refused.
"""

import contextlib
import http.server
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import warnings

import pytest

from analysis.cli import main
from analysis.paths import REPO, SEEDS
from analysis.run import engines
from analysis.run.engines import (
    CONNECT_TIMEOUT,
    EngineError,
    EngineWarning,
    check_local_workers,
    check_scheduler,
    open_engine,
)


# --------------------------------------------------------------------------- listeners
def _listener(backlog: int = 5) -> socket.socket:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(backlog)
    return server


@pytest.fixture
def silent():
    """Accepts connections and never says a word."""
    server = _listener()
    accepted = []
    stop = threading.Event()

    def serve():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"tcp://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join()
    for conn in accepted:
        conn.close()
    server.close()


@pytest.fixture
def http_server():
    """A tiny HTTP server (the dashboard's port, say)."""
    server = http.server.HTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"tcp://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def chatty():
    """Answers every connection at once with an HTTP error (as this sandbox's proxy
    does for any outside address), then closes it."""
    server = _listener()
    stop = threading.Event()

    def serve():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                conn = server.accept()[0]
            except OSError:
                continue
            conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"tcp://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join()
    server.close()


@pytest.fixture
def no_answer():
    """A port whose accept queue is full: a new connection's SYN is dropped, so connect
    waits as it does for an unroutable host."""
    server = _listener(backlog=0)
    port = server.getsockname()[1]
    fillers = []
    for _ in range(4):
        filler = socket.socket()
        filler.setblocking(False)
        with contextlib.suppress(BlockingIOError):
            filler.connect(("127.0.0.1", port))
        fillers.append(filler)
    time.sleep(0.2)
    probe = socket.socket()
    probe.settimeout(1)
    try:
        probe.connect(("127.0.0.1", port))
        pytest.skip("this system accepts connections beyond a full accept queue")
    except OSError:
        pass
    finally:
        probe.close()
    yield f"tcp://127.0.0.1:{port}"
    for filler in fillers:
        filler.close()
    server.close()


def _refused() -> str:
    server = _listener()
    port = server.getsockname()[1]
    server.close()
    return f"tcp://127.0.0.1:{port}"


# --------------------------------------------------------------------------- item 4
@pytest.mark.parametrize("case,words", [
    ("silent", "accepted the connection but did not answer as a Dask scheduler within 5 s"),
    ("http_server", "did not answer as a Dask scheduler within 5 s"),  # it waits for a line
    ("chatty", "answered, but as an HTTP server"),
    ("no_answer", "cannot reach the Dask scheduler"),
    ("refused", "Connection refused"),
    ("inproc", "is an in-process address"),
    ("garbled", "cannot read the scheduler address"),
    ("scheme", "unknown scheme"),
])
def test_a_scheduler_that_does_not_speak_dask_is_one_line_within_5_s(case, words, request):
    address = {"refused": _refused, "inproc": lambda: "inproc://192.168.1.2/1234/1",
               "garbled": lambda: "tcp://scheduler", "scheme": lambda: "http://x:8786"}.get(
        case, lambda: request.getfixturevalue(case))()
    started = time.perf_counter()
    with pytest.raises(EngineError) as caught:
        check_scheduler(address)
    elapsed = time.perf_counter() - started
    assert elapsed < CONNECT_TIMEOUT + 0.5, elapsed
    message = str(caught.value)
    assert words in message and "\n" not in message, message
    if case in ("silent", "http_server", "chatty", "no_answer", "refused"):
        assert repr(address) in message


def test_run_with_a_silent_scheduler_exits_2_in_one_line(silent, tmp_path, capsys):
    out = tmp_path / "out"
    started = time.perf_counter()
    code = main(["run", str(SEEDS), "--out", str(out), "--quiet", "--scheduler", silent])
    elapsed = time.perf_counter() - started
    err = capsys.readouterr().err
    assert code == 2 and len(err.strip().splitlines()) == 1, err
    assert "did not answer as a Dask scheduler" in err
    assert elapsed < CONNECT_TIMEOUT + 1.5, elapsed  # the probe comes before anything else
    assert not out.exists()


@pytest.mark.slow
@pytest.mark.parametrize("case", ["http_server", "inproc"])
def test_scheduler_errors_from_the_command_line(case, tmp_path, request):
    address = ("inproc://192.168.1.2/1234/1" if case == "inproc"
               else request.getfixturevalue(case))
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "analysis", "run", str(SEEDS), "--out",
                             str(tmp_path / "out"), "--scheduler", address],
                            capture_output=True, text=True, cwd=REPO, timeout=120,
                            env={**os.environ, "PYTHONPATH": str(REPO)})
    elapsed = time.perf_counter() - started
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1, result
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert elapsed < CONNECT_TIMEOUT + 5, elapsed  # the interpreter's start included


@pytest.mark.slow
def test_a_real_scheduler_passes_and_one_without_workers_is_refused():
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=0, processes=False, protocol="tcp://", dashboard_address=None,
                      scheduler_kwargs={"dashboard_address": ":0"}) as cluster:
        address = cluster.scheduler_address
        check_scheduler(address)  # a Dask handshake: no error
        started = time.perf_counter()
        with pytest.raises(EngineError, match="has no worker"), \
                open_engine("dask", scheduler=address, connect_timeout=1):
            pass
        assert time.perf_counter() - started < 10


# --------------------------------------------------------------------------- item 9
@pytest.mark.slow
@pytest.mark.parametrize("to", ["process", "group"])
def test_ctrl_c_with_dask_is_one_line(tmp_path, seed_corpus, to):
    """``group`` is what a terminal does: SIGINT to every process of the foreground
    group, Dask's workers included."""
    out = tmp_path / "out"
    corpus = seed_corpus(60)
    proc = subprocess.Popen([sys.executable, "-m", "analysis", "run", str(corpus), "--out",
                             str(out), "--quiet", "--no-figures", "--engine", "dask"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO,
                            env={**os.environ, "PYTHONPATH": str(REPO)},
                            start_new_session=True)
    try:
        end = time.monotonic() + 180
        while not any(".tmp-" in p.name for p in tmp_path.iterdir()):
            assert time.monotonic() < end and proc.poll() is None
            time.sleep(0.2)
        time.sleep(2)  # the workers are busy with documents
        if to == "group":
            os.killpg(proc.pid, signal.SIGINT)
        else:
            proc.send_signal(signal.SIGINT)
        stopped = time.monotonic()
        _, err = proc.communicate(timeout=60)
        elapsed = time.monotonic() - stopped
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130, err
    assert err.strip().splitlines() == [f"interrupted; nothing was written to {out}"], err
    assert elapsed < 15, elapsed
    assert not out.exists() and not [p for p in tmp_path.iterdir() if ".tmp-" in p.name]


# --------------------------------------------------------------------------- item 10
@pytest.mark.parametrize("value", ["inf", "1e12", "-1", "nan", "86401"])
def test_doc_timeout_beyond_its_limit_is_a_usage_error(value, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["run", str(SEEDS), "--out", str(tmp_path / "out"), "--doc-timeout", value])
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and len(err.strip().splitlines()) == 1
    assert f"got {value!r}" in err and "86,400" in err


def test_doc_timeout_limit_in_python_too():
    with pytest.raises(EngineError, match="86,400"), open_engine(doc_timeout=float("inf")):
        pass


def test_stance_model_that_is_not_a_model_is_a_usage_error(tmp_path, capsys):
    notes = tmp_path / "notes.txt"
    notes.write_text("favor\tI like it\n")
    empty = tmp_path / "empty.json"
    empty.write_text("{}")
    for path in (notes, empty):
        code = main(["run", str(SEEDS), "--out", str(tmp_path / "out"), "--quiet",
                     "--target", "sanctions", "--stance-model", str(path)])
        err = capsys.readouterr().err
        assert code == 2 and len(err.strip().splitlines()) == 1, err
        assert f"--stance-model {path}: not a stance model" in err
        assert "StanceClassifier.save" in err and "please report" not in err
    assert not (tmp_path / "out").exists()


def test_a_saved_stance_model_passes_the_check(tmp_path):
    from analysis.run.stages import check_stance_model
    from analysis.stance import shipped

    check_stance_model(shipped("teaching").save(tmp_path / "model.json.gz"))


# --------------------------------------------------------------------------- item 11
def test_workers_above_the_cores_warn_with_their_memory(monkeypatch):
    monkeypatch.setattr(engines, "cores", lambda: 2)
    monkeypatch.setattr(engines, "available_mb", lambda: 64_000.0)
    monkeypatch.setattr(engines, "_WARNED", set())
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        check_local_workers("processes", 2)
        check_local_workers("processes", 8, scheduler="tcp://remote:8786")  # not local
        check_local_workers("serial", 8)
        assert caught == []
        check_local_workers("processes", 8)
        check_local_workers("processes", 8)  # said once
    (warning,) = caught
    assert warning.category is EngineWarning
    message = str(warning.message)
    assert message.startswith("8 workers on 2 cores")
    assert f"about {engines.WORKER_MB['processes']} MB" in message
    assert f"({8 * engines.WORKER_MB['processes'] / 1000:,.1f} GB in all)" in message


def test_workers_beyond_memory_are_refused(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(engines, "available_mb", lambda: 1_000.0)
    out = tmp_path / "out"
    started = time.perf_counter()
    code = main(["run", str(SEEDS), "--out", str(out), "--engine", "dask", "--workers", "1024"])
    err = capsys.readouterr().err
    assert code == 2 and len(err.strip().splitlines()) == 1, err
    assert "--workers 1024 would need about" in err and "use at most 2" in err
    assert time.perf_counter() - started < 5 and not out.exists()


@pytest.mark.slow
def test_worker_memory_matches_the_measurement(seed_corpus):
    """WORKER_MB['processes'] is a warmed-up worker's peak resident size (psutil), to
    within a third (the machine, the Python and the libraries move it)."""
    psutil = pytest.importorskip("psutil")
    peak = 0
    corpus = list((seed_corpus(8)).iterdir())
    from analysis.corpus import iter_corpus

    with open_engine("processes", workers=1) as started:
        for _ in started.results(iter_corpus(corpus[0].parent)):
            for child in psutil.Process().children(recursive=True):
                if "forkserver" not in " ".join(child.cmdline()):
                    continue
                with_server = child.memory_info().rss
                peak = max(peak, with_server)
    expected = engines.WORKER_MB["processes"] * 1e6
    assert expected * 0.67 < peak < expected * 1.5, peak / 1e6
