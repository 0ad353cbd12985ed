"""Week 4 -- convexity from second derivatives: the Hessian, its determinant and trace on a bowl, a ridge and
a saddle; then the region where a non-convex field is convex, shaded from calcviz's classification."""

from __future__ import annotations

import numpy as np
from manim import (
    AnimationGroup,
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    Indicate,
    Succession,
    SurroundingRectangle,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
    config,
    smooth,
)
from manim.utils.color import ManimColor, color_to_rgb, interpolate_color

from calcviz import Field, Function, latex, multivariate
from calcviz.hessians import KINDS
from calcviz.view import nice_step, value_window
from scenes.kit.choreography import value_to
from scenes.kit.layout import Panel
from scenes.kit.look import (
    ACCENT,
    BACKGROUND,
    CONCAVE,
    CONVEX,
    EDGE,
    FOREGROUND,
    MUTED,
    TANGENT,
    formula,
    tex_number,
    words,
)
from scenes.kit.palette import colour_name
from scenes.kit.plotting import graph, make_axes, point_at, polyline_points, to_scene
from scenes.kit.readouts import live_readout
from scenes.kit.surface_scene import SurfaceScene
from scenes.kit.three_d import (
    MeshLayer,
    Sheet,
    Stage,
    Curve3D,
    StageDot,
    stage_axes,
    stage_for,
    surface_sheet,
)
from scenes.week4.params import SHAPE_KINDS, SHAPE_SQUARE

KIND_COLORS = {"positive definite": CONVEX, "negative definite": TANGENT, "indefinite": CONCAVE,
               "semidefinite": FOREGROUND, "undefined": MUTED}
SHAPE_CENTERS = (-4.55, 0.0, 4.55)
SHAPE_Y = 0.75
SHAPE_SIZE = (2.5, 2.5, 1.5)
SMALL = 30
STAGE_CENTER = (-3.3, -0.7)
STAGE_SIZE = (4.6, 4.6, 2.8)
MAP_WIDTH = 3.5
MAP_LEFT = 1.2
RED_STOP = 0.55  # the probe's first stop, this part of the way to where det H turns positive: inside the red band
MAP_RESOLUTION = 241  # pixels per side of the shaded map (smoothed when drawn)
TINT = 0.55  # how strongly the surface takes its region's colour
DIAGONAL_HEIGHT = 1.9  # the profile along y = x laid flat, where the map comes next
MIXED_TURN = 80  # degrees the mixed surface's camera turns from the shapes' diagonal view: y = x runs across the screen,
# so its two wells and the hump between them stand side by side, not one behind the other
CHORD_REACH = 0.8  # a chord's ends, this share of the way from the centre to the square's edge
CHORD_HIDDEN = 0.7  # a chord's opacity where the surface hides it (thinner than where seen)
ROW = 34  # the numbers under the three shapes (H, det, trace, eigenvalues, kind): read at 480p


class HessianConvexity(SurfaceScene):
    """Bowl, ridge, saddle: H, det H, tr H; then the convex region of a non-convex field, and a probe point."""

    def construct(self) -> None:
        self.beat("Three shapes")
        self.header = self.show_title()
        shapes = self.show_shapes()

        self.beat("The Hessian")
        generic = formula(r"H = \begin{pmatrix} f_{xx} & f_{xy} \\ f_{xy} & f_{yy} \end{pmatrix}", r"\qquad",
                          r"\det H = f_{xx} f_{yy} - f_{xy}^2", r"\qquad", r"\operatorname{tr} H = f_{xx} + f_{yy}", size=SMALL + 2)
        generic.move_to([0, -config.frame_height / 2 + EDGE + 0.9 + generic.height / 2, 0])
        eigen = formula(r"\det H = \lambda_1 \lambda_2", r"\qquad", r"\operatorname{tr} H = \lambda_1 + \lambda_2",
                        size=SMALL + 2)
        eigen.next_to(generic, DOWN, buff=0.35)
        self.say("The second partial derivatives form the Hessian matrix, with a determinant and a trace.", Write(generic[0]), Write(generic[2]), Write(generic[4]))
        bends, names = self.bend_curves(shapes)
        self.say(r"Its eigenvalues $\lambda_1$, $\lambda_2$ measure the bending along two perpendicular directions; "
                 "their product is the determinant, their sum the trace.",
                 lambda: self.add(*bends), Indicate(generic[0], scale_factor=1.0),
                 [*(curve.progress.animate.set_value(1) for curve in bends), FadeIn(names)],
                 lambda: self.settle(*bends), Write(eigen[0]), Write(eigen[2]))

        self.beat("Read the signs")
        rows = self.read_shapes(shapes, FadeOut(generic), FadeOut(eigen))  # the shapes hold still while their numbers are read

        self.beat("Convex")
        chords, above, below = self.chords(shapes)
        self.say(chord_sentence(above, below),
                 [FadeOut(names), *(FadeOut(curve) for curve in bends)], lambda: self.add(*chords),
                 [curve.progress.animate.set_value(1) for curve in chords], lambda: self.settle(*chords))
        rule = formula(r"\text{on a convex domain: } f \text{ convex} \iff \det H \ge 0 \text{ and } "
                       r"\operatorname{tr} H \ge 0 \text{ everywhere } (2 \times 2\ H)", size=SMALL + 2, color=CONVEX)
        rule.move_to([0, -config.frame_height / 2 + EDGE + 0.05 + rule.height / 2, 0])  # clear of the rows and the box
        box = SurroundingRectangle(rows[0], color=CONVEX, buff=0.15)
        self.say("On a square, $f$ is convex when its Hessian is positive semidefinite everywhere: "
                 "determinant and trace at least zero.", Write(rule), Create(box))  # the bowl's numbers pass: boxed

        self.beat("A mixed surface")
        self.mixed_surface()

    # ------------------------------------------------------------------ three shapes
    def show_shapes(self) -> list:
        """Each example on its own small stage, without axes (three sets would clutter): (layer, its label)."""
        p = self.params
        shapes, lifts = [], []
        for key, x in zip(SHAPE_KINDS, SHAPE_CENTERS):
            field = getattr(p, key)
            xs, ys = np.meshgrid(np.linspace(*SHAPE_SQUARE, 33), np.linspace(*SHAPE_SQUARE, 33))
            z = value_window(np.broadcast_to(field(xs, ys), xs.shape).ravel(), margin=0.08)
            stage = Stage(SHAPE_SQUARE, SHAPE_SQUARE, z[:2], SHAPE_SIZE, phi=np.radians(p.phi), theta=np.radians(p.theta),
                          center=(x, SHAPE_Y))
            sheet = surface_sheet(stage, field, resolution=18)
            sheet.lift.set_value(0)
            layer = MeshLayer(stage, [sheet])
            label = VGroup(words(key, size=SMALL, color=FOREGROUND), formula(rf"z = {field.latex}", size=SMALL, color=p.function_color)
                           ).arrange(RIGHT, buff=0.3)
            label.move_to([x, SHAPE_Y + SHAPE_SIZE[1] * 0.62 + 0.35, 0])
            shapes.append((layer, label))
            lifts.append(sheet.lift)
            self.add(layer)
        names = [key for key in SHAPE_KINDS]
        self.play(*(lift.animate.set_value(1) for lift in lifts), *(FadeIn(label) for _, label in shapes),
                  run_time=self.t(1.0))  # the stage, silently, before the voice (which starts 2.8 s in)
        self.settle(*(layer for layer, _ in shapes))
        self.say(f"Here are three surfaces: a {names[0]}, a {names[1]} and a {names[2]}. Each bends the same way at every point.",
                 lambda: self.turn_camera(p.orbit, 3, stages=[layer.stage for layer, _ in shapes]),
                 Indicate(VGroup(*(label for _, label in shapes)), scale_factor=1.0))
        return shapes

    def bend_curves(self, shapes):
        """On each shape, its slices through the centre along the Hessian's two eigenvectors (perpendicular), green
        where that slice bends up, yellow down, grey flat; each named lambda_1, lambda_2 at its end."""
        p = self.params
        curves, names = [], VGroup()
        half = 0.92 * (SHAPE_SQUARE[1] - SHAPE_SQUARE[0]) / 2
        t = np.linspace(-half, half, 61)
        for (layer, _), key in zip(shapes, SHAPE_KINDS):
            field = getattr(p, key)
            at = multivariate.hessian_at(field, (0, 0))
            values, vectors = np.linalg.eigh(np.array(at.matrix, float))
            stage = layer.stage
            lift = 0.02 * float(np.ptp(stage.ranges[2]))
            for i, (value, vector) in enumerate(sorted(zip(values, vectors.T), key=lambda pair: -pair[0])):  # larger first
                color = CONVEX if value > 1e-9 else TANGENT if value < -1e-9 else FOREGROUND
                xs, ys = t * vector[0], t * vector[1]
                path = np.column_stack([xs, ys, np.broadcast_to(field(xs, ys), t.shape)])
                curves.append(Curve3D(stage, path, color=color, width=5, progress=0, lift=lift))
                end = stage.project(path[-1:] + np.array([0, 0, lift]))[0][0]
                outward = end - stage.project(np.array([[0.0, 0.0, float(field(0, 0))]]))[0][0]
                outward /= max(np.linalg.norm(outward), 1e-6)
                names.add(formula(rf"\lambda_{i + 1}", size=SMALL, color=color).move_to(end + 0.3 * outward))
        return curves, names

    def chords(self, shapes):
        """On each shape, a chord joining two points of the surface across its centre, along the direction it bends
        least (the smaller eigenvalue): green where it stays on or above the surface, red where the surface rises
        over it. Returns the chords and the names of the shapes above and below."""
        p = self.params
        reach = CHORD_REACH * (SHAPE_SQUARE[1] - SHAPE_SQUARE[0]) / 2
        t = np.linspace(-reach, reach, 41)
        chords, above, below = [], [], []
        for (layer, _), key in zip(shapes, SHAPE_KINDS):
            field = getattr(p, key)
            values, vectors = np.linalg.eigh(np.array(multivariate.hessian_at(field, (0, 0)).matrix, float))
            vector = vectors[:, int(np.argmin(values))]
            xs, ys = t * vector[0], t * vector[1]
            on_surface = np.broadcast_to(field(xs, ys), t.shape).astype(float)
            chord = on_surface[0] + (t - t[0]) / (t[-1] - t[0]) * (on_surface[-1] - on_surface[0])
            holds = bool(np.all(chord >= on_surface - 1e-9))
            (above if holds else below).append(key)
            lift = 0.02 * float(np.ptp(layer.stage.ranges[2]))
            chords.append(Curve3D(layer.stage, np.column_stack([xs, ys, chord]), color=CONVEX if holds else CONCAVE,
                                  width=5, progress=0, lift=lift))
            chords[-1].unseen.set_stroke(opacity=CHORD_HIDDEN)  # under the surface, yet seen: it is what is taught
        return chords, above, below

    def read_shapes(self, shapes, *first) -> list:
        """Under each shape: its Hessian at the origin, det, trace, and the kind (all from calcviz), each read aloud;
        ``first`` play with the first one."""
        p = self.params
        rows = []
        top = SHAPE_Y - SHAPE_SIZE[1] * 0.62
        for key, x in zip(SHAPE_KINDS, SHAPE_CENTERS):
            at = multivariate.hessian_at(getattr(p, key), (0, 0))
            (a, b), (_, d) = at.matrix
            color = KIND_COLORS[at.kind]
            first_value, second_value = at.eigenvalues
            row = VGroup(
                formula(rf"H = \begin{{pmatrix}} {number(a)} & {number(b)} \\ {number(b)} & {number(d)} \end{{pmatrix}}", size=ROW),
                formula(rf"\det H = {number(at.determinant)},\ \ \operatorname{{tr}} H = {number(at.trace)}", size=ROW),
                formula(rf"\lambda_1 = {number(first_value)},\ \ \lambda_2 = {number(second_value)}", size=ROW),
                words(at.name, size=ROW, color=color),
            ).arrange(DOWN, buff=0.14)
            row.move_to([x, top - row.height / 2, 0])
            rows.append(row)
            signs, bends = signs_said(at.determinant, at.trace, at.eigenvalues)
            # H and its det/tr line together, as the sentence opens on the signs; the eigenvalues as they are said
            self.say(f"The {key}: {signs}.", [*first, FadeIn(row[0]), FadeIn(row[1])], Write(row[2]))
            self.say(f"{bends}: its Hessian is {at.name}.", Write(row[3]))
            first = ()
        return rows

    # ------------------------------------------------------------------ the mixed surface
    def mixed_surface(self) -> None:
        p = self.params
        F = p.function
        region = multivariate.hessian_classification(F, p.x_range, p.y_range, resolution=MAP_RESOLUTION)
        stage = self.stage = stage_for(p, center=STAGE_CENTER, lengths=STAGE_SIZE)
        stage.theta.set_value(stage.theta.get_value() + np.radians(MIXED_TURN))
        sheet = RegionSheet(stage, F, region_classifier(F), resolution=p.surface_resolution)
        sheet.lift.set_value(0)
        layer = MeshLayer(stage, [sheet])
        axes3d = stage_axes(stage)
        f_label = formula(rf"f(x, y) = {F.latex}", size=SMALL + 2, color=p.function_color)
        f_label.next_to(self.header, DOWN, buff=0.3).align_to(self.header, np.array([-1, 0, 0]))
        profile = self.diagonal(stage)
        self.say("Now a surface that is not convex: along $y = x$ it has two wells, with a hump between them.",
                 lambda: self.clear_all_but(self.header, run_time=self.t(1)),
                 lambda: self.add(layer, axes3d), [sheet.lift.animate.set_value(1), Write(f_label)],
                 lambda: self.settle(layer, axes3d), lambda: self.add(profile[0]),
                 [profile[0].progress.animate.set_value(1), Write(profile[1]), Create(profile[2]), Create(profile[3])])
        axes, shading = self.region_map(region)
        panel = Panel(left=MAP_LEFT, top=axes.get_bottom()[1] - 0.3)
        # the Hessian itself (f_xx, f_xy, f_yy), then its determinant and trace beside it, read off its entries
        matrix = panel.place(formula(rf"H = {latex(region.hessian)}", size=SMALL), buff=0.2)
        det = formula(rf"\det H = {region.determinant_latex}", size=SMALL)
        trace = formula(rf"\operatorname{{tr}} H = {region.trace_latex}", size=SMALL)
        VGroup(det, trace).arrange(DOWN, aligned_edge=LEFT, buff=0.2).next_to(matrix, RIGHT, buff=0.45)
        self.say(f"Its Hessian colours the surface and a map of its floor: {colour_name(CONVEX)} where positive definite, "
                 f"{colour_name(CONCAVE)} where indefinite.",
                 # the map in the sentence's first step, as the profile it replaces goes: named as it appears
                 [Write(matrix), Succession(AnimationGroup(*(FadeOut(m) for m in profile), run_time=0.4),
                                            AnimationGroup(FadeIn(axes), FadeIn(shading), run_time=0.8))],
                 [Write(det), Write(trace)], lambda: self.turn_camera(p.orbit / 2, 2.5))

        self.beat("Probe a point")
        probe = ValueTracker(0.0)
        route = self.probe_route(region)
        where = lambda: route(probe.get_value())
        map_dot = Dot(point_at(axes, *where()), radius=0.1, color=ACCENT).set_z_index(5)
        map_dot.add_updater(lambda m: m.move_to(point_at(axes, *where())))
        surface_dot = StageDot(stage, lambda: np.array([*where(), float(F(*where())) + 0.012 * np.ptp(stage.ranges[2])]),
                               color=ACCENT, radius=0.12)
        steps = np.linspace(0, 1, 161)  # calcviz's Hessian along the route, read between samples
        along = [multivariate.hessian_at(F, route(s)) for s in steps]
        dets, traces = (np.array([getattr(h, name) for h in along]) for name in ("determinant", "trace"))
        readouts = VGroup(
            VGroup(formula(r"\det H =", size=SMALL),
                   live_readout(lambda: float(np.interp(probe.get_value(), steps, dets)), decimals=2, size=SMALL)
                   ).arrange(RIGHT, buff=0.15),
            VGroup(formula(r"\operatorname{tr} H =", size=SMALL),
                   live_readout(lambda: float(np.interp(probe.get_value(), steps, traces)), decimals=2, size=SMALL)
                   ).arrange(RIGHT, buff=0.15),
        ).arrange(RIGHT, buff=0.5)
        panel.place(readouts, below=VGroup(matrix, det, trace), buff=0.4)
        crossing_at = first_crossing(steps, dets)
        self.say(f"Move a point and read its Hessian: in the {colour_name(CONCAVE)} band the determinant is negative, saddle-shaped.",
                 [FadeIn(map_dot), FadeIn(surface_dot), FadeIn(readouts)],
                 probe.animate(run_time=3, rate_func=smooth).set_value(RED_STOP * crossing_at))  # stays in the red band
        self.say(f"Cross into {colour_name(CONVEX)}, and the determinant turns positive; the trace already is, so the surface bends up in every direction.",
                 value_to(probe, 1.0, 3.0), Indicate(readouts, scale_factor=1.0))

        self.beat("Convex in pieces")
        (x0, x1), (y0, y1) = p.x_range, p.y_range
        square = (rf"[{tex_number(x0)}, {tex_number(x1)}]^2" if (x0, x1) == (y0, y1) else
                  rf"[{tex_number(x0)}, {tex_number(x1)}] \times [{tex_number(y0)}, {tex_number(y1)}]")
        verdict = formula(rf"\text{{convex on the whole square }} {square}\text{{: {'yes' if region.convex else 'no'}}}",
                          size=SMALL + 2, color=CONCAVE if not region.convex else CONVEX)
        panel.place(verdict, below=readouts, buff=0.45)
        # the clip's one result, named last and held: the test for convexity, written as it is said
        rule = formula(r"f \text{ convex} \iff \det H \ge 0 \text{ and } \operatorname{tr} H \ge 0 \text{ everywhere}",
                       size=SMALL + 2, color=CONVEX)  # one line under f's formula, above the surface, left of the map
        if rule.width > MAP_LEFT - 0.3 - f_label.get_left()[0]:
            rule.scale_to_fit_width(MAP_LEFT - 0.3 - f_label.get_left()[0])
        rule.next_to(f_label, DOWN, buff=0.3).align_to(f_label, LEFT)
        self.say(f"So it is convex on each {colour_name(CONVEX)} piece, not on the whole square: convex needs the "
                 "Hessian positive semidefinite everywhere.",
                 # back into the indefinite band as the verdict is written, det H < 0 again: where it fails
                 lambda: self.turn_camera(p.orbit / 2, 2.5, Write(verdict), value_to(probe, 0.0, 2.5)),
                 Write(rule), Indicate(rule, color=CONVEX, scale_factor=1.0))

    def diagonal(self, stage):
        """The surface's profile along y = x: a curve on the surface, its formula, and the same curve laid flat."""
        F = self.params.function
        x, y = F.symbols
        profile = Function(F.expr.xreplace({y: x}), variable=F.variables[0])
        (x0, x1), _ = self.params.x_range, None
        t = np.linspace(x0, x1, 160)
        lift = 0.012 * float(np.ptp(stage.ranges[2]))
        curve = Curve3D(stage, np.column_stack([t, t, F(t, t)]), color=FOREGROUND, width=5, progress=0, lift=lift)
        inset = make_axes((x0, x1, nice_step(x1 - x0, target_ticks=4)),
                          value_window(np.asarray(profile(t), float), target_ticks=3), MAP_WIDTH, DIAGONAL_HEIGHT,
                          x_label=F.variables[0], y_label="z")
        inset.move_to([MAP_LEFT + inset.width / 2, config.frame_height / 2 - EDGE - 1.1 - inset.height / 2, 0])
        name = formula(rf"y = x:\ \ f(x, x) = {profile.latex}", size=SMALL, color=FOREGROUND)
        name.next_to(inset, UP, buff=0.3).align_to(inset, LEFT)
        flat = graph(inset, profile, color=FOREGROUND)
        return [curve, name, inset, flat]

    def region_map(self, region):
        """2D axes of the floor with each grid point's Hessian kind as colour, and the curve det H = 0."""
        p = self.params
        (x0, x1), (y0, y1) = p.x_range, p.y_range
        height = MAP_WIDTH * (y1 - y0) / (x1 - x0)
        step = nice_step(x1 - x0, target_ticks=4)
        axes = make_axes((x0, x1, step), (y0, y1, step), MAP_WIDTH, height)
        axes.move_to([MAP_LEFT + axes.width / 2, config.frame_height / 2 - EDGE - 0.75 - axes.height / 2, 0])
        shading = VGroup()
        for kind in ("positive definite", "negative definite", "indefinite"):
            strips = kind_strips(region, KINDS.index(kind))
            if strips:
                # Opaque, pre-mixed with the background: the rows overlap a little, so no seam shows between them.
                color = interpolate_color(ManimColor(BACKGROUND), ManimColor(KIND_COLORS[kind]), 0.5)
                shading.add(VMobject(fill_color=color, fill_opacity=1, stroke_width=0).set_points(
                    np.concatenate([polyline_points(to_scene(axes, np.array(strip))) for strip in strips])))
        shading.set_z_index(-2)
        boundary = VGroup()
        determinant = Field(region.hessian.det())
        for line in multivariate.contour_lines(determinant, p.x_range, p.y_range, [0.0], resolution=161)[0]:
            piece = VMobject(stroke_color=FOREGROUND, stroke_width=2)
            piece.set_points(polyline_points(to_scene(axes, line)))
            boundary.add(piece)
        return axes, VGroup(shading, boundary)

    def probe_route(self, region):
        """From ``point`` straight to the grid's most convex point (largest det with positive trace)."""
        start = np.array(self.params.point, float)
        score = np.where(region.kind == KINDS.index("positive definite"), region.determinant, -np.inf)
        i, j = np.unravel_index(np.argmax(score), score.shape)
        end = np.array([region.X[i, j], region.Y[i, j]])
        end = start + 0.85 * (end - start)  # short of the corner, where the surface is steep
        return lambda s: start + s * (end - start)


def chord_sentence(above, below) -> str:
    """What the chords show, said: convex means every chord stays on or above the surface."""
    def names(keys):
        keys = [f"the {key}" for key in keys]
        return keys[0] if len(keys) == 1 else ", ".join(keys[:-1]) + " and " + keys[-1]
    said = "Convex means every chord stays on or above the surface"
    if above and below:
        return f"{said}; on {names(below)}, this one dips below."
    return f"{said}: {'true' if above else 'false'} on {names(above or below)}."


def signs_said(det: float, trace: float, eigenvalues) -> tuple[str, str]:
    """How the determinant's and the trace's signs read: what they say of the eigenvalues (their product and
    their sum), then which way the surface bends."""
    det, trace = round(float(det), 9), round(float(trace), 9)
    first, second = (f"${number(v)}$" for v in eigenvalues)
    if det > 0:
        if trace > 0:
            return (f"determinant and trace both positive, so both eigenvalues are positive, {first} and {second}",
                    "It bends up in every direction")
        return (f"a positive determinant and a negative trace, so both eigenvalues are negative, {first} and {second}",
                "It bends down in every direction")
    if det < 0:
        return (f"a negative determinant, so the eigenvalues have opposite signs, {first} and {second}",
                "It bends up one way and down the other")
    if trace != 0:
        other = first if abs(eigenvalues[0]) > abs(eigenvalues[1]) else second
        way = "up" if trace > 0 else "down"
        return (f"determinant zero, so one eigenvalue is zero; the other is the trace, {other}",
                f"It bends {way} one way and not at all the other")
    return "determinant and trace zero, so both eigenvalues are zero", "It does not bend at all"


def first_crossing(steps: np.ndarray, dets: np.ndarray) -> float:
    """Where along the probe's route the determinant first turns positive (the route's middle if it never does)."""
    positive = np.flatnonzero(dets > 0)
    if positive.size == 0 or positive[0] == 0:
        return 0.5
    i = positive[0]
    a, b = dets[i - 1], dets[i]
    return float(steps[i - 1] + (steps[i] - steps[i - 1]) * (-a) / (b - a))


def number(value: float) -> str:
    return tex_number(round(float(value), 6) + 0.0)


def kind_strips(region, code: int) -> list[list[tuple[float, float]]]:
    """Closed rectangles (graph coordinates) covering the grid points of one Hessian kind, row by row.

    Each row's run ends where the determinant crosses zero (linear between grid points), so the
    region's sides are smooth; only its top and bottom follow the rows (1/240 of the map).
    """
    X, Y, det = region.X, region.Y, region.determinant
    half = (Y[1, 0] - Y[0, 0]) / 2
    y_lo, y_hi = Y[0, 0], Y[-1, 0]
    strips = []
    for row in range(X.shape[0]):
        inside = region.kind[row] == code
        edges = np.flatnonzero(np.diff(np.concatenate([[0], inside.astype(int), [0]])))
        bottom, top = max(Y[row, 0] - half, y_lo), min(Y[row, 0] + 1.5 * half, y_hi)  # overlap the next row
        for first, last in zip(edges[::2], edges[1::2] - 1):
            left = X[row, 0] if first == 0 else crossing(X[row], det[row], first - 1)
            right = X[row, -1] if last == X.shape[1] - 1 else crossing(X[row], det[row], last)
            strips.append([(left, bottom), (right, bottom), (right, top), (left, top), (left, bottom)])
    return strips


def crossing(xs: np.ndarray, values: np.ndarray, i: int) -> float:
    """Where ``values`` crosses zero between grid points i and i + 1 (their midpoint if it does not)."""
    a, b = values[i], values[i + 1]
    if np.isfinite(a) and np.isfinite(b) and a * b < 0:
        return float(xs[i] + (xs[i + 1] - xs[i]) * a / (a - b))
    return float((xs[i] + xs[i + 1]) / 2)


def region_classifier(F):
    """A cached function: calcviz's classification on a sheet's vertex grid (x first, like :meth:`Sheet.grid`)."""
    cache = {}

    def classify(extent, count):
        key = (tuple(map(tuple, extent)), count)
        if key not in cache:
            (x0, x1), (y0, y1) = extent
            cache[key] = multivariate.hessian_classification(F, (x0, x1), (y0, y1), resolution=count)
        return cache[key]
    return classify


class RegionSheet(Sheet):
    """The surface of F, tinted by the sign of its Hessian's determinant: green where F is convex, red at saddles.

    The tint's weight grows linearly with det H across about one patch, so the shaded (Gouraud)
    colour changes along the curve det H = 0 itself, not along the patches' stair-stepped edges.
    """

    def __init__(self, stage, field, classify, **kwargs) -> None:
        fx, fy = field.partial(field.variables[0]), field.partial(field.variables[1])
        super().__init__(stage, field, lambda x, y: (fx(x, y), fy(x, y)), stage.ranges[:2], **kwargs)
        self.classify = classify
        self.tints = {kind: np.array(color_to_rgb(ManimColor(color))) for kind, color in KIND_COLORS.items()}

    def colors(self, vertices, partials):
        rgba = super().colors(vertices, partials)
        region = self.classify(self.extent(), self.resolution + 1)
        det, trace = region.determinant.T, region.trace.T
        step = np.hypot(*np.gradient(det)) + 1e-12  # how much det H changes over one patch, here
        weight = np.clip(0.5 + det / (2 * step), 0, 1)[..., None]  # 1: definite, 0: indefinite
        definite = np.where((trace >= 0)[..., None], self.tints["positive definite"], self.tints["negative definite"])
        tint = weight * definite + (1 - weight) * self.tints["indefinite"]
        light = rgba[..., :3].mean(axis=-1, keepdims=True)
        rgba[..., :3] = np.clip((1 - TINT) * rgba[..., :3] + TINT * tint * (0.35 + 0.9 * light), 0, 1)
        return rgba
