"""Rules as data: the rule kinds (kinds, one class each, dispatched by their ``kind`` tag), their
shared fields and examples (base), loading and validating rule files (loader), and the engine
that turns a headline's inserted and replaced spans into findings (engine).
Enters: rule folders and a Subject (what changed in a headline). Leaves: Finding models.
"""
