"""Regular expressions from data files run on RE2: linear time, so no rule can hang a run."""
from __future__ import annotations

from functools import lru_cache

# RE2 refuses to build programs bigger than this, so a hostile rule cannot eat memory either.
RE2_MAX_MEM = 8 << 20


@lru_cache(maxsize=1024)
def compile_pattern(pattern: str):  # -> re2._Regexp
    """Compile with RE2; raise ValueError with RE2's reason when it refuses the pattern."""
    import re2

    opts = re2.Options()
    opts.max_mem = RE2_MAX_MEM
    opts.log_errors = False
    try:
        return re2.compile(pattern, opts)
    except re2.error as exc:
        raise ValueError(f"RE2 cannot compile it ({exc})") from None
