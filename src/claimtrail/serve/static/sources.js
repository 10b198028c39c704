// Sources: who cites whom (outlet -> speaker -> source), with counts.
"use strict";
(() => {
  const { el, api, showError, pageParams, setPageParams } = CT;
  const form = document.getElementById("filters");
  const body = document.getElementById("table").tBodies[0];
  const error = document.getElementById("error");
  // Rows shown: the most frequent citation chains of the ledger.
  const ROWS = 500;

  async function load() {
    showError(error, null);
    const params = Object.fromEntries(new FormData(form));
    setPageParams(params);
    try {
      const page = await api("/api/citations", { ...params, limit: ROWS });
      const claimsHref = (r) => {
        const q = new URLSearchParams();
        if (r.outlet) q.set("outlet", r.outlet);
        if (r.source) q.set("source", r.source);
        if (params.measure) q.set("measure", params.measure);
        if (params.language) q.set("language", params.language);
        return "/claims?" + q.toString();
      };
      body.replaceChildren(...page.rows.map((r) => el("tr", { onclick: () => location.assign(claimsHref(r)) },
        el("td", {}, r.outlet || "(unknown outlet)"), el("td", {}, r.stated_by || "—"),
        el("td", {}, r.source || "—"), el("td", {}, r.claims), el("td", {}, r.documents))));
    } catch (e) { showError(error, e); }
  }

  async function init() {
    const select = document.getElementById("measure");
    for (const m of await api("/api/measures")) select.append(el("option", { value: m.measure }, m.measure));
    for (const [k, v] of Object.entries(pageParams())) if (form.elements[k]) form.elements[k].value = v;
    await load();
  }

  form.addEventListener("submit", (ev) => { ev.preventDefault(); load(); });
  window.addEventListener("DOMContentLoaded", () => init().catch((e) => showError(error, e)));
})();
