"""Math in narration, read as a teacher reads it: inline TeX between dollars
("So $A' = f$: the slope of the area is the height.") is spoken in words and
captioned in Unicode.

- :func:`spoken`: the words the voice says.  Each ``$...$`` goes TeX -> MathML
  (``latex2mathml``) -> ClearSpeak English by the Speech Rule Engine (SRE, the
  engine behind MathJax's accessibility) under Node, offline; SRE's own TeX
  input is Braille-only, hence the MathML step.  Where ClearSpeak reads a
  course notation otherwise than the course says it, the lexicon below wins.
- :func:`caption`: the same text for captions and screens: ``$A' = f$`` is
  "A′ = f", ``$\\frac{\\Delta A}{dx}$`` "ΔA/dx" (``unicodeit`` for symbols and
  sub/superscripts, a small handler here for fractions, roots, text, limits).

Plain text (outside dollars) is left exactly as it is.  SRE starts slowly
(about 0.3 s), so one Node process serves the whole Python process and every
expression of a call goes in one batch; the words of each expression are
cached on disk by a hash of (expression, SRE version, lexicon version).  TeX
is only ever parsed, never evaluated.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import re
import subprocess
import threading
import unicodedata
from functools import cache
from pathlib import Path

LEXICON_VERSION = 2  # bump when the lexicon, the ClearSpeak style or the word rules change what is said
# ClearSpeak preferences: "ln" is "natural log", Δ is "delta" (not "triangle"), x ∈ A is "x in A".
CLEARSPEAK_STYLE = "Log_LnAsNaturalLog:TriangleSymbol_Delta:SetMemberSymbol_In"
DRIVER = Path(__file__).with_name("sre_speak.js")
NO_BREAK = "\u00a0"  # inside a formula in a caption: a line never breaks there
_PLACEHOLDER = "zqx"  # + letters: a word SRE reads back verbatim (mtext), replaced by the lexicon's words


class SpeechError(ValueError):
    """Narration whose math cannot be read: unbalanced dollars, TeX that does not parse, no engine."""


# ---------------------------------------------------------------------------------------------
# Splitting narration into text and math

def pieces(text: str) -> list[tuple[bool, str]]:
    """``text`` as (is_math, piece) in order; math pieces are the TeX between a pair of dollars.

    >>> pieces("So $A' = f$: done.")
    [(False, 'So '), (True, "A' = f"), (False, ': done.')]
    """
    if text.count("$") % 2:
        raise SpeechError(f"narration: unbalanced $ (an odd number of dollars) in {text!r}")
    parts = text.split("$")
    for i in range(1, len(parts), 2):
        if not parts[i].strip():
            raise SpeechError(f"narration: empty math ($$) in {text!r}")
    return [(i % 2 == 1, part) for i, part in enumerate(parts) if part or i % 2]


def math_spans(text: str) -> list[tuple[int, int]]:
    """Where each ``$...$`` is in ``text`` (start of its first dollar, end after its last)."""
    if text.count("$") % 2:
        raise SpeechError(f"narration: unbalanced $ (an odd number of dollars) in {text!r}")
    dollars = [i for i, ch in enumerate(text) if ch == "$"]
    return [(dollars[i], dollars[i + 1] + 1) for i in range(0, len(dollars), 2)]


# ---------------------------------------------------------------------------------------------
# The lexicon: course notations ClearSpeak reads otherwise

# TeX patterns, matched before MathML: (pattern, words).  {1}, {2} are the pattern's groups,
# themselves spoken as math.  First match wins at each place; the rest of the expression is
# still read by SRE around a placeholder, so fractions and sums keep their structure.
TEX_LEXICON: list[tuple[str, str]] = [
    (r"\\frac\{\\partial\^2 ?(\w)\}\{\\partial (\w)\^2\}", "the second partial derivative of {1} with respect to {2}"),
    (r"\\frac\{\\partial\^2 ?(\w)\}\{\\partial (\w) ?\\partial (\w)\}",
     "the second partial derivative of {1} with respect to {2} and {3}"),
    (r"\\frac\{\\partial ?(\w)\}\{\\partial (\w)\}", "the partial derivative of {1} with respect to {2}"),
    (r"\\frac\{d\}\{d(\w)\}", "the derivative with respect to {1} of"),
    (r"\\\|(.+?)\\\|", "the norm of {1}"),  # SRE: "the metric of"
    (r"\\lVert\s*(.+?)\s*\\rVert", "the norm of {1}"),
    (r"(\w)\^\{?\*\}?", "{1} star"),  # w^*: SRE "w raised to the asterisk power"
    (r"\\\ \(\\text\{degrees\}\)", " in degrees"),  # theta\ (\text{degrees}): SRE "theta the quantity degrees"
    (r"\\nabla ?(\w)\(([^()]*)\)", "the gradient of {1} at {2}"),  # SRE: "nabla f of open paren x sub k close paren"
    (r"\\nabla ?(\w(?:_\{?\w+\}?)?)", "the gradient of {1}"),  # SRE: "nabla f"
    (r"(?<![\w\\])o\(([^()]*)\)", "little o of {1}"),  # SRE: "o of h"
    (r"(?<![\w\\])O\(([^()]*)\)", "big O of {1}"),  # SRE: "O of open paren x squared close paren"
    (r"^\s*(\w)\s*:\s*(.+?)\s*\\to\s*(.+?)\s*$", "{1} from {2} to {3}"),  # f: A -> B; SRE: "f colon A right arrow B"
    (r"\\mathbb\{R\}\^\{?(\w)\}?", "R {1}"),  # SRE: "r-two"
    (r"(?<![\w\\}])\((\w), (\w)\)", "the point {1}, {2}"),  # a point, not f(x, y)
]
# Rewrites of SRE's words, applied to each expression's speech, in order.
WORD_RULES: list[tuple[str, str]] = [
    (r"\blim over (.+?) right arrow (.+?)(?= of |$)", r"the limit as \1 approaches \2"),
    (r"\braised to the exponent (.+?) end exponent\b", r"to the \1"),  # e^{-x^2}: "e to the minus x squared"
    (r"\bto the (\w+)-th power\b", r"to the \1"),  # e^x: "e to the x"
    (r"\bto the negative (\w+) power\b", r"to the minus \1"),  # 10^{-3}: "10 to the minus 3"
    (r"\bto the negative\b", "to the minus"),
    (r"\bof open paren ([^()]*?) close paren", r"of \1"),  # f(x, y): "f of x, y"
    (r"\bopen paren ([^()]*?) close paren", r"the quantity \1,"),  # f'(a)(x - a): "times the quantity x minus a"
    (r", (?=[,.]|$)", " "),
    (r"\bright arrow from bar\b", "maps to"),  # x \mapsto x^2
    (r"\bright arrow\b", "goes to"),
    (r"(?<!\bis )(?<!\bis a )(?<!\bare )(?<!\bare a )\bsubset of\b", "is a subset of"),
    (r"\b(numbers|integers) is a subset\b", r"\1 are a subset"),  # N ⊂ Z: "the natural numbers are a subset of the integers"
    (r"\bthe the\b", "the"),
    (r" comma ", ", "),  # a pause, not the word
    (r"\s+", " "),
    (r",\s*$", ""),
]
_TEX_RULES = [(re.compile(pattern), words) for pattern, words in TEX_LEXICON]
_WORD_RULES = [(re.compile(pattern), words) for pattern, words in WORD_RULES]


def _prepare(tex: str) -> str:
    """Notations TeX writes in more than one way, written one way (degrees as °)."""
    tex = re.sub(r"\^\s*\{?\s*\\circ\s*\}?", "°", tex)
    tex = re.sub(r"(_\{\w+\}|_\w)\s+(?=[A-Za-z]_)", r"\1 \\cdot ", tex)  # f_{xx} f_{yy} is a product, not "f sub x x of ..."
    return tex.strip()


# ---------------------------------------------------------------------------------------------
# The Speech Rule Engine under Node

def sre_folder() -> Path:
    """The installed speech-rule-engine package (``scripts/bootstrap.sh``); ``$CALCVIZ_SRE`` replaces it."""
    from scenes.course import ROOT

    return Path(os.environ.get("CALCVIZ_SRE")
                or ROOT / ".venv" / "share" / "speech-rule-engine" / "node_modules" / "speech-rule-engine")


@cache
def sre_version() -> str:
    package = sre_folder() / "package.json"
    try:
        return json.loads(package.read_text())["version"]
    except (OSError, ValueError, KeyError):
        raise SpeechError(f"narration: the Speech Rule Engine is not installed ({package} is missing): run `make setup` "
                          "(scripts/bootstrap.sh installs it into .venv/share/speech-rule-engine)") from None


class _Engine:
    """One Node process running ``sre_speak.js``: a JSON list of MathML in, a JSON list of words out, per line."""

    def __init__(self) -> None:
        self._process: subprocess.Popen | None = None
        self._lock = threading.Lock()

    def _started(self) -> subprocess.Popen:
        if self._process is None or self._process.poll() is not None:
            sre_version()  # a clear error when SRE is missing
            try:
                self._process = subprocess.Popen(["node", str(DRIVER), str(sre_folder()), CLEARSPEAK_STYLE],
                                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                                 text=True, encoding="utf-8", bufsize=1)
            except FileNotFoundError:
                raise SpeechError("narration: Node is not installed (`node` runs the Speech Rule Engine): run `make setup`") from None
            ready = self._process.stdout.readline()
            if not ready.startswith('{"ready"'):
                error = self._process.stderr.read()[-2000:]
                self._process = None
                raise SpeechError(f"narration: the Speech Rule Engine did not start: {error or ready}")
            atexit.register(self.close)
        return self._process

    def speak(self, mathml: list[str]) -> list[str]:
        if not mathml:
            return []
        with self._lock:
            process = self._started()
            process.stdin.write(json.dumps(mathml) + "\n")
            process.stdin.flush()
            line = process.stdout.readline()
        answer = json.loads(line) if line else {"error": "no answer (Node exited)"}
        if isinstance(answer, dict):
            raise SpeechError(f"narration: the Speech Rule Engine failed on {mathml!r}: {answer['error']}")
        return answer

    def close(self) -> None:
        if self._process is not None:
            self._process.stdin.close()
            self._process.wait(timeout=10)
            self._process = None


ENGINE = _Engine()


def to_mathml(tex: str) -> str:
    """MathML of one TeX expression; TeX that does not parse raises, naming it."""
    import latex2mathml.converter

    if tex.replace("\\{", "").count("{") != tex.replace("\\}", "").count("}"):
        raise SpeechError(f"narration: unbalanced braces in the math ${tex}$")
    try:
        mathml = latex2mathml.converter.convert(tex)
    except Exception as error:
        raise SpeechError(f"narration: the math ${tex}$ does not parse as TeX ({type(error).__name__} {error})".replace(" )", ")")) from None
    unknown = re.search(r">(\\[A-Za-z]+)<", mathml)
    if unknown:
        raise SpeechError(f"narration: the math ${tex}$ uses {unknown.group(1)}, which is not a TeX command known here")
    return mathml


# ---------------------------------------------------------------------------------------------
# Spoken words

def _cache_folder() -> Path:
    from scenes.course import ROOT

    return Path(os.environ.get("CALCVIZ_SPEECH_CACHE") or ROOT / "renders" / ".cache" / "speech")


def _key(tex: str) -> str:
    parts = {"tex": tex, "sre": sre_version(), "lexicon": LEXICON_VERSION, "style": CLEARSPEAK_STYLE}
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:32]


def _plan(tex: str) -> tuple[str, list[tuple[str, str, list]]]:
    """``tex`` with each lexicon match replaced by a placeholder word, and per placeholder (word, template, plans of its groups)."""
    slots: list[tuple[str, str, list]] = []
    out, at = [], 0
    while at < len(tex):
        for pattern, template in _TEX_RULES:
            match = pattern.match(tex, at)
            if match:
                name = _PLACEHOLDER + "".join(chr(ord("a") + int(d)) for d in str(len(slots)))
                slots.append((name, template, [_plan(group) for group in match.groups()]))
                out.append(rf"\text{{{name}}}")
                at = match.end() if match.end() > at else at + 1
                break
        else:
            out.append(tex[at])
            at += 1
    return "".join(out), slots


def _fragments(plan) -> list[str]:
    """Every TeX fragment SRE must read for a plan (the frame and each lexicon group)."""
    frame, slots = plan
    found = [frame]
    for _, _, groups in slots:
        for group in groups:
            found += _fragments(group)
    return found


def _assemble(plan, said: dict[str, str]) -> str:
    frame, slots = plan
    words = said[frame]
    for name, template, groups in slots:
        filled = re.sub(r"\{(\d)\}", lambda m: _assemble(groups[int(m.group(1)) - 1], said), template)
        words = re.sub(rf"\b{name}\b", lambda _: filled, words, flags=re.IGNORECASE)
    return words


def _polish(words: str) -> str:
    for pattern, replacement in _WORD_RULES:
        words = pattern.sub(replacement, words)
    return words.strip()


def say_math(expressions: list[str]) -> list[str]:
    """ClearSpeak words for each TeX expression (lexicon applied), from the disk cache or one SRE batch."""
    folder = _cache_folder()
    tex = [_prepare(e) for e in expressions]
    result: dict[str, str] = {}
    for t in set(tex):
        path = folder / f"{_key(t)}.txt"
        if path.is_file():
            result[t] = path.read_text(encoding="utf-8")
    missing = sorted(set(tex) - set(result))
    if missing:
        plans = {t: _plan(t) for t in missing}
        fragments = sorted({f for p in plans.values() for f in _fragments(p)})
        mathml = [to_mathml(f) for f in fragments]
        said = {f: _polish(w) for f, w in zip(fragments, ENGINE.speak(mathml))}
        folder.mkdir(parents=True, exist_ok=True)
        for t, plan in plans.items():
            words = _polish(_assemble(plan, said))
            if _PLACEHOLDER in words.lower():
                raise SpeechError(f"narration: the lexicon lost a part of ${t}$ (SRE read {said})")
            result[t] = words
            temporary = folder / f".{_key(t)}.{os.getpid()}.txt"
            temporary.write_text(words, encoding="utf-8")
            os.replace(temporary, folder / f"{_key(t)}.txt")
    return [result[t] for t in tex]


def spoken_all(texts: list[str]) -> list[str]:
    """:func:`spoken` of many narration texts, their math read in one batch."""
    split = [pieces(text) for text in texts]
    words = iter(say_math([piece for parts in split for is_math, piece in parts if is_math]))
    return [" ".join("".join(next(words) if is_math else piece for is_math, piece in parts).split())
            for parts in split]


def spoken(text: str) -> str:
    """The words the voice says for a narration text: plain text as it is, each ``$...$`` in words.

    Needs Node and the installed SRE only for math not yet in the cache.
    """
    return spoken_all([text])[0]


# ---------------------------------------------------------------------------------------------
# Captions: TeX as readable Unicode

_LETTERLIKE = ("alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi pi "
               "varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi "
               "Sigma Upsilon Phi Psi Omega partial nabla ell").split()
_NAMES = "sin cos tan cot sec csc arcsin arccos arctan sinh cosh tanh ln log exp det lim max min sup inf arg tr".split()
_SPACING = {r"\,": " ", r"\;": " ", r"\:": " ", r"\!": "", r"\quad": " ", r"\qquad": " ", r"\ ": " ", "~": " "}
_SIZES = re.compile(r"\\(?:left|right|bigl|bigr|Bigl|Bigr|big|Big|bigg|Bigg)\s*")


def _group(tex: str, at: int) -> tuple[str, int]:
    """The argument starting at ``at`` (skipping spaces): a {braced group} or one token; and where it ends."""
    while at < len(tex) and tex[at] == " ":
        at += 1
    if at >= len(tex):
        raise SpeechError(f"narration: a command lacks its argument in ${tex}$")
    if tex[at] == "{":
        depth = 0
        for end in range(at, len(tex)):
            depth += {"{": 1, "}": -1}.get(tex[end], 0) if tex[end - 1:end] != "\\" or end == at else 0
            if depth == 0:
                return tex[at + 1:end], end + 1
        raise SpeechError(f"narration: unbalanced braces in the math ${tex}$")
    command = re.match(r"\\[A-Za-z]+|\\.|.", tex[at:])
    return command.group(0), at + len(command.group(0))


def _compound(text: str) -> bool:
    """Whether a numerator, denominator or root needs parentheses: it has an operator or a space."""
    return bool(re.search(r"[\s+\-−=<>/,·⋅×±]", text.strip()))


def _one_bracket(text: str) -> bool:
    """"(...)" or "(...)²": a bracket that opens first and closes last but for a power."""
    if not text.startswith("("):
        return False
    depth = 0
    for at, ch in enumerate(text):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth == 0:
            return re.fullmatch(r"[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]*", text[at + 1:]) is not None
    return False


def _over(text: str) -> str:
    """A numerator or denominator: in parentheses if compound, unless one bracket already holds it ((x² + 1)²)."""
    text = text.strip()
    return text if _one_bracket(text) else _wrapped(text)


def _wrapped(text: str) -> str:
    text = text.strip()
    return f"({text})" if _compound(text) else text


def _structures(tex: str) -> str:
    """Fractions, roots, text and limits rewritten as plain symbols (recursively); the rest left for unicodeit."""
    out, at = [], 0
    while at < len(tex):
        command = re.match(r"\\(d?t?frac|sqrt|text|textrm|mathrm|operatorname|mathit|lim)(?![A-Za-z])", tex[at:])
        if not command:
            out.append(tex[at])
            at += 1
            continue
        name, at = command.group(1), at + len(command.group(0))
        if name.endswith("frac"):
            top, at = _group(tex, at)
            bottom, at = _group(tex, at)
            out.append(f"{_over(_symbols(top))}/{_over(_symbols(bottom))}")
        elif name == "sqrt":
            index = ""
            if tex[at:at + 1] == "[":
                close = tex.index("]", at)
                index, at = tex[at + 1:close], close + 1
            body, at = _group(tex, at)
            root = {"": "√", "2": "√", "3": "∛", "4": "∜"}.get(index.strip())
            if root is None:
                root = _symbols(f"^{{{index}}}") + "√"
            out.append(root + _wrapped(_symbols(body)))  # √ binds to one bracket: √((x+1)²), never √(x+1)²
        elif name == "lim":
            below = ""
            rest = tex[at:].lstrip()
            if rest.startswith("_"):
                below, at = _group(tex, len(tex) - len(rest) + 1)
            out.append("lim" + (" " + re.sub(r"\s+", "", _symbols(below)) if below else "") + " ")
        else:  # text-like: its letters as they are
            body, at = _group(tex, at)
            out.append(body)
    return "".join(out)


def _symbols(tex: str) -> str:
    """One TeX expression (no dollars) as Unicode text."""
    import unicodeit

    tex = tex.replace(r"\{", "\x01").replace(r"\}", "\x02").replace(r"\|", "‖").replace(r"\%", "%")
    tex = re.sub(r"\\lVert(?![A-Za-z])\s*", "‖", tex)
    tex = re.sub(r"\s*\\rVert(?![A-Za-z])", "‖", tex)
    # accents as combining marks: \hat{y} is ŷ, \bar x is x̄
    tex = re.sub(r"\\(hat|bar|tilde|dot)\s*(?:\{(\w)\}|(\w))",
                 lambda m: (m.group(2) or m.group(3)) + {"hat": "\u0302", "bar": "\u0304", "tilde": "\u0303", "dot": "\u0307"}[m.group(1)], tex)
    tex = _SIZES.sub("", tex).replace(r"\left.", "").replace(r"\right.", "")
    for spacing, plain in _SPACING.items():
        tex = tex.replace(spacing, plain)
    tex = re.sub(r"\^\s*\{?\s*\\circ\s*\}?", "°", tex)
    tex = tex.replace("''", "″").replace("'", "′")
    # a space after a letter-like command only ended its name: \Delta A is ΔA
    tex = re.sub(r"\\(" + "|".join(_LETTERLIKE) + r")(\^\{?\w\}?)?\s+(?=[\w\\(])", r"\\\1\2{}", tex)
    tex = re.sub(r"\\(" + "|".join(_NAMES) + r")(?![A-Za-z])", lambda m: "\\lim" if m.group(1) == "lim" else m.group(1), tex)
    tex = _structures(tex)
    text = unicodeit.replace(tex)
    # what Unicode has no sub/superscript for: x_{ij}, e^{x/2}
    text = re.sub(r"\^\{([^{}]*)\}", lambda m: "^" + _wrapped(m.group(1)), text)
    text = re.sub(r"_\{([^{}]*)\}", lambda m: "_" + m.group(1).replace(" ", ""), text)
    text = re.sub(r"\\([A-Za-z]+)", r"\1", text).replace("{", "").replace("}", "")
    text = text.replace("\x01", "{").replace("\x02", "}")
    text = re.sub(r"([(\[])\s+|\s+(?=[)\]])", r"\1", " ".join(text.split()))  # sympy's \left(x \right): sin(x)
    text = re.sub(r"(^|[(\[=,<>] ?)([−-]) (?=\S)", r"\1\2", text)  # a sign, not a subtraction: = −3/8
    text = re.sub(r"(?<![\w.])(\d+) (?=[A-Za-zα-ωΑ-Ω(])", r"\1", text)  # 2 x is written 2x
    return unicodedata.normalize("NFC", text)  # y and a combining hat as the one letter ŷ where there is one


def caption(text: str, keep_together: bool = False) -> str:
    """The narration text as captions and screens show it: each ``$...$`` as readable Unicode, no TeX, no dollars.

    ``keep_together`` joins each formula's words by no-break spaces, so a caption line never breaks inside one.
    """
    return "".join((_symbols(piece).replace(" ", NO_BREAK) if keep_together else _symbols(piece)) if is_math else piece
                   for is_math, piece in pieces(text))
