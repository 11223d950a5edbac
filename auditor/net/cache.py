"""The fetch cache (pages by URL, so a rerun never asks the network twice) and `auditor fetch`'s
saved pages: what net/ keeps on disk, written through the writer's atomic files."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from auditor.errors import AuditorError
from auditor.writer import atomic_write, is_inside, prepare_out


class FetchCache:
    """Fetched pages on disk by URL, so a rerun never asks the network twice for one page."""

    def __init__(self, folder: Path, within: Path | None = None) -> None:
        """``within``: the folder the cache must stay in (--out for the default OUT/.fetch-cache)."""
        if within is not None and (folder.is_symlink() or (folder.exists() and not is_inside(within, folder))):
            raise AuditorError(
                str(folder), f"is a symbolic link or leads outside {within}; not used as the fetch cache"
            )
        self.folder = folder

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()[:32]
        return self.folder / f"{key}.html", self.folder / f"{key}.json"

    def get(self, url: str) -> tuple[bytes, dict] | None:
        page, meta = self._paths(url)
        try:
            return page.read_bytes(), json.loads(meta.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def put(self, url: str, body: bytes, sidecar: dict) -> None:
        page, meta = self._paths(url)
        atomic_write(page, body)
        atomic_write(meta, json.dumps(sidecar, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


def save_fetched(out: Path, name: str, body: bytes, sidecar: dict) -> tuple[Path, Path]:
    """`auditor fetch`: the page as fetched and its sidecar JSON, both under ``out``."""
    page, meta = out / f"{name}.html", out / f"{name}.json"
    prepare_out(out, [page.name, meta.name])
    if not (is_inside(out, page) and is_inside(out, meta)):
        raise AuditorError(str(page), "path leaves the output folder; not written")
    atomic_write(page, body)
    atomic_write(meta, json.dumps(sidecar, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    return page, meta
