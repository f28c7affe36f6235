// Buttons marked data-print open the print dialog (no inline onclick: the CSP forbids it).
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-print]");
  if (button) {
    event.preventDefault();
    window.print();
  }
});
