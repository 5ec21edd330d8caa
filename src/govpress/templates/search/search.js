// The site search (/search/): runs the query of ?q= against the pagefind index and lists the results above the
// A to Z of pages. Without JavaScript (or without the index) the page is the A to Z itself.
// Ranking: pagefind's, with exact words, titles and abbreviations weighted up (RANKING); then, among the first
// LOADED results: an exact title match or the page of an organisation with that abbreviation, then the pages of an
// organisation with that abbreviation, then titles holding every word of the query (or a longer form of it), then pages holding the query
// as a phrase, then the rest; within each group, pages where the query is in a heavier element (a heading) first,
// then pagefind's order. Result text is only ever set as text;
// pagefind's excerpts keep their <mark> elements and nothing else.
const RANKING = {
  termSimilarity: 4, termFrequency: 0.6, pageLength: 0.5, termSaturation: 1.2, metaWeights: { title: 8, abbr: 10 },
};
const LOADED = 100;
const SHOWN = 50;

const form = document.getElementById("search-form");
const input = document.getElementById("search-query");
const results = document.getElementById("search-results");
const status = document.getElementById("search-status");
let engine = null;

function words(text) {
  return text.toLocaleLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

function sections() {
  const found = new Map();
  for (const list of document.querySelectorAll("[data-section]")) {
    for (const link of list.querySelectorAll("a[href]")) {
      found.set(new URL(link.href, window.location.href).pathname, list.getAttribute("data-section"));
    }
  }
  return found;
}

function tier(data, query) {
  const wanted = words(query);
  const phrase = wanted.join(" ");
  const meta = data.meta || {};
  const title = words(meta.title || "");
  const abbreviations = words(meta.abbr || "");
  if (title.join(" ") === phrase || (phrase && abbreviations.join(" ") === phrase)) { return 0; }
  if (wanted.length === 1 && abbreviations.includes(phrase)) { return 1; }
  if (wanted.every((word) => title.some((own) => own.startsWith(word)))) { return 2; }
  return ` ${words(data.content || "").join(" ")} `.includes(` ${phrase} `) ? 3 : 4;
}

function heaviest(data) {
  // The weight of the heaviest element the query was found in (a service page's <h1> 10, other headings 7 to 2,
  // text 1): the same in every shard, where pagefind's scores are not (each shard has its own word statistics).
  return Math.max(1, ...(data.weighted_locations || []).map((location) => location.weight || 1));
}

function excerpt(html) {
  // Only text and <mark> survive: pagefind's excerpt is parsed inert (a template runs and loads nothing).
  const template = document.createElement("template");
  template.innerHTML = html;
  const paragraph = document.createElement("p");
  paragraph.className = "govuk-body govpress-search-results__excerpt";
  for (const node of template.content.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      paragraph.appendChild(mark);
    } else {
      paragraph.appendChild(document.createTextNode(node.textContent));
    }
  }
  return paragraph;
}

function item(data, section) {
  const entry = document.createElement("li");
  entry.className = "govpress-search-results__item";
  const heading = document.createElement("h3");
  heading.className = "govuk-heading-s govpress-search-results__title";
  const link = document.createElement("a");
  link.className = "govuk-link";
  link.href = data.url;
  link.textContent = (data.meta && data.meta.title) || data.url;
  heading.appendChild(link);
  entry.appendChild(heading);
  if (section) {
    const where = document.createElement("p");
    where.className = "govuk-body-s govpress-search-results__section";
    where.textContent = section;
    entry.appendChild(where);
  }
  entry.appendChild(excerpt(data.excerpt || ""));
  return entry;
}

// The sentences, in the page's language (data-text: search/pages.py script_text); the result count has one per
// plural category of the language, chosen by Intl.PluralRules.
const TEXT = JSON.parse((results && results.getAttribute("data-text")) || "{}");
const PLURAL = new Intl.PluralRules(document.documentElement.lang || "en");

function say(message, values) {
  return (message || "").replace(/%\((\w+)\)s/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

function counted(total, query) {
  const forms = TEXT.results || {};
  return say(forms[PLURAL.select(total)] || forms.other || "", { num: total, query });
}

function show(query, found, total) {
  results.replaceChildren();
  const heading = document.createElement("h2");
  heading.className = "govuk-heading-m";
  heading.id = "search-results-heading";
  heading.textContent = counted(total, query);
  results.appendChild(heading);
  status.textContent = heading.textContent;
  if (total === 0) {
    const none = document.createElement("p");
    none.className = "govuk-body";
    none.textContent = say(TEXT.none, {});
    results.appendChild(none);
    return;
  }
  const where = sections();
  const list = document.createElement("ol");
  list.className = "govuk-list govpress-search-results__list";
  list.setAttribute("aria-labelledby", heading.id);
  for (const data of found) {
    list.appendChild(item(data, where.get(new URL(data.url, window.location.href).pathname)));
  }
  results.appendChild(list);
  if (total > found.length) {
    const more = document.createElement("p");
    more.className = "govuk-body";
    more.textContent = say(TEXT.more, { num: found.length });
    results.appendChild(more);
  }
}

function unavailable() {
  results.replaceChildren();
  const message = document.createElement("p");
  message.className = "govuk-body";
  message.textContent = say(TEXT.unavailable, {});
  results.appendChild(message);
  status.textContent = message.textContent;
}

async function load() {
  if (engine === null) {
    // The index is in shards (pagefind/shards.json lists their folders): the first holds pagefind's script and
    // WebAssembly, the others are merged into it; pagefind sorts the merged results by score.
    const index = results.getAttribute("data-index");
    const base = results.getAttribute("data-base");
    engine = fetch(`${index}shards.json`).then((response) => {
      if (!response.ok) { throw new Error(`shards.json: ${response.status}`); }
      return response.json();
    }).then(async (manifest) => {
      const [first, ...others] = manifest.shards;
      const pagefind = await import(`${index}${first}pagefind.js`);
      await pagefind.options({ baseUrl: base, ranking: RANKING });
      await pagefind.init();
      await Promise.all(others.map((shard) => pagefind.mergeIndex(`${index}${shard}`, { baseUrl: base, ranking: RANKING })));
      return pagefind;
    }).catch((error) => {
      engine = null;  // tried again at the next search
      throw error;
    });
  }
  return engine;
}

async function run(query) {
  if (!query.trim()) {
    results.replaceChildren();
    status.textContent = "";
    return;
  }
  results.setAttribute("aria-busy", "true");
  try {
    const pagefind = await load();
    const search = await pagefind.search(query);
    const loaded = await Promise.all(search.results.slice(0, LOADED).map((result) => result.data()));
    const ranked = loaded.map((data, order) => ({ data, order, tier: tier(data, query), weight: heaviest(data) }));
    ranked.sort((a, b) => a.tier - b.tier || b.weight - a.weight || a.order - b.order);
    show(query, ranked.slice(0, SHOWN).map((entry) => entry.data), search.results.length);
  } catch (error) {
    unavailable();
  } finally {
    results.removeAttribute("aria-busy");
  }
}

function fromAddress() {
  const query = new URLSearchParams(window.location.search).get("q") || "";
  input.value = query;
  run(query);
}

if (form && input && results && status) {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const query = input.value;
    const address = new URL(form.action, window.location.href);
    address.search = new URLSearchParams({ q: query }).toString();
    window.history.pushState(null, "", address);
    run(query);
  });
  window.addEventListener("popstate", fromAddress);
  input.addEventListener("focus", () => { load().catch(() => {}); }, { once: true });  // ready by the first key
  fromAddress();
}
