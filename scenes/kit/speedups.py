"""Speed-ups of manim that leave its output unchanged (imported by the lecture base class).

- Cairo's camera splits every drawn VMobject's points into subpaths each frame
  (about 60 µs, even for a circle), though most drawn things keep their points
  for many frames.  The split is kept with the points it came from and reused
  while they are byte for byte the same; when they changed (a formula fading in
  with a shift), it is worked out with fewer numpy steps, to the same result.
- Cairo's camera then builds each path with one ``curve_to`` per curve, taking
  every coordinate out of a numpy array one by one (a fresh numpy float each).
  The same calls, with the same coordinates, are made from one plain list of
  rows of six floats: the frame is the same to the bit, the path takes a
  third of the time to build.
- manim looks up each updater's signature (``inspect.signature``, about 40 µs)
  every time it runs it, to see whether it takes ``dt``.  The answer is kept
  per updater function.
- manim parses a formula's SVG (about 0.2 s each) in every render, though its
  TeX output is cached on disk.  The parsed glyphs are cached beside the TeX
  folder, keyed by the SVG's bytes and everything else that shapes them.
"""

from __future__ import annotations

import hashlib
import inspect
import pickle
from importlib.metadata import version
from pathlib import Path
from weakref import WeakKeyDictionary

import numpy as np
from manim import Camera, Mobject, SVGMobject, VMobject, config

from scenes.files import write_atomically

_split_subpaths = VMobject.get_subpath_split_indices_from_points


def _remembered_split(self: VMobject, points, n_dims: int = 3) -> np.ndarray:
    points = np.asarray(points)
    key = (n_dims, self.tolerance_for_point_equality, points.shape, points.tobytes())
    remembered = self.__dict__.get("_subpath_split")
    if remembered is not None and remembered[0] == key:
        return remembered[1]
    split = _lean_split(self, points, n_dims)
    self._subpath_split = (key, split)
    return split


def _lean_split(self: VMobject, points: np.ndarray, n_dims: int) -> np.ndarray:
    """manim's split (a subpath ends where a curve's end anchor is not close to the next one's start), in views."""
    nppcc, n_points = self.n_points_per_cubic_curve, len(points)
    if n_points <= nppcc:
        return _split_subpaths(self, points, n_dims)
    ends = points[nppcc - 1:n_points - 1:nppcc, :n_dims]
    starts = points[nppcc::nppcc, :n_dims]
    gaps = np.abs(ends - starts)
    if not np.isfinite(gaps).all():  # manim's own rules for NaN and infinity
        return _split_subpaths(self, points, n_dims)
    apart = (gaps > self.tolerance_for_point_equality + 1.0e-5 * np.abs(starts)).any(axis=1)  # np.isclose's rtol
    bounds = np.flatnonzero(apart) * nppcc + nppcc
    split = np.empty((len(bounds) + 1, 2), dtype=int)
    split[0, 0], split[-1, 1] = 0, n_points
    split[1:, 0] = bounds
    split[:-1, 1] = bounds
    return split


def _lean_path(self: Camera, ctx, vmobject: VMobject) -> Camera:
    """manim's ``Camera.set_cairo_context_path``: the same Cairo calls, with their coordinates read from lists."""
    points = self.transform_points_pre_display(vmobject, vmobject.points)
    if len(points) == 0:
        return self
    nppcc = vmobject.n_points_per_cubic_curve
    ctx.new_path()
    split = vmobject.get_subpath_split_indices_from_points(points, n_dims=2)
    for start, end in split.tolist():
        if end - start < nppcc:
            continue
        whole = start + (end - start) // nppcc * nppcc  # manim ignores a trailing partial curve
        curves = points[start:whole, :2].reshape(-1, nppcc, 2)
        ctx.new_sub_path()
        ctx.move_to(*curves[0, 0].tolist())
        curve_to = ctx.curve_to
        for handles_and_end in curves[:, 1:, :].reshape(-1, 2 * (nppcc - 1)).tolist():
            curve_to(*handles_and_end)
        if vmobject.consider_points_equals_2d(points[start], points[end - 1]):
            ctx.close_path()
    return self


_TAKES_DT: WeakKeyDictionary = WeakKeyDictionary()


def _takes_dt(updater) -> bool:
    try:
        return _TAKES_DT[updater]
    except (KeyError, TypeError):  # TypeError: not weakly referable; asked each time, as manim does
        takes = "dt" in inspect.signature(updater).parameters
    try:
        _TAKES_DT[updater] = takes
    except TypeError:
        pass
    return takes


def _update(self: Mobject, dt: float = 0, recursive: bool = True) -> Mobject:
    """manim's ``Mobject.update``, with the signature lookup kept."""
    if self.updating_suspended:
        return self
    for updater in self.updaters:
        if _takes_dt(updater):
            updater(self, dt)
        else:
            updater(self)
    if recursive:
        for submob in self.submobjects:
            submob.update(dt, recursive=recursive)
    return self


_init_svg_mobject = SVGMobject.init_svg_mobject
_MANIM = version("manim")


def _parsed_svg_cache(self: SVGMobject) -> Path | None:
    """Where this SVG's parsed glyphs are kept (None: not a file manim wrote to the TeX folder)."""
    svg = Path(self.get_file_path()) if self.file_name else None
    tex_dir = Path(config.tex_dir)
    if svg is None or svg.parent != tex_dir:
        return None
    # Beside the TeX folder, not in it: manim deletes every file there that is not .svg or .tex.
    key = hashlib.sha256(repr((_MANIM, self.hash_seed)).encode() + svg.read_bytes()).hexdigest()[:32]
    return tex_dir.with_name(tex_dir.name + ".parsed") / f"{key}.pickle"


def _init_svg_from_disk(self: SVGMobject, use_svg_cache: bool):
    cached = _parsed_svg_cache(self) if use_svg_cache else None
    if cached is not None and cached.exists():
        try:
            glyphs, groups = pickle.loads(cached.read_bytes())
        except Exception:  # a damaged or foreign cache file: parse again and replace it
            pass
        else:
            self.add(*glyphs)
            self.id_to_vgroup_dict = groups
            return self
    _init_svg_mobject(self, use_svg_cache)
    if cached is not None:
        for part in self.get_family():
            part.path_obj = None  # already turned into points; svgelements' objects are most of the bytes
        cached.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(cached, pickle.dumps((self.submobjects, self.id_to_vgroup_dict)))
    return self


VMobject.get_subpath_split_indices_from_points = _remembered_split
_manims_path = Camera.set_cairo_context_path
Camera.set_cairo_context_path = _lean_path
Mobject.update = _update
SVGMobject.init_svg_mobject = _init_svg_from_disk
