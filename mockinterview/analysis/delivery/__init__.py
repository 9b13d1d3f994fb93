"""Delivery: how the answer was said.

Follow the speech timeline in this order: `acoustics` (10 ms sound/silence of the PCM) -> `fillers` (filler
rules on the timed words) -> `pass_fillers` (um/uh and set-off fillers the hesitation pass wrote) ->
`hesitations` (um/uh only the audio shows) -> `timing.analyze_delivery` (duration, speaking time, pace, long
pauses, window verdict, filler counts). `live` runs the same filler step incrementally while the candidate
speaks.
"""
