"""Questions the layout asks of one row, answered once per row while a document is read.

The segmenter, the project splitter, the stray-table check and the target-form reader each ask
the same rows whether they head an indicator table (``table.read_header``): over the benchmark
mix (the seeds, the Hunan .xlsx and the Shanxi .docx, one copy each) 6,440 times of 3,113 rows.
A question marked ``@per_row`` is answered from the memo ``find_forms`` opens for one document
(``with document_memo():``), and worked out afresh where none is open (a module's own tests).
A caller that knows a row's answer by a cheaper test (the segmenter, which joins every row's texts
for its own test, knows the rows that name no 三级指标) may ``remember`` it there; a scan for the
first row answering yes (a form's table header) looks the answers up with ``first``, in one loop.

The memo lives as long as one document's layout and is keyed by the row object, not by its
text: the rows of other files share nothing. It keeps each row it has answered for, so that
a row made and dropped during the layout (table.merge_subheader's two-row header) cannot hand
its id, and so its answer, to a later row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import TypeVar

from checker.model import Row

T = TypeVar("T")
_MISSING = object()
# For the document being read: ({question: {id(row): answer}}, every row answered for, kept so
# that its id is not handed to another row); None outside find_forms.
_memo: ContextVar[tuple[dict, list[Row]] | None] = ContextVar("layout_row_memo", default=None)


@contextmanager
def document_memo() -> Iterator[None]:
    """Remember the ``@per_row`` answers until the block ends (one document's layout)."""
    token = _memo.set(({}, []))
    try:
        yield
    finally:
        _memo.reset(token)


def per_row(question: Callable[[Row], T]) -> Callable[[Row], T]:
    """``question(row)``, a pure function of the row, answered once per row inside
    ``document_memo``. The answer is shared: callers must not change it.

    An answer is stored under the row's id in the question's own table and the row is kept in
    one list: answering a row makes no object of the memo's own. A key tuple and an entry tuple
    per row would be container objects the garbage collector counts, and made it run about twice
    as often during a layout."""

    @wraps(question)
    def ask(row: Row) -> T:
        memo = _memo.get()
        if memo is None:
            return question(row)
        tables, kept = memo
        answers = tables.get(question)
        if answers is None:
            answers = tables[question] = {}
        found = answers.get(id(row), _MISSING)
        if found is _MISSING:
            found = answers[id(row)] = question(row)
            kept.append(row)
        return found

    return ask


def remember(question: Callable[[Row], T], rows: Iterable[Row], answer: T) -> None:
    """Keep ``answer`` as the ``@per_row`` ``question``'s for each of ``rows``, in the memo open
    (a caller that found it so by a cheaper test of its own, held to the question by a test:
    tests/test_layout_fast_paths.py); a row answered already keeps its answer. Without a memo
    open nothing is kept and ``rows`` (maybe a generator doing that test) is not consumed."""
    memo = _memo.get()
    if memo is None:
        return
    tables, kept = memo
    answers = tables.setdefault(question.__wrapped__, {})
    for row in rows:
        if id(row) not in answers:
            answers[id(row)] = answer
            kept.append(row)


def first(question: Callable[[Row], T], rows: Sequence[Row], start: int = 0, stop: int | None = None) -> int | None:
    """The index of the first of ``rows[start:stop]`` (``start`` and ``stop`` not negative) whose
    answer to the ``@per_row`` ``question`` is true, None when none is: ``next((i for i in
    range(start, stop) if question(rows[i])), None)``, each answer looked up and kept in the memo
    open as ``question(row)`` would, without a call of it per row (the passes scan a form's rows
    for its table's header row, and most rows are answered already)."""
    stop = len(rows) if stop is None else min(stop, len(rows))
    memo = _memo.get()
    work = question.__wrapped__
    if memo is None:
        return next((i for i in range(start, stop) if work(rows[i])), None)
    tables, kept = memo
    answers = tables.setdefault(work, {})
    for i in range(start, stop):
        row = rows[i]
        found = answers.get(id(row), _MISSING)
        if found is _MISSING:
            found = answers[id(row)] = work(row)
            kept.append(row)
        if found:
            return i
    return None
