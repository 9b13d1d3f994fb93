"""STAR+: what the answer says and how it is built.

`sentences` (timed words -> sentences) -> `labeler` (S T A R X O per sentence, read from its parse by the
learned `section_model`; features in `grammar`) -> `sections` and `section_timing` (sections and their share
of speaking time) -> `flags` (the contract's judgements, from the labels and the learned `judgements`, with
their evidence) -> `scores` -> `feedback` (quoting the speaker) -> `followups`. `live` labels the answer
provisionally while it is spoken. `coach_model` holds the learned weights; `train` and `traindata` make them.
"""
