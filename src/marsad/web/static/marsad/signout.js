/* Signing out forgets the form copies this browser kept (see entry/drafts.js): on a shared
 * computer the next person must not find them. The server keeps the drafts themselves. */
(function () {
  "use strict";
  const form = document.querySelector("form[data-signout]");
  if (!form) return;
  form.addEventListener("submit", function () {
    try {
      const doomed = [];
      for (let i = 0; i < window.localStorage.length; i += 1) {
        const key = window.localStorage.key(i);
        if (key && key.startsWith("marsad-entry:")) doomed.push(key);
      }
      doomed.forEach((key) => window.localStorage.removeItem(key));
    } catch (error) {
      /* storage unavailable: nothing was kept */
    }
  });
})();
