/*
 * The moment page: read-along (the word being played is highlighted, and followed), a click on a word plays from
 * it, quotes (select words, or click one and shift-click another, or Shift+arrows: the quote panel shows the exact
 * words, times, citation, copy buttons and the clip), search inside the episode (n / p: next / previous match).
 * Built for long episodes: the words' times are read once into typed arrays; while playing, one binary search and
 * two class changes per new word.
 */
(function () {
  'use strict';

  var P = window.Podgrep;
  var player = document.getElementById('player');
  var transcript = document.getElementById('transcript');
  var panel = document.getElementById('quote');
  var follow = document.getElementById('follow');
  var findForm = document.getElementById('find');
  var findStatus = document.getElementById('find-status');
  var episodeId = panel.getAttribute('data-episode-id');
  var MAX_CLIP = 300;

  var words = transcript ? transcript.getElementsByClassName('word') : [];
  var count = words.length;
  var starts = new Float64Array(count);
  var ends = new Float64Array(count);
  for (var k = 0; k < count; k++) {
    starts[k] = +words[k].getAttribute('data-start');
    ends[k] = +words[k].getAttribute('data-end');
  }

  /** How long after its end a word stays highlighted (the pause before the next one). */
  var LINGER = 1.5;

  /** The last word that starts at or before t (-1 before the first). */
  function wordAt(t) {
    var lo = 0;
    var hi = count;
    while (lo < hi) {
      var mid = (lo + hi) >>> 1;
      if (starts[mid] <= t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo - 1;
  }

  /** The number of a word element. */
  function indexOf(word) {
    var i = wordAt(+word.getAttribute('data-start'));
    while (i >= 0 && words[i] !== word) {
      i--;
    }
    return i;
  }

  /* ---------- read-along ---------- */

  var now = -1;
  var frame = 0;
  var scrolledByUser = 0;
  var scrolledByUs = 0;

  function topInset() {
    var barEl = document.querySelector('.player-bar.sticky');
    return barEl ? barEl.getBoundingClientRect().bottom : 0;
  }

  function bottomInset() {
    if (!panel) {
      return window.innerHeight;
    }
    var r = panel.getBoundingClientRect();
    return getComputedStyle(panel).position === 'sticky' && r.top > window.innerHeight / 2 ? r.top : window.innerHeight;
  }

  function reveal(word, force) {
    if (!force && (!follow.checked || Date.now() - scrolledByUser < 4000)) {
      return;
    }
    var r = word.getBoundingClientRect();
    if (!force && r.top >= topInset() + 8 && r.bottom <= bottomInset() - 8) {
      return;
    }
    scrolledByUs = Date.now();
    word.scrollIntoView({ block: 'center', behavior: P.reducedMotion() || force ? 'auto' : 'smooth' });
  }

  /** The word being spoken at t: the last one started, unless it ended more than LINGER ago (-1: none). */
  function spokenAt(t) {
    var i = wordAt(t);
    return i >= 0 && t <= ends[i] + LINGER ? i : -1;
  }

  function update(force) {
    var i = spokenAt(player.currentTime);
    if (i !== now) {
      if (now >= 0 && now < count) {
        words[now].classList.remove('now');
      }
      now = i;
      if (i >= 0) {
        words[i].classList.add('now');
        reveal(words[i], force);
      }
    } else if (force && i >= 0) {
      reveal(words[i], true);
    }
  }

  function tick() {
    update(false);
    frame = player.paused ? 0 : requestAnimationFrame(tick);
  }

  if (count > 0) {
    player.addEventListener('play', function () {
      if (!frame) {
        frame = requestAnimationFrame(tick);
      }
    });
    player.addEventListener('seeked', function () { update(false); });
    player.addEventListener('timeupdate', function () {
      if (!frame) {
        update(false);
      }
    });
    window.addEventListener('scroll', function () {
      if (Date.now() - scrolledByUs > 1000) {
        scrolledByUser = Date.now();
      }
    }, { passive: true });
  }

  var focusIndex = -1;
  var start = player.getAttribute('data-start');
  if (start !== null && start !== '') {
    var startAt = parseFloat(start);
    var seekToStart = function () {
      if (Math.abs(player.currentTime - startAt) > 0.25) {
        player.currentTime = startAt;
      }
    };
    if (player.readyState >= 1) {
      seekToStart();
    } else {
      player.addEventListener('loadedmetadata', seekToStart, { once: true });
    }
    var first = Math.max(0, wordAt(startAt + 0.01));
    if (count > 0 && starts[first] < startAt - LINGER && first + 1 < count) {
      first++;
    }
    if (count > 0) {
      words[first].tabIndex = 0;
      focusIndex = first;
      requestAnimationFrame(function () { reveal(words[first], true); });
    }
  }

  function playFromWord(i) {
    P.playFrom(player, null, starts[i]).catch(function () { /* the player shows its own error */ });
    update(false);
  }

  /* ---------- keyboard: one tab stop in the transcript, arrows move ---------- */

  if (count > 0 && focusIndex < 0) {
    focusIndex = 0;
    words[0].tabIndex = 0;
  }

  function focusWord(i) {
    if (i < 0 || i >= count) {
      return;
    }
    if (focusIndex >= 0 && focusIndex !== i) {
      words[focusIndex].removeAttribute('tabindex');
    }
    focusIndex = i;
    words[i].tabIndex = 0;
    words[i].focus();
  }

  function paragraphStep(i, direction) {
    var para = words[i].parentNode;
    var next = direction > 0 ? para.nextElementSibling : para.previousElementSibling;
    if (!next) {
      return i;
    }
    var w = next.getElementsByClassName('word')[0];
    return w ? indexOf(w) : i;
  }

  var anchor = -1;

  if (transcript) {
    transcript.addEventListener('keydown', function (event) {
      var word = event.target.closest('.word');
      if (!word) {
        return;
      }
      var i = indexOf(word);
      var target = -1;
      if (event.key === 'ArrowRight') {
        target = i + 1;
      } else if (event.key === 'ArrowLeft') {
        target = i - 1;
      } else if (event.key === 'ArrowDown') {
        target = paragraphStep(i, 1);
      } else if (event.key === 'ArrowUp') {
        target = paragraphStep(i, -1);
      } else if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        playFromWord(i);
        return;
      } else if (event.key === 'Escape') {
        clearQuote();
        return;
      } else {
        return;
      }
      event.preventDefault();
      target = Math.max(0, Math.min(count - 1, target));
      if (event.shiftKey) {
        if (anchor < 0) {
          anchor = i;
        }
        focusWord(target);
        quoteRange(Math.min(anchor, target), Math.max(anchor, target));
      } else {
        anchor = -1;
        focusWord(target);
      }
    });
    transcript.addEventListener('focusin', function (event) {
      var word = event.target.closest('.word');
      if (word) {
        var i = indexOf(word);
        if (i !== focusIndex && focusIndex >= 0) {
          words[focusIndex].removeAttribute('tabindex');
        }
        focusIndex = i;
        word.tabIndex = 0;
      }
    });

    /* ---------- mouse: click plays, shift-click or a selection quotes ---------- */
    transcript.addEventListener('click', function (event) {
      var ts = event.target.closest('a.ts');
      if (ts) {
        event.preventDefault();
        var w = wordAt(parseFloat(ts.getAttribute('data-start')) + 1e-6);
        if (w >= 0) {
          focusWord(w);
          playFromWord(w);
        }
        return;
      }
      var word = event.target.closest('.word');
      if (!word) {
        return;
      }
      var selection = window.getSelection();
      if (selection && !selection.isCollapsed && transcript.contains(selection.anchorNode)) {
        return; /* a selection: handled on selectionchange */
      }
      var i = indexOf(word);
      if (event.shiftKey && anchor >= 0) {
        if (selection) {
          selection.removeAllRanges();
        }
        quoteRange(Math.min(anchor, i), Math.max(anchor, i));
        focusWord(i);
        return;
      }
      anchor = i;
      focusWord(i);
      playFromWord(i);
    });
  }

  var selectionTimer = null;
  document.addEventListener('selectionchange', function () {
    clearTimeout(selectionTimer);
    selectionTimer = setTimeout(quoteSelection, 200);
  });

  function edgeWord(node, offset, forward) {
    var el = node.nodeType === 1 ? node : node.parentNode;
    var word = el.closest ? el.closest('.word') : null;
    if (word) {
      return indexOf(word);
    }
    if (node.nodeType === 1 && node.childNodes[offset]) {
      el = node.childNodes[offset];
    } else if (node.nodeType === 3) {
      el = node;
    }
    /* between words: the next word for the start of a selection, the previous one for its end */
    var walker = el;
    while (walker && walker !== transcript) {
      var sibling = forward ? walker.nextSibling : walker.previousSibling;
      while (sibling) {
        if (sibling.nodeType === 1) {
          var inner = sibling.classList.contains('word') ? sibling
            : sibling.getElementsByClassName('word')[forward ? 0 : sibling.getElementsByClassName('word').length - 1];
          if (inner) {
            return indexOf(inner);
          }
        }
        sibling = forward ? sibling.nextSibling : sibling.previousSibling;
      }
      walker = walker.parentNode;
    }
    return -1;
  }

  function quoteSelection() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0 || !transcript) {
      return;
    }
    var range = selection.getRangeAt(0);
    if (!transcript.contains(range.commonAncestorContainer) && range.commonAncestorContainer !== transcript) {
      return;
    }
    var from = edgeWord(range.startContainer, range.startOffset, true);
    var to = edgeWord(range.endContainer, range.endOffset, false);
    if (from >= 0 && to >= from) {
      anchor = from;
      quoteRange(from, to);
    }
  }

  /* ---------- the quote panel ---------- */

  var quoted = null;
  var quoteRequest = null;
  var quoteEmpty = panel.querySelector('.quote-empty');
  var quoteBody = panel.querySelector('.quote-body');
  var quoteStatus = document.getElementById('quote-status');
  var clip = panel.querySelector('a.clip');
  var momentLink = panel.querySelector('a.moment-link');
  var jump = document.getElementById('quote-jump');
  var current = quoteBody.hidden ? null : {
    text: panel.querySelector('.quote-text').textContent,
    citation: panel.querySelector('.citation').textContent,
    link: momentLink.getAttribute('href')
  };

  function mark(from, to) {
    if (quoted) {
      for (var i = quoted[0]; i <= quoted[1]; i++) {
        words[i].classList.remove('quoted');
      }
    } else {
      Array.prototype.slice.call(transcript.getElementsByClassName('quoted')).forEach(function (w) {
        w.classList.remove('quoted');
      });
    }
    quoted = from >= 0 ? [from, to] : null;
    if (quoted) {
      for (var j = from; j <= to; j++) {
        words[j].classList.add('quoted');
      }
    }
  }

  function clearQuote() {
    anchor = -1;
    mark(-1, -1);
    quoteBody.hidden = true;
    quoteEmpty.hidden = false;
    jump.hidden = true;
    current = null;
    history.replaceState(null, '', P.urlWith({ t: null, end: null }));
  }

  function seconds(value) {
    return String(Math.round(value * 100) / 100);
  }

  function quoteRange(from, to) {
    if (quoted && quoted[0] === from && quoted[1] === to) {
      return;
    }
    mark(from, to);
    var start = starts[from];
    var end = ends[to];
    quoteStatus.textContent = P.text('quoting');
    if (quoteRequest) {
      quoteRequest.abort();
    }
    var controller = new AbortController();
    quoteRequest = controller;
    fetch('/api/episodes/' + encodeURIComponent(episodeId) + '/quote?start=' + seconds(start) + '&end=' + seconds(end),
      { signal: controller.signal, headers: { Accept: 'application/json' } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.json();
      })
      .then(function (quote) {
        quoteRequest = null;
        show(quote);
      })
      .catch(function (error) {
        if (error.name !== 'AbortError') {
          quoteStatus.textContent = P.text('quote-failed');
        }
      });
  }

  function show(quote) {
    current = quote;
    panel.querySelector('.quote-text').textContent = quote.text;
    panel.querySelector('.quote-range').textContent = P.clock(quote.startSeconds) + '–' + P.clock(Math.ceil(quote.endSeconds));
    panel.querySelector('.citation').textContent = quote.citation;
    momentLink.href = quote.link;
    var start = seconds(quote.startSeconds);
    var end = seconds(quote.endSeconds);
    if (quote.endSeconds - quote.startSeconds <= MAX_CLIP) {
      clip.href = '/api/episodes/' + encodeURIComponent(episodeId) + '/clip?start=' + start + '&end=' + end;
      clip.hidden = false;
      quoteStatus.textContent = '';
    } else {
      clip.removeAttribute('href');
      clip.hidden = true;
      quoteStatus.textContent = P.text('clip-too-long');
    }
    quoteEmpty.hidden = true;
    quoteBody.hidden = false;
    jump.hidden = false;
    jump.querySelector('.quote-jump-range').textContent = panel.querySelector('.quote-range').textContent;
    history.replaceState(null, '', P.urlWith({ t: start, end: end }));
  }

  function announce(message) {
    quoteStatus.textContent = '';
    setTimeout(function () { quoteStatus.textContent = message; }, 50);
  }

  document.getElementById('copy-quote').addEventListener('click', function () {
    if (!current) {
      return;
    }
    P.copy('\u201c' + current.text + '\u201d\n' + current.citation + '\n' + current.link)
      .then(function () { announce(P.text('copied')); }, function () { announce(P.text('copy-failed')); });
  });
  document.getElementById('copy-link').addEventListener('click', function () {
    if (!current) {
      return;
    }
    P.copy(new URL(current.link, location.href).href)
      .then(function () { announce(P.text('copied')); }, function () { announce(P.text('copy-failed')); });
  });

  /* ---------- search inside the episode ---------- */

  var matches = [];

  function readMatches() {
    matches = [];
    for (var i = 0; i < count; i++) {
      if (words[i].classList.contains('match')) {
        matches.push(i);
      }
    }
  }
  if (transcript && transcript.getElementsByClassName('match').length > 0) {
    readMatches();
  }

  findForm.addEventListener('submit', function (event) {
    event.preventDefault();
    var q = document.getElementById('find-q').value.trim();
    Array.prototype.slice.call(transcript ? transcript.getElementsByClassName('match') : []).forEach(function (w) {
      w.classList.remove('match');
    });
    matches = [];
    history.replaceState(null, '', P.urlWith({ q: q || null }));
    if (!q) {
      findStatus.textContent = '';
      return;
    }
    fetch('/episodes/' + encodeURIComponent(episodeId) + '/find?q=' + encodeURIComponent(q) + '&ui=' + P.lang,
      { headers: { Accept: 'application/json' } })
      .then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) {
            throw new Error(body.detail || ('HTTP ' + response.status));
          }
          return body;
        });
      })
      .then(function (found) {
        found.words.forEach(function (i) {
          if (i < count) {
            words[i].classList.add('match');
          }
        });
        matches = found.words.slice();
        findStatus.textContent = found.summary;
        if (matches.length > 0) {
          reveal(words[matches[0]], true);
        }
      })
      .catch(function (error) {
        findStatus.textContent = error.message;
      });
  });

  function stepMatch(direction) {
    if (matches.length === 0) {
      findStatus.textContent = P.text(direction > 0 ? 'no-next' : 'no-previous');
      return;
    }
    var here = player.currentTime;
    var target = -1;
    if (direction > 0) {
      for (var i = 0; i < matches.length; i++) {
        if (starts[matches[i]] > here + 0.5) {
          target = i;
          break;
        }
      }
    } else {
      for (var j = matches.length - 1; j >= 0; j--) {
        if (starts[matches[j]] < here - 2.5) {
          target = j;
          break;
        }
      }
    }
    if (target < 0) {
      findStatus.textContent = P.text(direction > 0 ? 'no-next' : 'no-previous');
      return;
    }
    findStatus.textContent = P.text('match-of', { n: target + 1, total: matches.length });
    var w = matches[target];
    P.playFrom(player, null, Math.max(0, starts[w] - 2)).catch(function () { /* shown by the player */ });
    reveal(words[w], true);
  }

  document.getElementById('next-hit').addEventListener('click', function () { stepMatch(1); });
  document.getElementById('prev-hit').addEventListener('click', function () { stepMatch(-1); });
  document.addEventListener('keydown', function (event) {
    if (P.typing(event) || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    if (event.key === 'n') {
      event.preventDefault();
      stepMatch(1);
    } else if (event.key === 'p') {
      event.preventDefault();
      stepMatch(-1);
    } else if (event.key === 'k') {
      event.preventDefault();
      if (player.paused) {
        player.play();
      } else {
        player.pause();
      }
    }
  });

  /* for the benchmark: the page is ready to use (words indexed, handlers on) */
  performance.mark('podgrep:episode-ready');
})();
