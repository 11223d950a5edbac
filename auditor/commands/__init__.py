"""The command line's commands: click in, AuditOptions (and the other stages' calls) out.

`cli.py` is the entry point: it holds the top-level group and registers the commands defined
here (audit, fetch, baseline, rules). This package is the only one that knows click; it parses
options, merges the config file's settings and turns them into the library's calls in
`auditor/run/`, then prints what came back as one-line diagnostics (shell) and exit codes.
"""
