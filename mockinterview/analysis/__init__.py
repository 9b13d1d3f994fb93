"""Pure analysis of one answer: timed words, speech spans and audio in, figures and judgements out.

No threads, clocks, files or model calls. Sub-packages by concern:

- `delivery/`: how it was said - timing, pace, pauses, fillers (from the words, the hesitation pass and the
  sound itself) and the live timer that shows them while the candidate speaks;
- `star/`: what was said - sentences, STAR+ section labels, flags, scores, feedback and follow-ups;
- `stories/`: the story bank - which story an answer tells, recited wording, coverage of the categories.

`scorer.score_answer` runs delivery and star in order and returns the `AnswerReport`; `numbers` reads spoken
and written quantities for both star and stories.
"""
