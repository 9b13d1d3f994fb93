"""Sound in and out: microphone and file sources, the VAD segmenter, the streaming Whisper transcriber and its
compute budget, the pipeline thread that joins them, playback of recordings, and the interviewer's voice with
the gate that keeps it out of the microphone."""
