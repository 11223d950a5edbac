"""The only network access: polite fetching of news pages (fetch) and checking a paired original
against the page of the outlet that claims it (verify), with fetched pages kept on disk (cache).
Used by `auditor fetch` and by runs with --verify. Enters: URLs and Article models. Leaves:
fetched pages and Verification models.
"""
