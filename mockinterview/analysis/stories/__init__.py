"""The story bank's analyses: `match` (which story an answer tells), `recital` (recited wording, changed
numbers) and `coverage` (categories, must-have stories and principles covered; variety). `settings` holds
their settings and shared text helpers. Text and records in, data out.
"""
