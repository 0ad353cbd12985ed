"""The base classes of every scene: the house background with the encoder process
(``EncodedScene``), and ``LectureScene``, which gives a scene its parameters, pacing,
beats, captions and chapters."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from manim import DOWN, UP, UL, FadeIn, FadeOut, FullScreenRectangle, Scene, Tex, VGroup, config

from scenes import encoding
from scenes.course import load_course
from scenes.kit import speedups  # noqa: F401  (faster frames and formulas, same pixels)
from scenes.kit.layout import LayoutProbe
from scenes.kit.progress import Progress
from scenes.kit.look import BACKGROUND, EDGE, MUTED, TEXT_SIZE, TITLE_SIZE, words
from scenes.narration import audio
from scenes.narration.aac import AacWriter
from scenes.kit import choreography
from scenes.narration.narrator import GAP, Beat, Narrator
from scenes.typeset import latex_text

COVER_Z = 50  # above everything a scene draws: clear_all_but's cover
END_HOLD = 1.3  # seconds the last frame stays after the last beat's tail: the result, to read

class EncodedScene(Scene):
    """A scene on the house background whose video is encoded in a second process (scenes/encoding.py)."""

    def setup(self) -> None:
        self.camera.background_color = BACKGROUND
        self._encoder = encoding.use_encoder_process(self.renderer) if encoding.ENABLED else None

    def render(self, preview: bool = False) -> bool:
        try:
            return super().render(preview)
        finally:
            if getattr(self, "_encoder", None) is not None:  # None too when setup failed before starting it
                self._encoder.stop()


class LectureScene(EncodedScene):
    """A lecture segment: parameters from the course config, paced, captioned, chaptered.

    A scene is told as *beats*: ``self.beat(name, narration)`` starts a chapter
    (a manim section) whose narration is spoken from just after its start; the
    beat lasts until the next one, and at least until its speech has ended (the
    last frame is held).  The narration's sentences become the captions.
    ``self.t(seconds)`` scales a duration by the scene's ``pace``.
    """

    def setup(self) -> None:
        course = load_course()
        self.entry = course.scene(type(self).__name__)
        self.params = self.entry.params
        self.narrator = Narrator.for_scene(self.entry, course)
        # forked first, before the encoder process starts the renderer's threads
        self._aac = AacWriter(Path(config.media_dir) / "narration.m4a") if self.narrator.mode != "off" else None
        super().setup()
        self._beat: Beat | None = None
        self._probe = LayoutProbe.from_environment()
        self._progress = Progress.for_scene(self)
        self._ties: list = []  # (tracker, mobject): see tie()
        self._said: list[dict] = []  # each say(): its sentence, when it is spoken and until when it moves

    def play(self, *args, **kwargs) -> None:
        super().play(*args, **kwargs)
        if self._progress:
            self._progress.show(self.time, self.camera.frame_rate)

    def wait(self, *args, **kwargs) -> None:
        super().wait(*args, **kwargs)
        if self._progress:
            self._progress.show(self.time, self.camera.frame_rate)

    def get_moving_mobjects(self, *animations):
        """Redraw per frame only what animates, or has an updater and is not resting.

        manim treats everything after the first moving mobject as moving, so
        a static label added after a live readout was redrawn every frame.
        Here moving mobjects are drawn over the static frame instead: the only
        difference is stacking where a moving thing crosses a later static one.
        """
        animated = set()
        for animation in animations:
            animated.update(animation.mobject.get_family())
            for inner in getattr(animation, "animations", ()):
                animated.update(inner.mobject.get_family())
        self._rest_idle_ties(animated)
        foreground = set(self.foreground_mobjects)

        def moves(m) -> bool:
            return m in animated or m in foreground or bool(m.updaters) and not getattr(m, "resting", False)

        family = self.get_mobject_family_members()
        moving = [m for m in family if moves(m)]
        if not moving:
            return []
        drawn = [m.z_index for m in moving if m.has_points()]  # a ValueTracker moves but draws nothing
        if not drawn:
            return moving
        lowest = min(drawn)  # static things raised above a moving one stay above it
        return [m for m in family if moves(m) or m.z_index > lowest and (m in animated or not getattr(m, "resting", False))]

    def rest(self, *mobs) -> None:
        """Hold mobjects still: updaters suspended, drawn once with the still frame (unless animated)."""
        for mob in mobs:
            for part in mob.get_family():
                part.resting = True  # a flag of its own: manim also suspends whatever an animation moves
            mob.suspend_updating()

    def wake(self, *mobs) -> None:
        for mob in mobs:
            for part in mob.get_family():
                part.resting = False
            mob.resume_updating()

    def tie(self, tracker, *mobs) -> None:
        """Declare that ``mobs`` change (through their updaters) only when ``tracker`` moves.

        In an animation that does not move the tracker they rest: not updated, and drawn with the
        still frame instead of every frame (a readout, a line or a trail that follows a slider).
        """
        self._ties.extend((tracker, mob) for mob in mobs)

    def _rest_idle_ties(self, animated: set) -> None:
        follows: dict[int, list] = {}  # a mobject tied to several trackers moves when any of them does
        for tracker, mob in self._ties:
            entry = follows.setdefault(id(mob), [mob, False])
            entry[1] = entry[1] or tracker in animated
        for mob, moves in follows.values():
            if not moves:
                if not getattr(mob, "resting", False):
                    mob.update(0)  # catch up with the tracker's final value (set after the last frame drawn)
                self.rest(mob)
            elif mob not in animated:  # an animated one is held by manim for the animation
                self.wake(mob)

    def t(self, seconds: float) -> float:
        return seconds * self.params.pace

    def pause(self, seconds: float = 1.0) -> None:
        """Hold still: one frozen frame, repeated (updaters only follow trackers, which rest now)."""
        self.wait(self.t(seconds), frozen_frame=True)

    def clear_all_but(self, *keep, run_time: float = 1.0) -> None:
        """Fade everything on screen but ``keep`` away, then remove it.

        It looks like a FadeOut of each mobject, but only a background-coloured
        cover (and ``keep``) is redrawn each frame; the rest stays in the cached
        still and nothing is deep-copied (a FadeOut copies every mobject it fades).
        """
        cover = FullScreenRectangle(fill_color=BACKGROUND, fill_opacity=1, stroke_width=0).set_z_index(COVER_Z)
        layers = [(part, part.z_index) for m in keep for part in m.get_family()]  # each part's own, restored below
        for m in keep:
            m.set_z_index(COVER_Z + 1)
        self.play(FadeIn(cover), run_time=run_time)
        self.remove(*[m for m in self.mobjects if not any(m is k for k in keep)])
        for part, z_index in layers:
            part.set_z_index(z_index, family=False)

    def beat(self, name: str, caption: str | None = None) -> None:
        """Start a chapter called ``name``.

        Told sentence by sentence (the way to write a scene): no ``caption`` here, and each
        sentence comes with its picture through :meth:`say`.  Given a ``caption``, the whole
        text is spoken from now while the beat's animations play (the older way).
        """
        self._end_beat()
        self._encode_settled_audio()
        self.next_section(name)
        self._beat = self.narrator.start(name, caption, self.time)
        if self._progress:
            self._progress.next_beat()
            self._progress.show(self.time, self.camera.frame_rate, force=True)

    def say(self, text: str, *steps, hold: str | None = None) -> None:
        """Speak ``text`` (a sentence, or a few) while its picture happens: ``steps`` start with its first word.

        A step is an animation (or ``.animate``), a list of them played together, a number
        (seconds of stillness) or a callable (run in order, e.g. to add or retie a mobject).
        Durations are scaled by the scene's ``pace``; when the steps are shorter than the
        speech they are slowed to cover it, up to twice their length, and only then is the
        last frame held.  The next sentence waits for this one's last word and a breath.
        A sentence with nothing new to show must say why: ``hold="the result stays up"``; a callable
        that plays animations itself (a camera turn) counts as showing something when wrapped in
        ``choreography.plays``.
        """
        beat = self._beat
        if beat is None or beat.speech is not None:
            raise choreography.ChoreographyError(
                f"{type(self).__name__}: say({text!r}) needs a beat opened without its text: self.beat(name)")
        plan = choreography.plan(steps, self.params.pace)
        if not plan.moves and hold is None:
            raise choreography.ChoreographyError(
                f"{type(self).__name__}, beat {beat.name!r}: {text!r} shows nothing new; give it an animation "
                "(an indication, a highlight, a camera move) or say why it holds: hold=\"...\"")
        if beat.pieces:
            self._hold_until(beat.speech_end() + GAP)
        onset = self.time
        speech = self.narrator.say(beat, text, onset)
        stretch = plan.stretch(speech.duration)
        for step in plan.steps:
            self._run(step, stretch)
        self._said.append({"beat": beat.name, "text": text, "onset": onset, "shown_until": self.time,
                           "spoken_until": onset + speech.duration, "hold": hold})

    def _run(self, step, stretch: float) -> None:
        if callable(step) and not isinstance(step, (list, tuple)):
            step()
        elif isinstance(step, (int, float)):
            self.wait(step * stretch, frozen_frame=True)
        else:
            for animation in step:
                animation.run_time *= stretch
            self.play(*step)

    def _hold_until(self, until: float) -> None:
        """Hold the last frame until scene time ``until`` (to the frame)."""
        rate = self.camera.frame_rate
        frames = int(np.ceil((until - self.time) * rate - 1e-6))
        if frames > 0:
            self.wait((frames + 0.5) / rate, frozen_frame=True)  # manim keeps int(duration * rate) frames

    def _end_beat(self, last: bool = False) -> None:
        """Hold the last frame until the beat's speech and its tail are over, then close the beat
        (the clip's last beat holds its result a little longer)."""
        beat = self._beat
        if beat is None:
            return
        self.narrator.close(beat)
        self._hold_until(beat.hold_until() + (END_HOLD if last else 0.0))
        self.narrator.finish(beat, self.time)
        if self._probe:
            self._probe.record(self, beat.text, name=beat.name, start=beat.start, speech_start=beat.speech_start,
                               sentences=[s[0] for s in beat.sentences],
                               said=[said for said in self._said if said["beat"] == beat.name])
        self._beat = None

    def _encode_settled_audio(self) -> None:
        """Hand the narration before now, which no later beat changes, to the background encoder."""
        if self._aac is not None:
            self._aac.write(self.narrator.span(self._aac.fed, round(self.time * audio.RATE)))

    def encoded_audio(self, track) -> Path | None:
        """The rest of ``track`` encoded; the audio-only MP4 of all of it, or None (no writer, or silence)."""
        writer, self._aac = self._aac, None
        if writer is None or track is None or writer.fed > len(track):
            if writer is not None:
                writer.close()
            return None  # mux encodes the track itself
        writer.write(track[writer.fed:])
        return writer.finish()

    def close_audio(self) -> None:
        """Stop the background encoder if it still runs (a failed or interrupted render)."""
        if getattr(self, "_aac", None) is not None:
            self._aac.close()
            self._aac = None

    def tear_down(self) -> None:
        self._end_beat(last=True)
        choreography.warn_long_stills(type(self).__name__, self._said)
        self.narrator.warn_unused_recordings()
        self.narrator.check_edits_used()  # a line of text.tsv naming no beat of the scene stops the render
        if self._probe:
            self._probe.write()
        if self._progress:
            self._progress.done()

    def show_title(self) -> Tex:
        """The opening card, silent and short (1.8 s): week and title; returns the small header kept on screen.

        Call it after the first ``self.beat(name)`` and before its first ``say``, so that the
        first chapter starts at 0 and the first sentence speaks over its own picture.
        """
        week = words(f"Week {self.entry.week}", size=TEXT_SIZE, color=MUTED)
        title = words(latex_text(self.entry.title), size=TITLE_SIZE + 8)
        card = VGroup(week, title).arrange(DOWN, buff=0.3)
        self.play(FadeIn(card, shift=0.3 * UP), run_time=0.6)
        self.wait(0.6, frozen_frame=True)
        header = words(latex_text(self.entry.title), size=TEXT_SIZE, color=MUTED).to_corner(UL, buff=EDGE)
        self.play(FadeOut(week), title.animate.become(header), run_time=0.6)
        return title
