"""Reading and writing files, at the bottom of the package.

Every reader, writer and renderer reads text with :func:`read_text` and writes with
:func:`atomic_write`, so that a missing file, a folder, bad UTF-8 and an interrupted
write behave the same way everywhere. Nothing here imports the rest of pathgraph
except :mod:`pathgraph.errors`.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
from pathlib import Path

from pathgraph.errors import FormatError, PathgraphError, Problem

__all__ = [
    "atomic_write",
    "read_bytes",
    "read_text",
    "spreadsheet_cell",
    "spreadsheet_text",
]

#: What a spreadsheet may take for a formula at the start of a cell (OWASP's list).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a file, or a :class:`~pathgraph.FormatError` naming it.

    Examples
    --------
    >>> from pathgraph._files import read_bytes
    >>> read_bytes("no/such/file.yaml")
    Traceback (most recent call last):
    ...
    pathgraph.errors.FormatError: 1 problem:
      no/such/file.yaml: no such file (fix: check the path)
    """
    path = Path(path)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise FormatError(
            [Problem(str(path), "no such file", "check the path")]
        ) from None
    except IsADirectoryError:
        raise FormatError(
            [Problem(str(path), "is a directory, not a file", "name a file")]
        ) from None
    except OSError as exc:
        raise FormatError(
            [Problem(str(path), f"cannot read: {exc.strerror}")]
        ) from None


def read_text(path: str | os.PathLike[str]) -> str:
    """The text of a UTF-8 file (a byte-order mark is dropped).

    Raises
    ------
    pathgraph.FormatError
        The file is missing, a folder, unreadable, or not UTF-8 (with the line of
        the first bad byte).
    """
    raw = read_bytes(path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise FormatError(
            [Problem(f"{path}:{line}", "not UTF-8 text", "save the file as UTF-8")]
        ) from None


def atomic_write(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Write a file all at once: a temporary file beside it, then a rename.

    Nothing is left at ``path`` (and nothing half-written) if writing fails. Text is
    written as UTF-8. A new file gets the permissions a newly created file would (the
    umask), not ``mkstemp``'s 0600; a file that exists keeps its permissions (and,
    where allowed, its owner). A symbolic link is written through: its target gets
    the new content and the link stays.

    Raises
    ------
    pathgraph.PathgraphError
        Naming the path, when it cannot be written: permission denied, a folder in
        the way, a parent that is a file, a full disk.

    Examples
    --------
    >>> import os, tempfile
    >>> from pathgraph._files import atomic_write, read_text
    >>> out = os.path.join(tempfile.mkdtemp(), "sub", "a.txt")
    >>> atomic_write(out, "hello")
    >>> read_text(out)
    'hello'
    """
    shown = Path(path)
    target = Path(os.path.realpath(shown)) if shown.is_symlink() else shown
    try:
        _write_replacing(target, data)
    except OSError as exc:
        raise _write_error(shown, exc) from exc


def _write_replacing(path: Path, data: str | bytes) -> None:
    try:
        old: os.stat_result | None = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        old = None
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        if old is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask  # like a file opened normally, not mkstemp's 0600
        else:
            mode = old.st_mode & 0o7777
            if (old.st_uid, old.st_gid) != (os.getuid(), os.getgid()):
                with contextlib.suppress(OSError):  # only the owner or root may
                    os.chown(tmp, old.st_uid, old.st_gid)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


#: What went wrong, and the fix, by errno.
_WRITE_ERRORS: dict[int, tuple[str, str]] = {
    errno.EACCES: ("permission denied", "choose a file or folder you can write to"),
    errno.EPERM: ("permission denied", "choose a file or folder you can write to"),
    errno.EROFS: ("the file system is read-only", "write somewhere else"),
    errno.ENOSPC: ("no space left on the disk", "free some space or write elsewhere"),
    errno.EDQUOT: ("disk quota exceeded", "free some space or write elsewhere"),
    errno.EISDIR: ("is a folder, not a file", "name a file"),
    errno.ENOTDIR: ("a folder on the path is a file", "check the path"),
    errno.EEXIST: ("a folder on the path is a file", "check the path"),
    errno.ENAMETOOLONG: ("the name is too long", "choose a shorter name"),
    errno.ELOOP: ("too many symbolic links (a loop?)", "check the links"),
}


def _write_error(path: Path, exc: OSError) -> PathgraphError:
    message, fix = _WRITE_ERRORS.get(
        exc.errno or 0, (exc.strerror or type(exc).__name__, "")
    )
    fix_text = f" (fix: {fix})" if fix else ""
    return PathgraphError(f"cannot write {path}: {message}{fix_text}")


def spreadsheet_cell(value: object) -> object:
    """A CSV cell a spreadsheet cannot run: text that could start a formula gets a
    leading apostrophe (OWASP's rule for CSV injection); numbers stay numbers.

    Text already starting with apostrophes before such a character gets one more,
    so that :func:`spreadsheet_text` gives back exactly what was written.

    Examples
    --------
    >>> [spreadsheet_cell(v) for v in ["=1+2", "-5", -5, "@SUM(A1)", "'=x", "CNA"]]
    ["'=1+2", '-5', -5, "'@SUM(A1)", "''=x", 'CNA']
    """
    if not isinstance(value, str) or _PLAIN_NUMBER.fullmatch(value):
        return value
    if value.lstrip("'").startswith(_FORMULA_START):
        return "'" + value
    return value


def spreadsheet_text(cell: str) -> str:
    """The text :func:`spreadsheet_cell` wrote in ``cell`` (its apostrophe removed).

    Examples
    --------
    >>> [spreadsheet_text(c) for c in ["'=1+2", "''=x", "'quoted'", "-5"]]
    ['=1+2', "'=x", "'quoted'", '-5']
    """
    if cell.startswith("'") and cell.lstrip("'").startswith(_FORMULA_START):
        return cell[1:]
    return cell
