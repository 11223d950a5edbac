"""Where each report goes under --out: sanitised, length-capped, collision-free relative paths."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import PurePosixPath

from .models import Article, DocumentAudit

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
    """Relative paths of every note, decided once per run so equal slugs never collide."""

    def __init__(self, docs: list[DocumentAudit]) -> None:
        stems: dict[str, list[str]] = {}
        for d in docs:
            stems.setdefault(stem_folder(d.path).lower(), []).append(d.path)
        self._folder: dict[str, str] = {}
        for stem, paths in stems.items():
            for p in paths:
                # Two inputs named alike (a/x.txt, b/x.txt) get folders told apart by a path hash.
                suffix = "" if len(paths) == 1 else "-" + hashlib.sha256(p.encode()).hexdigest()[:8]
                self._folder[p] = stem_folder(p) + suffix
        self._notes: dict[tuple[str, int], str] = {}
        for d in docs:
            width = max(2, len(str(len(d.articles) - 1)))
            used: set[str] = set()
            for a in d.articles:
                name = f"{a.index:0{width}d}-{slug(a.altered.text)}"
                while name in used:  # an index prefix already makes names unique; this is a guard
                    name += "-1"
                used.add(name)
                self._notes[(d.path, a.index)] = f"{self._folder[d.path]}/{name}.md"

    def note(self, doc: DocumentAudit, article: Article) -> str:
        return self._notes[(doc.path, article.index)]

    def folders(self) -> set[str]:
        return set(self._folder.values())
