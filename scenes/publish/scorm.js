// The SCORM 2004 glue of a week's page (scenes/publish/scorm.py makes each published week one SCO).
// Inside a learning platform it finds the API_1484_11 object (ADL's search: up the parent chain, then the
// opener's), and reports:
//   - how much of the week's lecture the student has *played*: the video's own played ranges (seeking adds
//     none), merged with the ranges of earlier sessions kept in cmi.suspend_data; cmi.progress_measure is
//     their share of the lecture, and cmi.completion_status "completed" from 90% on;
//   - the practice score, when the practice page (opened inside this page) records progress;
//   - where the student stopped (cmi.location, seconds into the lecture), where the next session resumes.
// Committed when the lecture pauses or ends, and with Terminate when the page goes away (pagehide).
// Without a platform (no API found: the page opened from disk or a web server) it does nothing.
(function () {
  "use strict";
  var COMPLETED_AT = 0.9;  // the manifest's adlcp:completionThreshold says the same to the platform
  var MAX_HOPS = 500;  // ADL's bound on the parent chain

  function apiIn(win) {
    for (var hops = 0; win && hops < MAX_HOPS; hops++) {
      try { if (win.API_1484_11) return win.API_1484_11; } catch (e) { return null; }  // another origin: not ours to read
      if (!win.parent || win.parent === win) return null;
      win = win.parent;
    }
    return null;
  }

  function findApi() {
    var api = apiIn(window);
    if (!api) {
      try { api = apiIn(window.top.opener); } catch (e) { api = null; }
    }
    return api;
  }

  function thisWeek() {  // a SCO is one week's page: its only section
    var sections = document.querySelectorAll("section.week");
    if (sections.length !== 1) return null;
    var number = sections[0].id.replace("week", "");
    var video = document.getElementById("week" + number + "-lecture");
    return video ? {number: number, section: sections[0], video: video} : null;
  }

  // -- played time: sorted, disjoint [start, end] ranges in seconds --------------------------------------
  function merged(ranges) {
    var sorted = ranges.filter(function (r) { return r[1] > r[0]; }).sort(function (a, b) { return a[0] - b[0]; });
    var out = [];
    sorted.forEach(function (r) {
      var last = out[out.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else out.push([r[0], r[1]]);
    });
    return out;
  }
  function playedNow(video) {
    var ranges = [];
    for (var i = 0; i < video.played.length; i++) ranges.push([video.played.start(i), video.played.end(i)]);
    return ranges;
  }
  function seconds(ranges) { return ranges.reduce(function (sum, r) { return sum + r[1] - r[0]; }, 0); }
  function tenths(x) { return Math.round(x * 10) / 10; }

  function readSuspended(text) {
    try {
      var data = JSON.parse(text || "{}");
      return Array.isArray(data.played) ? data.played.filter(function (r) {
        return Array.isArray(r) && r.length === 2 && isFinite(r[0]) && isFinite(r[1]);
      }) : [];
    } catch (e) { return []; }  // another SCO's or an old format: start again
  }

  function isoDuration(ms) { return "PT" + (Math.max(0, ms) / 1000).toFixed(2) + "S"; }

  function connect(api, week) {
    if (String(api.Initialize("")) !== "true") return;
    document.documentElement.dataset.lms = "connected";
    var started = Date.now();
    var video = week.video;
    var earlier = readSuspended(api.GetValue("cmi.suspend_data"));
    var duration = parseFloat(video.dataset.duration) || 0;
    var wasCompleted = api.GetValue("cmi.completion_status") === "completed";
    var resumeAt = parseFloat(api.GetValue("cmi.location"));
    var resumed = !(resumeAt > 0);  // until the lecture is back there, the student's place is the stored one
    var ended = false;

    function report() {
      if (ended) return;
      var played = merged(earlier.concat(playedNow(video)).map(function (r) { return [tenths(r[0]), tenths(r[1])]; }));
      var share = duration > 0 ? Math.min(1, seconds(played) / duration) : 0;
      api.SetValue("cmi.suspend_data", JSON.stringify({played: played}));
      api.SetValue("cmi.progress_measure", share.toFixed(4));
      wasCompleted = wasCompleted || share >= COMPLETED_AT;
      api.SetValue("cmi.completion_status", wasCompleted ? "completed" : "incomplete");
      api.SetValue("cmi.location", String(tenths(resumed ? video.currentTime : resumeAt)));
      api.SetValue("cmi.exit", "suspend");  // keep location and played ranges for the next session
      api.SetValue("cmi.session_time", isoDuration(Date.now() - started));
    }
    function commit() { if (!ended) { report(); api.Commit(""); } }

    function resume() {
      if (!resumed && resumeAt < (video.duration || duration)) video.currentTime = resumeAt;
      resumed = true;
    }
    if (video.readyState >= 1) resume(); else video.addEventListener("loadedmetadata", resume, {once: true});

    video.addEventListener("pause", commit);
    video.addEventListener("ended", commit);

    // The practice page writes its progress to localStorage; another page of this origin (it, in a frame
    // here) changing it fires "storage" here. The score is what the practice page shows: right of total.
    var practiceKey = "calcviz-practice-week" + week.number;
    function reportPractice(saved) {
      var progress;
      try { progress = JSON.parse(saved); } catch (e) { return false; }
      if (!progress || !(progress.total > 0) || !Array.isArray(progress.right)) return false;
      var right = Math.min(progress.right.length, progress.total);
      api.SetValue("cmi.score.min", "0");
      api.SetValue("cmi.score.max", String(progress.total));
      api.SetValue("cmi.score.raw", String(right));
      api.SetValue("cmi.score.scaled", (right / progress.total).toFixed(4));
      return true;
    }
    window.addEventListener("storage", function (event) {
      if (event.key === practiceKey && !ended && reportPractice(event.newValue)) commit();
    });
    var practiceOpened = openPracticeHere(week);

    window.addEventListener("pagehide", function () {
      if (ended) return;
      // an answer given just before leaving may not have reached here as a "storage" event yet: read it once more
      if (practiceOpened()) reportPractice(window.localStorage.getItem(practiceKey));
      report();
      api.Commit("");
      ended = true;
      api.Terminate("");
    });
    report();
  }

  // Following the practice link would unload this page and end the SCO: open it in a frame here instead.
  // Returns whether the student has opened it in this session (its score is theirs to report).
  function openPracticeHere(week) {
    var link = week.section.querySelector('a[href$="practice.html"]');
    if (!link) return function () { return false; };
    var opened = false;
    link.addEventListener("click", function (event) {
      opened = true;
      event.preventDefault();
      var frame = week.section.querySelector("iframe.practice");
      if (!frame) {
        frame = document.createElement("iframe");
        frame.className = "practice";
        frame.title = "Week " + week.number + " practice";
        frame.src = link.getAttribute("href");
        frame.style.cssText = "width: 100%; height: 80vh; border: 1px solid var(--rule); border-radius: 6px; margin-top: 1rem;";
        week.section.querySelector(".lecture").after(frame);
      }
      frame.scrollIntoView();
    });
    return function () { return opened; };
  }

  var week = thisWeek();
  var api = week ? findApi() : null;
  if (api) connect(api, week);
  else document.documentElement.dataset.lms = "none";
})();
