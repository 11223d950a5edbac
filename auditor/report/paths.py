"""Where each report goes under --out: sanitised, length-capped, collision-free relative paths."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import PurePosixPath

SLUG_MAX = 60
STEM_MAX = 80
# Names Windows reserves; a folder or file may not be called this whatever its extension.
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def slug(text: str, limit: int = SLUG_MAX, fallback: str = "article", keep: str = "") -> str:
    """ASCII letters, digits, hyphens (and ``keep``) only: nothing an input can turn into a path."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    if not keep:
        ascii_text = ascii_text.lower()
    s = re.sub(rf"[^A-Za-z0-9{re.escape(keep)}]+", "-", ascii_text).strip("-_")
    s = s[:limit].rstrip("-_") or fallback
    return f"{s}-x" if s.lower() in _RESERVED else s


def stem_folder(path: str) -> str:
    """The note folder for an input: its file stem, case and underscores kept, made safe."""
    return slug(PurePosixPath(path.replace("\\", "/")).stem, STEM_MAX, "input", keep="_")


class NotePaths:
    """Relative note paths: one folder per input (told apart when names clash), one file per article."""

    def __init__(self, inputs: list[str]) -> None:
        stems: dict[str, list[str]] = {}
        for p in inputs:
            stems.setdefault(stem_folder(p).lower(), []).append(p)
        wanted: dict[str, str] = {}
        for paths in stems.values():
            for p in paths:
                # Two inputs named alike (a/x.txt, b/x.txt) get folders told apart by a path hash.
                suffix = "" if len(paths) == 1 else "-" + hashlib.sha256(p.encode()).hexdigest()[:8]
                wanted[p] = stem_folder(p) + suffix
        # A third input may be named like one of those (x-<hash>.txt): the later one in input
        # order gets a counter, so no two inputs ever share a folder (nor overwrite each other).
        self._folder: dict[str, str] = {}
        taken: set[str] = set()
        for p in dict.fromkeys(inputs):
            name, k = wanted[p], 2
            while name.lower() in taken:
                name, k = f"{wanted[p]}-{k}", k + 1
            taken.add(name.lower())
            self._folder[p] = name

    def note(self, path: str, index: int, altered: str) -> str:
        """The note of article ``index`` (0-based, as in audit.json) of ``path``, whose altered
        headline is ``altered``; its file name counts from 1, as the note's title does."""
        # The number alone makes names unique within a folder; the slug is for people.
        return f"{self._folder[path]}/{index + 1:02d}-{slug(altered)}.md"

    def folder(self, path: str) -> str:
        return self._folder[path]

    def folders(self) -> set[str]:
        return set(self._folder.values())
