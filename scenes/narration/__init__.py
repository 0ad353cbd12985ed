"""Narration: every beat is spoken (the instructor's recording, or an offline Piper voice),
its beat lasts as long as its speech, and its sentences become the captions.

- ``captions``: sentences, 2 x 42 cues broken at phrases, timed at the spoken onsets;
- ``voices``: recordings, Piper, the fake voice for tests, the estimate for ``NARRATION=off``; the cache;
- ``audio``: reading, loudness (-16 LUFS, -1 dBTP), trimming, muxing one AAC track beside copied video packets;
- ``narrator``: a scene's beats while it renders: timing, captions, chapters, the clip's track;
- ``script``: the week's narration script an instructor records from (``make script-week3``).
"""

RECORDING_TYPES = (".wav", ".flac")  # the instructor's recordings (any rate, any channels; read by PyAV)
