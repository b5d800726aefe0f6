/*
 * The search page: results while typing (debounced, the previous request aborted, the URL kept in step), the
 * player (one click plays a hit from a couple of seconds before it; n / p: next / previous hit of the episode),
 * and the trend chart of the search (uPlot, from GET /api/trends; a click on a bar shows that period's hits).
 * Without this script the page still works: the form submits, the server renders the results.
 */
(function () {
  'use strict';

  var P = window.Podgrep;
  var DEBOUNCE_MS = 60;
  var TREND_DEBOUNCE_MS = 250;
  var LEAD_IN = 2;

  var form = document.getElementById('search');
  var q = document.getElementById('q');
  var status = document.getElementById('status');
  var player = document.getElementById('player');
  var bar = document.getElementById('player-bar');
  var trends = document.getElementById('trends');
  var trendBox = document.getElementById('trend');
  var trendRows = document.getElementById('trend-rows');
  var trendStatus = document.getElementById('trend-status');
  var interval = document.getElementById('interval');
  if (!form || !q) {
    return;
  }
  var fields = ['feed', 'lang', 'since', 'until', 'sort'].map(function (id) { return document.getElementById(id); });

  /* ---------- live search ---------- */

  var timer = null;
  var inflight = null;
  var sequence = 0;
  var keyAt = null;

  function parameters() {
    var p = new URLSearchParams();
    if (q.value.trim()) {
      p.set('q', q.value.trim());
    }
    fields.forEach(function (f) {
      if (f && f.value && !(f.id === 'sort' && f.value === 'relevance')) {
        p.set(f.id, f.value);
      }
    });
    var ui = form.querySelector('input[name=ui]');
    if (ui) {
      p.set('ui', ui.value);
    }
    return p;
  }

  function schedule(delay, push) {
    clearTimeout(timer);
    timer = setTimeout(function () { run(push); }, delay);
  }

  function run(push) {
    var p = parameters();
    var url = '/' + (p.toString() ? '?' + p.toString() : '');
    if (push) {
      history.pushState(null, '', url);
    } else {
      history.replaceState(null, '', url);
    }
    if (inflight) {
      inflight.abort();
      inflight = null;
    }
    var seq = ++sequence;
    var started = keyAt;
    if (!p.get('q')) {
      replaceResults('<div id="results" class="results"></div>');
      status.textContent = '';
      trends.hidden = true;
      return;
    }
    var results = new URLSearchParams(p);
    if (!results.get('ui')) {
      results.set('ui', P.lang);
    }
    var controller = new AbortController();
    inflight = controller;
    document.body.setAttribute('aria-busy', 'true');
    fetch('/results?' + results.toString(), { signal: controller.signal, headers: { Accept: 'text/html' } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        if (seq !== sequence) {
          return;
        }
        inflight = null;
        var fresh = replaceResults(html);
        status.textContent = fresh.getAttribute('data-summary') || '';
        document.body.removeAttribute('aria-busy');
        document.body.setAttribute('data-rendered-query', p.get('q'));
        document.body.setAttribute('data-rendered-seq', String(seq));
        if (started !== null) {
          /* the keystroke-to-results figure of the benchmark: measured once the new results were painted */
          requestAnimationFrame(function () {
            setTimeout(function () {
              performance.measure('podgrep:keystroke-to-results', { start: started, end: performance.now() });
            }, 0);
          });
        }
        var total = fresh.querySelectorAll('.hit').length;
        trends.hidden = total === 0;
        scheduleTrends();
      })
      .catch(function (error) {
        if (error.name === 'AbortError') {
          return;
        }
        document.body.removeAttribute('aria-busy');
        status.textContent = P.text('search-failed');
      });
  }

  function replaceResults(html) {
    var template = document.createElement('template');
    template.innerHTML = html.trim();
    var fresh = template.content.firstElementChild;
    var old = document.getElementById('results');
    old.replaceWith(fresh);
    return fresh;
  }

  q.addEventListener('keydown', function (event) {
    if (event.key === 'ArrowDown') {
      var first = document.querySelector('#results .hit a.play');
      if (first) {
        event.preventDefault();
        first.focus();
      }
    }
  });
  q.addEventListener('input', function (event) {
    keyAt = event.timeStamp;
    schedule(DEBOUNCE_MS, false);
  });
  fields.forEach(function (f) {
    if (f) {
      f.addEventListener('change', function () {
        keyAt = null;
        schedule(0, true);
      });
    }
  });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    keyAt = null;
    schedule(0, true);
  });
  window.addEventListener('popstate', function () {
    var url = new URL(location.href);
    q.value = url.searchParams.get('q') || '';
    fields.forEach(function (f) {
      if (f) {
        f.value = url.searchParams.get(f.id) || (f.id === 'sort' ? 'relevance' : '');
      }
    });
    keyAt = null;
    run(false);
  });

  /* ---------- the player ---------- */

  var current = null;

  function hitsOf(hit) {
    var id = hit.getAttribute('data-episode-id');
    return Array.prototype.filter.call(document.querySelectorAll('#results .hit'), function (h) {
      return h.getAttribute('data-episode-id') === id;
    });
  }

  function play(hit) {
    var match = parseFloat(hit.getAttribute('data-match-seconds'));
    var from = Math.max(0, Math.floor((match - LEAD_IN) * 10) / 10);
    var audio = hit.getAttribute('data-audio');
    if (!audio) {
      location.href = hit.getAttribute('data-href');
      return;
    }
    if (current) {
      current.classList.remove('playing');
      current.removeAttribute('aria-current');
    }
    current = hit;
    hit.classList.add('playing');
    hit.setAttribute('aria-current', 'true');
    bar.hidden = false;
    var title = hit.getAttribute('data-title');
    document.getElementById('now-title').textContent = title;
    document.getElementById('now-time').textContent = P.clock(match);
    document.getElementById('now-read').href = hit.getAttribute('data-href');
    status.textContent = P.text('playing', { title: title, time: P.clock(match) });
    P.playFrom(player, audio, from).catch(function () { /* the player shows its own error */ });
  }

  function step(direction) {
    if (!current || !document.contains(current)) {
      var first = document.querySelector('#results .hit');
      if (first && direction > 0) {
        play(first);
      }
      return;
    }
    var hits = hitsOf(current);
    var i = hits.indexOf(current) + direction;
    if (i < 0 || i >= hits.length) {
      status.textContent = P.text(direction > 0 ? 'no-next' : 'no-previous');
      return;
    }
    play(hits[i]);
  }

  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('.hit a.play');
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) {
      return;
    }
    event.preventDefault();
    play(link.closest('.hit'));
  });
  document.getElementById('next-hit').addEventListener('click', function () { step(1); });
  document.getElementById('prev-hit').addEventListener('click', function () { step(-1); });
  document.addEventListener('keydown', function (event) {
    if (P.typing(event) || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    if (event.key === 'n') {
      event.preventDefault();
      step(1);
    } else if (event.key === 'p') {
      event.preventDefault();
      step(-1);
    } else if (event.key === 'k' && player.src) {
      event.preventDefault();
      if (player.paused) {
        player.play();
      } else {
        player.pause();
      }
    }
  });

  /* ---------- the trend chart ---------- */

  var trendTimer = null;
  var trendRequest = null;
  var chart = null;
  var buckets = [];
  var tip = null;
  var number = new Intl.NumberFormat(P.lang, { maximumFractionDigits: 2 });

  function scheduleTrends() {
    clearTimeout(trendTimer);
    trendTimer = setTimeout(loadTrends, TREND_DEBOUNCE_MS);
  }

  function loadTrends() {
    var p = parameters();
    if (!p.get('q')) {
      return;
    }
    /* the chart shows the whole time line of the query, whatever period the results are narrowed to */
    var t = new URLSearchParams();
    t.set('q', p.get('q'));
    ['feed', 'lang'].forEach(function (name) {
      if (p.get(name)) {
        t.set(name, p.get(name));
      }
    });
    t.set('interval', interval.value);
    if (trendRequest) {
      trendRequest.abort();
    }
    var controller = new AbortController();
    trendRequest = controller;
    fetch('/api/trends?' + t.toString(), { signal: controller.signal, headers: { Accept: 'application/json' } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.json();
      })
      .then(function (data) {
        trendRequest = null;
        trendStatus.textContent = '';
        trendBox.classList.remove('failed');
        drawTrends(data.buckets || [], data.interval || interval.value);
      })
      .catch(function (error) {
        if (error.name !== 'AbortError') {
          trendStatus.textContent = P.text('trends-failed');
          trendBox.classList.add('failed');
        }
      });
  }

  function utc(iso) {
    return new Date(iso + 'T00:00:00Z');
  }

  function periodEnd(start, width) {
    var d = utc(start);
    if (width === 'week') {
      d.setUTCDate(d.getUTCDate() + 6);
    } else if (width === 'year') {
      d = new Date(Date.UTC(d.getUTCFullYear(), 11, 31));
    } else {
      d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0));
    }
    return d.toISOString().slice(0, 10);
  }

  function periodName(start, width) {
    var d = utc(start);
    var options = width === 'year' ? { year: 'numeric' }
      : width === 'month' ? { year: 'numeric', month: 'short' }
        : { year: 'numeric', month: 'short', day: 'numeric' };
    options.timeZone = 'UTC';
    return new Intl.DateTimeFormat(P.lang, options).format(d);
  }

  function axisName(start, width) {
    var d = utc(start);
    var options = width === 'year' ? { year: 'numeric' }
      : width === 'month' ? { year: 'numeric', month: 'short' } : { month: 'short', day: 'numeric' };
    options.timeZone = 'UTC';
    return new Intl.DateTimeFormat(P.lang, options).format(d);
  }

  function selectedIndex(width) {
    var since = document.getElementById('since').value;
    var until = document.getElementById('until').value;
    for (var i = 0; i < buckets.length; i++) {
      if (buckets[i].start === since && periodEnd(buckets[i].start, width) === until) {
        return i;
      }
    }
    return -1;
  }

  function showPeriod(i, width) {
    var b = buckets[i];
    if (!b) {
      return;
    }
    document.getElementById('since').value = b.start;
    document.getElementById('until').value = periodEnd(b.start, width);
    status.textContent = P.text('showing-period', { period: periodName(b.start, width) });
    keyAt = null;
    run(true);
  }

  function drawTrends(data, width) {
    buckets = data;
    var n = buckets.length;
    var chosen = selectedIndex(width);
    var xs = buckets.map(function (b, i) { return i; });
    var other = buckets.map(function (b, i) { return i === chosen ? null : b.mentionsPerHour; });
    var picked = buckets.map(function (b, i) { return i === chosen ? b.mentionsPerHour : null; });
    var size = Math.max(240, trendBox.clientWidth);
    /* as many labels under the bars as fit: every k-th period, k from the longest label's width (about 7 px a
       character) over the plot's width (the chart less its y axis) */
    var longest = buckets.reduce(function (m, b) { return Math.max(m, axisName(b.start, width).length); }, 4);
    var ticks = Math.max(1, Math.ceil(n / Math.max(1, Math.floor((size - 60) / (longest * 7 + 16)))));
    var top = buckets.reduce(function (m, b) { return Math.max(m, b.mentionsPerHour); }, 0);
    if (chart) {
      chart.destroy();
      chart = null;
    }
    trendBox.textContent = '';
    if (typeof window.uPlot !== 'function') {
      trendStatus.textContent = P.text('trends-failed');
      return;
    }
    var bars = window.uPlot.paths.bars({ size: [0.7, 64] });
    chart = new window.uPlot({
      width: size,
      height: 180,
      legend: { show: false },
      cursor: { drag: { x: false, y: false, setScale: false }, points: { show: false }, y: false },
      scales: {
        x: { time: false, range: function () { return [-0.5, n - 0.5]; } },
        y: { range: function () { return [0, top > 0 ? top * 1.15 : 1]; } }
      },
      axes: [
        {
          stroke: '#4d5961',
          grid: { show: false },
          ticks: { show: false },
          splits: function () { return xs.filter(function (i) { return i % ticks === 0; }); },
          values: function (u, splits) {
            return splits.map(function (i) { return buckets[i] ? axisName(buckets[i].start, width) : ''; });
          }
        },
        {
          stroke: '#4d5961',
          size: 56,
          label: P.text('per-hour'),
          labelSize: 18,
          labelFont: '12px system-ui, sans-serif',
          grid: { stroke: '#e3e8eb' },
          values: function (u, splits) { return splits.map(function (v) { return number.format(v); }); }
        }
      ],
      series: [
        {},
        { label: P.text('per-hour'), fill: '#0b5a4a', stroke: '#0b5a4a', width: 0, paths: bars, points: { show: false } },
        { label: P.text('per-hour'), fill: '#c77800', stroke: '#c77800', width: 0, paths: bars, points: { show: false } }
      ],
      hooks: {
        setCursor: [function (u) { tooltip(u, width); }],
        draw: [function (u) {
          trendBox.setAttribute('data-buckets', String(u.data[0].length));
          trendBox.setAttribute('data-interval', width);
        }]
      }
    }, [xs, other, picked], trendBox);
    tip = document.createElement('div');
    tip.className = 'trend-tip';
    tip.hidden = true;
    chart.over.appendChild(tip);
    chart.over.addEventListener('click', function () {
      var i = chart.cursor.idx;
      if (i !== null && i !== undefined) {
        showPeriod(i, width);
      }
    });
    chart.over.addEventListener('mouseleave', function () { tip.hidden = true; });
    table(width, chosen);
  }

  function tooltip(u, width) {
    var i = u.cursor.idx;
    if (i === null || i === undefined || !buckets[i] || u.cursor.left < 0) {
      if (tip) {
        tip.hidden = true;
      }
      return;
    }
    var b = buckets[i];
    tip.textContent = periodName(b.start, width) + ' \u2014 ' + P.text('mentions') + ': ' + number.format(b.mentions)
      + ' \u00b7 ' + P.text('episodes') + ': ' + number.format(b.episodes) + ' \u00b7 ' + P.text('hours') + ': '
      + number.format(b.audioHours) + ' \u00b7 ' + P.text('per-hour') + ': ' + number.format(b.mentionsPerHour);
    tip.style.left = u.valToPos(i, 'x') + 'px';
    tip.style.top = u.valToPos(b.mentionsPerHour, 'y') + 'px';
    tip.hidden = false;
  }

  function table(width, chosen) {
    trendRows.textContent = '';
    buckets.forEach(function (b, i) {
      var row = document.createElement('tr');
      var period = document.createElement('td');
      var button = document.createElement('button');
      button.type = 'button';
      button.textContent = periodName(b.start, width);
      button.setAttribute('aria-label', P.text('show-period', { period: periodName(b.start, width) }));
      if (i === chosen) {
        button.setAttribute('aria-pressed', 'true');
      }
      button.addEventListener('click', function () { showPeriod(i, width); });
      period.appendChild(button);
      row.appendChild(period);
      [number.format(b.mentions), number.format(b.episodes), number.format(b.audioHours),
        number.format(b.mentionsPerHour)].forEach(function (value) {
        var cell = document.createElement('td');
        cell.textContent = value;
        row.appendChild(cell);
      });
      trendRows.appendChild(row);
    });
  }

  interval.addEventListener('change', loadTrends);
  window.addEventListener('resize', function () {
    if (chart) {
      chart.setSize({ width: Math.max(240, trendBox.clientWidth), height: 180 });
    }
  });

  if (q.value.trim() && !trends.hidden) {
    loadTrends();
  }
})();
