"""Reading inputs: which files a run audits (discover), their encoding (encodings), their lines
streamed in blocks (sources, lines), where a big file can be cut into tasks (chunks), a saved
page turned into a text view with its metadata and headline candidates (html: parsed within a
budget by html_tree, candidates from html_heads, html_survivors and html_candidates, located
in the file by html_locate), and parts of inputs read again after the audit (readback).
Enters: paths. Leaves: SourceStream, LazyLines, PageInfo and plain text.
The only stage that opens an input file.
"""
