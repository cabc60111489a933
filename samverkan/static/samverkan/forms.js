// After a refused form, move focus to the summary of what needs fixing, so that keyboard
// and screen-reader users start there (WCAG 3.3.1). Everything works without it.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
});
