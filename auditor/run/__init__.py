"""Orchestration: `audit()` takes AuditOptions and writes the reports (audit); the runner opens inputs,
has tasks audited and hands articles to a sink in input order, then confirms reuse (runner); tasks
run in one process, a local pool or on Dask (tasks, pool, cluster, window); a progress line
(progress). The only stage that imports every other.
"""
