// Read aloud: buttons marked data-read-aloud="#id" read that element with the browser's own
// speech synthesis. They stay hidden where the browser cannot speak (no 'speechSynthesis').
(function () {
  "use strict";
  if (!("speechSynthesis" in window) || typeof SpeechSynthesisUtterance === "undefined") { return; }
  var lang = document.documentElement.lang || "fr";
  var speaking = null;

  function stop() {
    window.speechSynthesis.cancel();
    if (speaking) {
      speaking.setAttribute("aria-pressed", "false");
      speaking.querySelector(".read-aloud-label").textContent = speaking.getAttribute("data-label-start");
      speaking = null;
    }
  }

  function init(root) {
    var buttons = root.querySelectorAll ? root.querySelectorAll("[data-read-aloud]") : [];
    Array.prototype.forEach.call(buttons, setUp);
  }

  function setUp(button) {
    if (button.getAttribute("data-ready")) { return; }
    button.setAttribute("data-ready", "1");
    button.hidden = false;
    button.setAttribute("aria-pressed", "false");
    button.addEventListener("click", function () {
      var wasMe = speaking === button;
      stop();
      if (wasMe) { return; }
      var target = document.querySelector(button.getAttribute("data-read-aloud"));
      if (!target) { return; }
      var clone = target.cloneNode(true);
      Array.prototype.forEach.call(clone.querySelectorAll("[data-read-aloud], .visually-hidden, .no-print, [aria-hidden='true'], script, style"), function (el) { el.remove(); });
      var utterance = new SpeechSynthesisUtterance(clone.textContent.replace(/\s+/g, " ").trim());
      utterance.lang = target.closest("[lang]") ? target.closest("[lang]").getAttribute("lang") : lang;
      utterance.rate = 0.9; // a little slower than the default: easier to follow
      utterance.onend = utterance.onerror = function () { if (speaking === button) { stop(); } };
      speaking = button;
      button.setAttribute("aria-pressed", "true");
      button.querySelector(".read-aloud-label").textContent = button.getAttribute("data-label-stop");
      window.speechSynthesis.speak(utterance);
    });
  }

  init(document);
  // Pages changed by htmx (hx-boost in the questionnaire) bring new buttons.
  document.addEventListener("htmx:load", function (event) { stop(); init(event.target); });
  window.addEventListener("pagehide", stop);
})();
