// Keyboard shortcuts on the pair page: S, D, U press Same, Different, Unsure.
// event.code is the physical key, so the shortcuts also work with an Arabic keyboard layout.
(function () {
  "use strict";
  var form = document.getElementById("verdict-form");
  if (!form) return;
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    var button = form.querySelector('button[data-key="' + event.code + '"]');
    if (!button) return;
    event.preventDefault();
    button.click();
  });
})();
