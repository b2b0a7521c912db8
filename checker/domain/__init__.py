"""The domain layer: the field's words and numbers, loaded from the rule pack's data files, in
one place that readers, layout and rules all ask (shared/DESIGN.md, "The domain layer").

- ``checker.domain.money``: the money units (元, 万元, 亿元 … from rules/units.yaml), the units a
  form may state its amounts in and the words that state them (单位：万元, 金额单位：元, （万元）,
  rules/layout_vocab.yaml ``money_units``), the regular expressions built from those words, and
  the one 元/万元 conversion.

Nothing here keeps a copy of a word: a new unit or a new province's wording is a YAML edit.
"""
