"""The scene kit: what every lecture scene shares, one concern per module.

- :mod:`scenes.kit.look` -- palette, type sizes, ``formula``/``words``/``tex_number``
- :mod:`scenes.kit.readouts` -- numbers that change every frame cheaply
- :mod:`scenes.kit.layout` -- the text column beside the axes, and the tests' layout probe
- :mod:`scenes.kit.plotting` -- axes, graphs, lines and areas mapped from calcviz arrays
- :mod:`scenes.kit.lecture` -- ``LectureScene``: parameters, pacing, beats, captions, chapters
- :mod:`scenes.kit.three_d` -- the fast 3D stage for surfaces

Nothing here computes math: every number and curve comes from :mod:`calcviz`.
This package imports nothing itself, so a scene's Makefile dependencies are
exactly the kit modules it uses.
"""
