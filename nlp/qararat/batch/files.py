"""Atomic file writes and the lock that keeps two runs from writing one output directory.

Every file a batch run produces is written to a temporary file in the same directory and moved
into place with :func:`os.replace`, so a run killed at any moment leaves either the previous
complete file or the new complete file, never half of one. Temporary names start with
``.qararat-tmp-`` so a later run can sweep up what a killed run left behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

try:  # POSIX only; on other systems runs are not locked against each other
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

TMP_PREFIX = ".qararat-tmp-"
LOCK_NAME = ".qararat-batch.lock"


class OutdirLockedError(RuntimeError):
    """Another batch run holds the lock on the output directory."""


_UMASK: list[int] = []


def _file_mode() -> int:
    """Mode a newly created file would get (0o666 minus the process umask)."""
    if not _UMASK:
        mask = os.umask(0o022)
        os.umask(mask)
        _UMASK.append(mask)
    return 0o666 & ~_UMASK[0]


def temp_path(target: Path) -> Path:
    """Return a fresh temporary path next to ``target`` (same file system, so replace is atomic).

    Args:
        target: The file the temporary path will eventually replace.

    Returns:
        A path in ``target``'s directory whose name starts with :data:`TMP_PREFIX`; the file is
        created empty so two writers never pick the same name.
    """
    fd, name = tempfile.mkstemp(prefix=TMP_PREFIX, suffix="-" + target.name, dir=target.parent)
    try:
        os.fchmod(fd, _file_mode())  # mkstemp creates 0600; results are ordinary files
    except (AttributeError, OSError):  # pragma: no cover - no fchmod on Windows
        pass
    finally:
        os.close(fd)
    return Path(name)


def _fsync_dir(directory: Path) -> None:
    """Flush a directory entry so a rename survives a crash (best effort, POSIX)."""
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write(target: Path, write: Callable[[Path], object], *, durable: bool = False) -> None:
    """Write ``target`` through a temporary file and move it into place.

    Args:
        target: Final path.
        write: Called with the temporary path; must write the whole file there (its return
            value is ignored).
        durable: Also fsync the file and its directory (for per-document results that a resumed
            run relies on).
    """
    tmp = temp_path(target)
    try:
        write(tmp)
        if durable:
            with open(tmp, "rb+") as handle:
                os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    if durable:
        _fsync_dir(target.parent)


def atomic_write_text(target: Path, text: str, *, durable: bool = False) -> None:
    """Write UTF-8 ``text`` to ``target`` atomically (see :func:`atomic_write`)."""
    atomic_write(target, lambda tmp: tmp.write_text(text, encoding="utf-8"), durable=durable)


def sweep_temporaries(directory: Path) -> int:
    """Delete temporary files a killed run left in ``directory`` and its subdirectories.

    Only names starting with :data:`TMP_PREFIX` are touched.

    Returns:
        How many files were removed.
    """
    removed = 0
    if not directory.is_dir():
        return 0
    for path in directory.rglob(TMP_PREFIX + "*"):
        with contextlib.suppress(OSError):
            path.unlink()
            removed += 1
    return removed


@contextlib.contextmanager
def outdir_lock(outdir: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``outdir`` for the duration of a run.

    Raises:
        OutdirLockedError: When another process holds the lock.
    """
    if fcntl is None:  # pragma: no cover - Windows
        yield
        return
    handle = open(outdir / LOCK_NAME, "a+b")  # noqa: SIM115 - closed in finally
    try:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise OutdirLockedError(
                f"{outdir}: another qararat batch run is writing to this directory"
            ) from exc
        yield
    finally:
        handle.close()
