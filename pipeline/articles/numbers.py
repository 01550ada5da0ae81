"""Numbers as articles and their translations write them, in figures: the patterns that QA
(:mod:`pipeline.qa.checks`) and the translation memory (:mod:`pipeline.memory.substitution`) find them with."""

from __future__ import annotations

import re

GROUPED_NUMBER = r"(?<![\d.,])\d{1,3}(?:[.,\u00a0\u202f\u2009 ]\d{3})+(?:[.,]\d+)?(?!\d)"  # 1.200, 1 200,5
PLAIN_NUMBER = r"\d+(?:[.,]\d+)?"  # 16, 2025, 1,5
NUMBER = re.compile(f"{GROUPED_NUMBER}|{PLAIN_NUMBER}")
