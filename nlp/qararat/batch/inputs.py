"""Finding the documents of a batch run and giving each a safe, unique ``doc_id``.

An input is a file, a directory (searched recursively for names matching a pattern, ``*.txt``
by default) or a glob pattern. Directory walks follow symbolic links but never enter a
directory twice, so symlink loops end the walk with a warning instead of recursing forever;
unreadable directories are skipped with a warning; hidden entries (names starting with ``.``)
are skipped. Files that match but cannot be read are kept: reading them fails later and the
failure is recorded in the ``errors`` table.

A ``doc_id`` is the file's path relative to its input root with the extension dropped and path
separators replaced by ``__``; characters other than letters, digits, ``.``, ``-`` and ``_``
become ``_``. It never contains a path separator or ``..``, so ``OUTDIR/json/<doc_id>.json``
cannot leave ``OUTDIR``. Two inputs that would get the same id (compared case-insensitively,
as some file systems do) both get a short hash of their path as a suffix.
"""

from __future__ import annotations

import fnmatch
import glob as globlib
import hashlib
import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

_UNSAFE_CHARS = re.compile(r"[^\w.\-]+")
_DOT_RUNS = re.compile(r"\.{2,}")
_GLOB_MAGIC = re.compile(r"[*?[]")
_WINDOWS_RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL"]
    + [f"COM{i}" for i in range(1, 10)]
    + [f"LPT{i}" for i in range(1, 10)]
)
SEPARATOR = "__"
MAX_ID_BYTES = 150
HASH_LENGTH = 8


@dataclass(frozen=True)
class InputFile:
    """One document to process.

    Attributes:
        path: Path as found (relative paths stay relative to the working directory).
        rel: Path relative to the input root it was found under, with ``/`` separators.
        doc_id: Safe unique identifier, also the stem of its output files.
    """

    path: str
    rel: str
    doc_id: str


@dataclass
class Discovery:
    """What :func:`discover` found.

    Attributes:
        files: Documents, sorted by ``doc_id``.
        warnings: Human-readable notes about what was skipped (loops, unreadable directories,
            patterns that matched nothing).
        missing: Inputs that named neither an existing path nor a pattern with matches.
    """

    files: list[InputFile] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def _short_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:HASH_LENGTH]


def _truncate_utf8(text: str, limit: int) -> str:
    data = text.encode("utf-8", "surrogateescape")
    if len(data) <= limit:
        return text
    return data[:limit].decode("utf-8", "ignore")


def sanitize_doc_id(rel: str) -> str:
    """Turn a relative path into a file-name-safe identifier (not yet made unique).

    Args:
        rel: Path relative to an input root, ``/`` or ``\\`` separated.

    Returns:
        A non-empty name without path separators, ``..`` or leading dots.

    Examples:
        >>> sanitize_doc_id("ga/76/A_RES_76_186.txt")
        'ga__76__A_RES_76_186'
        >>> sanitize_doc_id("../../evil.txt")
        'evil'
    """
    rel = unicodedata.normalize("NFC", rel.replace("\\", "/"))
    parts = [p for p in PurePosixPath(rel).parts if p not in ("/", ".", "..")]
    if parts:
        last = parts[-1]
        stem, dot, _suffix = last.rpartition(".")
        if dot and stem.strip("."):
            parts[-1] = stem
    cleaned = []
    for part in parts:
        part = _UNSAFE_CHARS.sub("_", part)
        part = _DOT_RUNS.sub(".", part).strip("._-")
        if part:
            cleaned.append(part)
    name = SEPARATOR.join(cleaned) or "doc"
    truncated = _truncate_utf8(name, MAX_ID_BYTES)
    if truncated != name:
        name = truncated.rstrip("._-") + "-" + _short_hash(rel)
    if name.split(".")[0].upper() in _WINDOWS_RESERVED:
        name = "_" + name
    return name


def assign_doc_ids(items: list[tuple[str, str]]) -> list[InputFile]:
    """Give each ``(path, rel)`` pair a unique ``doc_id``.

    Ids that collide (case-insensitively) are all suffixed with a hash of their ``path``, so the
    result does not depend on the order of ``items``.

    Args:
        items: ``(path, rel)`` pairs; ``path`` values must be distinct.

    Returns:
        :class:`InputFile` objects sorted by ``doc_id``.
    """
    groups: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for path, rel in items:
        base = sanitize_doc_id(rel)
        groups[base.casefold()].append((path, rel, base))
    files: list[InputFile] = []
    taken: set[str] = set()
    for members in groups.values():
        if len(members) == 1:
            path, rel, base = members[0]
            files.append(InputFile(path=path, rel=rel, doc_id=base))
            taken.add(base.casefold())
    for members in groups.values():
        if len(members) > 1:
            for path, rel, base in members:
                doc_id = f"{base}-{_short_hash(path)}"
                salt = 0
                while doc_id.casefold() in taken:  # a suffixed id equal to an existing id
                    salt += 1
                    doc_id = f"{base}-{_short_hash(f'{path}#{salt}')}"
                taken.add(doc_id.casefold())
                files.append(InputFile(path=path, rel=rel, doc_id=doc_id))
    files.sort(key=lambda f: f.doc_id)
    return files


def matches(rel: str, pattern: str) -> bool:
    """Whether a file (``rel``: path relative to its root) matches a ``--glob`` pattern.

    Leading ``**/`` is dropped (directories are always searched recursively); a pattern without
    ``/`` is matched against the file name, one with ``/`` against the whole relative path.
    Several patterns may be given separated by commas (``*.txt,*.docx``): any may match.
    """
    if "," in pattern:
        return any(matches(rel, p.strip()) for p in pattern.split(",") if p.strip())
    while pattern.startswith("**/"):
        pattern = pattern[3:]
    if "/" in pattern:
        return fnmatch.fnmatchcase(rel, pattern) or fnmatch.fnmatchcase(rel, "*/" + pattern)
    return fnmatch.fnmatchcase(rel.rsplit("/", 1)[-1], pattern)


def _walk(
    root: Path,
    pattern: str,
    exclude: set[tuple[int, int]],
    warnings: list[str],
) -> list[tuple[str, str]]:
    """Recursively list files under ``root`` matching ``pattern`` (see module docstring)."""
    found: list[tuple[str, str]] = []
    visited: set[tuple[int, int]] = set()
    stack: list[tuple[Path, str]] = [(root, "")]
    while stack:
        directory, prefix = stack.pop()
        try:
            st = directory.stat()
        except OSError as exc:
            warnings.append(f"skipping directory {directory}: {exc.strerror or exc}")
            continue
        key = (st.st_dev, st.st_ino)
        if key in exclude:
            continue
        if key in visited:
            warnings.append(f"skipping {directory}: directory already visited (symbolic link loop)")
            continue
        visited.add(key)
        try:
            with os.scandir(directory) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            warnings.append(f"skipping directory {directory}: {exc.strerror or exc}")
            continue
        for entry in reversed(entries):
            if entry.name.startswith("."):
                continue
            rel = prefix + entry.name
            entry_path = directory / entry.name
            try:
                is_dir = entry.is_dir()
                is_file = entry.is_file()
            except OSError:  # e.g. ELOOP on a self-referencing link
                is_dir = is_file = False
            if is_dir:
                stack.append((entry_path, rel + "/"))
            elif is_file or entry.is_symlink():
                # a dangling or looping link that matches is kept so its failure is recorded
                if matches(rel, pattern):
                    found.append((str(entry_path), rel))
    found.sort(key=lambda item: item[1])
    return found


def _glob_root(pattern: str) -> Path:
    """The longest leading part of ``pattern`` without glob characters."""
    parts = Path(pattern).parts
    root_parts = []
    for part in parts[:-1]:
        if _GLOB_MAGIC.search(part):
            break
        root_parts.append(part)
    return Path(*root_parts) if root_parts else Path(".")


def discover(
    inputs: Sequence[str | os.PathLike[str]],
    *,
    pattern: str = "*.txt",
    exclude: list[Path] | None = None,
) -> Discovery:
    """Find the documents named by ``inputs``.

    Args:
        inputs: Files, directories or glob patterns.
        pattern: File-name pattern for directory inputs (``--glob``).
        exclude: Directories never to descend into (the output directory).

    Returns:
        A :class:`Discovery`; the same file reached twice (by two inputs or through a symbolic
        link) is listed once.
    """
    result = Discovery()
    excluded: set[tuple[int, int]] = set()
    for directory in exclude or []:
        try:
            st = Path(directory).stat()
        except OSError:
            continue
        excluded.add((st.st_dev, st.st_ino))
    pairs: list[tuple[str, str]] = []
    for raw in inputs:
        text = os.fspath(raw)
        path = Path(text)
        if path.is_dir():
            pairs.extend(_walk(path, pattern, excluded, result.warnings))
        elif path.is_file() or path.is_symlink():
            pairs.append((text, path.name))
        elif _GLOB_MAGIC.search(text):
            root = _glob_root(text)
            hits = sorted(globlib.glob(text, recursive=True))
            if not hits:
                result.warnings.append(f"pattern matched nothing: {text}")
            for hit in hits:
                hit_path = Path(hit)
                if hit_path.is_dir():
                    pairs.extend(_walk(hit_path, pattern, excluded, result.warnings))
                else:
                    try:
                        rel = hit_path.relative_to(root).as_posix()
                    except ValueError:
                        rel = hit_path.name
                    pairs.append((hit, rel))
        else:
            result.missing.append(text)
    seen: set[str] = set()
    unique: list[tuple[str, str]] = []
    for path_text, rel in pairs:
        real = os.path.realpath(path_text)
        if real in seen:
            continue
        seen.add(real)
        unique.append((path_text, rel))
    result.files = assign_doc_ids(unique)
    return result
