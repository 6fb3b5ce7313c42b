// BorderWatch widgets (/embed/crossing/{slug}, /embed/map): formats the numbers in the reader's language, follows the
// hub live through the @microsoft/signalr client (loaded only once the widget is on screen) and polls the widget's
// JSON when no live connection can be kept. No cookies, no storage, no third-party requests.
(function () {
  'use strict';

  var config = JSON.parse(document.getElementById('bw-config').textContent);
  var text = config.text;
  // Western digits in Arabic too: the server's first render uses them, and so do most Arabic news sites for figures.
  var locale = text.lang === 'ar' ? 'ar-u-nu-latn' : text.lang;
  var formats = {};
  var relative = typeof Intl.RelativeTimeFormat === 'function' ? new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }) : null;
  var POLL_MS = 60000;
  var PAUSE_HIDDEN_MS = 120000;
  var MAX_SPARK = 200;

  // ---- Formatting: the same rules as EmbedFormat.cs -------------------------------------------------------------
  function num(value, decimals) {
    var f = formats[decimals] || (formats[decimals] = new Intl.NumberFormat(locale, { maximumFractionDigits: decimals }));
    return f.format(value);
  }

  function fill(template, value) {
    return template.replace('{0}', value);
  }

  function length(km) {
    if (km == null) return '–';
    if (config.units === 'imperial') {
      var miles = km / 1.609344;
      return fill(text.mi, num(miles, miles < 10 ? 1 : 0));
    }
    return km < 1 ? fill(text.m, num(Math.round(km * 100) * 10, 0)) : fill(text.km, num(km, km < 10 ? 1 : 0));
  }

  function vehicles(v) {
    return v == null ? '–' : num(Math.round(v), 0);
  }

  function hours(h) {
    if (h == null) return '–';
    if (h < 1) return fill(text.minutes, num(h * 60, 0));
    return fill(text.hours, num(h, h < 10 ? 1 : 0));
  }

  function severity(h) {
    var s = config.severityHours;
    if (h == null) return 'unknown';
    return h < s[0] ? 'low' : h < s[1] ? 'moderate' : h < s[2] ? 'high' : 'extreme';
  }

  function trend(t) {
    return t === 'rising' ? '↑ ' + text.rising : t === 'falling' ? '↓ ' + text.falling : t === 'steady' ? '→ ' + text.steady : '';
  }

  function age(iso) {
    var seconds = (Date.parse(iso) - Date.now()) / 1000;
    if (!relative) return new Date(iso).toLocaleString(locale);
    var a = Math.abs(seconds);
    if (a < 45) return relative.format(0, 'second');
    if (a < 3600) return relative.format(Math.round(seconds / 60), 'minute');
    if (a < 48 * 3600) return relative.format(Math.round(seconds / 3600), 'hour');
    if (a < 365 * 86400) return relative.format(Math.round(seconds / 86400), 'day');
    return relative.format(Math.round(seconds / (365.25 * 86400)), 'year');
  }

  function el(name) {
    return document.querySelector('[data-bw="' + name + '"]');
  }

  // ---- The card --------------------------------------------------------------------------------------------------
  var card = config.card;

  function setFigure(name, value, estimate, quantity) {
    var node = el(name);
    var derived = estimate.derived.indexOf(quantity) >= 0;
    node.textContent = (derived ? '≈' : '') + value;
    if (derived) node.title = text.derived; else node.removeAttribute('title');
  }

  function drawSpark(points) {
    var svg = el('spark');
    var line = svg.querySelector('polyline');
    var dot = svg.querySelector('circle');
    if (points.length) dot.removeAttribute('hidden'); else dot.setAttribute('hidden', '');
    if (!points.length) {
      line.setAttribute('points', '');
      return;
    }
    var end = points[points.length - 1][0];
    var start = end - 864e5;
    var max = 1;
    points.forEach(function (p) { max = Math.max(max, p[1]); });
    var xy = points.map(function (p) {
      return [((p[0] - start) * 120 / (end - start)).toFixed(1), (27 - p[1] * 26 / max).toFixed(1)];
    });
    line.setAttribute('points', xy.map(function (p) { return p.join(','); }).join(' '));
    dot.setAttribute('cx', xy[xy.length - 1][0]);
    dot.setAttribute('cy', xy[xy.length - 1][1]);
  }

  function renderAge() {
    var time = el('age');
    if (time && time.getAttribute('datetime')) {
      time.textContent = age(time.getAttribute('datetime'));
    }
  }

  function renderCard() {
    var e = card.estimate;
    var has = e.asOf != null;
    el('empty').hidden = has;
    el('figures').hidden = !has;
    el('trend-row').hidden = !has;
    el('meta').hidden = !has;
    if (!has) return;
    setFigure('vehicles', vehicles(e.vehicles), e, 'vehicles');
    setFigure('queue', length(e.queueKm), e, 'queueKm');
    setFigure('wait', hours(e.waitHours), e, 'waitHours');
    el('wait').className = 'bw-value bw-sev bw-sev-' + severity(e.waitHours);
    el('trend').textContent = trend(e.trend);
    el('confidence').textContent = fill(text.confidence, num(Math.round(e.confidence * 100), 0) + '%');
    el('stale').hidden = !e.isStale;
    el('demo').hidden = !e.isDemo;
    el('age').setAttribute('datetime', e.asOf);
    renderAge();
    drawSpark(card.spark);
    reportHeight();
  }

  function onCardEstimate(e) {
    if (!e || e.crossing !== config.slug) return;
    if (e.asOf && e.vehicles != null) {
      var at = Date.parse(e.asOf);
      var points = card.spark.filter(function (p) { return p[0] < at && p[0] >= at - 864e5; });
      points.push([at, Math.round(e.vehicles)]);
      card.spark = points.slice(-MAX_SPARK);
    }
    card.estimate = e;
    renderCard();
  }

  // ---- The map ---------------------------------------------------------------------------------------------------
  var markers = {};

  function tooltip(c) {
    var e = c.estimate;
    var lines = '<strong>' + escapeHtml(c.name) + '</strong>';
    if (e.asOf == null) return lines + '<br>' + escapeHtml(text.noData);
    return lines + '<br>' + escapeHtml(text.wait + ' ' + hours(e.waitHours) + ' · ' + text.queue + ' ' + length(e.queueKm)) +
      '<br><span class="bw-muted">' + escapeHtml(age(e.asOf)) + (e.isStale ? ' · ' + escapeHtml(text.stale) : '') + '</span>';
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (ch) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[ch];
    });
  }

  function dotClass(e) {
    return 'bw-dot bw-sev-' + (e.asOf == null || e.isStale ? 'unknown' : severity(e.waitHours));
  }

  function loadScript(src, done, failed) {
    var script = document.createElement('script');
    script.src = src;
    script.onload = done;
    script.onerror = failed || function () {};
    document.head.appendChild(script);
  }

  function initMap() {
    loadScript(config.leaflet, function () {
      loadScript(config.topojson, function () {
        var L = window.L;
        var map = L.map('bw-map', { attributionControl: false, scrollWheelZoom: false, worldCopyJump: true, zoomSnap: 0.5 });
        var points = config.crossings.map(function (c) { return [c.latitude, c.longitude]; });
        if (points.length === 1) map.setView(points[0], 7);
        else map.fitBounds(points, { padding: [28, 28], maxZoom: 8 });
        // The finer borders (about 240 kB) only where a map is zoomed in enough to need them.
        var bounds = L.latLngBounds(points);
        var near = bounds.getNorth() - bounds.getSouth() < 20 && bounds.getEast() - bounds.getWest() < 30;
        var permanent = config.crossings.length <= 4;
        config.crossings.forEach(function (c) {
          markers[c.slug] = { crossing: c, marker: L.circleMarker([c.latitude, c.longitude], { radius: 7, weight: 2, className: dotClass(c.estimate) })
            .bindTooltip(tooltip(c), { permanent: permanent, direction: 'top', offset: [0, -6] })
            .addTo(map) };
        });
        fetch(near ? config.atlasDetailed : config.atlas).then(function (r) { return r.json(); }).then(function (topo) {
          var land = L.geoJSON(window.topojson.feature(topo, topo.objects.countries), { interactive: false, className: 'bw-land' }).addTo(map);
          land.bringToBack();
        });
        setInterval(function () {
          Object.keys(markers).forEach(function (slug) { markers[slug].marker.setTooltipContent(tooltip(markers[slug].crossing)); });
        }, 30000);
      });
    });
  }

  function onMapEstimate(e) {
    var entry = e && markers[e.crossing];
    if (!entry) return;
    entry.crossing.estimate = e;
    entry.marker.setTooltipContent(tooltip(entry.crossing));
    var path = entry.marker.getElement && entry.marker.getElement();
    if (path) path.setAttribute('class', dotClass(e) + ' leaflet-interactive');
  }

  // ---- Live updates, polling when live is impossible --------------------------------------------------------------
  var connection = null;
  var pollTimer = null;
  var pauseTimer = null;
  var paused = false;

  function onEstimate(e) {
    if (config.kind === 'card') onCardEstimate(e); else onMapEstimate(e);
  }

  function setLive(on) {
    var badge = el('live');
    if (badge) badge.hidden = !on;
  }

  function poll() {
    fetch(config.poll, { cache: 'no-cache', credentials: 'omit' }).then(function (r) {
      return r.ok ? r.json() : null;
    }).then(function (data) {
      if (!data) return;
      if (config.kind === 'card') {
        card.spark = data.spark;
        onCardEstimate(data.estimate);
      } else {
        data.forEach(function (c) { onMapEstimate(c.estimate); });
      }
    }).catch(function () {});
  }

  function startPolling() {
    setLive(false);
    if (pollTimer || paused) return;
    // Catch up at once (the page may come from a cache), then once a minute.
    poll();
    pollTimer = setInterval(poll, POLL_MS);
  }

  function stopPolling() {
    clearInterval(pollTimer);
    pollTimer = null;
  }

  function subscribe() {
    var slugs = config.kind === 'card' ? [config.slug] : config.crossings.map(function (c) { return c.slug; });
    return Promise.all(slugs.map(function (slug) {
      return connection.invoke('SubscribeEmbed', slug).then(onEstimate);
    })).then(function () {
      stopPolling();
      setLive(true);
    }, function () {
      // Refused (the server is at its live-viewer limit) or failed: let the connection go and poll instead.
      connection.stop();
      startPolling();
    });
  }

  function startLive() {
    var signalR = window.signalR;
    // WebSockets straight away: no negotiate round trip per reader. Where WebSockets are blocked, polling takes over.
    connection = new signalR.HubConnectionBuilder()
      .withUrl(config.hub, { transport: signalR.HttpTransportType.WebSockets, skipNegotiation: true, withCredentials: false })
      .withAutomaticReconnect([0, 2000, 10000, 30000, 60000])
      .configureLogging(signalR.LogLevel.None)
      .build();
    connection.on('embedEstimate', onEstimate);
    connection.onreconnecting(function () { setLive(false); });
    connection.onreconnected(subscribe);
    connection.onclose(function () {
      if (!paused) startPolling();
    });
    connection.start().then(subscribe, startPolling);
  }

  var liveRequested = false;

  function goLive() {
    if (liveRequested || config.live === false) return;
    liveRequested = true;
    loadScript(config.signalr, startLive, startPolling);
  }

  // A widget far down an article connects only when a reader scrolls to it.
  function whenVisible(callback) {
    if (!('IntersectionObserver' in window)) {
      callback();
      return;
    }
    var observer = new IntersectionObserver(function (entries) {
      if (entries.some(function (entry) { return entry.isIntersecting; })) {
        observer.disconnect();
        callback();
      }
    });
    observer.observe(document.body);
  }

  // A background tab lets its connection go after two minutes, and catches up when the reader comes back.
  document.addEventListener('visibilitychange', function () {
    if (document.hidden) {
      pauseTimer = setTimeout(function () {
        paused = true;
        stopPolling();
        if (connection) connection.stop();
      }, PAUSE_HIDDEN_MS);
    } else {
      clearTimeout(pauseTimer);
      if (paused) {
        paused = false;
        if (connection) connection.start().then(subscribe, startPolling);
        else poll();
      }
    }
  });

  // ---- Height for the script snippet (wwwroot/embed/widget.js) ----------------------------------------------------
  function reportHeight() {
    if (window.parent === window) return;
    var main = document.querySelector('main');
    window.parent.postMessage({ borderwatch: 'height', height: Math.ceil(main.getBoundingClientRect().height) + 2 }, '*');
  }

  if (config.kind === 'card') {
    renderCard();
    setInterval(renderAge, 30000);
    window.addEventListener('resize', reportHeight);
  } else {
    initMap();
  }
  whenVisible(goLive);
})();
