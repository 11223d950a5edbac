"""Text helpers every stage shares: one ``normalize()`` for quotes, dashes, spaces and case,
tokens and the body word index (lexicon), a body as one scannable text (body), dates,
Markdown escaping for untrusted text, and RE2 for patterns that come from data files.
Enters: strings. Leaves: strings, tokens and compiled patterns. Imports no other stage.
"""
