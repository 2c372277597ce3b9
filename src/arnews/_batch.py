"""Batch processing: many articles, in order, streaming, in worker processes.

:func:`parse_many` is the front door. Underneath, :func:`process` runs any
picklable per-document function over a stream of :class:`Job` objects, so the
command line can parse *and serialize* inside the workers and ship back short
strings instead of whole object graphs.

Three promises hold on every path:

* **Order.** Results come out in input order, whatever order the workers
  finish in.
* **Bounded memory.** The input is consumed lazily, never listed; with worker
  processes at most ``2 * workers`` chunks are in flight, so memory is bounded
  by ``(2 * workers + 1) * chunksize`` documents even on an endless stream.
* **Isolation.** A document that raises yields a :class:`Result` carrying a
  :class:`DocumentError`; a worker process that dies (a crash, the OOM
  killer) is replaced and only the document that killed it is reported.
"""

from __future__ import annotations

import contextlib
import pathlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Generic, TypeAlias, TypeVar

import attrs

from arnews._article import parse
from arnews._model import Article

if TYPE_CHECKING:
    import multiprocessing.context

__all__ = [
    "DocumentError",
    "DocumentId",
    "Job",
    "Outcome",
    "Result",
    "default_context",
    "parse_many",
    "process",
    "to_job",
]

T = TypeVar("T")

DocumentId: TypeAlias = str | int
"""What names a document: the caller's id, or its 0-based position in the input."""

Progress: TypeAlias = Callable[[int], object]
"""A callback that receives how many documents finished since its previous call."""

DEFAULT_CHUNKSIZE = 16
"""Documents per task sent to a worker: enough to amortize a round trip between
processes (a fraction of a millisecond), few enough that the workers finish
together and a short input still reaches every worker."""

IN_FLIGHT_PER_WORKER = 2
"""Chunks queued per worker: one running, one ready, so no worker ever waits."""

WARM_UP_TEXT = (
    "القاهرة - قال المتحدث إن الاجتماع انتهى في موعده.\n\nThe meeting ended on time, the spokesman said."
)
"""An original two-paragraph story that makes the pipeline load everything it loads lazily."""

TOO_LARGE = "DocumentTooLarge"
WORKER_CRASHED = "WorkerCrashed"


@attrs.frozen
class DocumentError:
    """Why one document could not be processed.

    Attributes:
        type: The exception class name (``TypeError``, ``JSONDecodeError``,
            ...), or ``DocumentTooLarge`` when the text exceeds the size limit,
            or ``WorkerCrashed`` when the worker process died on it.
        message: The exception's message.
        id: The id of the document.

    Example:
        >>> DocumentError.from_exception(TypeError("text must be str, not int"), 7).type
        'TypeError'
    """

    type: str
    message: str
    id: DocumentId

    @classmethod
    def from_exception(cls, error: BaseException, document_id: DocumentId) -> DocumentError:
        """Describe ``error``, raised while processing ``document_id``."""
        return cls(type=type(error).__name__, message=str(error), id=document_id)


@attrs.frozen
class Result:
    """What :func:`parse_many` yields for each input document.

    Exactly one of ``article`` and ``error`` is set.

    Attributes:
        id: The document's id: the one it came with, or its 0-based position
            in the input.
        article: The parsed article, when parsing succeeded.
        error: Why it failed, otherwise.

    Example:
        >>> Result(id=3, error=DocumentError("TypeError", "text must be str, not int", 3)).ok
        False
    """

    id: DocumentId
    article: Article | None = None
    error: DocumentError | None = None

    def __attrs_post_init__(self) -> None:
        if (self.article is None) == (self.error is None):
            raise ValueError("a Result holds either an article or an error, exactly one of them")

    @property
    def ok(self) -> bool:
        """Whether the document was parsed (``error`` is ``None``)."""
        return self.error is None


@attrs.frozen
class Job:
    """One document on its way to a worker.

    Attributes:
        id: The document's id.
        text: What the per-document function receives; usually a ``str``, but
            anything the caller sent, so the function's own check reports it.
        error: Set when the document failed before it reached the function
            (unreadable input, too large); the function is then not called.
    """

    id: DocumentId
    text: object
    error: DocumentError | None = None


@attrs.frozen
class Outcome(Generic[T]):
    """What the per-document function made of one :class:`Job`.

    Attributes:
        id: The document's id.
        value: The function's return value, when it returned.
        error: Why it failed, otherwise.
    """

    id: DocumentId
    value: T | None = None
    error: DocumentError | None = None


def parse_many(
    items: Iterable[object],
    *,
    workers: int | None = None,
    chunksize: int = DEFAULT_CHUNKSIZE,
    progress: Progress | None = None,
    text_field: str = "text",
    id_field: str = "id",
    max_chars: int | None = None,
    start_method: str | None = None,
) -> Iterator[Result]:
    """Parse many articles, yielding one :class:`Result` per input, in input order.

    The input is read lazily, so an endless generator works and memory stays
    bounded (see the module notes). A document that fails yields a result
    whose :attr:`~Result.error` says why; the others go on.

    Args:
        items: The documents. Each is a ``str``, an ``(id, text)`` pair, or a
            mapping with the text under ``text_field`` and, optionally, an id
            under ``id_field``. A plain string, or a mapping without an id,
            is named by its 0-based position.
        workers: ``None`` or ``1`` to parse in this process; ``n > 1`` to
            parse in ``n`` worker processes.
        chunksize: Documents sent to a worker at a time.
        progress: Called with the number of documents finished since the
            previous call, e.g. ``tqdm(...).update``.
        text_field: The key of the text in mapping items.
        id_field: The key of the id in mapping items.
        max_chars: Report longer texts as ``DocumentTooLarge`` instead of
            parsing them; ``None`` for no limit.
        start_method: How worker processes start (``"fork"``,
            ``"forkserver"`` or ``"spawn"``); by default ``fork`` when this
            process runs a single thread, else ``forkserver`` where it
            exists, else ``spawn`` (see ``default_context()``).

    Returns:
        An iterator of results, one per item, in input order.

    Raises:
        TypeError: If ``items`` is a single ``str`` or ``bytes`` instead of an
            iterable of documents.
        ValueError: If ``workers`` or ``chunksize`` is below 1, ``max_chars``
            is negative, or the start method is unknown.

    Example:
        >>> results = list(parse_many(["القاهرة - قال مسؤول إن الطريق مفتوح.", 42]))
        >>> [result.ok for result in results]
        [True, False]
        >>> results[1].error.type, results[1].id
        ('TypeError', 1)

    .. versionadded:: 0.1.0
    """
    if max_chars is not None and max_chars < 0:
        raise ValueError(f"max_chars must be None or >= 0, got {max_chars}")
    jobs = (to_job(index, item, text_field, id_field, max_chars) for index, item in _enumerate(items))
    outcomes = process(
        jobs,
        parse,
        workers=workers,
        chunksize=chunksize,
        progress=progress,
        start_method=start_method,
    )
    return (Result(outcome.id, outcome.value, outcome.error) for outcome in outcomes)


def to_job(
    default_id: DocumentId,
    item: object,
    text_field: str = "text",
    id_field: str = "id",
    max_chars: int | None = None,
) -> Job:
    """Turn one input item into a :class:`Job`; never raises.

    Args:
        default_id: The item's id when it brings none (:func:`parse_many`
            passes its 0-based position).
        item: A ``str``, an ``(id, text)`` pair, a mapping, or anything else
            (which then fails in the per-document function, where it is
            reported).
        text_field: The key of the text in a mapping.
        id_field: The key of the id in a mapping.
        max_chars: The largest text accepted, or ``None``.

    Returns:
        The job, with its error already set when the item cannot be used.

    Example:
        >>> to_job(0, ("wire-1", "دمشق - سانا: بدأ الموسم.")).id
        'wire-1'
        >>> to_job(4, {"body": "نص"}).error.message
        "record has no 'text' field"
    """
    document_id = default_id
    text: object = item
    if isinstance(item, tuple | list) and len(item) == 2:
        document_id, text = _as_id(item[0], default_id), item[1]
    elif isinstance(item, Mapping):
        document_id = _as_id(item.get(id_field), default_id)
        if text_field not in item:
            return Job(
                document_id,
                None,
                DocumentError("KeyError", f"record has no {text_field!r} field", document_id),
            )
        text = item[text_field]
    if max_chars is not None and isinstance(text, str) and len(text) > max_chars:
        message = f"the text has {len(text):,} characters, more than the limit of {max_chars:,}"
        return Job(document_id, None, DocumentError(TOO_LARGE, message, document_id))
    return Job(document_id, text)


def process(
    jobs: Iterable[Job],
    function: Callable[[str], T],
    *,
    workers: int | None = None,
    chunksize: int = DEFAULT_CHUNKSIZE,
    progress: Progress | None = None,
    start_method: str | None = None,
) -> Iterator[Outcome[T]]:
    """Apply ``function`` to every job's text; yield the outcomes in input order.

    This is the engine under :func:`parse_many`. ``function`` must be
    picklable (a module-level function) when ``workers > 1``; it is passed
    each job's text as is, so it should check its argument the way every
    public arnews function does.

    Args:
        jobs: The documents, consumed lazily.
        function: The per-document work.
        workers: ``None`` or ``1`` for this process, ``n > 1`` for worker processes.
        chunksize: Jobs sent to a worker at a time.
        progress: Called with the number of jobs finished since the previous call.
        start_method: How worker processes start; see :func:`parse_many`.

    Returns:
        An iterator of outcomes, one per job, in input order.

    Raises:
        ValueError: If ``workers`` or ``chunksize`` is below 1, or the start
            method is unknown.

    Example:
        >>> [o.value for o in process([Job(0, "نص"), Job(1, "خبر عاجل")], len)]
        [2, 8]
    """
    if workers is not None and workers < 1:
        raise ValueError(f"workers must be None or >= 1, got {workers}")
    if chunksize < 1:
        raise ValueError(f"chunksize must be >= 1, got {chunksize}")
    if workers is None or workers == 1:
        return _in_process(jobs, function, progress)
    import multiprocessing  # noqa: PLC0415 - only worker processes need it (see arnews._workers)

    from arnews._workers import in_workers  # noqa: PLC0415 - likewise

    context = default_context() if start_method is None else multiprocessing.get_context(start_method)
    if context.get_start_method() == "fork":
        # Load the lexicons once here; every forked worker then shares them.
        _warm_up(function)
    return in_workers(
        jobs, function, workers=workers, chunksize=chunksize, progress=progress, context=context
    )


def default_context() -> multiprocessing.context.BaseContext:
    """Return how worker processes start: ``fork`` when that is safe, else ``forkserver`` or ``spawn``.

    ``fork`` starts workers at once and lets them share the lexicons this
    process has loaded, but forking a process that runs other threads (a
    progress bar's monitor, a web server, a Dask client, a native thread
    pool) can deadlock the child. So ``fork`` is chosen only where the
    operating system shows this process runs a single thread (Linux's
    ``/proc/self/task``). Otherwise the fork server, which imports arnews
    once, is next best; ``spawn`` is the fallback everywhere else.

    Returns:
        A ``multiprocessing`` context.

    Example:
        >>> default_context().get_start_method() in {"fork", "forkserver", "spawn"}
        True
    """
    import multiprocessing  # noqa: PLC0415 - only worker processes need it (see arnews._workers)

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and _threads_in_process() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        # Preloading also hands the fork server this process's sys.path, so
        # functions defined in the caller's modules unpickle in the workers.
        context.set_forkserver_preload(["arnews._batch"])
        return context
    return multiprocessing.get_context("spawn")


def _threads_in_process() -> int | None:
    """The number of OS threads (native ones included) of this process, where the OS tells."""
    try:
        return sum(1 for _ in pathlib.Path("/proc/self/task").iterdir())
    except OSError:
        return None


def _enumerate(items: Iterable[object]) -> Iterator[tuple[int, object]]:
    if isinstance(items, str | bytes | bytearray):
        raise TypeError(
            f"items must be an iterable of documents, not a single {type(items).__name__}; "
            "wrap one text in a list"
        )
    return enumerate(items)


def _as_id(value: object, default_id: DocumentId) -> DocumentId:
    if value is None:
        return default_id
    if isinstance(value, str | int) and not isinstance(value, bool):
        return value
    return str(value)


def _run_one(function: Callable[[str], T], job: Job) -> Outcome[T]:
    if job.error is not None:
        return Outcome(job.id, error=job.error)
    try:
        # The function checks its own argument (require_str), so a non-str
        # text is reported with the library's usual TypeError message.
        return Outcome(job.id, value=function(job.text))  # type: ignore[arg-type]
    except Exception as error:  # isolating any failure is the point
        return Outcome(job.id, error=DocumentError.from_exception(error, job.id))


def _run_chunk(function: Callable[[str], T], chunk: list[Job]) -> list[Outcome[T]]:
    return [_run_one(function, job) for job in chunk]


def _in_process(
    jobs: Iterable[Job], function: Callable[[str], T], progress: Progress | None
) -> Iterator[Outcome[T]]:
    for job in jobs:
        outcome = _run_one(function, job)
        if progress is not None:
            progress(1)
        yield outcome


def _warm_up(function: Callable[[str], object]) -> None:
    # The first calls load the lazily cached lexicons and models (a Latin
    # paragraph loads langdetect's profiles, the largest); the result is not needed.
    with contextlib.suppress(Exception):
        function(WARM_UP_TEXT)
