/* calcviz interactive panels: the one generic renderer of every scene's panel.
 *
 * Each <div class="panel" data-scene="X"> is drawn from window.calcvizPanels[X], the data that
 * scenes/publish/panels.py wrote into X.panel.js.  The controls index a table of precomputed
 * frames; every number shown is text formatted in Python from calcviz.  Nothing here compiles a
 * formula: curves are sampled points, and JSXGraph's string parsing is switched off.
 */
(function () {
  "use strict";

  function ref(frame, value) {
    return typeof value === "string" ? frame.values[value] : value;
  }

  function tex(element, source) {
    if (window.katex) {
      window.katex.render(source, element, {throwOnError: false, trust: false});
    } else {
      element.textContent = source;
    }
  }

  function make(tag, className, parent) {
    var element = document.createElement(tag);
    if (className) element.className = className;
    if (parent) parent.appendChild(element);
    return element;
  }

  // ------------------------------------------------------------------ 2D: a JSXGraph board
  var boards = 0;

  function joined(pieces) {
    // polylines as one x and one y array, NaN between pieces (JSXGraph breaks the curve there)
    var xs = [], ys = [];
    (pieces || []).forEach(function (piece, i) {
      if (i > 0) { xs.push(NaN); ys.push(NaN); }
      piece.forEach(function (p) { xs.push(p[0] === null ? NaN : p[0]); ys.push(p[1] === null ? NaN : p[1]); });
    });
    return [xs, ys];
  }

  function between(points, lo, hi) {
    // the region under sampled points from x = lo to hi, closed along the x-axis (ends interpolated)
    var xs = [], ys = [];
    var at = function (x) {
      for (var i = 1; i < points.length; i++) {
        var p = points[i - 1], q = points[i];
        if (q[0] >= x) return p[1] + (q[1] - p[1]) * (x - p[0]) / ((q[0] - p[0]) || 1);
      }
      return points[points.length - 1][1];
    };
    if (!(hi > lo)) return [xs, ys];
    xs.push(lo, lo); ys.push(0, at(lo));
    points.forEach(function (p) { if (p[0] > lo && p[0] < hi) { xs.push(p[0]); ys.push(p[1]); } });
    xs.push(hi, hi, lo); ys.push(at(hi), 0, 0);
    return [xs, ys];
  }

  // The house palette, from the page's CSS variables (written from scenes/kit/palette.py): one source for both.
  function colour(name) { return getComputedStyle(document.documentElement).getPropertyValue("--" + name).trim(); }
  var AXIS = colour("axis"), AXIS_TEXT = colour("muted"), LABEL = colour("label"), INSET = 2;

  function keepInside(div) {
    // every visible text of a board (ticks, point labels, axis names) moved back inside its box, so a
    // label at the edge is never cut: "−10" must not read "10".  CSS `translate` is ours alone (JSXGraph
    // positions texts with left/top), so it is reset and measured again after every redraw.  A tick number
    // that then lies under an axis name is hidden: the name says more.
    var box = div.getBoundingClientRect(), texts = Array.prototype.slice.call(div.querySelectorAll(".JXGtext"));
    texts.forEach(function (text) {
      text.style.translate = "";
      if (text.dataset.underName) { text.style.visibility = ""; delete text.dataset.underName; }
      if (text.style.display === "none" || text.style.visibility === "hidden" || !text.textContent) return;
      var r = text.getBoundingClientRect();
      if (!r.width && !r.height) return;
      var dx = Math.max(0, box.left + INSET - r.left) - Math.max(0, r.right - (box.right - INSET));
      var dy = Math.max(0, box.top + INSET - r.top) - Math.max(0, r.bottom - (box.bottom - INSET));
      if (dx || dy) text.style.translate = dx + "px " + dy + "px";
    });
    var names = texts.filter(function (t) { return t.classList.contains("panel-axis-name") && t.textContent; })
      .map(function (t) { return t.getBoundingClientRect(); });
    giveWay(texts);
    texts.forEach(function (text) {
      if (text.classList.contains("panel-axis-name") || text.id.indexOf("ticks") < 0) return;
      var r = text.getBoundingClientRect();
      if (names.some(function (n) { return r.left < n.right && n.left < r.right && r.top < n.bottom && n.top < r.bottom; })) {
        text.style.visibility = "hidden";
        text.dataset.underName = "1";
      }
    });
  }

  function overlap(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  function giveWay(texts) {
    // a moving point's label is hidden while it overlaps the label of a point that stays put: the marked
    // point's name (local max, global min) says more than "x"
    var still = texts.filter(function (t) {
      return (t.classList.contains("panel-point-label") && !t.classList.contains("panel-moving-label") ||
              t.classList.contains("panel-still-text")) &&
        t.style.display !== "none" && t.style.visibility !== "hidden" && t.textContent;
    }).map(function (t) { return t.getBoundingClientRect(); });
    texts.forEach(function (text) {
      if (!text.classList.contains("panel-moving-label")) return;
      if (text.dataset.gaveWay) { text.style.visibility = ""; delete text.dataset.gaveWay; }
      var r = text.getBoundingClientRect();
      if (still.some(function (s) { return overlap(r, s); })) {
        text.style.visibility = "hidden";
        text.dataset.gaveWay = "1";
      }
    });
  }

  function axes(board, view, box) {
    // each axis through 0, or along the plot's edge when 0 is outside it (a plot never loses its axes),
    // named at its far end: the x-axis above its arrow, the y-axis beside its tip
    var clamp = function (v, lo, hi) { return Math.min(Math.max(v, lo), hi); };
    var names = view.names || ["x", "y"];
    var y0 = clamp(0, box[2], box[3]), x0 = clamp(0, box[0], box[1]);
    var crossAtOrigin = view.y_axis !== false && x0 === 0 && y0 === 0;
    // tick numbers as HTML, like every other label, so keepInside can move them.  JSXGraph's "axis" puts them
    // 4 px right of their tick, left-aligned (its offset [4, -9]): a number then reads as the next tick's.  So
    // each is centred under its tick (x) or level with it (y: left of the axis, or right of it when the axis
    // is the plot's left edge).  0 is numbered too, once: where both axes cross, as the origin's own label.
    var ticks = function (label, drawZero) {
      return {strokeColor: AXIS, drawZero: drawZero,
              label: Object.assign({parse: false, strokeColor: AXIS_TEXT, display: "html"}, label)};
    };
    var style = function (name, position, offset, anchorX, tickStyle) {
      return {strokeColor: AXIS, highlight: false, fixed: true, ticks: tickStyle, name: name, withLabel: !!name,
              label: {parse: false, display: "html", strokeColor: LABEL, position: position, offset: offset, anchorX: anchorX, anchorY: "middle",
                      fontSize: 14, cssClass: "JXGtext panel-axis-name", highlightCssClass: "JXGtext panel-axis-name"}};
    };
    var drawn = [board.create("axis", [[0, y0], [1, y0]], style(names[0], "rt", [-6, 12], "right",
      ticks({anchorX: "middle", anchorY: "top", offset: [0, -4]}, !crossAtOrigin)))];
    if (view.y_axis === false) return drawn;
    var atLeftEdge = x0 <= box[0];
    drawn.push(board.create("axis", [[x0, 0], [x0, 1]], style(names[1], "rt", [10, -6], "left",
      ticks(atLeftEdge ? {anchorX: "left", anchorY: "middle", offset: [6, 0]} : {anchorX: "right", anchorY: "middle", offset: [-6, 0]},
            y0 !== 0))));
    if (crossAtOrigin) {
      drawn.push(board.create("text", [0, 0, "0"], {fixed: true, highlight: false, parse: false, display: "html", strokeColor: AXIS_TEXT,
        anchorX: "right", anchorY: "top", offset: [-4, -4], cssClass: "JXGtext panel-origin", highlightCssClass: "JXGtext panel-origin"}));
    }
    return drawn;
  }

  function bounds(box) {
    // the board's bounding box: the plot's box with a margin for the axes' arrows and numbers
    var padX = (box[1] - box[0]) * 0.07, padY = (box[3] - box[2]) * 0.08;
    return [box[0] - padX, box[3] + padY, box[1] + padX, box[2] - padY];
  }

  function board2d(parent, view, current) {
    // a box may be a frame key: a plot whose ranges follow a choice (each function of the drill its own)
    var boxNow = function () { return typeof view.box === "string" ? current().values[view.box] : view.box; };
    var box = boxNow();
    var div = make("div", "jxgbox panel-board", parent);
    div.id = "calcviz-board-" + (boards += 1);
    div.style.aspectRatio = String(view.aspect);
    div.dataset.axes = view.axes === false ? "0" : view.y_axis === false ? "1" : "2";  // how many axes it names (checked by the tests)
    var board = JXG.JSXGraph.initBoard(div.id, {
      boundingbox: bounds(box),
      keepAspectRatio: false, axis: false, showCopyright: false, showNavigation: false, showInfobox: false,
      pan: {enabled: false}, zoom: {enabled: false}, resize: {enabled: true, throttle: 100}
    });
    var axisElements = view.axes !== false ? axes(board, view, box) : [];
    function reframe() {
      var next = boxNow();
      if (next.every(function (v, i) { return v === box[i]; })) return;
      box = next;
      axisElements.forEach(function (element) { board.removeObject(element); });
      board.setBoundingBox(bounds(box), false);
      axisElements = view.axes !== false ? axes(board, view, box) : [];
    }
    board.on("update", function () { keepInside(div); });
    var f = function (value) { return function () { return ref(current(), value); }; };
    var fixed = {fixed: true, highlight: false, withLabel: false};
    var polygons = [], dots = [];
    board.suspendUpdate();
    view.shapes.forEach(function (shape) {
      var style = Object.assign({}, fixed, {strokeColor: shape.color, strokeWidth: shape.width, dash: shape.dash ? 2 : 0});
      if (shape.kind === "Curve") {
        var curve = board.create("curve", joined(typeof shape.pieces === "string" ? [] : shape.pieces), style);
        if (typeof shape.pieces === "string" || shape.shift || (shape.transform && shape.transform.length)) {
          curve.updateDataArray = function () {
            var data = joined(typeof shape.pieces === "string" ? current().values[shape.pieces] : shape.pieces);
            var up = ref(current(), shape.shift || 0);
            var t = (shape.transform || []).map(function (v) { return ref(current(), v); });
            if (t.length) {  // the same samples of f, moved: arithmetic on numbers, nothing parsed
              // kept to the plot's x-range, like every other curve
              this.dataX = data[0].map(function (u) { var x = u / t[1] + t[2]; return x < box[0] || x > box[1] ? NaN : x; });
              this.dataY = data[1].map(function (v) { return t[0] * v + t[3]; });
            } else {
              this.dataX = data[0]; this.dataY = up ? data[1].map(function (y) { return y + up; }) : data[1];
            }
          };
        }
      } else if (shape.kind === "Area") {
        var area = board.create("curve", [[], []], Object.assign({}, fixed, {strokeWidth: 0, fillColor: shape.color, fillOpacity: shape.opacity}));
        area.updateDataArray = function () {
          var data = between(shape.points, ref(current(), shape.x0), ref(current(), shape.x1));
          this.dataX = data[0]; this.dataY = data[1];
        };
      } else if (shape.kind === "Point") {
        // a point a slider moves: its label gives way where it meets a marked point's ("xocal max")
        var moving = typeof shape.x === "string" || typeof shape.y === "string";
        var labelClass = "JXGtext panel-point-label" + (moving ? " panel-moving-label" : "");
        board.create("point", [f(shape.x), f(shape.y)], Object.assign({}, fixed, {
          name: shape.label, withLabel: !!shape.label, size: shape.size, strokeColor: shape.color,
          fillColor: shape.hollow ? colour("bg") : shape.color, strokeWidth: 2,
          label: {parse: false, strokeColor: shape.color, offset: shape.label_offset || [8, 10],
                  cssClass: labelClass, highlightCssClass: labelClass}}));
      } else if (shape.kind === "Segment" || shape.kind === "Line") {
        var first = [f(shape.x1 !== undefined ? shape.x1 : shape.x), f(shape.y1 !== undefined ? shape.y1 : shape.y)];
        var second = shape.kind === "Segment" ? [f(shape.x2), f(shape.y2)] : [
          function () { return ref(current(), shape.x) + 1; },
          function () { return ref(current(), shape.y) + ref(current(), shape.slope); }];
        var ends = [first, second].map(function (p) { return board.create("point", p, {visible: false, fixed: true, withLabel: false}); });
        board.create(shape.kind === "Segment" ? "segment" : "line", ends, Object.assign(style, shape.arrow ? {lastArrow: {type: 2, size: 5}} : {}));
      } else if (shape.kind === "Rect") {
        var corners = [[shape.x0, shape.y0], [shape.x1, shape.y0], [shape.x1, shape.y1], [shape.x0, shape.y1]].map(function (c) {
          return board.create("point", [f(c[0]), f(c[1])], {visible: false, fixed: true, withLabel: false});
        });
        board.create("polygon", corners, Object.assign({}, fixed, {fillColor: shape.color, fillOpacity: shape.opacity,
          borders: {visible: false}, vertices: {visible: false}}));
      } else if (shape.kind === "Text") {
        var words = shape.key ? function () { return String(current().values[shape.key]); } : shape.text;
        // words that stay put are marks too: a moving point's label gives way to them
        var still = !shape.key && typeof shape.x !== "string" && typeof shape.y !== "string";
        var textClass = "JXGtext" + (still ? " panel-still-text" : "");
        board.create("text", [f(shape.x), f(shape.y), words], Object.assign({}, fixed, {
          parse: false, display: "html", strokeColor: shape.color, fontSize: shape.size, anchorX: "middle", anchorY: "middle",
          cssClass: textClass, highlightCssClass: textClass}));
      } else if (shape.kind === "Polygons") {
        polygons.push(shape);
      } else if (shape.kind === "Dots") {
        dots.push(shape);
      }
    });
    board.unsuspendUpdate();

    var drawn = [];
    function drawPolygons() {
      drawn.forEach(function (element) { board.removeObject(element); });
      drawn = [];
      polygons.forEach(function (shape) {
        (current().values[shape.key] || []).forEach(function (points) {
          var area = 0;
          for (var i = 0; i < points.length; i++) {
            var p = points[i], q = points[(i + 1) % points.length];
            area += p[0] * q[1] - q[0] * p[1];
          }
          var color = area < 0 ? shape.negative_color : shape.color;
          drawn.push(board.create("curve", [points.map(function (p) { return p[0]; }).concat([points[0][0]]),
                                            points.map(function (p) { return p[1]; }).concat([points[0][1]])],
            Object.assign({}, fixed, {strokeColor: color, strokeWidth: 1, fillColor: color, fillOpacity: shape.opacity})));
        });
      });
    }
    var marked = [];
    function drawDots() {
      // redrawn each frame: how many points a frame holds may change (a sequence's first n terms)
      marked.forEach(function (element) { board.removeObject(element); });
      marked = [];
      dots.forEach(function (shape) {
        var points = typeof shape.points === "string" ? current().values[shape.points] : shape.points;
        (points || []).forEach(function (p) {
          if (p[0] === null || p[1] === null) return;
          marked.push(board.create("point", [p[0], p[1]], Object.assign({}, fixed, {
            name: "", size: shape.size, strokeColor: shape.color, fillColor: shape.color, strokeWidth: 1})));
        });
      });
    }
    return {
      update: function () {
        board.suspendUpdate();
        reframe();
        if (polygons.length) drawPolygons();
        if (dots.length) drawDots();
        board.unsuspendUpdate();
        keepInside(div);
      }
    };
  }

  // ------------------------------------------------------------------ 3D: a Plotly gl3d scene
  function shades(color) {
    // a height scale of one hue: darker low, lighter high (Plotly colours the sheet by z)
    var rgb = [1, 3, 5].map(function (i) { return parseInt(color.slice(i, i + 2), 16); });
    var mix = function (t, toward) {
      return "rgb(" + rgb.map(function (c) { return Math.round(c + (toward - c) * t); }).join(",") + ")";
    };
    return [[0, mix(0.65, 0)], [0.5, color], [1, mix(0.6, 255)]];
  }

  function scene3d(parent, view, current) {
    var div = make("div", "panel-3d", parent);
    var traces = [], b = view.box, lift = 0.04 * (b[5] - b[4]);  // paths and points just above the sheet, not half inside it
    view.shapes.forEach(function (shape) {
      if (shape.kind === "Surface") {
        traces.push({type: "surface", showscale: false, opacity: shape.opacity, hoverinfo: "skip",
                     colorscale: shape.shaded ? shades(shape.color) : [[0, shape.color], [1, shape.color]],
                     lighting: {ambient: 0.6, diffuse: 0.6, specular: 0.15}, source: shape});
      } else if (shape.kind === "Path3D") {
        // beads only where they mean steps: on a curve over a translucent sheet they also left a white sawtooth
        // along the sheet's fold (the review's "dome edge" at b minimum)
        traces.push({type: "scatter3d", mode: shape.markers === false ? "lines" : "lines+markers",
                     line: {color: shape.color, width: shape.width || 7},
                     marker: {color: shape.color, size: 3}, hoverinfo: "skip", source: shape});
      } else if (shape.kind === "Point3D") {
        traces.push({type: "scatter3d", mode: "markers", marker: {color: shape.color, size: 7, line: {color: colour("fg"), width: 1}},
                     hoverinfo: "skip", source: shape});
      }
    });
    // lines and points last: drawn over the translucent sheets
    traces.sort(function (p, q) { return (p.type === "surface" ? 0 : 1) - (q.type === "surface" ? 0 : 1); });
    function data() {
      var frame = current();
      return traces.map(function (trace) {
        var shape = trace.source, out = Object.assign({}, trace);
        delete out.source;
        if (shape.kind === "Surface") {
          out.x = ref(frame, shape.x); out.y = ref(frame, shape.y); out.z = ref(frame, shape.z);
        } else if (shape.kind === "Path3D") {
          var points = frame.values[shape.key] || [];
          out.x = points.map(function (p) { return p[0]; });
          out.y = points.map(function (p) { return p[1]; });
          out.z = points.map(function (p) { return p[2] === null ? null : p[2] + lift; });
        } else {
          out.x = [ref(frame, shape.x)]; out.y = [ref(frame, shape.y)]; out.z = [ref(frame, shape.z) + (shape.lifted ? lift : 0)];
        }
        return out;
      });
    }
    var axis = function (lo, hi, title) {
      // few ticks, so the numbers of two axes meeting at a corner do not run into each other; a margin, so a
      // point on the sheet's edge is not cut in half by the box
      var pad = 0.04 * (hi - lo);
      return {range: [lo - pad, hi + pad], title: {text: title, font: {size: 15, color: LABEL}}, nticks: 5, tickfont: {size: 11},
              color: AXIS_TEXT, gridcolor: colour("rule"), zerolinecolor: AXIS, backgroundcolor: colour("panel"), showbackground: true};
    };
    var names = view.names || ["x", "y", "z"];
    var layout = {
      paper_bgcolor: colour("card"), margin: {l: 0, r: 0, t: 0, b: 0}, showlegend: false, uirevision: "keep",
      scene: {xaxis: axis(b[0], b[1], names[0]), yaxis: axis(b[2], b[3], names[1]), zaxis: axis(b[4], b[5], names[2]),
              aspectmode: "cube", camera: {eye: {x: view.camera[0], y: view.camera[1], z: view.camera[2]}}}
    };
    var options = {displayModeBar: false, responsive: true};
    window.Plotly.newPlot(div, data(), layout, options);
    return {
      update: function () { window.Plotly.react(div, data(), layout, options); }
    };
  }

  // ------------------------------------------------------------------ a panel
  function build(root, data) {
    var state = data.controls.map(function (c) { return c.start_index; });
    var index = function () {
      return data.controls.reduce(function (k, c, i) { return k * c.texts.length + state[i]; }, 0);
    };
    var current = function () { return data.frames[index()]; };
    if (data.formula) {
      // a screen reader gets the formula's words (the lectures' math speech), not KaTeX's pieces
      var formula = make("div", "panel-formula", root);
      tex(formula, data.formula);
      formula.setAttribute("role", "img");
      formula.setAttribute("aria-label", data.formula_spoken || data.formula);
    }
    var body = make("div", "panel-body", root);
    var plots = make("div", "panel-plots", body);
    var side = make("div", "panel-side", body);
    var controls = make("div", "panel-controls", side);
    var shown = [], sliders = [];
    data.controls.forEach(function (control, i) {
      var row = make("div", "panel-control", controls);
      var name = make("span", "panel-label", row);
      tex(name, control.label);
      var value = make("output", "panel-value", row);
      value.dataset.control = control.key;
      shown.push(value);
      if (control.kind === "Slider") {
        var input = make("input", "", row);
        input.type = "range";
        input.min = "0"; input.max = String(control.texts.length - 1); input.step = "1";
        input.value = String(state[i]);
        input.dataset.control = control.key;
        input.setAttribute("aria-label", control.spoken_label || control.key);
        sliders.push([input, i]);
        input.addEventListener("input", function () { state[i] = parseInt(input.value, 10); show(); });
      } else {
        var group = make("div", "panel-choice", row);
        group.setAttribute("role", "radiogroup");
        group.setAttribute("aria-label", control.spoken_label || control.key);
        control.options.forEach(function (option, k) {
          var label = make("label", "", group);
          var radio = make("input", "", label);
          radio.type = "radio";
          radio.name = root.id + "-" + control.key;
          radio.value = option;
          radio.checked = k === state[i];
          radio.dataset.control = control.key;
          radio.addEventListener("change", function () { if (radio.checked) { state[i] = k; show(); } });
          label.appendChild(document.createTextNode(" " + control.texts[k]));
        });
      }
    });
    var readouts = make("dl", "panel-readouts", side);
    var values = data.readouts.map(function (readout) {
      tex(make("dt", "", readouts), readout.label);
      var value = make("dd", "", readouts);
      value.dataset.readout = readout.key;
      return value;
    });
    if (data.note) make("p", "panel-note", side).textContent = data.note;
    // what changed, said politely after each move: the readouts in words (the boxes above are visual)
    var status = make("p", "panel-status", side);
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    var announced = false;
    var views = data.views.map(function (view) {
      return view.kind === "Scene3D" ? scene3d(plots, view, current) : board2d(plots, view, current);
    });
    function show() {
      var frame = current();
      data.controls.forEach(function (control, i) { shown[i].textContent = control.texts[state[i]]; });
      data.readouts.forEach(function (readout, i) { values[i].textContent = frame.texts[readout.key]; });
      sliders.forEach(function (pair) {
        var control = data.controls[pair[1]];
        pair[0].setAttribute("aria-valuetext", (control.spoken_texts || control.texts)[state[pair[1]]]);
      });
      if (announced) {  // not on page load: only a student's move is news
        status.textContent = data.readouts.map(function (readout) {
          return (readout.spoken_label || readout.label) + ": " + frame.texts[readout.key];
        }).join("; ");
      }
      announced = true;
      views.forEach(function (view) { view.update(); });
      reachable();
      root.dataset.frame = String(index());
    }
    // a readout's label squeezed into a scroll box must be reachable by keyboard to be scrolled (WCAG 2.1.1)
    function reachable() {
      readouts.querySelectorAll("dt").forEach(function (dt) {
        if (dt.scrollWidth > dt.clientWidth + 1) dt.tabIndex = 0; else dt.removeAttribute("tabindex");
      });
    }
    window.addEventListener("resize", reachable);
    show();
    root.dataset.ready = "true";
  }

  function start() {
    if (window.JXG) {
      JXG.Options.text.parse = false;  // no label is ever read as JessieCode
      // no clip-path on texts: JSXGraph would clip a label where it first put it, cutting it after keepInside
      // moved it in; the board's own edge still hides whatever is outside
      JXG.Options.text.clip = false;
      JXG.Options.label.clip = false;
    }
    document.querySelectorAll(".panel[data-scene]").forEach(function (root) {
      var data = (window.calcvizPanels || {})[root.dataset.scene];
      if (!data) {
        root.textContent = "This panel's data is missing.";
        return;
      }
      build(root, data);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
