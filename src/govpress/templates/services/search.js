// Client-side search over data/search.json: name, department, body, keywords and category.
// Without JavaScript the search page points to the A to Z list.
(function () {
  "use strict";
  var results = document.getElementById("search-results");
  if (!results || !window.fetch || !window.URLSearchParams) { return; }
  var query = (new URLSearchParams(window.location.search).get("q") || "").trim().toLowerCase();
  var input = document.getElementById("search-services");
  if (input) { input.value = query; }
  if (!query) { return; }
  var base = results.getAttribute("data-index").replace(/data\/search\.json$/, "");
  fetch(results.getAttribute("data-index")).then(function (response) { return response.json(); }).then(function (entries) {
    var words = query.split(/\s+/);
    var found = entries.filter(function (entry) {
      var text = [entry.name, entry.department, entry.abbr, entry.body, entry.keywords, entry.category].join(" ").toLowerCase();
      return words.every(function (word) { return text.indexOf(word) !== -1; });
    });
    var heading = document.createElement("h2");
    heading.className = "govuk-heading-m";
    heading.textContent = found.length + (found.length === 1 ? " service" : " services") + " found";
    var list = document.createElement("ul");
    list.className = "govuk-list";
    found.forEach(function (entry) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = base + entry.url;
      link.textContent = entry.name;
      item.appendChild(link);
      item.appendChild(document.createTextNode(" (" + entry.abbr + (entry.historic ? "; older data" : "") + ")"));
      list.appendChild(item);
    });
    results.appendChild(heading);
    results.appendChild(list);
  });
}());
