"""Orchestration: `audit()` takes AuditOptions and writes the reports (audit); the runner opens inputs,
has tasks audited and hands articles to a sink in input order, then confirms reuse (runner); tasks
run in one process, a local pool or on Dask (tasks, pool, cluster, window); a progress line
(progress); where inputs and reports stand in their git repository, for links (places). The
only stage that imports every other.
"""
