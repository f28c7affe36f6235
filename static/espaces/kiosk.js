// Kiosk mode (/borne/): the screen forgets its visitor after a while without any input.
// No inline script (the Content-Security-Policy forbids them): the delay and the reset address
// come from the <body> (data-kiosk-idle, in seconds; data-kiosk-reset). The server forgets the
// visitor too (espaces/kiosk/middleware.py) if this script did not run.
(function () {
  "use strict";
  var body = document.body;
  var idle = parseInt(body.getAttribute("data-kiosk-idle"), 10) || 120;
  var resetUrl = body.getAttribute("data-kiosk-reset") || "/borne/recommencer/";
  var warnFor = Math.min(20, Math.floor(idle / 3)); // seconds of warning before the reset
  var lang = (document.documentElement.lang || "fr").slice(0, 2);
  var text = lang === "en"
    ? { warn: "No activity: everything will be erased in ", secs: " s.", stay: "I'm still here" }
    : { warn: "Sans action de votre part, tout sera effacé dans ", secs: " s.", stay: "Je suis encore là" };
  var warnTimer = null, resetTimer = null, tick = null, banner = null;

  function reset() {
    // replace(): the previous visitor's page does not stay in the history.
    window.location.replace(resetUrl);
  }

  function hideWarning() {
    if (banner) { banner.remove(); banner = null; }
    if (tick) { clearInterval(tick); tick = null; }
  }

  function showWarning() {
    var left = warnFor;
    banner = document.createElement("div");
    banner.className = "kiosk-warning";
    banner.setAttribute("role", "alertdialog");
    banner.setAttribute("aria-live", "assertive");
    var message = document.createElement("span");
    message.textContent = text.warn + left + text.secs;
    var stay = document.createElement("button");
    stay.type = "button";
    stay.textContent = text.stay;
    stay.addEventListener("click", restart);
    banner.appendChild(message);
    banner.appendChild(stay);
    body.appendChild(banner);
    stay.focus();
    tick = setInterval(function () {
      left -= 1;
      message.textContent = text.warn + Math.max(left, 0) + text.secs;
    }, 1000);
  }

  function restart() {
    hideWarning();
    clearTimeout(warnTimer);
    clearTimeout(resetTimer);
    warnTimer = setTimeout(showWarning, (idle - warnFor) * 1000);
    resetTimer = setTimeout(reset, idle * 1000);
  }

  ["pointerdown", "keydown", "input", "touchstart", "wheel"].forEach(function (name) {
    document.addEventListener(name, restart, { passive: true, capture: true });
  });

  // Places a visitor of a kiosk never reaches (espaces/kiosk/lock.py says the same).
  var closed = ["/equipe/", "/admin/", "/api/", "/borne/quitter/"];

  function leavesKiosk(url) {
    if (url.origin !== window.location.origin) { return true; } // other sites, mailto:, tel:
    return closed.some(function (prefix) { return url.pathname.indexOf(prefix) === 0; });
  }

  function lockDown(root) {
  if (!root.querySelectorAll) { return; }
  // No way out of the site: links to other sites or to the team's pages become plain text.
  Array.prototype.forEach.call(root.querySelectorAll("a[href]"), function (link) {
    var url;
    try { url = new URL(link.getAttribute("href"), window.location.href); } catch (e) { return; }
    if (leavesKiosk(url)) {
      var span = document.createElement("span");
      span.className = "kiosk-outside";
      span.textContent = link.textContent;
      link.replaceWith(span);
    } else if (link.target) {
      link.removeAttribute("target");
    }
  });

  // Nothing typed on a shared screen is remembered by the browser's autofill.
  Array.prototype.forEach.call(root.querySelectorAll("form, input, textarea"), function (el) {
    el.setAttribute("autocomplete", "off");
  });
  }

  lockDown(document);
  // Content brought by htmx (hx-boost) is locked down the same way.
  document.addEventListener("htmx:load", function (event) { lockDown(event.target); });

  // A page restored from the back-forward cache is a page of the previous visitor: reload it.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) { window.location.reload(); }
  });

  restart();
})();
