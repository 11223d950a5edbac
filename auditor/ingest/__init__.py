"""Reading inputs: which files a run audits (discover), their encoding (encodings), their lines
streamed in blocks (sources, lines), where a big file can be cut into tasks (chunks), a saved
page turned into a text view with its metadata (html), and parts of inputs read again after
the audit (readback). Enters: paths. Leaves: SourceStream, LazyLines, PageInfo and plain text.
The only stage that opens an input file.
"""
