"""Interactive panels of week 5's scenes, shown under each clip on the course page.

One function per scene, named like the scene's module; each takes the scene's
validated params and returns a :class:`scenes.publish.panels.Panel` whose every
number comes from calcviz.  Never imports manim.
"""

from __future__ import annotations

import math

import numpy as np

from calcviz import Function, integrals
from calcviz import exact as exact_number
from scenes.kit.numbers import DIGITS, distinct, number
from scenes.kit.palette import FAMILY, POSITIVE_AREA, colour_name
from scenes.publish.panels import (ACCENT, MUTED, NEGATIVE_AREA, TANGENT, Area, Board, Choice, Curve, Line, Panel, Point,
                                   Polygons, Readout, Segment, Slider, frames_over, graph_box, graph_pieces, grid, log_grid)

RULE_NAMES = {"left": "left", "right": "right", "midpoint": "midpoint", "trapezoid": "trapezoid", "simpson": "Simpson"}


def riemann_sums(p) -> Panel:
    f, (lo, hi) = p.function, p.interval
    exact = integrals.definite_integral(f, lo, hi)
    rule = Choice("rule", r"\text{rule}", p.rules, start=p.rules[0], labels=[RULE_NAMES[r] for r in p.rules])
    step = 2 if "simpson" in p.rules else 1
    n = Slider("n", "n", list(range(step, max(p.n_values) + 1, step)), start=p.n_values[0], format="count")

    def frame(name, pieces):
        riemann = integrals.riemann_sum(f, lo, hi, int(pieces), rule=name)
        return {"n": int(pieces), "rule": RULE_NAMES[name], "sum": riemann.value, "integral": exact,
                "error": riemann.value - exact, "shapes": list(riemann.shapes)}

    box = graph_box(f, lo, hi)
    box = (box[0], box[1], min(box[2], 0.0), max(box[3], 0.0))
    board = Board(box, [Polygons("shapes"), Curve(graph_pieces(f, box), color=p.function_color)], names=("x", "f(x)"))
    return Panel(controls=[rule, n], views=[board], frames=frames_over([rule, n], frame),
                 formula=rf"\int_{{{lo:g}}}^{{{hi:g}}} {f.latex} \, dx",
                 readouts=[Readout("sum", r"\text{sum}"), Readout("integral", r"\text{integral}"),
                           Readout("error", r"\text{sum} - \text{integral}", format="error")],
                 note=riemann_note(p.rules))


def riemann_note(rules) -> str:
    """What dragging shows, naming only the rules the panel offers: green pieces count plus, red ones minus."""
    names = [RULE_NAMES[r] for r in rules]
    offered = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    faster = [RULE_NAMES[r] for r in rules if r in ("midpoint", "trapezoid", "simpson")]
    words = f"Rules here: {offered}. In the long run more pieces give a smaller error, though not at every single step. {colour_name(POSITIVE_AREA).capitalize()} pieces count plus, {colour_name(NEGATIVE_AREA)} ones (below the axis) minus."
    if faster and len(faster) < len(rules):
        words += f" The {' and '.join(faster)} rule{'s' if len(faster) > 1 else ''} close{'' if len(faster) > 1 else 's'} in faster than left or right sums for larger n."
    return words


AREA_SAMPLES = 40  # points along the curve per shaded region (drawing only)


def _signed_regions(f, lo: float, x: float) -> list[np.ndarray]:
    """The regions between f and the axis from lo to x: the part above (counter-clockwise) and below."""
    if x <= lo:
        return []
    xs = np.linspace(lo, x, AREA_SAMPLES)
    ys = np.asarray(f(xs), float)
    regions = []
    for part in (np.maximum(ys, 0), np.minimum(ys, 0)):
        if np.any(part != 0):
            axis = np.column_stack([xs, np.zeros_like(xs)])
            curve = np.column_stack([xs, part])[::-1]
            regions.append(np.vstack([axis, curve]))
    return regions


def area_accumulation(p) -> Panel:
    f, (lo, hi) = p.function, p.interval
    area = integrals.accumulation(f, lo)
    x = Slider("x", "x", grid(lo, hi, 101, include=[p.point]), start=p.point)

    def frame(at):
        return {"x": at, "area": area(at), "fx": f(at), "regions": _signed_regions(f, lo, at)}

    top = graph_box(f, lo, hi)
    top = (top[0], top[1], min(top[2], 0.0), max(top[3], 0.0))
    bottom = graph_box(area, lo, hi)
    return Panel(
        controls=[x], frames=frames_over([x], frame),
        formula=rf"f(x) = {f.latex}, \qquad A(x) = \int_{{{lo:g}}}^{{x}} f(t)\,dt = {area.latex}",
        views=[Board(top, [Polygons("regions"), Curve(graph_pieces(f, top), color=p.function_color),
                           Segment("x", 0, "x", "fx", color=ACCENT, dash=False), Point("x", "fx", label="f(x)")], aspect=2.2,
                     names=("t", "f(t)")),
               Board(bottom, [Curve(graph_pieces(area, bottom), color=ACCENT), Point("x", "area", color=ACCENT, label="A(x)")],
                     aspect=2.2, names=("x", "A(x)"))],
        readouts=[Readout("area", "A(x)"), Readout("fx", r"f(x) = A'(x)")],
        note=f"A(x), in {colour_name(ACCENT)} as in the clip, is the signed area from the start to x: area above the axis ({colour_name(POSITIVE_AREA)}) counts "
             f"plus, below it ({colour_name(NEGATIVE_AREA)}) minus. A grows at the rate f(x): it climbs where f > 0 and falls where f < 0.")


FAMILY_COLOR = FAMILY  # the members of F + C drawn for the clip's constants


def antiderivatives(p) -> Panel:
    f, (lo, hi) = p.function, p.interval
    F = integrals.antiderivative(f)
    (x0, y0) = p.initial_point
    through = float(exact_number(y0) - F.exact(x0))  # the constant of the member through the initial point
    shifts = [*p.constants, through]
    c = Slider("C", "C", grid(min(shifts), max(shifts), 41, include=shifts), start=through)
    x = Slider("x", "x", grid(lo, hi, 41, include=[x0]), start=x0)

    def frame(constant, at):
        return {"C": constant, "x": at, "Fx": F(at) + constant, "fx": f(at), "at_x0": F(x0) + constant}

    top = graph_box(f, lo, hi)
    low, high = min(c.values), max(c.values)
    bottom = graph_box(Function(F.expr + exact_number(low)), lo, hi, Function(F.expr + exact_number(high)))
    sliding = graph_pieces(F, (lo, hi, bottom[2] - high, bottom[3] - low))  # shifted by C in the browser
    family = [Curve(graph_pieces(Function(F.expr + exact_number(k)), bottom), color=FAMILY_COLOR, width=1.5) for k in p.constants]
    return Panel(
        controls=[c, x], frames=frames_over([c, x], frame),
        formula=rf"f(x) = {f.latex}, \qquad F(x) + C = {F.latex} + C",
        views=[Board(top, [Curve(graph_pieces(f, top), color=p.function_color), Point("x", "fx", color=TANGENT, label="f(x)")], aspect=2.4,
                     names=("x", "f(x)")),
               Board(bottom, [*family, Curve(sliding, color=ACCENT, width=3.5, shift="C"), Point(x0, y0, color=TANGENT, size=5),
                              Line("x", "Fx", "fx"), Point("x", "Fx", color=ACCENT, label="F(x) + C")], aspect=1.8,
                     names=("x", "F(x) + C"))],
        readouts=[Readout("Fx", "F(x) + C"), Readout("fx", r"\text{slope} = f(x)"), Readout("at_x0", rf"F({x0:g}) + C")],
        note=f"Every C gives the same slope at x; only one curve passes through ({x0:g}, {y0:g}).")


def improper_integrals(p) -> Panel:
    tail, diverging, a, end = p.tail_function, p.divergent_function, p.start, p.window_end
    h, (lo, hi) = p.singular_function, p.singular_interval
    # linear inside the picture, then on a log scale out to the farthest bound
    b = Slider("b", "b", sorted({*grid(a, end, 19)[1:], *log_grid(end, p.far_bounds[-1], 13, include=p.far_bounds)}), start=end)
    epsilon = Slider("epsilon", r"\varepsilon", log_grid(p.epsilons[0], p.epsilons[-1], 17, include=p.epsilons), start=p.epsilons[0])
    tail_area, diverging_area, from_right = (integrals.accumulation(tail, a), integrals.accumulation(diverging, a),
                                             integrals.accumulation(h, hi))
    limit, singular = integrals.improper_integral(tail, a), integrals.improper_integral(h, lo, hi)

    def frame(bound, eps):
        return {"b": bound, "epsilon": eps, "shown_b": min(bound, end), "cut": lo + eps, "tail": tail_area(bound), "limit": limit,
                "diverging": diverging_area(bound), "singular_cut": -from_right(lo + eps), "singular": singular}

    top = max(float(tail(a)), float(diverging(a))) * 1.15
    tails, drawn = (min(a, 0.0), end, 0.0, top), (a, end, 0.0, top)  # the axes from 0, the curves from the start
    samples = np.linspace(a, end, 300)
    tail_points = np.column_stack([samples, np.minimum(tail(samples), top)])
    diverging_points = np.column_stack([samples, np.minimum(diverging(samples), top)])
    near = lo + (hi - lo) * np.geomspace(1e-6, 1.0, 300)  # dense by the singular end
    h_top = 4 * float(h(lo + 0.25 * (hi - lo)))
    cut_box = (lo, hi, 0.0, h_top)
    return Panel(
        controls=[b, epsilon], frames=frames_over([b, epsilon], frame),
        formula=rf"f(x) = {tail.latex}, \quad g(x) = {diverging.latex}, \quad h(x) = {h.latex}",
        # both areas the readouts give, shaded: g's (red, fainter, under f's green) as well as f's
        views=[Board(tails, [Area(diverging_points, a, "shown_b", color=NEGATIVE_AREA, opacity=0.22), Area(tail_points, a, "shown_b"),
                             Curve(graph_pieces(diverging, drawn), color=NEGATIVE_AREA, width=2),
                             Curve(graph_pieces(tail, drawn), color=p.function_color),
                             Segment("shown_b", 0, "shown_b", top, color=TANGENT, dash=False)], aspect=2.2, names=("x", "y")),
               Board(cut_box, [Area(np.column_stack([near, np.minimum(h(near), h_top)]), "cut", hi),
                               Curve(graph_pieces(h, cut_box), color=p.function_color),
                               Segment("cut", 0, "cut", h_top, color=TANGENT, dash=False)], aspect=2.2, names=("x", "h(x)"))],
        readouts=[Readout("tail", rf"\int_{{{a:g}}}^{{b}} f\,dx"), Readout("limit", rf"\int_{{{a:g}}}^{{\infty}} f\,dx", format="exact"),
                  Readout("diverging", rf"\int_{{{a:g}}}^{{b}} g\,dx"),
                  Readout("singular_cut", rf"\int_{{{_plus_epsilon(lo)}}}^{{{hi:g}}} h\,dx"),
                  Readout("singular", rf"\int_{{{lo:g}}}^{{{hi:g}}} h\,dx", format="exact")],
        note=f"Top: f in {colour_name(p.function_color)}, g in {colour_name(NEGATIVE_AREA)}, the areas under them up to b shaded "
             f"({colour_name(POSITIVE_AREA)} for f, {colour_name(NEGATIVE_AREA)} for g). Past x = {end:g} "
             "the plot stops but b goes on: the area under f settles, "
             "the one under g grows without bound. Bottom: h is infinitely tall at the left end, yet its area is finite.")


def _plus_epsilon(lo: float) -> str:
    """The lower bound lo + ε in TeX: ε alone from 0 (the review: "0 + ε")."""
    return r"\varepsilon" if lo == 0 else rf"{lo:g} + \varepsilon"


SHRINK_RULES = ("trapezoid", "simpson")


def _down_to(miss: float, *values: float) -> list[str]:
    """``values`` (which differ by ``miss``) shown to the decimal place of miss's leading digit, at least: their shown
    difference is then the size of miss (at least the policy's digits, and always apart)."""
    places = math.ceil(-math.log10(abs(miss)))
    figures = math.floor(math.log10(max(abs(v) for v in values))) + 1 + places
    shown = [number(v, "value", max(figures, DIGITS)) for v in values]
    return shown if len(set(shown)) == len(shown) else distinct(values)


def numerical_integration(p) -> Panel:
    f, (lo, hi) = p.function, p.interval
    exact_value = integrals.definite_integral(f, lo, hi)
    rule = Choice("rule", r"\text{rule}", SHRINK_RULES, start="trapezoid", labels=[RULE_NAMES[r] for r in SHRINK_RULES])
    n = Slider("n", "n", list(range(2, max(p.n_values) + 1, 2)), start=p.n_values[0], format="count")

    def error(name, pieces):
        return integrals.riemann_sum(f, lo, hi, pieces, rule=name).value - exact_value

    def frame(name, pieces):
        pieces = int(pieces)
        riemann = integrals.riemann_sum(f, lo, hi, pieces, rule=name)
        miss = riemann.value - exact_value
        # digits down to the error's leading place: 11.86 and 11.86 would say the error is 0, 11.859 and 11.860
        # that it is 10⁻³ (Simpson, n = 32: 2 × 10⁻⁵)
        sum_text, integral_text = _down_to(miss, riemann.value, exact_value) if miss else (riemann.value, exact_value)
        return {"n": pieces, "rule": RULE_NAMES[name], "sum": sum_text, "integral": integral_text, "error": miss,
                "shrink": abs(miss / error(name, 2 * pieces)), "log_n": np.log10(pieces), "log_error": np.log10(abs(miss)),
                **{f"{rule}_shapes": list(riemann.shapes) if rule == name else [] for rule in SHRINK_RULES}}

    frames = frames_over([rule, n], frame)
    box = graph_box(f, lo, hi)
    box = (box[0], box[1], min(box[2], 0.0), max(box[3], 0.0))
    errors = {name: [(fr["log_n"], fr["log_error"]) for fr in frames if fr["rule"] == RULE_NAMES[name]] for name in SHRINK_RULES}
    logs = np.array([y for points in errors.values() for _, y in points])
    log_box = (0.0, float(np.log10(max(n.values))) + 0.05, float(logs.min()) - 0.3, max(float(logs.max()) + 0.3, 0.0))
    colors = {"trapezoid": TANGENT, "simpson": ACCENT}
    orders = integrals.integration_errors(f, lo, hi, p.n_values, SHRINK_RULES).orders
    return Panel(
        controls=[rule, n], frames=frames,
        formula=rf"I = \int_{{{lo:g}}}^{{{hi:g}}} {f.latex} \, dx",
        views=[Board(box, [*(Polygons(f"{name}_shapes", color=colors[name], negative_color=colors[name], opacity=0.35) for name in SHRINK_RULES),
                           Curve(graph_pieces(f, box), color=p.function_color)], aspect=2.0, names=("x", "f(x)")),
               Board(log_box, [*(Curve([np.array(points)], color=colors[name], width=2) for name, points in errors.items()),
                               Point("log_n", "log_error", color=MUTED)], aspect=2.0,
                     names=("log₁₀ n", "log₁₀ |error|"))],
        readouts=[Readout("sum", r"\text{sum}"), Readout("integral", "I"), Readout("error", r"\text{sum} - I", format="error"),
                  Readout("shrink", r"|\text{error}_n| \,/\, |\text{error}_{2n}|")],
        note=f"Below: log10 of the error against log10 n, trapezoids in {colour_name(colors['trapezoid'])} and Simpson in {colour_name(colors['simpson'])}. Doubling n divides "
             f"the trapezoid error by about {2 ** orders['trapezoid']:.0f}, Simpson's by about {2 ** orders['simpson']:.0f}.")


__all__ = ["antiderivatives", "area_accumulation", "improper_integrals", "numerical_integration", "riemann_sums"]
