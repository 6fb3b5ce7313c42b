// BorderWatch script snippet: turns each <div data-borderwatch="crossing/upper-lars?lang=ar"> into the widget's iframe,
// served by the same server as this script, and keeps each iframe as tall as its card.
(function () {
  'use strict';
  var script = document.currentScript;
  var origin = new URL(script ? script.src : location.href).origin;
  var frames = [];

  function build(host) {
    if (host.getAttribute('data-borderwatch-ready')) return;
    host.setAttribute('data-borderwatch-ready', '1');
    var widget = host.getAttribute('data-borderwatch');
    var fixed = /[?&]height=(\d+)/.exec(widget);
    var isMap = widget.indexOf('map') === 0;
    var frame = document.createElement('iframe');
    frame.src = origin + '/embed/' + widget;
    frame.title = host.getAttribute('data-title') || 'BorderWatch';
    frame.loading = 'lazy';
    frame.style.border = '0';
    frame.style.width = '100%';
    frame.style.maxWidth = isMap ? '640px' : '480px';
    frame.style.height = (fixed ? fixed[1] : isMap ? 400 : 200) + 'px';
    frames.push({ frame: frame, fixed: !!fixed });
    host.appendChild(frame);
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== origin || !event.data || event.data.borderwatch !== 'height') return;
    frames.forEach(function (f) {
      if (!f.fixed && f.frame.contentWindow === event.source) f.frame.style.height = event.data.height + 'px';
    });
  });

  Array.prototype.forEach.call(document.querySelectorAll('[data-borderwatch]'), build);
})();
