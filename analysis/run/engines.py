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

import os
import signal
import sys
import threading
import time
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

__all__ = ["CONNECT_TIMEOUT", "ENGINES", "GC_THRESHOLD", "MAX_WORKERS", "Engine", "EngineError",
           "iter_results", "open_engine", "quiet_gc"]

ENGINES = ("serial", "processes", "dask")
#: Seconds to wait for a Dask scheduler before giving up.
CONNECT_TIMEOUT = 5
MAX_WORKERS = 1024
_FIXED = frozenset(TABLES["documents"].names())

Rows = dict[str, list[dict[str, Any]]]


class EngineError(Exception):
    """An engine cannot start: a bad option, or a scheduler that cannot be reached."""


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
    if scheduler and engine != "dask":
        raise EngineError(f"a scheduler ({scheduler}) needs the dask engine, not {engine!r}")
    if doc_timeout is not None and not doc_timeout > 0:
        raise EngineError(f"the time limit per document must be positive, got {doc_timeout!r}")
    if engine == "serial":
        yield Engine("serial", 1, target, with_tokens, batch_size, doc_timeout,
                     attributions=attributions)
    elif engine == "processes":
        with _process_pool(workers or os.cpu_count() or 1, target) as submit:
            yield Engine("processes", workers or os.cpu_count() or 1, target, with_tokens,
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


def _reachable(address: str, timeout: float) -> None:
    """Fail fast (before importing Dask) when a tcp:// scheduler refuses connections."""
    import socket
    from urllib.parse import urlsplit

    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    if parts.scheme != "tcp":
        return
    try:
        host, port = parts.hostname, parts.port
    except ValueError:
        host, port = None, None
    if not host or not port:
        raise EngineError(f"cannot read the scheduler address {address!r}; write it as "
                          f"tcp://HOST:PORT (e.g. tcp://scheduler:8786)")
    try:
        socket.create_connection((host, port), timeout=timeout).close()
    except OSError as err:
        reason = err.strerror or type(err).__name__
        raise EngineError(f"cannot reach the Dask scheduler at {address!r} within "
                          f"{timeout:g} s ({reason}); check the address, or leave out "
                          f"--scheduler to start a local cluster") from None


@contextmanager
def _dask(workers: int, scheduler: str | None,
          timeout: float) -> Iterator[Callable[..., Any]]:
    from dask.distributed import Client, LocalCluster

    cluster = None
    if scheduler:
        _reachable(scheduler, timeout)
        try:
            client = Client(scheduler, timeout=f"{timeout}s", set_as_default=False)
        except Exception as err:  # refused, timed out, or not a Dask scheduler at all
            reason = str(err).splitlines()[0] if str(err) else type(err).__name__
            raise EngineError(f"cannot reach the Dask scheduler at {scheduler!r} within "
                              f"{timeout:g} s ({reason}); check the address, or leave out "
                              f"--scheduler to start a local cluster") from None
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster, set_as_default=False)
    try:
        yield lambda fn, *args: client.submit(fn, *args, pure=False)
    finally:
        with suppress(Exception):
            client.close()
        if cluster is not None:
            with suppress(Exception):
                cluster.close()


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
