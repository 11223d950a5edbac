"""headline-auditor: pair altered headlines with their originals and audit their provenance."""

__version__ = "0.1.0"
TOOL_NAME = "headline-auditor"
