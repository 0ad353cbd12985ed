"""Error lines a user acts on: each names its path once, with a reason in plain words."""

from __future__ import annotations

import pytest

from scenes.narration import voices


def test_a_corrupt_recording_is_named_once_with_a_plain_reason(tmp_path):
    recording = tmp_path / "SecantToTangent-01-intro.wav"
    recording.write_bytes(b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 40)  # a header that ends too soon
    with pytest.raises(voices.VoiceError) as caught:
        voices.recorded(recording, "The slope of a secant.")
    line = str(caught.value)
    assert "\n" not in line and line.count(str(recording)) == 1 and recording.name not in line.replace(str(recording), "")
    assert "not a readable audio file" in line and "Errno" not in line, line
