"""STAR+: what the answer says and how it is built.

`sentences` (timed words -> sentences) -> `labeler` (S T A R X O per sentence, read from its parse by the
learned `section_model`; features in `grammar`) -> `sections` and `section_timing` (sections and their share
of speaking time) -> `flags` (the contract's judgements, from the labels and the learned `judgements`, with
their evidence) -> `scores` -> `feedback` (quoting the speaker) -> `followups` and `probes` (follow-ups that
quote the answer's own words). `off_question` judges the story against what the question asks for (`offq_story`
reads the story, `offq_features` and `offq_lexicon` feed its learned `offq_model`). `live` labels the answer
provisionally while it is spoken. `coach_model` holds the learned weights; `train`, `traindata` and
`offq_train` make them.
"""
