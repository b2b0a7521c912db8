"""Checking many files: every core by default, or a Dask cluster; results in input order.

``check_many`` yields one slim ``FileResult`` per path (forms as ``FormHead``, no Document: what
a report needs and nothing else; or, for a streamed report, the file's entry as written, which
the worker renders), in the order of ``paths``, as soon as it and every file before
it are done, so a report can be written while the batch runs and nothing is kept per file:

- one process (``jobs=1``, or one file);
- ``jobs`` worker processes on this machine (``multiprocessing.Pool.imap``: the paths are fed
  through a pipe, so only results that finished ahead of an earlier file wait in memory);
- a Dask cluster (``client=dask.distributed.Client(...)``, the ``checker[dask]`` extra): a window of
  futures a few times the cluster's threads wide, gathered in order and released.

Every worker loads the rule pack once (on Linux the pool's processes inherit the parent's). The
same pipeline as ``checker check`` runs everywhere, so the findings are the same whichever runs it.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator

from checker.pipeline import CheckOptions, check_file
from checker.report.result import Entry, FileResult, slim


def cores() -> int:
    """The CPUs this process may run on (``os.sched_getaffinity`` where the OS has it: a
    container's or ``taskset``'s share, not the machine's count), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def resolve_jobs(jobs: int | None, files: int) -> int:
    """How many processes check ``files`` files: ``jobs`` (None = auto: one per core), never
    more than the files. One file is always checked in this process."""
    wanted = cores() if jobs is None else jobs
    return max(1, min(wanted, files))


def check_many(paths: Iterable[str], options: CheckOptions | None = None, *, profile: str | None = None,
               jobs: int | None = None, client=None, pack=None,
               render: Callable[[FileResult], Entry] | None = None) -> Iterator[FileResult | Entry]:
    """Check every path; yield slim ``FileResult``s in the order of ``paths`` (or what ``render``
    makes of each).

    ``profile`` names the rule profile every worker loads (``load_pack(profile=...)``); ``pack``
    is that pack when the caller has it loaded already (used in this process and inherited by
    forked workers; it must be ``load_pack(profile=profile)``). ``jobs``: processes on this
    machine (None = one per core, see ``cores``). ``client``: a ``dask.distributed.Client``; the
    files are then checked on its workers, which must have checker installed and see the
    same paths (a shared file system). A file that cannot be read is its result's ``error``,
    never an exception; a worker lost on the cluster is that file's error too (a FileResult,
    not rendered). ``render``: applied to each slim result where it was checked, so that a worker
    sends back only what the report needs (``json_report.entry``: the file's entry as written);
    it must pickle (a module-level function, or a ``functools.partial`` of one). Where it raises,
    the slim result comes back instead, for the caller's writer to render (and fail) as it would.
    """
    options = options or CheckOptions()
    paths = list(paths)
    if client is not None:
        yield from _on_dask(paths, client, profile, options, render)
        return
    n = resolve_jobs(jobs, len(paths))
    if n == 1:
        pack = pack if pack is not None else _pack(profile)
        for path in paths:
            yield _rendered(checked(path, pack, options), render)
        return
    yield from _on_pool(paths, n, profile, options, pack, render)


# --------------------------------------------------------------------------- worker side

_PACKS: dict[str | None, object] = {}  # profile -> loaded pack, one per process
_OPTIONS: list[tuple[CheckOptions, Callable | None]] = []  # this pool worker's options and render
_FORKED: list[tuple[str | None, object]] = []  # (profile, pack) of the pool being started, in the parent
_LOCK = threading.Lock()  # Dask workers may run tasks in threads: load the pack once


def _pack(profile: str | None):
    with _LOCK:
        if profile not in _PACKS:
            from checker.rules import load_pack

            _PACKS[profile] = load_pack(profile=profile)
        return _PACKS[profile]


def check_one(path: str, profile: str | None = None, options: CheckOptions | None = None,
              render: Callable[[FileResult], Entry] | None = None) -> FileResult | Entry:
    """Check one file in a worker (a pool process or a Dask worker) with the profile's pack,
    loaded once per process; return the slim result, or what ``render`` makes of it. Never
    raises for bad input."""
    return _rendered(checked(path, _pack(profile), options or CheckOptions()), render)


def _rendered(result: FileResult, render: Callable[[FileResult], Entry] | None) -> FileResult | Entry:
    if render is None:
        return result
    try:
        return render(result)
    except Exception:  # noqa: BLE001 - a bug of the writer's: it shows where the report is written,
        return result  # as an internal error of the run, never as this file's being unchecked (Dask)


def checked(path: str, pack, options: CheckOptions) -> FileResult:
    """The slim result of one file's check, with the reference cycles its reading left collected:
    openpyxl and python-docx leave a few hundred objects in cycles per package (a workbook and
    its sheets, a package and its parts), holding the package's XML, which reference counting
    never frees. Collected here, between files, where the young objects are few (the file's
    own were freed as its check ended): ~0.1 ms a file, so the collector need not run during a
    check (see freeze_startup)."""
    result = slim(check_file(path, pack, options))
    gc.collect(1)
    return result


# --------------------------------------------------------------------------- local processes

def _init_pool_worker(profile: str | None, options: CheckOptions, render: Callable | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    _OPTIONS[:] = [(options, render)]
    if _FORKED and _FORKED[0][0] == profile:
        _PACKS[profile] = _FORKED[0][1]  # the caller's pack, inherited when forked
    _pack(profile)  # loaded here otherwise (spawned workers)
    freeze_startup(again=True)  # the worker's own pack and modules


_FROZEN: list[bool] = []


def freeze_startup(again: bool = False) -> None:
    """Start-up is over: the modules, the rule pack and the vocabularies live until the end, so
    the garbage collector is told not to walk them again on every collection (gc.freeze; no
    collection first: the little garbage start-up leaves costs less than a full collection).
    A check makes no reference cycles (tests/test_engine_per_form_cost.py), so its objects are
    freed as they go, and what cycles a reader's library leaves are collected between files
    (``checked``): the young generation is collected only when 100,000 more container objects are
    alive than were (Python's default: 700; 10,000 before). The collector's share of a warm
    worker 14% (700) -> 2.8% (10,000) -> 0.5% (benchmarks/per_file.py's mix x 30, timed by
    gc.callbacks), the same peak memory.
    Once per process (unless ``again``): a caller running the command in-process many times
    (tests) does not freeze each run's leftovers."""

    if _FROZEN and not again:
        return
    _FROZEN.append(True)
    gc.freeze()
    gc.set_threshold(100_000, 20, 20)


def _check_in_pool(item: tuple[str, str | None]):
    path, profile = item
    return check_one(path, profile, *_OPTIONS[0])


def _on_pool(paths: list[str], n: int, profile: str | None, options: CheckOptions, pack,
             render: Callable | None) -> Iterator:
    from multiprocessing import Pool

    _FORKED[:] = [(profile, pack)] if pack is not None else []  # what forked workers start with
    # multiprocessing.Pool, not ProcessPoolExecutor: leaving the with-block terminates the
    # workers. SIGTERM to the main process becomes SystemExit here (the handler is set after the
    # workers are forked, so they keep the default and die on terminate); before, the workers of a
    # killed run went on checking (one for 16 min).
    main = threading.current_thread() is threading.main_thread()  # only it may set a signal handler
    with Pool(n, initializer=_init_pool_worker, initargs=(profile, options, render)) as pool:
        previous = signal.signal(signal.SIGTERM, _exit_on_sigterm) if main else None
        try:
            # imap, not map: results come back in order as they complete, never all at once.
            yield from pool.imap(_check_in_pool, ((p, profile) for p in paths), chunksize=1)
        finally:
            if main:
                signal.signal(signal.SIGTERM, previous)
            _FORKED.clear()


def _exit_on_sigterm(signum, frame):
    raise SystemExit(128 + signum)


# --------------------------------------------------------------------------- Dask

def _on_dask(paths: list[str], client, profile: str | None, options: CheckOptions,
             render: Callable | None) -> Iterator:
    """Futures in a window a few times the cluster's threads wide, taken back in input order
    (a slow file holds the report back, never the workers: they keep the window full)."""
    width = 4 * max(1, sum(client.nthreads().values()))
    pending: deque = deque()
    for path in paths:
        pending.append((path, client.submit(check_one, path, profile, options, render, pure=False)))
        if len(pending) >= width:
            yield _gathered(*pending.popleft())
    while pending:
        yield _gathered(*pending.popleft())


def _gathered(path: str, future) -> FileResult | Entry:
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001 - a lost worker or a worker without checker: this file's error
        return FileResult(path=path, error=f"{path}: not checked on the cluster ({type(exc).__name__}: {exc})")
    finally:
        future.release()


# --------------------------------------------------------------------------- progress

def with_progress(results: Iterable[FileResult | Entry], total: int, *, enabled: bool, delay: float = 1.0,
                  stream=None) -> Iterator[FileResult | Entry]:
    """``results`` unchanged, with a rich progress bar on ``stream`` (stderr) once the run has
    lasted ``delay`` seconds, removed at the end. ``enabled`` False (stderr not a terminal,
    or the report itself goes to that terminal) passes the results through untouched."""
    if not enabled:
        yield from results
        return
    start, done, bar = time.monotonic(), 0, None
    try:
        for result in results:
            done += 1
            if bar is None and done < total and time.monotonic() - start >= delay:
                bar = _Bar(total, done, stream or sys.stderr)
            elif bar is not None:
                bar.advance()
            yield result
    finally:
        if bar is not None:
            bar.stop()


class _Bar:
    """A transient rich progress bar: files done of ``total``, files per second, time left."""

    def __init__(self, total: int, done: int, stream):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.progress = Progress(TextColumn("checker"), BarColumn(), MofNCompleteColumn(),
                                 TimeRemainingColumn(), console=Console(file=stream), transient=True,
                                 redirect_stdout=False, redirect_stderr=False)
        self.task = self.progress.add_task("files", total=total, completed=done)
        self.progress.start()

    def advance(self) -> None:
        self.progress.advance(self.task)

    def stop(self) -> None:
        self.progress.stop()
