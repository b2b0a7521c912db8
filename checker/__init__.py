"""checker: rules-as-code compliance checks for Chinese public-budget performance forms.

Pipeline: readers (file → cells with places) → layout (cells → forms) → values (grammar) →
rules (YAML rule packs) → report (rich, JSON, SARIF). See README.md and docs/.
"""

__version__ = "0.1.0"
