"""Every output, rendered from Article models as they stream past: provenance notes (notes, with
the change line and list from one set of spans in changes, the cited names and publisher tables
in citations, and the links to the input's lines and the index in links), index.md and its pages
(index) and overview, audit.json, SARIF, CSV, the step summary and baselines; where each note
goes (paths) and what a finding's stable fingerprint is (fingerprints). Enters: DocumentInfo, Article models,
reuse links. Leaves: text handed to a Target (the writer). Never reads an input.
"""
