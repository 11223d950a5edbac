"""Every output, rendered from Article models as they stream past: provenance notes, index.md and its
overview, audit.json, SARIF, CSV, the step summary and baselines; where each note goes (paths)
and what a finding's stable fingerprint is (fingerprints). Enters: DocumentInfo, Article models,
reuse links. Leaves: text handed to a Target (the writer). Never reads an input.
"""
