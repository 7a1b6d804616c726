"""Engines: where documents are analysed — one process, a process pool, or Dask.

An engine only decides *where* :func:`analysis.run.stages.analyse_batch` runs.
Documents go out in batches, at most ``2 * workers`` batches are in flight (so
memory stays bounded), and results come back in input order, each document's
``documents`` row carrying its metadata — so every engine gives the same tables.

:func:`open_engine` starts the engine before any document is read, so a bad option
or an unreachable Dask scheduler is reported at once (:class:`EngineError`, one
line, within the connect timeout).  When the run fails or is interrupted, the
workers are stopped; process-pool workers also stop on their own when the main
process is killed (they watch it), so no worker outlives a run.

Examples
--------
>>> from analysis.corpus import Document
>>> with open_engine("serial") as engine:
...     rows = list(engine.results([Document("a", "‘Yes,’ she said.", {"outlet": "AP"})]))
>>> rows[0]["documents"][0]["outlet"], rows[0]["quotes"][0]["kind"]
('AP', 'direct')
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import time
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from analysis.corpus.records import (
    SURROGATE,
    Document,
    Failure,
    meta_value,
    metadata_name,
    printable,
)
from analysis.run.tables import TABLES

__all__ = ["CONNECT_TIMEOUT", "ENGINES", "GC_THRESHOLD", "MAX_DOC_TIMEOUT", "MAX_WORKERS",
           "WORKER_MB", "Engine", "EngineError", "EngineWarning", "available_mb",
           "check_local_workers", "check_scheduler", "cores", "iter_results", "metadata",
           "metadata_columns", "open_engine", "quiet_gc"]

ENGINES = ("serial", "processes", "dask")
#: Seconds a Dask scheduler has to accept the connection and answer Dask's handshake.
CONNECT_TIMEOUT = 5
#: The most ``workers`` any engine accepts (with a remote Dask scheduler, ``workers``
#: is how many batches are kept in flight, so it may exceed this machine's cores); the
#: local engines also stop at what memory holds (:func:`check_local_workers`).
MAX_WORKERS = 1024

#: The longest time limit per document, in seconds (a day; the timer itself takes at
#: most about 9.2e9 s, and ``inf`` overflows it).
MAX_DOC_TIMEOUT = 86_400.0

#: Memory of one worker once warmed up (package, lexicons and models loaded; seed-sized
#: articles analysed), in MB: the peak resident set size (psutil) measured on a 2-core
#: Linux machine with Python 3.11.  A process-pool worker forks from a server that has
#: loaded everything and at first shares most of it (26 MB of its own after 20
#: articles, 72 MB after 100), but its pages become its own as it runs, so the whole
#: resident size is what it costs in the end; a local Dask worker is a fresh process
#: (270 MB of its own).  Long documents need more (about 250 MB per MB of text).
WORKER_MB = {"processes": 220, "dask": 360}
_FIXED = frozenset(TABLES["documents"].names())

Rows = dict[str, list[dict[str, Any]]]


class EngineError(Exception):
    """An engine cannot start: a bad option, or a scheduler that cannot be reached."""


class EngineWarning(UserWarning):
    """An engine starts, but not as well as it could (more workers than cores)."""


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def admit(item: Any) -> Document | Failure:
    """Check an item before analysis: a document whose text is not valid Unicode (a
    lone surrogate, which no writer accepts) becomes a failure; ids become printable.

    Examples
    --------
    >>> admit(Document("a", "bad \\ud800 text")).status
    'undecodable'
    """
    if isinstance(item, Failure):
        return item
    if not isinstance(item, Document):
        raise TypeError(f"a corpus holds Document or Failure records, not "
                        f"{type(item).__name__}; read files with analysis.corpus.iter_corpus "
                        f"or wrap texts as Document(id, text)")
    doc_id = printable(str(item.id))
    source = printable(str(item.meta.get("source", doc_id)))
    if not isinstance(item.text, str):
        return Failure(doc_id, source, "malformed",
                       f"{source}: the text is {type(item.text).__name__}, not str", item.meta)
    bad = SURROGATE.search(item.text)
    if bad is not None:
        return Failure(doc_id, source, "undecodable",
                       f"{source}: character {bad.start()} is a lone surrogate "
                       f"U+{ord(bad.group()):04X} (not valid Unicode); fix the source",
                       item.meta)
    if doc_id != item.id:
        return Document(doc_id, item.text, item.meta)
    return item


def metadata(item: Document | Failure) -> dict[str, Any]:
    """The metadata columns of an item's ``documents`` row (``source`` excluded; a key
    that is a fixed column name renamed by :func:`analysis.corpus.metadata_name`).

    Examples
    --------
    >>> metadata(Document("a", "x", {"source": "a.txt", "status": "draft", "year": 2020}))
    {'meta_status': 'draft', 'year': 2020}
    """
    out: dict[str, Any] = {}
    for key, value in item.meta.items():
        if key == "source":
            continue
        name = printable(str(key))
        if name in _FIXED or name in out:
            name = metadata_name(name, _FIXED | set(out))
        out[name] = meta_value(value)
    return out


def metadata_columns(names: Iterable[str]) -> list[str]:
    """The names that metadata columns of a corpus take in the ``documents`` table (as
    :func:`metadata` renames them), in order.

    Examples
    --------
    >>> metadata_columns(["file", "status", "outlet"])
    ['file', 'meta_status', 'outlet']
    """
    return list(metadata(Document("", "", dict.fromkeys(names))))


def _attach(result: Rows, item: Document | Failure) -> Rows:
    meta = metadata(item)
    if meta:
        for row in result.get("documents", [])[:1]:
            for key, value in meta.items():
                row.setdefault(key, value)
    return result


_WARM: set[str | None] = set()


class _Timeout(BaseException):
    """Raised by the alarm; a BaseException so that no ``except Exception`` hides it."""


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    def ring(signum, frame):
        raise _Timeout

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _can_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _timed_out(item: Document | Failure, seconds: float) -> Failure:
    source = printable(str(item.meta.get("source", item.id))) if isinstance(
        item, Document) else item.source
    return Failure(item.id, source, "timeout",
                   f"{source}: the analysis took longer than {seconds:g} s and was stopped "
                   f"(--doc-timeout); please report this document", item.meta)


def _analyse_batch(batch: list[Document | Failure], target: Any, with_tokens: bool,
                   timeout: float | None = None, attributions: str = "speech") -> list[Rows]:
    """Analyse a batch; with a ``timeout``, a batch that takes longer is analysed again
    document by document, and a document that alone takes longer becomes a ``timeout``
    failure (where a timer can interrupt: the main thread of a process on POSIX)."""
    from analysis.run import stages  # when first needed: see _worker_init

    def run(items: list[Document | Failure]) -> list[Rows]:
        return stages.analyse_batch(items, target=target, with_tokens=with_tokens,
                                    attributions=attributions)

    if not timeout or not _can_alarm():
        return run(batch)
    if target not in _WARM:  # loading lexicons and models is not the document's time
        stages.warm_up(target)
        _WARM.add(target)
    try:
        with _alarm(timeout):
            return run(batch)
    except _Timeout:
        pass
    out: list[Rows] = []
    for item in batch:
        try:
            with _alarm(timeout):
                out.extend(run([item]))
        except _Timeout:
            out.extend(run([_timed_out(item, timeout)]))
    return out


# --------------------------------------------------------------------------- workers
def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _watch(pid: int, interval: float) -> None:
    while True:
        time.sleep(interval)
        if not _alive(pid):
            os._exit(1)


def _worker_init(target: Any, parent: int) -> None:
    """Start of a pool worker: leave Ctrl-C to the main process, exit when it is gone
    (killed with SIGKILL, say), and warm the caches before the first batch; then the
    garbage collector as :func:`quiet_gc` sets it, for the worker's life."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch, args=(parent, 0.5), daemon=True,
                     name="analysis-watch-parent").start()
    # imported here, not at the top: the command line imports this module to check its
    # options before anything is read, and the stages load lexicons and models
    from analysis.run import stages

    stages.warm_up(target)
    quiet_gc().__enter__()


#: The garbage collector's first threshold while documents are analysed (Python's
#: default is 700): the analysis allocates millions of short-lived records, almost
#: none in reference cycles, and at the default every 700 of them a collection walks
#: them (about a tenth of a run's time, mostly re-walking the lexicons and models).
GC_THRESHOLD = 50_000


@contextmanager
def quiet_gc() -> Iterator[None]:
    """Within the block, the garbage collector leaves the objects that exist when it
    starts (the lexicons and models, loaded by then) out of every collection
    (:func:`gc.freeze`) and collects after :data:`GC_THRESHOLD` allocations instead of
    700; both are undone when it ends.  Reference counting frees everything as before:
    only cycles wait longer, and no result depends on when they are collected."""
    import gc

    before = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(before[0], GC_THRESHOLD), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()


# --------------------------------------------------------------------------- engines
@dataclass
class Engine:
    """A started engine; :meth:`results` analyses a corpus on it."""

    name: str
    workers: int
    target: Any
    with_tokens: bool = False
    batch_size: int = 16
    timeout: float | None = None
    _submit: Callable[..., Any] | None = field(default=None, repr=False)
    attributions: str = "speech"

    def results(self, corpus: Iterable[Any]) -> Iterator[Rows]:
        """Per-document row dicts in input order, metadata in the ``documents`` row."""
        admitted = (admit(item) for item in corpus)
        if self._submit is None:
            with quiet_gc():
                for batch in _batches(admitted, self.batch_size):
                    rows = _analyse_batch(batch, self.target, self.with_tokens, self.timeout,
                                          self.attributions)
                    for item, result in zip(batch, rows, strict=True):
                        yield _attach(result, item)
            return
        pending: deque = deque()
        for batch in _batches(admitted, self.batch_size):
            pending.append((batch, self._submit(_analyse_batch, batch, self.target,
                                                self.with_tokens, self.timeout,
                                                self.attributions)))
            if len(pending) >= 2 * self.workers:
                yield from self._collect(*pending.popleft())
        while pending:
            yield from self._collect(*pending.popleft())

    @staticmethod
    def _collect(batch: list[Document | Failure], future: Any) -> Iterator[Rows]:
        for item, result in zip(batch, future.result(), strict=True):
            yield _attach(result, item)


def check_workers(workers: int | None) -> None:
    """Raise :class:`EngineError` unless ``workers`` is None or 1..MAX_WORKERS.

    Examples
    --------
    >>> check_workers(0)
    Traceback (most recent call last):
    ...
    analysis.run.engines.EngineError: workers must be a whole number from 1 to 1024, got 0
    """
    if workers is None:
        return
    if isinstance(workers, bool) or not isinstance(workers, int) or not (
            1 <= workers <= MAX_WORKERS):
        raise EngineError(f"workers must be a whole number from 1 to {MAX_WORKERS}, got "
                          f"{workers!r}")


def cores() -> int:
    """The cores this process may run on (its CPU affinity where the system has one)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def available_mb() -> float | None:
    """Memory available to new processes without swapping, in MB (None: unknown)."""
    try:
        import psutil

        return psutil.virtual_memory().available / 1e6
    except Exception:
        return None


def check_local_workers(engine: str, workers: int | None, scheduler: str | None = None) -> None:
    """Check the workers of a local engine against this machine: raise
    :class:`EngineError` when they would need more memory than is available, and warn
    (:class:`EngineWarning`) when they outnumber the cores, with what they cost.

    ``processes`` and a local Dask cluster start ``workers`` processes of about
    :data:`WORKER_MB` each; a CPU-bound worker beyond the cores adds memory, not speed.
    With a remote scheduler (or the serial engine) nothing is started here.

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     check_local_workers("processes", cores() + 7)
    >>> "more workers than cores adds memory, not speed" in str(caught[0].message)
    True
    """
    if engine not in WORKER_MB or scheduler or not workers:
        return
    each = WORKER_MB[engine]
    free = available_mb()
    if free is not None and workers * each > free:
        most = max(1, int(free // each))
        raise EngineError(f"--workers {workers} would need about {workers * each / 1000:,.1f} GB "
                          f"({each} MB per {engine} worker) but {free / 1000:,.1f} GB is "
                          f"available; use at most {most} (this machine has {cores()} cores)")
    n = cores()
    message = (f"{workers} workers on {n} cores: each {engine} worker holds about {each} MB "
               f"once warmed up ({workers * each / 1000:,.1f} GB in all), and more workers "
               f"than cores adds memory, not speed; --workers {n} is as fast")
    if workers > n and message not in _WARNED:  # the command line checks first, then the engine
        _WARNED.add(message)
        warnings.warn(message, EngineWarning, stacklevel=2)


_WARNED: set[str] = set()


@contextmanager
def open_engine(engine: str = "serial", *, workers: int | None = None,
                scheduler: str | None = None, target: Any = None,
                with_tokens: bool = False, batch_size: int = 16,
                doc_timeout: float | None = None,
                connect_timeout: float = CONNECT_TIMEOUT,
                attributions: str = "speech") -> Iterator[Engine]:
    """Start an engine (a pool, a Dask client) and stop it at the end of the block.

    Parameters
    ----------
    engine : {"serial", "processes", "dask"}
    workers : int, optional
        Worker processes (default: all cores; 2 for a local Dask cluster).
    scheduler : str, optional
        Address of an existing Dask scheduler (``tcp://host:8786``).
    target : str or analysis.run.stages.StanceTarget, optional
        Stance target; without one no stance is computed (stance is opt-in).
    doc_timeout : float, optional
        Seconds a document may take; a slower one is stopped and recorded with status
        ``timeout`` (serial and processes engines on POSIX; Dask runs tasks in threads,
        which a timer cannot interrupt).  Time spent inside one C call (a regular
        expression, say) is only interrupted when it returns.
    connect_timeout : float
        Seconds to wait for the scheduler.
    attributions : {"speech", "all"}
        What the quotes table holds (:data:`analysis.quotes.cues.SCHEMES`).

    Raises
    ------
    EngineError
        For an unknown engine, a bad ``workers``, or a scheduler that cannot be
        reached in time — before any document is read.

    Examples
    --------
    >>> with open_engine("dask", scheduler="tcp://127.0.0.1:1"):
    ...     pass
    Traceback (most recent call last):
    ...
    analysis.run.engines.EngineError: cannot reach the Dask scheduler at 'tcp://127.0.0.1:1' within 5 s (Connection refused); ...
    """
    if engine not in ENGINES:
        raise EngineError(f"unknown engine {engine!r}; choose one of {list(ENGINES)}")
    if attributions not in ("speech", "all"):
        raise EngineError(f"attributions must be 'speech' or 'all'; got {attributions!r}")
    check_workers(workers)
    check_local_workers(engine, workers, scheduler)
    if scheduler and engine != "dask":
        raise EngineError(f"a scheduler ({scheduler}) needs the dask engine, not {engine!r}")
    if doc_timeout is not None and not 0 < doc_timeout <= MAX_DOC_TIMEOUT:
        raise EngineError(f"the time limit per document must be from 0 to {MAX_DOC_TIMEOUT:,.0f} "
                          f"seconds (a day; None: no limit), got {doc_timeout!r}")
    if engine == "serial":
        yield Engine("serial", 1, target, with_tokens, batch_size, doc_timeout,
                     attributions=attributions)
    elif engine == "processes":
        with _process_pool(workers or cores(), target) as submit:
            yield Engine("processes", workers or cores(), target, with_tokens,
                         batch_size, doc_timeout, submit, attributions)
    else:
        with _dask(workers or 2, scheduler, connect_timeout) as submit:
            yield Engine("dask", workers or 2, target, with_tokens, batch_size, doc_timeout,
                         submit, attributions)


@contextmanager
def _process_pool(workers: int, target: Any) -> Iterator[Callable[..., Any]]:
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    if sys.platform == "win32":
        context = mp.get_context("spawn")
    else:
        # Workers fork from a server that has imported the package once (NLTK alone
        # takes ~0.8 s to import), then warm their caches in parallel.
        context = mp.get_context("forkserver")
        context.set_forkserver_preload(["analysis.run._preload"])
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context,
                               initializer=_worker_init, initargs=(target, os.getpid()))
    try:
        yield pool.submit
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown(wait=True)


def _stop(pool: Any) -> None:
    """Stop a process pool now: cancel what has not started, end the workers."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with suppress(Exception):
            process.terminate()
    for process in processes:
        with suppress(Exception):
            process.join(timeout=5)


def _deadline_left(deadline: float) -> float:
    return max(0.0, deadline - time.monotonic())


def _handshake_bytes() -> bytes:
    """What a Dask client says first: its handshake, one msgpack frame, framed as
    ``distributed.comm.tcp`` frames it (a length, the number of frames, their lengths)."""
    import struct

    import msgpack

    payload = msgpack.packb({"compression": None,
                             "python": list(sys.version_info[:3]),
                             "pickle-protocol": 5}, use_bin_type=True)
    prelude = struct.pack("QQ", 1, len(payload))
    return struct.pack("Q", len(prelude) + len(payload)) + prelude + payload


def _recv_exactly(sock: Any, n: int, deadline: float) -> bytes:
    data = b""
    while len(data) < n:
        left = _deadline_left(deadline)
        if not left:
            raise TimeoutError
        sock.settimeout(left)
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise ConnectionResetError("the connection was closed")
        data += chunk
    return data


def _is_dask_handshake(data: bytes) -> bool:
    """Whether ``data`` (after the 8-byte length) is a Dask handshake: one or more
    frames whose first is a msgpack map naming the peer's Python and pickle protocol."""
    import struct

    if len(data) < 16:
        return False
    (n_frames,) = struct.unpack_from("Q", data)
    if not 1 <= n_frames <= 64 or len(data) < 8 * (1 + n_frames):
        return False
    lengths = struct.unpack_from(f"{n_frames}Q", data, 8)
    start = 8 * (1 + n_frames)
    first = data[start:start + lengths[0]]
    try:
        import msgpack

        message = msgpack.unpackb(first, raw=False, strict_map_key=False)
    except Exception:
        return False
    return isinstance(message, dict) and "pickle-protocol" in message


def _probe_tcp(address: str, host: str, port: int, timeout: float) -> None:
    """Connect to ``host:port`` and complete the first step of Dask's handshake (each
    side sends who it is) within ``timeout`` seconds in all, or raise EngineError.

    Pure sockets, before Dask is imported: a listener that never speaks (a silent
    port, an HTTP server) is told from a scheduler in at most ``timeout`` seconds,
    where Dask's client waits for its answer without a limit."""
    import socket
    import struct

    deadline = time.monotonic() + timeout
    fix = "check the address, or leave out --scheduler to start a local cluster"
    try:
        sock = socket.create_connection((host, port), timeout=timeout)
    except OSError as err:
        reason = ("no answer" if isinstance(err, TimeoutError)
                  else err.strerror or type(err).__name__)
        raise EngineError(f"cannot reach the Dask scheduler at {address!r} within "
                          f"{timeout:g} s ({reason}); {fix}") from None
    with sock:
        try:
            sock.settimeout(_deadline_left(deadline) or 0.001)
            sock.sendall(_handshake_bytes())
            head = _recv_exactly(sock, 8, deadline)
            (size,) = struct.unpack("Q", head)
            body = _recv_exactly(sock, size, deadline) if 16 <= size <= 65536 else b""
        except TimeoutError:
            raise EngineError(
                f"{address!r} accepted the connection but did not answer as a Dask scheduler "
                f"within {timeout:g} s (a scheduler says who it is at once); is it the "
                f"scheduler's port (usually 8786; 8787 is its dashboard)? {fix}") from None
        except OSError as err:
            raise EngineError(f"{address!r} closed the connection without answering as a Dask "
                              f"scheduler ({err.strerror or err}); {fix}") from None
    if not _is_dask_handshake(body):
        said = head + body[:24]
        kind = ("an HTTP server" if said.startswith(b"HTTP/") else
                "something that is not a Dask scheduler")
        raise EngineError(f"{address!r} answered, but as {kind} (it sent "
                          f"{said[:24]!r}...); is it the scheduler's port (usually 8786; "
                          f"8787 is its dashboard)? {fix}")


def check_scheduler(address: str, timeout: float = CONNECT_TIMEOUT) -> None:
    """Raise :class:`EngineError` (one line) unless a Dask scheduler at ``address``
    completes a handshake within ``timeout`` seconds, connection included.

    ``tcp://`` addresses are probed with plain sockets before Dask is imported;
    ``inproc://`` names a scheduler inside another Python process, which no run can
    reach; other schemes (``tls://``, ``ws://``) are probed with Dask's own connect,
    under the same deadline.

    Examples
    --------
    >>> check_scheduler("tcp://127.0.0.1:1")
    Traceback (most recent call last):
    ...
    analysis.run.engines.EngineError: cannot reach the Dask scheduler at 'tcp://127.0.0.1:1' within 5 s (Connection refused); ...
    >>> check_scheduler("inproc://192.168.1.2/1234/1")
    Traceback (most recent call last):
    ...
    analysis.run.engines.EngineError: 'inproc://192.168.1.2/1234/1' is an in-process address: ...
    """
    from urllib.parse import urlsplit

    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    if parts.scheme == "inproc":
        raise EngineError(f"{address!r} is an in-process address: it names a scheduler inside "
                          f"one Python process, which a run cannot reach; give the address "
                          f"the scheduler listens on, tcp://HOST:PORT")
    try:
        host, port = parts.hostname, parts.port
    except ValueError:
        host, port = None, None
    if parts.scheme == "tcp":
        if not host or not port:
            raise EngineError(f"cannot read the scheduler address {address!r}; write it as "
                              f"tcp://HOST:PORT (e.g. tcp://scheduler:8786)")
        _probe_tcp(address, host, port, timeout)
        return
    if parts.scheme not in ("tls", "ws", "wss", "ucx"):
        raise EngineError(f"cannot read the scheduler address {address!r}: unknown scheme "
                          f"{parts.scheme!r}; write it as tcp://HOST:PORT")
    _probe_with_dask(address, timeout)


def _probe_with_dask(address: str, timeout: float) -> None:
    import asyncio

    async def probe() -> None:
        from distributed.comm import connect

        comm = await asyncio.wait_for(connect(address, timeout=timeout), timeout)
        await comm.close()

    try:
        asyncio.run(probe())
    except Exception as err:
        reason = "no answer" if isinstance(err, TimeoutError) else (
            str(err).splitlines()[0] if str(err) else type(err).__name__)
        raise EngineError(f"cannot reach the Dask scheduler at {address!r} within "
                          f"{timeout:g} s ({reason}); check the address, or leave out "
                          f"--scheduler to start a local cluster") from None


@contextmanager
def _no_sigint() -> Iterator[None]:
    """Start threads and processes that leave Ctrl-C to this one (Dask's workers).

    While the block runs, SIGINT is ignored, which processes started meanwhile inherit
    (Python keeps ignoring it, so a Ctrl-C at the terminal, sent to every process of
    the group, does not print a worker's traceback), and blocked in this thread, so
    that a Ctrl-C meanwhile is not lost: the kernel keeps a blocked signal pending even
    when it is ignored, and it is delivered when the block ends."""
    if not hasattr(signal, "pthread_sigmask") or \
            threading.current_thread() is not threading.main_thread():
        yield
        return
    old_mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    old_handler = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, old_handler)
        signal.pthread_sigmask(signal.SIG_SETMASK, old_mask)


@contextmanager
def _dask(workers: int, scheduler: str | None,
          timeout: float) -> Iterator[Callable[..., Any]]:
    import importlib.util
    import logging

    if importlib.util.find_spec("distributed") is None:
        raise EngineError("the dask engine needs the distributed package: pip install "
                          "'dask[distributed]', or use --engine processes")
    if scheduler:
        check_scheduler(scheduler, timeout)
    from dask.distributed import Client, LocalCluster

    class QuietClient(Client):
        """A client whose clean-up when it was never connected is nothing (Dask's
        ``__del__`` would wait 10 s and print a traceback); it is closed below."""

        def __del__(self) -> None:
            pass

    cluster = None
    if scheduler:
        try:
            with _no_sigint():
                client = QuietClient(scheduler, timeout=f"{timeout}s", set_as_default=False)
        except Exception as err:  # answered the handshake, then failed
            reason = str(err).splitlines()[0] if str(err) else type(err).__name__
            raise EngineError(f"cannot use the Dask scheduler at {scheduler!r} ({reason}); "
                              f"check the address, or leave out --scheduler to start a local "
                              f"cluster") from None
        try:  # without a worker, every task would wait for ever
            client.wait_for_workers(1, timeout=timeout)
        except Exception:
            with suppress(Exception):
                client.close(timeout=2)
            raise EngineError(f"the Dask scheduler at {scheduler!r} has no worker (none joined "
                              f"within {timeout:g} s); start one with `dask worker "
                              f"{scheduler}`") from None
    else:
        # Dask's own log lines (a worker stopped while busy, a heartbeat to a scheduler
        # that has gone) are its business: a run reports failures itself, in one line.
        with _no_sigint():
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.CRITICAL,
                                   scheduler_kwargs={"dashboard_address": ":0"})  # any port
            client = QuietClient(cluster, set_as_default=False)
    futures: list[Any] = []

    def submit(fn: Callable[..., Any], *args: Any) -> Any:
        future = client.submit(fn, *args, pure=False)
        futures.append(future)
        if len(futures) > 1024:
            futures[:] = [f for f in futures if not f.done()]
        return future

    try:
        yield submit
    except BaseException:
        # Interrupted or failed: stop the work at once, nothing waits for it.  Busy
        # workers do not answer a polite close for seconds; this cluster's are ours.
        # Dask's log lines about the connections this cuts are its business: its
        # handlers stay quiet from here on (closing the cluster would restore their level
        # while its comms are still closing).
        _quiet_dask_logs()
        with suppress(Exception):
            client.cancel([f for f in futures if not f.done()], force=True)
        with suppress(Exception):
            client.close(timeout=2)
        if cluster is not None:
            for nanny in list(getattr(cluster, "workers", {}).values()):
                with suppress(Exception):
                    if nanny.pid:
                        os.kill(nanny.pid, signal.SIGKILL)
            with suppress(Exception):
                cluster.close(timeout=2)
        raise
    with suppress(Exception):
        client.close(timeout=5)
    if cluster is not None:
        with suppress(Exception):
            cluster.close(timeout=5)


def _quiet_dask_logs() -> None:
    """Dask's stream handlers (``distributed``, those :class:`~dask.distributed.LocalCluster`
    silences while it runs) pass only CRITICAL records from now on: a filter, which
    closing the cluster does not undo (it restores their levels)."""
    import logging

    for handler in logging.getLogger("distributed").handlers:
        if isinstance(handler, logging.StreamHandler) and _critical_only not in handler.filters:
            handler.addFilter(_critical_only)


def _critical_only(record: logging.LogRecord) -> bool:
    return record.levelno >= logging.CRITICAL


def iter_results(corpus: Iterable[Document | Failure], *, engine: str = "serial",
                 workers: int | None = None, scheduler: str | None = None,
                 target: Any = None, with_tokens: bool = False,
                 batch_size: int = 16, doc_timeout: float | None = None,
                 attributions: str = "speech") -> Iterator[Rows]:
    """Per-document row dicts in input order, computed by the chosen engine.

    Memory stays bounded: at most a few batches per worker are in flight.  The
    ``documents`` row of each document carries its metadata (see :func:`metadata`).

    Examples
    --------
    >>> [r["documents"][0]["status"] for r in iter_results([Document("a", "Hi.")])]
    ['ok']
    """
    with open_engine(engine, workers=workers, scheduler=scheduler, target=target,
                     with_tokens=with_tokens, batch_size=batch_size,
                     doc_timeout=doc_timeout, attributions=attributions) as started:
        yield from started.results(corpus)


def result_status(result: Mapping[str, list[dict[str, Any]]]) -> str:
    """The status of a document from its rows.

    Examples
    --------
    >>> result_status({"documents": [{"status": "empty"}]})
    'empty'
    """
    rows = result.get("documents") or [{}]
    return str(rows[0].get("status", ""))
