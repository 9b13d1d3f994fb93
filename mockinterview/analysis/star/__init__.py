"""STAR+: what the answer says and how it is built.

`sentences` (timed words -> sentences) -> `labeler` (S T A R X O per sentence or clause, with the cue that
decided it; the model is in `label_model` and `cues`) -> `sections` and `section_timing` (sections and their
share of speaking time) -> `flags` (the contract's judgements, with their evidence) -> `scores` -> `feedback`
(quoting the speaker) -> `followups`. `live` labels the answer provisionally while it is spoken.
"""
