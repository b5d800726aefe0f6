/*
 * The operators' page, live: polls GET /api/ingest/status (twice a second while a run goes, every 5 s otherwise) and
 * moves each episode's progress bar; when a run starts or ends, or its set of episodes changes, the rest of the
 * page (texts, backlog, feeds, failures) is fetched again from the server, rendered as without this script.
 */
(function () {
  'use strict';

  var list = document.getElementById('run-episodes');
  var running = null;
  var shown = currentIds();
  var timer = null;
  var lang = document.body.getAttribute('data-lang') || 'en';

  function currentIds() {
    return Array.prototype.map.call(document.querySelectorAll('#run-episodes li'), function (li) {
      return li.getAttribute('data-episode-id');
    }).join(' ');
  }

  function refreshPage() {
    return fetch('/ops/state?ui=' + encodeURIComponent(lang), { headers: { Accept: 'text/html' } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        var template = document.createElement('template');
        template.innerHTML = html.trim();
        var next = template.content.querySelector('#state');
        if (next) {
          document.getElementById('state').replaceWith(next);
        }
        list = document.getElementById('run-episodes');
        shown = currentIds();
      });
  }

  function apply(status) {
    var ids = (status.episodes || []).map(function (e) { return e.episodeId; }).join(' ');
    if (running !== null && (status.running !== running || ids !== shown)) {
      running = status.running;
      return refreshPage();
    }
    running = status.running;
    (status.episodes || []).forEach(function (e) {
      var li = list.querySelector('li[data-episode-id="' + CSS.escape(e.episodeId) + '"]');
      if (!li) {
        return;
      }
      var stage = li.querySelector('.stage');
      var text = JSON.parse(document.body.getAttribute('data-text') || '{}');
      stage.textContent = text['stage.' + e.stage] || e.stage;
      var bar = li.querySelector('progress');
      var percent = li.querySelector('.percent');
      if (e.percent === null || e.percent === undefined) {
        bar.removeAttribute('value');
        percent.textContent = '';
      } else {
        bar.value = e.percent;
        bar.textContent = e.percent + ' %';
        percent.textContent = e.percent + ' %';
      }
    });
    return Promise.resolve();
  }

  function poll() {
    if (document.visibilityState === 'hidden') {
      timer = setTimeout(poll, 5000);
      return;
    }
    fetch('/api/ingest/status', { headers: { Accept: 'application/json' } })
      .then(function (response) { return response.json(); })
      .then(apply)
      .catch(function () { /* the next poll tries again */ })
      .then(function () {
        timer = setTimeout(poll, running ? 500 : 5000);
      });
  }

  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'visible') {
      clearTimeout(timer);
      poll();
    }
  });
  poll();
})();
