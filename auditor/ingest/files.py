"""Opening an input: regular files only.

A FIFO, a terminal or a device (``/dev/zero``, ``/dev/urandom``), named directly or through a
symlink, would block the run or never end: ``open_input`` opens without blocking and refuses
anything but a regular file, so the check and the read are about the same file.
"""

from __future__ import annotations

import os
import stat
from typing import BinaryIO

from auditor.errors import InputError

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)
# Opening a FIFO for reading waits for a writer unless O_NONBLOCK is set; O_NOCTTY keeps a
# terminal named as input from becoming ours. Neither changes how a regular file reads.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)


def not_regular(mode: int) -> str | None:
    """What a non-regular file is ("a FIFO (named pipe)", ...); None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def refusal(kind: str) -> str:
    return f"is {kind}, not a regular file; only regular files are audited"


def open_input(path: str | os.PathLike[str]) -> BinaryIO:
    """Open an input for binary reading; InputError naming it when it is not a regular file."""
    name = str(path)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from None
    try:
        kind = not_regular(os.fstat(fd).st_mode)
    except OSError as exc:
        os.close(fd)
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from None
    if kind is not None:
        os.close(fd)
        raise InputError(name, refusal(kind))
    return os.fdopen(fd, "rb")


Stamp = tuple[int, int, int, int, int]  # device, inode, size, mtime and ctime in nanoseconds


def file_stamp(fh: BinaryIO) -> Stamp:
    """What an open input looks like now: taken before it is read, compared by ``changed`` after."""
    st = os.fstat(fh.fileno())
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def changed(path: str, before: Stamp) -> bool:
    """Has ``path`` been written, replaced or removed since ``before`` was taken?

    ctime moves on every write and cannot be set back by the writer, so a change that keeps
    the size and restores the mtime is seen too.
    """
    try:
        st = os.stat(path)
    except OSError:
        return True
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns) != before
