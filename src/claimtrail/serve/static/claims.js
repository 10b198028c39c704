// The claims table: filters, sorting, paging and a CSV download of the current filter.
"use strict";
(() => {
  const { el, api, showError, figure, pageParams, setPageParams } = CT;
  const form = document.getElementById("filters");
  const table = document.getElementById("table");
  const error = document.getElementById("error");
  // Column label -> the API's sort name (null: not sortable; the API sorts only on
  // what it has an index for) and the cell's value.
  const COLUMNS = [
    ["stated on", "stated_on", (c) => c.stated_on || ""],
    ["figure", "value", (c) => figure(c)],
    ["claim text", null, (c) => c.text],
    ["measure", null, (c) => c.measure],
    ["actor", null, (c) => c.actor || ""],
    ["stated by", null, (c) => c.stated_by || ""],
    ["source", null, (c) => c.source || ""],
    ["outlet", null, (c) => c.outlet || ""],
    ["lang", null, (c) => c.language || ""],
    ["hedged", null, (c) => (c.hedged ? "hedged" : "")],
    ["document", null, (c) => c.doc],
  ];
  let sort = "stored";
  let offset = 0;
  // The number of the latest load: an answer to an older one (two quick sort clicks)
  // arrives late or out of order and is dropped, so the table shows the last request.
  let latest = 0;

  function filters() {
    const params = Object.fromEntries(new FormData(form));
    return { ...params, sort, offset };
  }

  function head() {
    const row = el("tr", {}, COLUMNS.map(([label, key]) => {
      const arrow = key && sort === key ? " ▲" : key && sort === "-" + key ? " ▼" : "";
      return el("th", { class: key ? "sortable" : null, "data-sort": key,
        onclick: key ? () => { sort = sort === key ? "-" + key : key; offset = 0; load(); } : null }, label + arrow);
    }));
    table.tHead.replaceChildren(row);
  }

  async function load() {
    const request = ++latest;
    const current = () => request === latest;
    showError(error, null);
    const params = filters();
    setPageParams(params);
    head();
    const csv = new URL("/api/claims.csv", location.origin);
    for (const [k, v] of Object.entries(params)) if (v !== "" && k !== "limit" && k !== "offset") csv.searchParams.set(k, v);
    document.getElementById("csv").href = csv.pathname + csv.search;
    try {
      const page = await api("/api/claims", params);
      if (!current()) return;
      table.tBodies[0].replaceChildren(...page.rows.map((c) =>
        el("tr", { "data-claim": c.id, onclick: () => location.assign(CT.evidenceHref(c)) },
          COLUMNS.map(([, , value]) => el("td", {}, value(c))))));
      const limit = Number(params.limit);
      document.getElementById("prev").disabled = offset === 0;
      document.getElementById("next").disabled = !page.has_more;
      const range = document.getElementById("range");
      range.textContent = page.rows.length ? `${offset + 1}–${offset + page.rows.length}` : "no claims match";
      if (page.rows.length) {
        const { total } = await api("/api/claims/count", params);
        if (!current()) return;
        range.textContent = `${offset + 1}–${offset + page.rows.length} of ${total.toLocaleString("en-US")}`;
      }
      table.dataset.limit = String(limit);
      table.dataset.loaded = String(request);
    } catch (e) { if (current()) showError(error, e); }
  }

  async function init() {
    const measures = await api("/api/measures");
    const select = document.getElementById("measure");
    for (const m of measures) select.append(el("option", { value: m.measure }, `${m.measure} (${m.claims})`));
    const given = pageParams();
    for (const [k, v] of Object.entries(given)) if (form.elements[k]) form.elements[k].value = v;
    sort = given.sort || "stored";
    offset = Number(given.offset || 0);
    await load();
  }

  form.addEventListener("submit", (ev) => { ev.preventDefault(); offset = 0; load(); });
  document.getElementById("prev").addEventListener("click", () => {
    offset = Math.max(0, offset - Number(form.elements.limit.value)); load();
  });
  document.getElementById("next").addEventListener("click", () => { offset += Number(form.elements.limit.value); load(); });
  window.addEventListener("DOMContentLoaded", () => init().catch((e) => showError(error, e)));
})();
