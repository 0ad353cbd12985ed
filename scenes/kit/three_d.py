"""Fast, smooth 3D for lecture scenes: surfaces painted by Cairo in one pass.

Why not manim's ``Surface`` + ``ThreeDCamera``: the Cairo camera shades,
projects and strokes every face in Python, one at a time (~0.5 s a frame for
32x32 faces).  Here a :class:`Stage` owns the 3D camera (trackers for the
polar angle ``phi``, the azimuth ``theta`` and a ``zoom`` about a ``focus``)
and every 3D mobject is re-projected from graph coordinates each frame:

- :class:`MeshLayer` holds the surfaces (:class:`Sheet`: a vertex grid of
  z = f(x, y) or of a plane).  Vertices are shaded in numpy with exact normals
  (from calcviz partials), all patches of all sheets are depth-sorted
  together, and they are painted as ONE Cairo mesh pattern of Gouraud-shaded
  patches: no faceting, no seams, ~20 ms a 1080p frame.
- :class:`Curve3D` and :class:`Dot3D` are ordinary 2D mobjects.  The parts a
  surface hides are found by marching the ray to the camera against the
  height field z = f(x, y) and drawn dimmed, so paths pass correctly in front
  of and behind the surface.

Text stays plain 2D (same fonts and palette as every other scene); scenes
subclass :class:`scenes.kit.surface_scene.SurfaceScene` so the camera knows how to paint a mesh.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache

import cairo
import numpy as np
from manim import CapStyleType, Camera, Dot, MathTex, ValueTracker, VGroup, VMobject, color_to_rgb, config
from manim.utils.color import ManimColor

from calcviz.view import nice_step, value_window
from scenes.kit.look import ACCENT, AXIS, FOREGROUND, FUNCTION, LABEL_SIZE, MUTED, TICK_SIZE
from scenes.kit import palette

RASTER_SCALE = 0.75  # surfaces are rasterised at this fraction of the frame's pixels (smooth shading hides it)
MOVING_RASTER_SCALE = 0.6  # ... and at this one while the camera or a surface moves (its steps, 1.7 px, stay under the edge's stroke)
REST_SCALE = 2.0  # ... and supersampled at rest: the mesh rasteriser does not anti-alias, so edges would stair-step
MESH_COLOR = FOREGROUND  # the coordinate mesh on a surface: faint lines of constant x and y
MESH_OPACITY = 0.28
MESH_SAMPLES = 40  # points along each mesh line (occlusion is judged per point)
MESH_RAY_SAMPLES = 16  # steps along each ray to the eye: faint lines need less care than curves (32)
FLOOR_COLOR = AXIS
FLOOR_OPACITY = 0.35
HIDDEN_OPACITY = 0.22  # how much of a curve still shows where the surface hides it
EDGE_COLOR = palette.SURFACE_EDGE
_LIGHT = np.array([-0.35, 0.45, 0.82]) / np.linalg.norm([-0.35, 0.45, 0.82])  # in the camera's frame
_HEIGHT_STOPS = (palette.SURFACE_LOW, FUNCTION, palette.SURFACE_HIGH)  # low -> high


@cache
def _painter() -> ThreadPoolExecutor:
    """One thread that paints meshes (in order) beside the renderer."""
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="mesh-painter")


class SurfaceCamera(Camera):
    """The Cairo camera, plus mobjects that paint themselves (a :class:`MeshLayer`)."""

    def display_vectorized(self, vmobject, ctx):
        if isinstance(vmobject, (MeshLayer, FlatImage)):
            vmobject.paint(ctx)
            return self
        return super().display_vectorized(vmobject, ctx)

    def set_cairo_context_path(self, ctx, vmobject):
        """A :class:`Polyline` is traced with straight lines: the same path as its straight cubics, at
        about half the cost to build and stroke (a 3D curve has hundreds of pieces, redrawn every frame)."""
        if not isinstance(vmobject, Polyline):
            return super().set_cairo_context_path(ctx, vmobject)
        points = self.transform_points_pre_display(vmobject, vmobject.points)
        ctx.new_path()
        for start, end in vmobject.get_subpath_split_indices_from_points(points, n_dims=2):
            if end - start < 4:
                continue
            corners = points[start:end:4, :2].tolist() + [points[end - 1, :2].tolist()]
            ctx.new_sub_path()
            ctx.move_to(*corners[0])
            for x, y in corners[1:]:
                ctx.line_to(x, y)
            if vmobject.consider_points_equals_2d(points[start], points[end - 1]):
                ctx.close_path()
        return self


class Polyline(VMobject):
    """A path of straight cubics only (what :func:`_set_runs` makes), which :class:`SurfaceCamera` draws as
    lines. Animations keep it straight: interpolating or cutting straight cubics gives straight cubics."""


def _read_only(array: np.ndarray) -> np.ndarray:
    array.setflags(write=False)  # cached and shared between frames: a caller must copy to change it
    return array


def rotation(phi: float, theta: float) -> np.ndarray:
    """World -> camera rotation (manim's convention: phi from the z axis, theta the azimuth)."""
    a = -theta - np.pi / 2
    rz = np.array([[np.cos(a), -np.sin(a), 0], [np.sin(a), np.cos(a), 0], [0, 0, 1]])
    b = -phi
    rx = np.array([[1, 0, 0], [0, np.cos(b), -np.sin(b)], [0, np.sin(b), np.cos(b)]])
    return rx @ rz


class Stage:
    """A 3D box of graph coordinates seen by a camera, mapped into the 2D frame.

    Graph point p maps to space ``(p - focus) * unit * zoom`` (a box of
    ``lengths`` scene units at zoom 1), then through the camera rotation and a
    mild perspective, then to ``center`` in the frame.
    """

    def __init__(self, x_range, y_range, z_range, lengths=(6.0, 6.0, 3.5), *, phi=1.15, theta=-2.2,
                 center=(0.0, 0.0), focal_distance=20.0) -> None:
        self.ranges = np.array([x_range, y_range, z_range], dtype=float)
        self.unit = np.asarray(lengths, float) / (self.ranges[:, 1] - self.ranges[:, 0])
        self.phi = ValueTracker(phi)
        self.theta = ValueTracker(theta)
        self.zoom = ValueTracker(1.0)
        self.focus = [ValueTracker(v) for v in self.ranges.mean(axis=1)]
        self.center = np.array([*center, 0.0])
        self.focal_distance = focal_distance
        self.occluders: list[Sheet] = []

    def __deepcopy__(self, memo) -> "Stage":
        return self  # copies of 3D mobjects (made by manim's animations) share their stage

    # -- state
    def state(self) -> tuple:
        return (self.phi.get_value(), self.theta.get_value(), self.zoom.get_value(), *self.focus_point())

    def focus_point(self) -> np.ndarray:
        return np.array([t.get_value() for t in self.focus])

    def trackers(self) -> list[ValueTracker]:
        return [self.phi, self.theta, self.zoom, *self.focus]

    def window(self) -> np.ndarray:
        """The graph ranges (3, 2) inside the box at the current zoom and focus."""
        half = (self.ranges[:, 1] - self.ranges[:, 0]) / 2 / self.zoom.get_value()
        focus = self.focus_point()
        return np.stack([focus - half, focus + half], axis=1)

    def spacing(self) -> np.ndarray:
        """A small step in graph units per axis (1/80 of the box) for sampling curves."""
        return (self.ranges[:, 1] - self.ranges[:, 0]) / 80

    # -- mapping
    def to_space(self, xyz: np.ndarray) -> np.ndarray:
        return (np.asarray(xyz, float) - self.focus_point()) * self.unit * self.zoom.get_value()

    def camera_position(self) -> np.ndarray:
        """The eye in space coordinates."""
        return rotation(self.phi.get_value(), self.theta.get_value()).T @ np.array([0, 0, self.focal_distance])

    def project_space(self, space: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Frame points (n, 3) and depth (n,) -- larger depth is nearer the eye."""
        rotated = space @ rotation(self.phi.get_value(), self.theta.get_value()).T
        depth = rotated[..., 2]
        factor = self.focal_distance / np.maximum(self.focal_distance - depth, 1e-3)
        frame = np.zeros_like(rotated)
        frame[..., :2] = rotated[..., :2] * factor[..., None]
        return frame + self.center, depth

    def project(self, xyz: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return self.project_space(self.to_space(xyz))

    def hidden(self, xyz: np.ndarray, samples: int = 32) -> np.ndarray:
        """Which graph points some occluding surface hides from the eye (ray marching, vectorised)."""
        xyz = np.atleast_2d(np.asarray(xyz, float))
        hidden = np.zeros(len(xyz), bool)
        if not self.occluders or len(xyz) == 0:
            return hidden
        eye = self.camera_position()
        start = self.to_space(xyz)
        span = np.linalg.norm(np.asarray(self.unit) * (self.ranges[:, 1] - self.ranges[:, 0])) * self.zoom.get_value()
        steps = np.linspace(0.02, 1.0, samples)[None, :, None] * span
        direction = eye - start
        direction /= np.linalg.norm(direction, axis=1, keepdims=True)
        # The ray's samples in graph coordinates, stepped there directly: (n, samples, 3).
        graph = xyz[:, None, :] + steps * (direction / (self.unit * self.zoom.get_value()))[:, None, :]
        for sheet in self.occluders:
            hidden |= sheet.below(graph).any(axis=1)
        return hidden


class Sheet:
    """One smooth surface over a rectangle of (x, y): a height field or a flat patch.

    ``height(x, y)`` and its partials ``slope(x, y) -> (fx, fy)`` come from
    calcviz; the grid is re-sampled over the stage's current window (clipped
    to ``domain``) so zooming in stays smooth.  ``opacity`` and ``lift`` (0 =
    flattened to the box floor, 1 = the real surface) are trackers to animate.
    """

    def __init__(self, stage: Stage, height, slope, domain, resolution: int = 32, colors=_HEIGHT_STOPS,
                 opacity: float = 1.0, occludes: bool = True, color_range=None, ambient: float = 0.32, hole=None) -> None:
        self.stage = stage
        # A point where the height is undefined (xy / (x^2 + y^2) at 0): the grid is laid out in rings around it, so
        # no vertex lands on it and the rays in, along which such a surface is shaped, are edges of the mesh.
        self.hole = None if hole is None else np.asarray(hole, float)
        self.height = height
        self.slope = slope
        self.domain = np.asarray(domain, float)  # [[x0, x1], [y0, y1]]
        self.resolution = resolution
        self.stops = np.array([color_to_rgb(ManimColor(c)) for c in colors])
        self.opacity = ValueTracker(opacity)
        self.lift = ValueTracker(1.0)
        self.color_range = color_range or tuple(stage.ranges[2])
        self.ambient = ambient  # the share of colour that light does not change
        self.occludes = occludes
        if occludes:
            stage.occluders.append(self)

    def __deepcopy__(self, memo) -> "Sheet":
        return self  # shared, like the stage

    def state(self) -> tuple:
        return (self.opacity.get_value(), self.lift.get_value())

    def trackers(self) -> list[ValueTracker]:
        return [self.opacity, self.lift]

    def extent(self) -> np.ndarray:
        window = self.stage.window()[:2]
        lo = np.maximum(self.domain[:, 0], window[:, 0])
        hi = np.minimum(self.domain[:, 1], window[:, 1])
        return np.stack([lo, np.maximum(hi, lo)], axis=1)

    def grid(self) -> tuple[np.ndarray, np.ndarray]:
        """Vertices (n+1, n+1, 3) in graph coordinates and their (fx, fy) partials (read-only arrays).

        Kept until the window or the lift changes: turning the camera needs no new heights.
        """
        extent = self.extent()
        key = (extent.tobytes(), self.resolution, self.lift.get_value())
        if getattr(self, "_grid", (None,))[0] != key:
            self._grid = (key, *(_read_only(a) for a in self._sampled_grid(extent)))
        return self._grid[1], self._grid[2]

    def _sampled_grid(self, extent: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        x, y = self._grid_xy(extent)
        z = np.broadcast_to(self.height(x, y), x.shape)
        fx, fy = (np.broadcast_to(s, x.shape) for s in self.slope(x, y))
        floor = self.stage.ranges[2, 0]
        lift = self.lift.get_value()
        return np.stack([x, y, floor + lift * (z - floor)], axis=-1), np.stack([fx, fy], axis=-1) * lift

    def _grid_xy(self, extent: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The vertices' (x, y): a rectangular grid, or rings around the hole (rays from it to the rectangle's edge,
        the outer ring on the edge), with as many patches either way."""
        (x0, x1), (y0, y1) = extent
        n = self.resolution
        hole = self.hole
        if hole is None or not (x0 < hole[0] < x1 and y0 < hole[1] < y1):
            return np.meshgrid(np.linspace(x0, x1, n + 1), np.linspace(y0, y1, n + 1), indexing="ij")
        rings, side = max(n // 2, 2), max(n // 2, 2)  # 4 * side rays: the rectangle's corners are vertices
        edge_x, edge_y = _perimeter(extent, side)
        radii = np.linspace(0, 1, rings + 1)
        radii[0] = 0.2 * radii[1]  # a pinhole: the height has no value at the point itself
        x = hole[0] + radii[:, None] * (edge_x - hole[0])[None, :]
        y = hole[1] + radii[:, None] * (edge_y - hole[1])[None, :]
        return x, y

    def boundary(self, samples: int = 96) -> np.ndarray:
        """The edge of the sheet as shown (its domain, clipped to the zoomed window), lifted onto it: a closed
        loop in graph coordinates (read-only, kept until the lift or the window changes)."""
        extent = self.extent()
        key = (samples, self.lift.get_value(), extent.tobytes())
        if getattr(self, "_boundary", (None,))[0] != key:
            self._boundary = (key, _read_only(self._lifted_boundary(extent, samples)))
        return self._boundary[1]

    def _lifted_boundary(self, extent: np.ndarray, samples: int) -> np.ndarray:
        xs, ys = _perimeter(extent, samples)
        floor = self.stage.ranges[2, 0]
        z = floor + self.lift.get_value() * (np.broadcast_to(self.height(xs, ys), xs.shape) - floor)
        return np.column_stack([xs, ys, z])

    def below(self, graph: np.ndarray) -> np.ndarray:
        """For graph points (..., 3): inside this sheet's extent and under it."""
        if self.opacity.get_value() <= 0.5:  # a faint sheet hides nothing: skip its heights
            return np.zeros(graph.shape[:-1], bool)
        (x0, x1), (y0, y1) = self.extent()
        x, y, z = graph[..., 0], graph[..., 1], graph[..., 2]
        inside = (x >= x0) & (x <= x1) & (y >= y0) & (y <= y1)
        floor = self.stage.ranges[2, 0]
        surface = floor + self.lift.get_value() * (np.broadcast_to(self.height(x, y), x.shape) - floor)
        tolerance = 1e-3 * (self.stage.ranges[2, 1] - self.stage.ranges[2, 0])
        return inside & (z < surface - tolerance)

    def height_colors(self, z) -> np.ndarray:
        """RGB in [0, 1] (..., 3) of heights on this sheet's colour scale, unlit (for flat pictures of it)."""
        lo, hi = self.color_range
        t = np.clip((np.asarray(z, float) - lo) / (hi - lo), 0, 1) * (len(self.stops) - 1)
        index = np.minimum(t.astype(int), len(self.stops) - 2)
        frac = (t - index)[..., None]
        return self.stops[index] * (1 - frac) + self.stops[index + 1] * frac

    def colors(self, vertices: np.ndarray, partials: np.ndarray) -> np.ndarray:
        """Shaded RGBA per vertex: height colour x (ambient + diffuse) + a soft highlight."""
        stage = self.stage
        base = self.height_colors(vertices[..., 2])
        unit = stage.unit
        normal = np.stack([-partials[..., 0] * unit[2] / unit[0], -partials[..., 1] * unit[2] / unit[1],
                           np.ones(vertices.shape[:-1])], axis=-1)
        normal /= np.linalg.norm(normal, axis=-1, keepdims=True)
        turn = rotation(stage.phi.get_value(), stage.theta.get_value())
        normal = normal @ turn.T  # into the camera frame, where the light is fixed
        normal *= np.where(normal[..., 2:3] < 0, -1.0, 1.0)  # two-sided: light the face we see
        diffuse = np.clip(normal @ _LIGHT, 0, 1)[..., None]
        halfway = (_LIGHT + np.array([0, 0, 1.0])) / np.linalg.norm(_LIGHT + np.array([0, 0, 1.0]))
        highlight = (np.clip(normal @ halfway, 0, 1) ** 12)[..., None] * 0.22  # broad: a tight one shows the mesh
        rgb = np.clip(base * (self.ambient + (1 - self.ambient) * diffuse) + highlight, 0, 1)
        alpha = np.full(rgb.shape[:-1] + (1,), self.opacity.get_value())
        return np.concatenate([rgb, alpha], axis=-1)


def _perimeter(extent: np.ndarray, per_side: int) -> tuple[np.ndarray, np.ndarray]:
    """A rectangle's edge as a closed loop of points, ``per_side`` a side, from its (x0, y0) corner counter-clockwise."""
    (x0, x1), (y0, y1) = extent
    t = np.linspace(0, 1, per_side, endpoint=False)
    xs = np.concatenate([x0 + t * (x1 - x0), np.full_like(t, x1), x1 - t * (x1 - x0), np.full_like(t, x0), [x0]])
    ys = np.concatenate([np.full_like(t, y0), y0 + t * (y1 - y0), np.full_like(t, y1), y1 - t * (y1 - y0), [y0]])
    return xs, ys


class MeshLayer(VMobject):
    """Every sheet of a stage, depth-sorted together and painted as one Cairo mesh pattern."""

    def __init__(self, stage: Stage, sheets: list[Sheet], outline: str | None = EDGE_COLOR,
                 rest_scale: float = REST_SCALE, mesh: bool = True) -> None:
        super().__init__(stroke_width=0, fill_opacity=0)
        self.stage = stage
        # At rest the mesh is painted once at this scale; above 1 it is supersampled, which smooths the
        # stair-steps of a surface folding over itself (its outline only covers the outer edge).
        self.rest_scale = rest_scale
        self.sheets = list(sheets)
        self.outline = outline  # a thin antialiased edge hides the mesh rasteriser's stair-steps
        self.mesh = mesh  # lines of constant x and y on each surface
        for sheet in self.sheets:
            self._outline(sheet)
        self._image = None
        self._key = None
        self._device = None  # the frame's pixel size and transform, from the last paint
        self._next = None  # (state, device, future image) rasterising in the background
        self.refresh()
        self.add_updater(lambda m: m.refresh())

    def add_sheet(self, sheet: Sheet) -> "MeshLayer":
        self.sheets.append(sheet)
        self._outline(sheet)
        return self.refresh()

    def _outline(self, sheet: Sheet) -> None:
        if self.mesh and sheet.occludes:
            self.add(SheetMesh(sheet))
        if self.outline:  # a plane's edge in its own colour: it does not hide curves, but its edges must not stair-step
            color = self.outline if sheet.occludes else ManimColor(sheet.stops[-1]).to_hex()
            edge = SheetEdge(sheet, color=color, width=2.0)
            edge.unseen.set_stroke(opacity=0)
            self.add(edge)

    def refresh(self) -> "MeshLayer":
        """Keep a rough outline as points, so the layer has a size and a place in the frame."""
        outline = []
        for sheet in self.sheets:
            (x0, x1), (y0, y1) = sheet.extent()
            corners = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]])
            z = np.broadcast_to(sheet.height(corners[:, 0], corners[:, 1]), (4,))
            outline.append(self.stage.project(np.column_stack([corners, z]))[0])
        self.set_points_as_corners(np.concatenate(outline) if outline else np.zeros((2, 3)))
        self._start_next()
        return self

    def _start_next(self) -> None:
        """Start rasterising this frame's mesh in a thread, while the other updaters run.

        Cairo's paint releases the GIL, so it overlaps the curves' Python work
        (measured: about 10 ms of a 1080p frame's 49).  :meth:`paint` takes the
        image if nothing changed in between, and rasterises in place otherwise.
        """
        key = self._state()
        if self._device is None or key == self._key or (self._next and self._next[:2] == (key, self._device)):
            return
        self._next = (key, self._device, self._rasterize_later(self._device, MOVING_RASTER_SCALE))

    def _state(self) -> tuple:
        return (self.stage.state(), *(s.state() for s in self.sheets))

    def patches(self) -> tuple[np.ndarray, np.ndarray]:
        """All visible patches, back to front: corners (k, 4, 2) in the frame and colours (k, 4, 4)."""
        corners, colors, depths = [], [], []
        for sheet in self.sheets:
            if sheet.opacity.get_value() <= 0.01:
                continue
            vertices, partials = sheet.grid()
            frame, depth = self.stage.project(vertices)
            rgba = sheet.colors(vertices, partials)
            quad = (slice(None, -1), slice(None, -1)), (slice(1, None), slice(None, -1)), \
                   (slice(1, None), slice(1, None)), (slice(None, -1), slice(1, None))
            corners.append(np.stack([frame[q][..., :2] for q in quad], axis=2).reshape(-1, 4, 2))
            colors.append(np.stack([rgba[q] for q in quad], axis=2).reshape(-1, 4, 4))
            depths.append(sum(depth[q] for q in quad).ravel())
        if not corners:
            return np.zeros((0, 4, 2)), np.zeros((0, 4, 4))
        order = np.argsort(np.concatenate(depths), kind="stable")
        return np.concatenate(corners)[order], np.concatenate(colors)[order]

    def paint(self, ctx: cairo.Context) -> None:
        """Composite the layer's image, re-rasterised only when the camera or a sheet changed.

        While things move the mesh is rasterised coarser (the eye cannot tell in
        motion); the first frame at rest paints it again at full quality.
        """
        key = self._state()
        target = ctx.get_target()
        self._device = (tuple(ctx.get_matrix()), target.get_width(), target.get_height())
        if key != self._key:
            ready, self._next = self._next, None
            if ready is not None and ready[:2] == (key, self._device):
                self._image = ready[2].result()
            else:
                self._image = self._rasterize_later(self._device, MOVING_RASTER_SCALE).result()
            self._key = key
        elif self._image is not None and self._image[2] != self.rest_scale:
            self._image = self._rasterize_later(self._device, self.rest_scale).result()
        if self._image is None:
            return
        image, (x, y, width, height), _, pixels = self._image
        ctx.save()
        ctx.identity_matrix()
        ctx.new_path()  # the last mobject's path may still be current (manim strokes with stroke_preserve)
        ctx.rectangle(x, y, width, height)
        ctx.clip()
        ctx.scale(1 / pixels, 1 / pixels)
        ctx.set_source_surface(image)
        # An image at the frame's own size is copied pixel for pixel (the cheap case, every frame at rest).
        ctx.get_source().set_filter(cairo.FILTER_NEAREST if pixels == 1 else cairo.FILTER_BILINEAR)
        ctx.paint()
        ctx.restore()

    def _rasterize_later(self, device: tuple, scale: float) -> Future:
        """The mesh painted into an image at ``scale`` times the frame's size, with its pixel box, the scale
        asked for and the image's own scale (a supersampled image is averaged down to the frame's size once,
        here, rather than filtered in every frame that shows it).

        The patches and the pattern are built here; the painting, which needs
        no GIL, runs in a thread.
        """
        corners, colors = self.patches()
        if len(corners) == 0:
            done = Future()
            done.set_result(None)
            return done
        matrix, width, height = device
        user = corners.reshape(-1, 2)
        device_matrix = cairo.Matrix(*matrix)
        (x0, y0), (x1, y1) = (device_matrix.transform_point(*p) for p in (user.min(axis=0), user.max(axis=0)))
        box = (min(x0, x1) - 2, min(y0, y1) - 2, abs(x1 - x0) + 4, abs(y1 - y0) + 4)
        pattern = self._pattern_of(corners, colors)

        def rasterize():
            image = cairo.ImageSurface(cairo.FORMAT_ARGB32, int(width * scale) + 1, int(height * scale) + 1)
            offscreen = cairo.Context(image)
            offscreen.scale(scale, scale)
            offscreen.transform(device_matrix)
            offscreen.set_source(pattern)
            offscreen.paint()
            if scale <= 1:
                return image, box, scale, scale
            frame = cairo.ImageSurface(cairo.FORMAT_ARGB32, width + 1, height + 1)
            down = cairo.Context(frame)
            down.scale(1 / scale, 1 / scale)
            down.set_source_surface(image)
            down.get_source().set_filter(cairo.FILTER_GOOD)  # area-averaged
            down.paint()
            return frame, box, scale, 1.0

        return _painter().submit(rasterize)

    @staticmethod
    def _pattern_of(corners: np.ndarray, colors: np.ndarray) -> cairo.MeshPattern:
        # One row of plain floats per patch, unpacked in the loop: the fastest way found to make the ~3000
        # Cairo calls of a mesh (indexing lists, or two lists zipped, is slower).
        rows = np.concatenate([corners.reshape(-1, 8), colors[..., [2, 1, 0, 3]].reshape(-1, 16)], axis=1).tolist()
        pattern = cairo.MeshPattern()  # manim's frame is BGRA to Cairo, hence the colour order above
        begin, end, move, line, color = (pattern.begin_patch, pattern.end_patch, pattern.move_to,
                                         pattern.line_to, pattern.set_corner_color_rgba)
        for x0, y0, x1, y1, x2, y2, x3, y3, b0, g0, r0, a0, b1, g1, r1, a1, b2, g2, r2, a2, b3, g3, r3, a3 in rows:
            begin()
            move(x0, y0)
            line(x1, y1)
            line(x2, y2)
            line(x3, y3)
            color(0, b0, g0, r0, a0)
            color(1, b1, g1, r1, a1)
            color(2, b2, g2, r2, a2)
            color(3, b3, g3, r3, a3)
            end()
        return pattern


class FlatImage(VMobject):
    """An RGB picture (rows, cols, 3 floats in [0, 1], first row on top) filling a rectangle of the frame,
    painted by Cairo with smooth (bilinear) resampling: a heat map beside a surface.

    manim's ImageMobject cannot be drawn by the Cairo camera with the Pillow installed here, and its
    fade interpolates pixels; this one is painted like a :class:`MeshLayer`, and ``opacity`` is a tracker.
    """

    def __init__(self, rgb: np.ndarray, width: float, height: float, opacity: float = 1.0) -> None:
        super().__init__(stroke_width=0, fill_opacity=0)
        rows, cols = rgb.shape[:2]
        pixels = np.empty((rows, cols, 4), np.uint8)
        pixels[..., :3] = np.round(255 * np.clip(rgb, 0, 1))  # bytes R, G, B, A: the order manim reads its frame in
        pixels[..., 3] = 255
        stride = cairo.ImageSurface.format_stride_for_width(cairo.FORMAT_ARGB32, cols)
        data = np.zeros((rows, stride), np.uint8)
        data[:, : cols * 4] = pixels.reshape(rows, -1)
        self._data = data  # kept alive: the surface paints from it
        self._image = cairo.ImageSurface.create_for_data(memoryview(data), cairo.FORMAT_ARGB32, cols, rows, stride)
        self._size = (cols, rows)
        self.opacity = ValueTracker(opacity)
        self.set_points_as_corners([[-width / 2, -height / 2, 0], [width / 2, -height / 2, 0], [width / 2, height / 2, 0],
                                    [-width / 2, height / 2, 0], [-width / 2, -height / 2, 0]])

    def paint(self, ctx: cairo.Context) -> None:
        alpha = self.opacity.get_value()
        if alpha <= 0:
            return
        (x0, y0, _), (x1, y1, _) = self.get_corner(np.array([-1, -1, 0])), self.get_corner(np.array([1, 1, 0]))
        cols, rows = self._size
        ctx.save()
        ctx.translate(x0, y1)
        ctx.scale((x1 - x0) / cols, -(y1 - y0) / rows)
        ctx.new_path()  # the last mobject's path may still be current (manim strokes with stroke_preserve)
        ctx.rectangle(0, 0, cols, rows)
        ctx.clip()
        ctx.set_source_surface(self._image, 0, 0)
        ctx.get_source().set_filter(cairo.FILTER_BILINEAR)
        ctx.get_source().set_extend(cairo.EXTEND_PAD)
        ctx.paint_with_alpha(alpha)
        ctx.restore()


def surface_sheet(stage: Stage, field, domain=None, **kwargs) -> Sheet:
    """The graph z = F(x, y) of a calcviz Field, with exact partials for the shading."""
    fx, fy = field.partial(field.variables[0]), field.partial(field.variables[1])
    domain = stage.ranges[:2] if domain is None else domain
    return Sheet(stage, field, lambda x, y: (fx(x, y), fy(x, y)), domain, **kwargs)


def plane_sheet(stage: Stage, plane, half_width: float, colors, opacity: float = 0.75, resolution: int = 6) -> Sheet:
    """A square patch of a calcviz TangentPlane around its point (translucent, does not hide curves)."""
    domain = [[plane.x0 - half_width, plane.x0 + half_width], [plane.y0 - half_width, plane.y0 + half_width]]
    z0 = plane(plane.x0, plane.y0)
    return Sheet(stage, plane, lambda x, y: (plane.slope_x, plane.slope_y), domain, resolution=resolution,
                 colors=colors, opacity=opacity, occludes=False, color_range=(z0 - 1, z0 + 1), ambient=0.7)


class Curve3D(VMobject):
    """A polyline in graph coordinates, re-projected every frame; hidden parts drawn dimmed.

    ``progress`` (a tracker, 0..1) shows only the first part of the path, so a
    path can be drawn as something travels along it.
    """

    def __init__(self, stage: Stage, points, color: str = AXIS, width: float = 4, progress: float = 1.0,
                 lift: float = 0.0, detail: int = 80) -> None:
        super().__init__()
        self.stage = stage
        self.detail = detail  # steps per box width the path is cut into (occlusion is judged per point)
        self.path = np.asarray(points, float)
        self.lift = lift  # graph units added to z so a path on a surface is not hidden by it
        self.progress = ValueTracker(progress)
        self.seen = Polyline(stroke_color=color, stroke_width=width)
        self.unseen = Polyline(stroke_color=color, stroke_width=width * 0.7, stroke_opacity=HIDDEN_OPACITY)
        self.seen.set_cap_style(CapStyleType.BUTT)
        self.unseen.set_cap_style(CapStyleType.BUTT)
        self.add(self.unseen, self.seen)
        self.refresh()
        self.add_updater(lambda m: m.refresh())

    def set_path(self, points) -> "Curve3D":
        self.path = np.asarray(points, float)
        self._key = self._view = None
        return self.refresh()

    def visible_path(self) -> np.ndarray:
        """The path up to ``progress`` (interpolating the last point), in graph coordinates."""
        count = len(self.path)
        if count < 2:
            return self.path.copy()
        t = float(np.clip(self.progress.get_value(), 0, 1)) * (count - 1)
        whole = int(np.floor(t))
        head = self.path[: whole + 1]
        if whole < count - 1 and t > whole:
            tip = self.path[whole] + (t - whole) * (self.path[whole + 1] - self.path[whole])
            head = np.vstack([head, tip])
        return head

    def refresh(self) -> "Curve3D":
        view = (self.stage.state(), *(s.state() for s in self.stage.occluders), len(self.path))
        key = (*view, self.progress.get_value())
        if key == getattr(self, "_key", None):
            return self
        self._key = key
        if type(self).visible_path is not Curve3D.visible_path:  # a path of its own (SheetEdge)
            return self._draw(*self._judge(self._densified(self.visible_path())))
        if view != getattr(self, "_view", None):  # judged once per view: drawing along it judges only the tip
            self._view = view
            dense, self._params = densify(self.path, self._spacing(), with_params=True)
            self._judged = self._judge(dense)
        t = float(np.clip(self.progress.get_value(), 0, 1)) * max(len(self.path) - 1, 0)
        count = int(np.searchsorted(self._params, t, side="right"))
        parts = [part[:count] for part in self._judged]
        if count and t > self._params[count - 1]:
            tip = self.visible_path()[-1:]
            parts = [np.concatenate([part, extra]) for part, extra in zip(parts, self._judge(tip))]
        return self._draw(*parts)

    def _densified(self, path: np.ndarray) -> np.ndarray:
        """``densify(path)``, kept while the path is the same (read-only, cached) array and the zoom stays."""
        spacing = self._spacing()
        cached = getattr(self, "_dense", None)
        if cached is None or cached[0] is not path or path.flags.writeable or not np.array_equal(cached[1], spacing):
            self._dense = (path, spacing, densify(path, spacing))
        return self._dense[2]

    def _spacing(self) -> np.ndarray:
        window = self.stage.window()
        return (window[:, 1] - window[:, 0]) / self.detail  # fine enough at any zoom

    def _judge(self, path: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Where the points land in the frame, whether they are inside the zoomed box, and hidden."""
        window = self.stage.window()
        lifted = np.asarray(path, float).reshape(-1, 3) + np.array([0.0, 0.0, self.lift])
        slack = 1e-6 * (window[:, 1] - window[:, 0])
        inside = np.all((lifted >= window[:, 0] - slack) & (lifted <= window[:, 1] + slack), axis=1)
        frame, _ = self.stage.project(lifted)
        return frame, inside, self.stage.hidden(lifted)

    def _draw(self, frame: np.ndarray, inside: np.ndarray, hidden: np.ndarray) -> "Curve3D":
        if len(frame) < 2:
            for part in (self.seen, self.unseen):
                part.set_points_as_corners(np.zeros((2, 3)))
            return self
        _set_runs(self.seen, frame, inside & ~hidden)
        _set_runs(self.unseen, frame, inside & hidden)
        return self


class SheetEdge(Curve3D):
    """The outline of a sheet's domain, following the sheet as it is lifted."""

    def __init__(self, sheet: Sheet, **style) -> None:
        self.sheet = sheet
        super().__init__(sheet.stage, sheet.boundary(), **style)

    def visible_path(self) -> np.ndarray:
        return self.sheet.boundary()

    def refresh(self) -> "SheetEdge":
        super().refresh()
        if hasattr(self, "sheet"):  # fades with its sheet (a hidden sheet leaves no outline behind)
            self.seen.set_stroke(opacity=float(np.clip(self.sheet.opacity.get_value(), 0, 1)))
        return self


class SheetMesh(VMobject):
    """A sheet's coordinate mesh, as 3Blue1Brown draws it: faint lines of constant x and of constant y at round
    values, on the surface (following its lift and the zoom). The parts the surface hides are not drawn."""

    def __init__(self, sheet: Sheet, color: str = MESH_COLOR, width: float = 1.2, opacity: float = MESH_OPACITY) -> None:
        super().__init__()
        self.sheet = sheet
        self.opacity = opacity
        (x0, x1), (y0, y1) = sheet.domain
        step = nice_step(max(x1 - x0, y1 - y0), target_ticks=8)
        self.values = [inner_multiples(lo, hi, step) for lo, hi in sheet.domain]  # the edge has its own outline
        self.lines = Polyline(stroke_color=color, stroke_width=width, stroke_opacity=opacity)
        self.lines.set_cap_style(CapStyleType.BUTT)
        self.add(self.lines)
        self.refresh()
        self.add_updater(lambda m: m.refresh())

    def points_3d(self) -> tuple[np.ndarray, np.ndarray]:
        """Every line's samples in graph coordinates, one after the other, and which are real (the first and last
        point of each line are repeated as breaks, so no stroke joins two lines)."""
        sheet = self.sheet
        (x0, x1), (y0, y1) = sheet.extent()
        t = np.linspace(0, 1, MESH_SAMPLES)
        xs, ys = [], []
        for x in self.values[0][(self.values[0] > x0) & (self.values[0] < x1)]:
            xs.append(np.full_like(t, x))
            ys.append(y0 + t * (y1 - y0))
        for y in self.values[1][(self.values[1] > y0) & (self.values[1] < y1)]:
            xs.append(x0 + t * (x1 - x0))
            ys.append(np.full_like(t, y))
        if not xs:
            return np.zeros((0, 3)), np.zeros(0, bool)
        pad = lambda a: np.concatenate([a[:, :1], a, a[:, -1:]], axis=1).ravel()
        x, y = pad(np.array(xs)), pad(np.array(ys))
        real = np.tile(np.r_[False, np.ones(MESH_SAMPLES, bool), False], len(xs))
        floor = sheet.stage.ranges[2, 0]
        with np.errstate(all="ignore"):
            z = floor + sheet.lift.get_value() * (np.broadcast_to(sheet.height(x, y), x.shape) - floor)
        z = z + 0.004 * np.ptp(sheet.stage.ranges[2])  # a hair above the surface, so it does not hide its own mesh
        return np.column_stack([x, y, z]), real & np.isfinite(z)

    def refresh(self) -> "SheetMesh":
        stage = self.sheet.stage
        key = (stage.state(), *(s.state() for s in stage.occluders), self.sheet.state())
        if key == getattr(self, "_key", None):
            return self
        self._key = key
        points, real = self.points_3d()
        if len(points) < 2 or self.sheet.opacity.get_value() <= 0.01:
            self.lines.set_points_as_corners(np.zeros((2, 3)))
            return self
        frame, _ = stage.project(np.nan_to_num(points))
        _set_runs(self.lines, frame, real & ~stage.hidden(np.nan_to_num(points), samples=MESH_RAY_SAMPLES))
        self.lines.set_stroke(opacity=self.opacity * float(np.clip(self.sheet.opacity.get_value(), 0, 1)))
        return self


def inner_multiples(lo: float, hi: float, step: float) -> np.ndarray:
    """The multiples of ``step`` strictly inside (lo, hi)."""
    values = np.arange(np.ceil(lo / step), np.floor(hi / step) + 1) * step
    return values[(values > lo + 1e-9 * step) & (values < hi - 1e-9 * step)]


def densify(points, spacing: np.ndarray, with_params: bool = False):
    """Insert points so no step exceeds ``spacing`` (per axis): occlusion is judged per point.

    ``with_params`` also returns each point's place along the original points (index + fraction).
    """
    points = np.asarray(points, float)
    if len(points) < 2:
        return (points, np.arange(len(points), dtype=float)) if with_params else points
    deltas = np.diff(points, axis=0)
    counts = np.maximum(np.ceil((np.abs(deltas) / spacing).max(axis=1)).astype(int), 1)
    # Segment i gets counts[i] points a + (j / counts[i]) (b - a), j = 0..counts[i]-1: all at once, no Python loop
    # (a path of thousands of points is densified every frame).
    firsts = np.repeat(np.cumsum(counts) - counts, counts)
    fractions = (np.arange(counts.sum()) - firsts) / np.repeat(counts, counts)
    dense = np.vstack([np.repeat(points[:-1], counts, axis=0) + fractions[:, None] * np.repeat(deltas, counts, axis=0),
                       points[-1:]])
    if not with_params:
        return dense
    params = np.concatenate([np.repeat(np.arange(len(counts)), counts) + fractions, [len(points) - 1]])
    return dense, params


def _set_runs(mob: VMobject, frame: np.ndarray, mask: np.ndarray) -> None:
    """Points of ``mob`` = the runs of ``frame`` where ``mask`` holds (each run joined to its neighbours).

    Built in numpy as straight cubic segments [a, a + d/3, a + 2d/3, b], what
    manim's ``add_points_as_corners`` makes one run at a time (a curve is
    rebuilt every frame while the camera moves).
    """
    edges = np.flatnonzero(np.diff(np.concatenate([[0], mask.astype(int), [0]])))
    runs = [(max(start - 1, 0), min(stop + 1, len(frame))) for start, stop in zip(edges[::2], edges[1::2])]
    firsts = [np.arange(lo, hi - 1) for lo, hi in runs if hi - lo >= 2]  # overlap a point so the parts meet
    if not firsts:  # nothing to show: a zero-length path Cairo draws as nothing
        mob.set_points_as_corners(np.repeat(frame[:1], 2, axis=0))
        return
    first = np.concatenate(firsts)
    a, step = frame[first], frame[first + 1] - frame[first]
    mob.set_points(np.stack([a, a + step / 3, a + 2 * step / 3, a + step], axis=1).reshape(-1, 3))


@dataclass
class Marker:
    """Where a graph point lands in the frame, and whether a surface hides it."""

    frame: np.ndarray
    hidden: bool


def marker(stage: Stage, xyz) -> Marker:
    frame, _ = stage.project(np.atleast_2d(xyz))
    return Marker(frame[0], bool(stage.hidden(np.atleast_2d(xyz))[0]))


def stage_for(params, center=(0.0, 0.0), lengths=(6.0, 6.0, 3.6)) -> Stage:
    """The stage of a surface scene's parameters: z range framed from the surface itself."""
    xs, ys = np.meshgrid(np.linspace(*params.x_range, 65), np.linspace(*params.y_range, 65))
    z_window = value_window(np.broadcast_to(params.function(xs, ys), xs.shape).ravel(), margin=0.05)
    return Stage(params.x_range, params.y_range, z_window[:2], lengths, phi=np.radians(params.phi),
                 theta=np.radians(params.theta), center=center)


class StageDot(Dot):
    """A dot at a graph point given by ``where()`` each frame; dimmed where a surface hides it."""

    def __init__(self, stage: Stage, where, color: str = ACCENT, radius: float = 0.08) -> None:
        self.stage = stage
        self.where = where
        super().__init__(color=color, radius=radius)
        self.set_z_index(2)
        self.refresh()
        self.add_updater(lambda m: m.refresh())

    def refresh(self) -> "StageDot":
        xyz = np.asarray(self.where(), float)
        key = (self.stage.state(), *(s.state() for s in self.stage.occluders), *xyz.ravel().tolist())
        if key == getattr(self, "_key", None):  # nothing moved: skip the occlusion test (many dots rest most frames)
            return self
        self._key = key
        spot = marker(self.stage, xyz)
        self.move_to(spot.frame)
        self.set_fill(opacity=HIDDEN_OPACITY + 0.1 if spot.hidden else 1.0)
        return self


def stage_axes(stage: Stage, labels=("x", "y", "z"), avoid=()) -> VGroup:
    """Box axes, as Plotly (the course's 3D panels) and matplotlib draw a surface's: a floor grid at round values,
    ticked and numbered rulers along the two floor edges nearest the camera (x and y, named at their middles) and
    a z ruler up the floor's left corner (named at its top), so no two names can meet.

    They lie under the surfaces (z index -1): a sheet in front covers them, and nothing shows through it. A label
    that would leave the frame, or meet one of the texts in ``avoid``, is left out while it would.
    """
    return FloorAxes(stage, labels, avoid).set_z_index(-1)


class FloorAxes(VGroup):
    """See :func:`stage_axes`; the rulers' corner is chosen from the camera they are made with."""

    def __init__(self, stage: Stage, labels=("x", "y", "z"), avoid=()) -> None:
        super().__init__()
        self.stage = stage
        self.avoid = list(avoid)
        (x0, x1), (y0, y1), (z0, z1) = stage.ranges
        corners = np.array([[x, y, z0] for x in (x0, x1) for y in (y0, y1)])
        near = corners[np.argmax(stage.project(corners)[1])]
        far = np.array([x0 + x1 - near[0], y0 + y1 - near[1], z0])
        sides = np.array([[far[0], near[1], z0], [near[0], far[1], z0]])
        corner = sides[np.argmin(stage.project(sides)[0][:, 0])]  # the one on the left of the frame
        step = nice_step(max(x1 - x0, y1 - y0), target_ticks=8)
        self.grid = Polyline(stroke_color=FLOOR_COLOR, stroke_width=1.2, stroke_opacity=FLOOR_OPACITY)
        self.grid.segments = [([x, y0, z0], [x, y1, z0]) for x in inner_multiples(x0, x1, step)] + \
                             [([x0, y, z0], [x1, y, z0]) for y in inner_multiples(y0, y1, step)] + _floor_square(stage.ranges)
        self.rulers = Polyline(stroke_color=AXIS, stroke_width=2.5)
        self.rulers.segments = [([x0, near[1], z0], [x1, near[1], z0]), ([near[0], y0, z0], [near[0], y1, z0]),
                                ([*corner[:2], z0], [*corner[:2], z1])]
        self.numbers = VGroup()
        self.anchors = []  # per label: (graph point, graph direction it is pushed along on screen, distance)
        spans = stage.ranges[:, 1] - stage.ranges[:, 0]
        for axis in (0, 1):
            out = np.zeros(3)
            out[1 - axis] = np.sign(near[1 - axis] - far[1 - axis])  # away from the floor, across this edge
            ticks = _ticks(*stage.ranges[axis], target=5, away_from=near[axis])
            if corner[axis] != near[axis]:  # this ruler ends at the z ruler's foot: its numbers are there
                ticks = ticks[np.abs(ticks - corner[axis]) > 0.12 * spans[axis]]
            for value in ticks:
                at = near.copy()
                at[axis] = value
                self.rulers.segments.append((at, at + 0.035 * spans[1 - axis] * out))
                self._label(tex_tick(value), at, out, 0.3)
            middle = near.copy()
            middle[axis] = stage.ranges[axis].mean()
            self._label(labels[axis], middle, out, 0.72, size=LABEL_SIZE)
        out = corner - np.array([*stage.ranges[:2].mean(axis=1), z0])
        out /= np.linalg.norm(out)
        z_ticks = _ticks(z0, z1, target=5, away_from=z0)
        for value in z_ticks[np.abs(z_ticks - z1) > 0.12 * (z1 - z0)]:  # the name stands beside the top
            at = np.array([corner[0], corner[1], value])
            self.rulers.segments.append((at, at + 0.035 * np.linalg.norm(spans[:2]) * out))
            self._label(tex_tick(value), at, out, 0.3)
        self._label(labels[2], np.array([corner[0], corner[1], z1]), out, 0.3, size=LABEL_SIZE)
        self.add(self.grid, self.rulers, self.numbers)
        self.refresh()
        self.add_updater(lambda m: m.refresh())

    def _label(self, tex: str, at: np.ndarray, out: np.ndarray, distance: float, size: float = TICK_SIZE) -> None:
        self.numbers.add(MathTex(tex, font_size=size, color=MUTED))
        self.anchors.append((np.array(at, float), out, distance))

    def refresh(self) -> "FloorAxes":
        key = self.stage.state()
        if key == getattr(self, "_key", None):
            return self
        self._key = key
        for line in (self.grid, self.rulers):
            ends = np.array(line.segments, float)  # (n, 2, 3)
            frame, _ = self.stage.project(ends.reshape(-1, 3))
            a, b = frame[0::2], frame[1::2]
            line.set_points(np.stack([a, a + (b - a) / 3, a + 2 * (b - a) / 3, b], axis=1).reshape(-1, 3))
        points = np.array([a for a, _, _ in self.anchors])
        pushed = np.array([a + 0.01 * out for a, out, _ in self.anchors])
        base, _ = self.stage.project(points)
        ahead, _ = self.stage.project(pushed)
        for label, start, end, (_, _, distance) in zip(self.numbers, base, ahead, self.anchors):
            direction = end - start
            direction /= max(np.linalg.norm(direction), 1e-9)
            # far enough along the push that the label's box clears the ruler, whatever its shape
            reach = distance + 0.5 * abs(direction[0]) * label.width + 0.5 * abs(direction[1]) * label.height - 0.1
            label.move_to(start + reach * direction)
            # near the frame's edge a label is left out rather than cut (the box is framed for the surface)
            inside = np.all(np.abs(label.get_center()[:2]) + [label.width / 2, label.height / 2] < _HALF_FRAME)
            label.set_opacity(1.0 if inside and not any(_meet(label, other) for other in self.avoid) else 0.0)
        return self


_HALF_FRAME = np.array([config.frame_width / 2, config.frame_height / 2]) - 0.05


def _meet(a, b) -> bool:
    return bool(np.all(np.abs(a.get_center()[:2] - b.get_center()[:2]) < [(a.width + b.width) / 2, (a.height + b.height) / 2]))


def tex_tick(value: float) -> str:
    return f"{round(value, 9) + 0.0:g}"  # + 0.0: no "-0"


def _ticks(lo: float, hi: float, target: int, away_from: float) -> np.ndarray:
    """Round values on [lo, hi], none within 12% of the corner ``away_from`` (the other rulers' numbers are there)."""
    step = nice_step(hi - lo, target_ticks=target)
    values = np.arange(np.ceil(lo / step - 1e-9), np.floor(hi / step + 1e-9) + 1) * step
    return values[np.abs(values - away_from) > 0.12 * (hi - lo)] + 0.0


def _floor_square(ranges: np.ndarray) -> list:
    (x0, x1), (y0, y1), (z0, _) = ranges
    c = [[x0, y0, z0], [x1, y0, z0], [x1, y1, z0], [x0, y1, z0]]
    return [(c[i], c[(i + 1) % 4]) for i in range(4)]
