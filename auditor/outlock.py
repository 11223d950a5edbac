"""Who else is writing an output folder: the folder's lock, and temp files of runs that are dead.

A run holds an exclusive flock on the --out folder itself (no lock file is left behind) while
it writes; a second run on the same folder waits for it (and says so), and the kernel releases
the lock when the first run ends, however it ends (SIGKILL included). Temp files are named for
the process writing them (``.<name>.<pid>.<random>.tmp``), so a run removes only those whose
writer is gone. No lock on systems without fcntl (Windows).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

CAN_LOCK = fcntl is not None
_TEMP = re.compile(r"^\..+?(?:\.(?P<pid>\d+))?\.[A-Za-z0-9_]{8}\.tmp$")


def temp_prefix(name: str) -> str:
    """The start of a temp file's name for the file ``name``, carrying this process's id."""
    return f".{name}.{os.getpid()}."


@cache
def file_mode() -> int:
    """The mode open() gives a new file under this process's umask (mkstemp gives 0600)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def lock_folder(fd: int, out: Path, on_wait: Callable[[str], None] | None = None) -> None:
    """Lock the folder ``out``, open as ``fd``, for this run (needs CAN_LOCK); wait, saying so,
    while another run holds it. Closing ``fd`` releases the lock."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        if on_wait is not None:
            on_wait(f"waiting for another headline-auditor run writing {out} to finish")
        fcntl.flock(fd, fcntl.LOCK_EX)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    return True


def _temp_files(out: Path) -> Iterator[tuple[Path, int | None]]:
    """Temp files below ``out`` with the process id in their names (None for unnamed ones)."""
    for folder, dirs, names in os.walk(out):  # symlinked folders are not followed
        dirs.sort()
        for name in sorted(names):
            m = _TEMP.match(name)
            p = Path(folder) / name
            if m and not p.is_symlink():
                yield p, int(m["pid"]) if m["pid"] else None


def dead_leftovers(out: Path) -> Iterator[Path]:
    """Temp files below ``out`` whose writer is gone: a run killed before its rename."""
    return (p for p, pid in _temp_files(out) if not (pid and alive(pid)))


def own_leftovers(out: Path) -> Iterator[Path]:
    """Temp files below ``out`` this process made and has not renamed or removed: what a Ctrl-C
    that lands between creating a temp file and guarding it leaves (no try covers that gap)."""
    me = os.getpid()
    return (p for p, pid in _temp_files(out) if pid == me)
