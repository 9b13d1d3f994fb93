"""Prosody: how the answer sounded - pitch and loudness spread, uptalk, where the pauses fall, rate variation.

Follow the answer's audio in this order: `pitch` (YIN pitch track over the speech spans, its voicing gate,
the spreads) -> `phrasing` (statement endings and mid-phrase pauses, from the words) -> `intonation` (rising
endings, flat stretches) -> `answer.analyze_prosody` (the report's figures and the monotone judgement) ->
`feedback` (what to say, quoting the stretch and its time). `live` tracks each utterance as it closes, so the
end of the answer has little left to do, and gives the live indicator. `settings` holds every number.
"""
