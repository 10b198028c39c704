// Conflicts: contradictions and updates side by side, each estimate with its quote.
"use strict";
(() => {
  const { el, api, showError, figure, pageParams, setPageParams } = CT;
  const form = document.getElementById("filters");
  const list = document.getElementById("list");
  const error = document.getElementById("error");
  // Conflicts per page: each is a card with two quotes.
  const PAGE = 20;
  let offset = 0;

  function side(label, row) {
    return el("div", { class: "side" },
      el("p", {}, el("span", { class: "muted" }, label + " · "), row.stated_on || "undated"),
      el("p", {}, el("strong", {}, figure(row)), " — ", row.source || "(no source)",
         row.hedged ? el("span", { class: "badge" }, "hedged") : null),
      el("blockquote", {}, row.quote),
      row.claim_id !== null ? el("a", { href: "#", "data-claim": row.claim_id, onclick: (ev) => open(ev, row.claim_id) },
                                 "open the evidence →") : null);
  }

  async function open(ev, claimId) {
    ev.preventDefault();
    try { location.assign(CT.evidenceHref(await api(`/api/claims/${claimId}`))); } catch (e) { showError(error, e); }
  }

  async function load() {
    showError(error, null);
    const params = { ...Object.fromEntries(new FormData(form)), limit: PAGE, offset };
    setPageParams(params);
    try {
      const page = await api("/api/conflicts", params);
      list.replaceChildren(...page.rows.map((c) => el("section", { class: "conflict" },
        el("h2", {}, el("span", { class: `badge ${c.kind}` }, c.kind), " ", c.measure,
           c.actor ? ` · ${c.actor}` : "", el("span", { class: "muted" }, ` — ${c.reason}`)),
        side("earlier", c.earlier), side("later", c.later))));
      if (!page.rows.length) list.replaceChildren(el("p", { class: "muted" }, "No conflicts match."));
      document.getElementById("prev").disabled = offset === 0;
      document.getElementById("next").disabled = !page.has_more;
      document.getElementById("range").textContent = page.rows.length ? `${offset + 1}–${offset + page.rows.length}` : "";
    } catch (e) { showError(error, e); }
  }

  async function init() {
    const select = document.getElementById("measure");
    for (const m of await api("/api/measures")) select.append(el("option", { value: m.measure }, m.measure));
    const given = pageParams();
    for (const [k, v] of Object.entries(given)) if (form.elements[k]) form.elements[k].value = v;
    offset = Number(given.offset || 0);
    await load();
  }

  form.addEventListener("submit", (ev) => { ev.preventDefault(); offset = 0; load(); });
  document.getElementById("prev").addEventListener("click", () => { offset = Math.max(0, offset - PAGE); load(); });
  document.getElementById("next").addEventListener("click", () => { offset += PAGE; load(); });
  window.addEventListener("DOMContentLoaded", () => init().catch((e) => showError(error, e)));
})();
