/* podgrep pages: what the search and moment pages share (texts, times, the player). Plain script, no build step. */
(function () {
  'use strict';

  var body = document.body;
  var texts = {};
  try {
    texts = JSON.parse(body.getAttribute('data-text') || '{}');
  } catch (e) {
    texts = {};
  }
  var lang = body.getAttribute('data-lang') || document.documentElement.lang || 'en';

  /** The page's text for key with {name} placeholders filled in. */
  function text(key, values) {
    var s = texts[key] || key;
    if (values) {
      Object.keys(values).forEach(function (name) {
        s = s.split('{' + name + '}').join(String(values[name]));
      });
    }
    return s;
  }

  /** mm:ss, or h:mm:ss from an hour on. */
  function clock(seconds) {
    var s = Math.max(0, Math.floor(seconds));
    var h = Math.floor(s / 3600);
    var m = Math.floor((s % 3600) / 60);
    var r = s % 60;
    var two = function (n) { return (n < 10 ? '0' : '') + n; };
    return h > 0 ? h + ':' + two(m) + ':' + two(r) : two(m) + ':' + two(r);
  }

  function reducedMotion() {
    return window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  }

  /** Whether a key event belongs to a text field (page shortcuts stay out of its way). */
  function typing(event) {
    var t = event.target;
    if (!t || !t.tagName) {
      return false;
    }
    var tag = t.tagName.toLowerCase();
    return tag === 'input' || tag === 'textarea' || tag === 'select' || t.isContentEditable;
  }

  function sameSource(audio, url) {
    var current = audio.currentSrc || audio.getAttribute('src') || '';
    var strip = function (u) { return u.split('#')[0]; };
    return url && strip(current) === strip(new URL(url, location.href).href);
  }

  /**
   * Plays audio from a second: loads the source first when it is another one, seeks once the player knows the
   * duration (seeking needs the server to answer range requests, which podcast hosts do), then plays.
   */
  function playFrom(audio, url, seconds) {
    return new Promise(function (resolve, reject) {
      function seekAndPlay() {
        try {
          audio.currentTime = seconds;
        } catch (e) {
          /* not seekable yet: plays from the start */
        }
        var played = audio.play();
        if (played && played.then) {
          played.then(resolve, reject);
        } else {
          resolve();
        }
      }
      if (url && !sameSource(audio, url)) {
        audio.src = url;
        audio.addEventListener('loadedmetadata', seekAndPlay, { once: true });
        audio.addEventListener('error', function () { reject(new Error('audio failed')); }, { once: true });
        audio.load();
      } else if (audio.readyState >= 1) {
        seekAndPlay();
      } else {
        audio.addEventListener('loadedmetadata', seekAndPlay, { once: true });
        if (audio.preload === 'none') {
          audio.load();
        }
      }
    });
  }

  /** Copies text to the clipboard (the API where the page is a secure context, else a hidden text area). */
  function copy(value) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(value);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement('textarea');
      area.value = value;
      area.setAttribute('readonly', '');
      area.className = 'visually-hidden';
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try {
        ok = document.execCommand('copy');
      } catch (e) {
        ok = false;
      }
      document.body.removeChild(area);
      if (ok) {
        resolve();
      } else {
        reject(new Error('copy refused'));
      }
    });
  }

  /** The page URL with these parameters set (null or empty: removed), keeping the others. */
  function urlWith(changes) {
    var url = new URL(location.href);
    Object.keys(changes).forEach(function (name) {
      var value = changes[name];
      if (value === null || value === undefined || value === '') {
        url.searchParams.delete(name);
      } else {
        url.searchParams.set(name, value);
      }
    });
    return url.pathname + url.search + url.hash;
  }

  window.Podgrep = {
    lang: lang,
    text: text,
    clock: clock,
    reducedMotion: reducedMotion,
    typing: typing,
    playFrom: playFrom,
    copy: copy,
    urlWith: urlWith
  };
})();
