// Enhancements only: every page works without this file. Ticking a filter or choosing a sort
// order submits the search form at once (the Apply buttons are hidden by CSS when this runs).
document.documentElement.classList.add("js");
document.addEventListener("change", function (event) {
  var el = event.target;
  var form = el.form;
  if (form && form.id === "search-form" && (el.type === "checkbox" || el.tagName === "SELECT")) {
    form.submit();
  }
});
