"""Math in narration: spoken as a teacher reads it (the real Speech Rule Engine under Node),
captioned as readable Unicode, cached, and wired into the voices and the captions."""

from __future__ import annotations

import json
import os
import re
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from scenes.narration import captions, speech, voices
from scenes.narration.speech import SpeechError, caption, spoken


@pytest.fixture(autouse=True)
def speech_cache(tmp_path, monkeypatch):
    """A fresh cache per test, so the real engine is what answers (not an earlier run)."""
    monkeypatch.setenv("CALCVIZ_SPEECH_CACHE", str(tmp_path / "speech"))
    monkeypatch.setenv("CALCVIZ_VOICE_CACHE", str(tmp_path / "voice"))
    return tmp_path / "speech"


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


# What a teacher says, written by hand: (narration text, expected words).
SPOKEN = [
    (r"$f'(a)$", "f prime of a"),
    (r"$x^2 + 1$", "x squared plus 1"),
    (r"$e^x$", "e to the x"),
    (r"$\frac{\sin x}{x}$", "sine x over x"),
    (r"$\sin(x)/x$", "sine x divided by x"),
    (r"$10^{-3}$", "10 to the minus 3"),
    (r"$\nabla f$", "the gradient of f"),
    (r"$\frac{\partial f}{\partial x}$", "the partial derivative of f with respect to x"),
    (r"$\int_0^1 f(x)\,dx$", "the integral from 0 to 1 of f of x d x"),
    (r"$\lim_{h \to 0}$", "the limit as h approaches 0"),
    (r"$|x - a| < \delta$", "the absolute value of x minus a is less than delta"),
    (r"$f: A \to B$", "f from A to B"),
    (r"$\mathbb{N} \subset \mathbb{Z}$", "the natural numbers are a subset of the integers"),
    (r"$\sqrt{2}$", "the square root of 2"),
    (r"$x_n \to L$ as $n \to \infty$", "x sub n goes to L as n goes to infinity"),
    (r"$(x, y) \to (0, 0)$", "the point x, y goes to the point 0, 0"),
    (r"$\theta = 45^\circ$", "theta equals 45 degrees"),
    (r"$o(h)$", "little o of h"),
    (r"$O(x^2)$", "big O of x squared"),
    (r"So $A' = f$: the slope of the area is the height.", "So A prime equals f: the slope of the area is the height."),
    (r"$f''(x) > 0$", "f double prime of x is greater than 0"),
    (r"$\frac{\Delta A}{dx}$", "delta A over d x"),
    (r"$f_x$", "f sub x"),
    (r"$\|\nabla f\|$", "the norm of the gradient of f"),
    (r"$x_{n+1} = x_n - \eta \nabla f(x_n)$", "x sub n plus 1 equals x sub n minus eta the gradient of f at x sub n"),
    (r"$\epsilon > 0$", "epsilon is greater than 0"),
    (r"$e^{-x^2}$", "e to the minus x squared"),
    (r"$\ln x$", "natural log x"),
    (r"$f(x, y)$", "f of x, y"),
    (r"$x^3$", "x cubed"),
    (r"$\sqrt{x^2 + y^2}$", "the square root of x squared plus y squared"),
    (r"$x \in \mathbb{R}$", "x is in the real numbers"),
    (r"$0 < |x - a| < \delta$", "0 is less than the absolute value of x minus a is less than delta"),
    (r"$|f(x) - L| < \varepsilon$", "the absolute value of f of x minus L is less than epsilon"),
    (r"$F'(x) = f(x)$", "F prime of x equals f of x"),
    (r"$\lim_{n \to \infty} \frac{1}{n} = 0$", "the limit as n approaches infinity of 1 over n equals 0"),
    (r"$\lim_{x \to 0} \frac{\sin x}{x} = 1$", "the limit as x approaches 0 of sine x over x equals 1"),
    (r"$\left(1 + \frac{1}{n}\right)^n \to e$", "the quantity 1 plus 1 over n, to the n goes to e"),
    (r"$\int_a^b f(x)\,dx = F(b) - F(a)$", "the integral from a to b of f of x d x equals F of b minus F of a"),
    (r"$L(x) = f(a) + f'(a)(x - a)$", "L of x equals f of a plus f prime of a times the quantity x minus a"),
    (r"$f_{xx} f_{yy} - f_{xy}^2 > 0$", "f sub x x times f sub y y minus f sub x y squared is greater than 0"),
    (r"$\frac{\partial^2 f}{\partial x \partial y}$", "the second partial derivative of f with respect to x and y"),
    (r"$x^2 = o(x)$", "x squared equals little o of x"),
    (r"$\sin x < x < \tan x$", "sine x is less than x is less than tangent x"),
    (r"$x \mapsto x^2$", "x maps to x squared"),
    (r"$n!$", "n factorial"),
    (r"$f^{-1}(y)$", "f inverse of y"),
    (r"$\log_2 x$", "the log base 2 of x"),
    (r"$1.5 \times 10^{-4}$", "1.5 times 10 to the minus 4"),
    (r"$\frac{d}{dx} \sin x = \cos x$", "the derivative with respect to x of sine x equals cosine x"),
    (r"$\sqrt[3]{x}$", "the cube root of x"),
    (r"$a \le b$", "a is less than or equal to b"),
]


def test_the_table_is_the_course_size():
    assert len(SPOKEN) >= 40


def test_math_is_spoken_as_a_teacher_reads_it():
    """The real SRE (installed by the set-up) in one batch; every reading checked word for word."""
    said = speech.spoken_all([text for text, _ in SPOKEN])
    wrong = [(text, got, want) for (text, want), got in zip(SPOKEN, said) if _norm(got) != _norm(want)]
    assert not wrong, "\n".join(f"{t!r}: said {g!r}, want {w!r}" for t, g, w in wrong)


def test_plain_text_stays_as_it_is():
    text = "Here is our function and the point a = 1.5, where we want its slope."
    assert spoken(text) == text and caption(text) == text


@pytest.mark.parametrize("text, shown", [
    (r"$A' = f$", "A′ = f"),
    (r"$\frac{\Delta A}{dx}$", "ΔA/dx"),
    (r"$x^2$", "x²"),
    (r"$f_x$", "fₓ"),
    (r"$\frac{\partial f}{\partial x}$", "∂f/∂x"),
    (r"$\|\nabla f\|$", "‖∇f‖"),
    (r"$x_n \to L$", "xₙ → L"),
    (r"$e^x$", "eˣ"),
    (r"$10^{-3}$", "10⁻³"),
    (r"$\sqrt{2}$", "√2"),
    (r"$\int_0^1 f(x)\,dx$", "∫₀¹ f(x) dx"),
    (r"$\lim_{h \to 0}$", "lim h→0"),
    (r"$\mathbb{N} \subset \mathbb{Z}$", "ℕ ⊂ ℤ"),
    (r"$\theta = 45^\circ$", "θ = 45°"),
    (r"$\frac{\sin x}{x}$", "(sin x)/x"),
    (r"$\frac{1}{x^2 + 1}$", "1/(x² + 1)"),
    (r"$\sqrt{x^2 + y^2}$", "√(x² + y²)"),
    (r"$\left(1 + \frac{1}{n}\right)^n$", "(1 + 1/n)ⁿ"),
    (r"$\text{area} = \operatorname{tr} H$", "area = tr H"),
    (r"$x_{n+1} = x_n - \eta \nabla f(x_n)$", "xₙ₊₁ = xₙ − η∇f(xₙ)"),
    (r"$f''(x) > 0$", "f″(x) > 0"),
    (r"$\{1, 2\}$", "{1, 2}"),
    (r"So $A' = f$: the slope.", "So A′ = f: the slope."),
])
def test_captions_show_math_as_unicode(text, shown):
    assert caption(text) == shown


def test_captions_carry_no_tex():
    for text, _ in SPOKEN:
        shown = caption(text)
        assert "$" not in shown and "\\" not in shown and "{" not in shown, (text, shown)


# ------------------------------------------------------------------ errors
def test_unbalanced_dollars_raise_naming_the_text():
    with pytest.raises(SpeechError, match=r"unbalanced \$.*'The slope is \$x\^2 here\.'"):
        spoken("The slope is $x^2 here.")
    with pytest.raises(SpeechError, match="unbalanced"):
        caption("costs $5")
    with pytest.raises(SpeechError, match="unbalanced"):
        captions.sentences("So $x = 1. Then")


@pytest.mark.parametrize("tex", [r"\frac{1}{", r"x^", r"\left( x", r"x}", r"\notacommand x"])
def test_tex_that_does_not_parse_raises_naming_it(tex):
    with pytest.raises(SpeechError, match=re.escape(f"${tex}$")):
        spoken(f"Look: ${tex}$.")


# ------------------------------------------------------------------ sentences
def test_sentences_do_not_split_inside_math():
    assert captions.sentences("$x = 1.5$. Then it grows.") == ["$x = 1.5$.", "Then it grows."]
    assert captions.sentences("Take $n! = 6$ and stop. Done?") == ["Take $n! = 6$ and stop.", "Done?"]
    assert captions.sentences("So $a. b$ stays.") == ["So $a. b$ stays."]


# ------------------------------------------------------------------ the cache
class CountingEngine:
    """Stands in for Node: counts the batches, answers a word per MathML."""

    def __init__(self) -> None:
        self.batches: list[list[str]] = []

    def speak(self, mathml: list[str]) -> list[str]:
        self.batches.append(mathml)
        return ["word"] * len(mathml)


def test_math_is_read_in_one_batch_and_cached_by_expression_sre_and_lexicon(monkeypatch, speech_cache):
    engine = CountingEngine()
    monkeypatch.setattr(speech, "ENGINE", engine)
    speech.spoken_all(["$x^2$ and $e^x$.", "Then $x^2$ again."])
    assert len(engine.batches) == 1, "every expression of a call goes to the engine at once"
    assert len(list(speech_cache.glob("*.txt"))) == 2
    speech.spoken("Once more $e^x$ and $x^2$.")
    assert len(engine.batches) == 1, "cached expressions never start the engine"
    monkeypatch.setattr(speech, "LEXICON_VERSION", speech.LEXICON_VERSION + 1)
    speech.spoken("$x^2$")
    assert len(engine.batches) == 2, "a new lexicon reads again"
    monkeypatch.setattr(speech, "sre_version", lambda: "0.0.0")
    speech.spoken("$x^2$")
    assert len(engine.batches) == 3, "a new SRE reads again"


def test_plain_text_needs_no_engine(monkeypatch):
    def refuse(mathml):
        raise AssertionError("the engine was started for plain text")

    monkeypatch.setattr(speech.ENGINE, "speak", refuse)
    assert spoken("No math here.") == "No math here."


# ------------------------------------------------------------------ the voices
class ListeningFake(voices.FakeVoice):
    def __init__(self) -> None:
        self.heard: list[str] = []

    def sentence_audio(self, sentence: str) -> np.ndarray:
        self.heard.append(sentence)
        return super().sentence_audio(sentence)


def test_the_voice_speaks_words_and_the_captions_show_unicode():
    voice = ListeningFake()
    result = voice.speak(r"So $A' = f$. The height is $x^2$.")
    assert voice.heard == ["So A prime equals f.", "The height is x squared."]
    assert [s[0] for s in result.sentences] == ["So A′\u00a0=\u00a0f.", "The height is x²."], "a formula is kept on one line"
    cues = captions.timed_cues(list(result.sentences), result.duration + 1)
    assert cues and all("$" not in c.text and "\\" not in c.text for c in cues)
    assert " ".join(c.text.replace("\u00a0", " ") for c in cues).split() == "So A′ = f. The height is x².".split()


def test_the_voice_cache_follows_the_spoken_words(monkeypatch):
    voice = ListeningFake()
    voice.speak(r"So $A' = f$.")
    voice.speak(r"So $A' = f$.")
    assert len(voice.heard) == 1
    monkeypatch.setattr(voices, "spoken_all", lambda parts: ["So A prime is f."] * len(parts))
    voice.speak(r"So $A' = f$.")
    assert voice.heard[-1] == "So A prime is f." and len(voice.heard) == 2, "new words are synthesised again"


def test_text_without_math_keeps_its_voice_cache_key():
    """Adding spoken math re-synthesises no existing narration."""
    text = "A slope needs two points."
    voice = voices.FakeVoice()
    voice.speak(text)
    key = voices._key({**voice.cache_parts(), "text": text})
    assert (voices.cache_folder() / f"{key}.flac").exists()


def test_off_is_timed_by_the_caption():
    timing = voices.estimated(r"So $\frac{\Delta A}{dx}$ is the height.")
    (text, onset, finish), = timing.sentences
    assert text == "So ΔA/dx is the height."  # one word: no no-break space needed
    assert finish - onset == pytest.approx(len(text) / voices.READING_RATE, abs=1e-3)


# ------------------------------------------------------------------ the course
SYMBOL_WORDS = ("slash", "caret", "underscore", "backslash", "dollar")
SYMBOLS = ("/", "^", "_", "\\", "$")  # what espeak reads as those words
SOFTWARE = ("calcviz", "sympy", "numpy", "manim", "python", "piper")


def _scene_beats(name: str) -> list[dict] | str:
    """The scene's beats, or why they could not be read (reported with the other problems)."""
    from scenes.narration.script import _one_scene

    try:
        return _one_scene(name)
    except RuntimeError as error:
        return str(error).splitlines()[-1]


def test_course_narration_speaks_no_symbol_names_and_names_no_software():
    """Every beat of every scene (read with animations skipped, scenes in parallel): what the voice
    says names no symbol ("slash", ...) and neither voice nor captions name software."""
    from scenes.course import load_course

    names = [scene.name for week in load_course().weeks for scene in week.scenes]
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        read = dict(zip(names, pool.map(_scene_beats, names)))
    problems = [f"{name}: its narration could not be read: {got}" for name, got in read.items() if isinstance(got, str)]
    beats = [beat for got in read.values() if not isinstance(got, str) for beat in got]
    assert beats, "\n".join(problems)
    said = speech.spoken_all([b["text"] for b in beats])
    for beat, words in zip(beats, said):
        shown = caption(beat["text"])
        for word in SYMBOL_WORDS:
            if re.search(rf"\b{word}\b", words, re.IGNORECASE):
                problems.append(f"{beat['id']}: says {word!r}: {words!r}")
        for symbol in SYMBOLS:
            if symbol in words:
                problems.append(f"{beat['id']}: the voice would read {symbol!r} aloud: {words!r}")
        for name in SOFTWARE:
            if re.search(rf"\b{name}\b", f"{words}\n{shown}", re.IGNORECASE):
                problems.append(f"{beat['id']}: names {name!r}: {shown!r}")
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


def test_captions_write_sympys_printed_functions_as_a_textbook_does():
    # sympy prints sin(x) as \sin{\left(x \right)} and 2x as "2 x"
    assert caption(r"$\sin{\left(x \right)} + \cos{\left(2 x \right)}$") == "sin(x) + cos(2x)"
    assert caption(r"$f(x, m x)$ on $[0, 2]$") == "f(x, m x) on [0, 2]", "a space between letters stays"
    assert caption(r"$f(a) = - \frac{3}{8}$ and $- x + 1$") == "f(a) = −3/8 and −x + 1", "a sign sticks to its number"
    assert caption(r"$x - 1$") == "x − 1", "a subtraction keeps its spaces"
    assert caption(r"$\lVert \nabla f \rVert$ and $\hat{y} = \bar x$") == "‖∇f‖ and ŷ = x̄"


@pytest.mark.parametrize("tex, shown", [
    (r"\frac{1 - x^2}{(1 + x^2)^2}", "(1 − x²)/(1 + x²)²"),  # one bracket holds the denominator: no second pair
    (r"\frac{(x+1)(x-1)}{2}", "((x+1)(x−1))/2"),  # two brackets side by side: wrapped
    (r"\sqrt{(x+1)^2}", "√((x+1)²)"),  # a root takes one bracket: √(x+1)² would square the root
])
def test_captions_bracket_a_fraction_once(tex, shown):
    assert speech.caption(f"${tex}$") == shown
