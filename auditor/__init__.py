"""headline-auditor: pair altered headlines with their originals and audit their provenance.

The library API (see README "Library"): ``audit_text``, ``audit_paths`` and the ``AuditResult``
model they return. They are imported on first use, so ``import auditor`` loads no rule, no
registry and none of the pipeline.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"
TOOL_NAME = "headline-auditor"
__all__ = ["TOOL_NAME", "AuditResult", "__version__", "audit_paths", "audit_text"]
_LAZY = {"audit_text", "audit_paths", "AuditResult"}


def __getattr__(name: str) -> Any:
    # auditor.api imports the whole pipeline, every module of which imports this package for
    # __version__: it is looked up by name when first asked for, never at import time.
    if name in _LAZY:
        return getattr(importlib.import_module("auditor.api"), name)
    raise AttributeError(f"module 'auditor' has no attribute {name!r}")
