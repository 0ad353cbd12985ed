// The practice page (scenes/publish/practice.py): each problem with a math field (MathLive), "check" and
// "show the steps" (KaTeX). Checking never evaluates code: the student's LaTeX is parsed by the Compute
// Engine into MathJSON, its symbols are checked against the answer's, and its values at the points
// calcviz chose at publish time are compared with calcviz's values there. Progress stays in localStorage.
(function () {
  "use strict";
  var MAX_LENGTH = 500;  // characters of LaTeX: no answer of the course is longer; a paste of 10,000 is refused
  var VALUE = "value";
  var data = JSON.parse(document.getElementById("practice-data").textContent);
  var ce = new ComputeEngine.ComputeEngine();
  MathfieldElement.fontsDirectory = null;  // the fonts come from mathlive-fonts.css, beside the page
  MathfieldElement.soundsDirectory = null;
  var storeKey = "calcviz-practice-week" + data.week;

  function loadProgress() {
    try { return JSON.parse(localStorage.getItem(storeKey)) || {}; } catch (e) { return {}; }
  }
  function saveProgress(number, right) {
    var progress = loadProgress();
    var done = new Set(progress.right || []);
    if (right) done.add(number); else done.delete(number);
    progress = {total: data.problems.length, right: Array.from(done).sort(function (a, b) { return a - b; })};
    try { localStorage.setItem(storeKey, JSON.stringify(progress)); } catch (e) { /* storage off: progress is not kept */ }
    showProgress(progress);
  }
  function showProgress(progress) {
    var count = (progress.right || []).length;
    document.getElementById("progress").textContent = count + " of " + data.problems.length + " right";
    (progress.right || []).forEach(function (n) {
      var item = document.getElementById("problem-" + n);
      if (item) item.classList.add("solved");
    });
  }

  // -- reading an answer -----------------------------------------------------------------------------
  // The course writes log for the natural logarithm; the Compute Engine reads \log as base 10.
  function naturalLogs(json) {
    if (!Array.isArray(json)) return json;
    var mapped = json.map(naturalLogs);
    return (mapped[0] === "Log" && mapped.length === 2) ? ["Ln", mapped[1]] : mapped;
  }
  function valueAt(json, scope) {
    var result = ce.box(json).subs(scope).N();
    var re = result.re, im = result.im;
    if (typeof re !== "number" || !isFinite(re) || (typeof im === "number" && Math.abs(im) > 1e-9)) return null;
    return re;
  }
  function close(a, b, tolerance) { return Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(b)); }
  function symbolsOf(expr) { return expr.unknowns ? Array.from(expr.unknowns) : []; }

  function read(latex, answer) {
    if (!latex.trim()) return {message: "Type an answer first."};
    if (latex.length > MAX_LENGTH) return {message: "That is too long to be an answer (" + MAX_LENGTH + " characters at most)."};
    var expr = ce.parse(latex);
    if (!expr.isValid) return {message: "Could not read that: check the brackets and the operators."};
    if (/ComplexInfinity|NaN|Infinity/.test(JSON.stringify(expr.json))) return {message: "That has no finite value (a division by zero?)."};
    var allowed = answer.variables.concat(answer.constant ? ["C"] : []);
    var strange = symbolsOf(expr).filter(function (name) { return allowed.indexOf(name) < 0; });
    if (strange.length) {
      var uses = answer.variables.length ? "the answer uses " + answer.variables.join(" and ") : "the answer is a number";
      return {message: "Unknown symbol " + strange[0] + ": " + uses + (answer.constant ? " (and C)." : ".")};
    }
    return {expr: expr, json: naturalLogs(expr.json)};
  }

  function checkValue(latex, answer) {
    var got = read(latex, answer);
    if (!got.expr) return got;
    if (answer.mode === "number") {
      var number = valueAt(got.json, {});
      if (number === null) return {message: "That is not a number."};
      return {right: close(number, answer.numbers[0], answer.tolerance)};
    }
    if (answer.mode === "vector") {
      var items = Array.isArray(got.json) && ["Tuple", "List", "Sequence", "Delimiter"].indexOf(got.json[0]) >= 0 ? got.json.slice(1) : null;
      if (items && items.length === 1 && Array.isArray(items[0]) && items[0][0] === "Sequence") items = items[0].slice(1);
      if (!items || items.length !== answer.numbers.length) return {message: "Type a point: (a, b)."};
      var values = items.map(function (item) { return valueAt(item, {}); });
      if (values.indexOf(null) >= 0) return {message: "Each coordinate must be a number."};
      return {right: values.every(function (v, i) { return close(v, answer.numbers[i], answer.tolerance); })};
    }
    return checkExpression(got, answer);
  }

  function checkExpression(got, answer) {
    var offsets = [];
    for (var i = 0; i < answer.points.length; i++) {
      var scope = {C: 0};
      answer.variables.forEach(function (name, k) { scope[name] = answer.points[i][k]; });
      var value = valueAt(got.json, scope);
      if (value === null) return {right: false, message: "Not right: it is undefined where the answer is defined."};
      offsets.push(value - answer.values[i]);
    }
    var agrees = function (d, i) { return Math.abs(d) <= answer.tolerance * Math.max(1, Math.abs(answer.values[i])); };
    if (!answer.constant) return {right: offsets.every(agrees)};
    // an antiderivative: right when it differs from calcviz's by one constant at every point
    if (!offsets.every(function (d, i) { return agrees(d - offsets[0], i); })) return {right: false};
    if (symbolsOf(got.expr).indexOf("C") < 0) return {right: false, message: "Almost: an antiderivative is only known up to a constant; add + C."};
    return {right: true};
  }

  function check(problem, field, choices) {
    var answer = problem.answer;
    var option = choices ? (choices.querySelector("input:checked") || {}).value : VALUE;
    if (!option) return {message: "Choose one first."};
    if (option !== VALUE) return {right: option === answer.correct};
    if (answer.correct !== VALUE) {
      var got = read(field.value, answer);  // garbage still gets its message
      return got.expr ? {right: false} : got;
    }
    return checkValue(field.value, answer);
  }

  // -- the page ------------------------------------------------------------------------------------------
  function math(tex, display) {
    var span = document.createElement("span");
    katex.render(tex, span, {displayMode: !!display, throwOnError: false});
    return span;
  }
  function prompt(segments) {
    var p = document.createElement("p");
    segments.forEach(function (segment) {
      p.appendChild(segment.math !== undefined ? math(segment.math) : document.createTextNode(segment.text));
    });
    return p;
  }
  function optionLabel(option, answer) {
    if (option !== VALUE) return option;
    return answer.constant ? "an antiderivative (typed above)" : "the value typed above";
  }
  function choicesFor(problem) {
    var options = problem.answer.options;
    if (!options.length) return null;
    var set = document.createElement("fieldset");
    set.className = "choices";
    var legend = document.createElement("legend");
    legend.textContent = "Your answer";
    set.appendChild(legend);
    options.forEach(function (option, i) {
      var label = document.createElement("label");
      var input = document.createElement("input");
      input.type = "radio";
      input.name = "choice-" + problem.number;
      input.value = option;
      input.checked = problem.answer.mode !== "choice" && i === 0;
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + optionLabel(option, problem.answer)));
      set.appendChild(label);
    });
    return set;
  }
  function stepsFor(problem) {
    var list = document.createElement("ol");
    list.className = "steps";
    list.hidden = true;
    problem.steps.forEach(function (step) {
      var item = document.createElement("li");
      var rule = document.createElement("span");
      rule.className = "rule";
      rule.textContent = step.rule + ":";
      item.appendChild(rule);
      item.appendChild(math(step.latex, true));
      list.appendChild(item);
    });
    var last = document.createElement("li");
    last.className = "final";
    last.appendChild(document.createTextNode("Answer: "));
    last.appendChild(math(problem.answer_latex));
    list.appendChild(last);
    return list;
  }
  function button(text, action) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = text;
    b.dataset.action = action;
    return b;
  }

  function build(problem) {
    var item = document.createElement("li");
    item.id = "problem-" + problem.number;
    item.className = "problem";
    item.tabIndex = -1;  // a link or a script can bring a problem into focus
    item.dataset.kind = problem.kind;
    item.appendChild(prompt(problem.prompt));
    var field = null;
    if (problem.answer.mode !== "choice") {
      field = new MathfieldElement();
      field.setAttribute("aria-label", "answer to problem " + problem.number);
      item.appendChild(field);
    }
    var choices = choicesFor(problem);
    if (choices) item.appendChild(choices);
    var verdict = document.createElement("output");
    verdict.className = "verdict";
    verdict.setAttribute("aria-live", "polite");
    var steps = stepsFor(problem);
    var actions = document.createElement("div");
    actions.className = "actions";
    var checkButton = button("Check", "check"), stepsButton = button("Show the steps", "steps");
    stepsButton.setAttribute("aria-expanded", "false");
    actions.appendChild(checkButton);
    actions.appendChild(stepsButton);
    item.appendChild(actions);
    item.appendChild(verdict);
    item.appendChild(steps);

    function run() {
      var result;
      try { result = check(problem, field, choices); } catch (error) { result = {message: "Could not read that."}; }
      verdict.dataset.verdict = result.right === true ? "right" : result.right === false ? "wrong" : "unreadable";
      verdict.textContent = result.right === true ? "Right." : (result.message || "Not right.");
      if (result.right !== undefined) saveProgress(problem.number, result.right);
    }
    checkButton.addEventListener("click", run);
    if (field) field.addEventListener("keydown", function (event) { if (event.key === "Enter") { event.preventDefault(); run(); } });
    stepsButton.addEventListener("click", function () {
      steps.hidden = !steps.hidden;
      stepsButton.setAttribute("aria-expanded", String(!steps.hidden));
      stepsButton.textContent = steps.hidden ? "Show the steps" : "Hide the steps";
    });
    return item;
  }

  var list = document.getElementById("problems");
  data.problems.forEach(function (problem) { list.appendChild(build(problem)); });
  showProgress(loadProgress());
  document.body.dataset.ready = "true";
})();
