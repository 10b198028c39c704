// Conflicts: contradictions and updates side by side, each estimate with its quote, why the pair
// is a conflict, and a control to mark it wrong (the ledger remembers; lists leave it out).
"use strict";
(() => {
  const { el, api, send, showError, figure, pageParams, setPageParams, fillForm } = CT;
  const form = document.getElementById("filters");
  const list = document.getElementById("list");
  const error = document.getElementById("error");
  const hidden = document.getElementById("hidden");
  // Conflicts per page: each is a card with two quotes.
  const PAGE = 20;
  // The tests a pair passed, in the order a reader checks them (the API's "why").
  const WHY = [["story", "story"], ["measure", "measure"], ["population", "counted"], ["periods", "periods"],
               ["sources", "sources"], ["bounds", "figures"]];
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

  function why(c) {
    if (!c.why) return null;
    return el("dl", { class: "why", "aria-label": "why this is a conflict" },
      WHY.map(([key, label]) => [el("dt", {}, label), el("dd", { "data-why": key }, c.why[key])]));
  }

  /** "Mark wrong" (with an optional reason), or for a dismissed conflict its reason and "Undo". */
  function verdict(c) {
    if (c.dismissed) {
      return el("div", { class: "verdict" },
        el("span", { class: "badge dismissed" }, "marked wrong"), " ", c.dismissed_reason || "",
        el("button", { type: "button", class: "undismiss", onclick: () => change("DELETE", c.id) }, "Undo"));
    }
    const reason = el("input", { name: "reason", maxlength: 1000, placeholder: "why is it wrong? (optional)",
                                 "aria-label": "why it is wrong" });
    return el("form", { class: "verdict dismiss",
      onsubmit: (ev) => { ev.preventDefault(); change("POST", c.id, { reason: reason.value || null }); } },
      reason, el("button", { type: "submit" }, "Mark wrong"));
  }

  async function change(method, id, body) {
    try {
      await send(method, `/api/conflicts/${encodeURIComponent(id)}/dismiss`, body);
      await load();
    } catch (e) { showError(error, e); }
  }

  function card(c) {
    return el("section", { class: c.dismissed ? "conflict dismissed" : "conflict", "data-conflict": c.id },
      el("h2", {}, el("span", { class: `badge ${c.kind}` }, c.kind), " ", c.measure,
         c.actor ? ` · ${c.actor}` : "", el("span", { class: "muted" }, ` — ${c.reason}`)),
      el("p", { class: "muted ids" }, el("code", {}, c.id),
         c.story ? [" · ", el("a", { href: `/stories/${encodeURIComponent(c.story)}` }, c.story)] : null),
      why(c), side("earlier", c.earlier), side("later", c.later), verdict(c));
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
      list.replaceChildren(...page.rows.map(card));
      if (!page.rows.length) list.replaceChildren(el("p", { class: "muted" }, "No conflicts match."));
      hidden.textContent = page.dismissed_hidden
        ? `${page.dismissed_hidden} marked wrong and hidden; tick “show” under dismissed to see them.` : "";
      document.getElementById("prev").disabled = offset === 0;
      document.getElementById("next").disabled = !page.has_more;
      document.getElementById("range").textContent = page.rows.length ? `${offset + 1}–${offset + page.rows.length}` : "";
      list.dataset.loaded = String(Number(list.dataset.loaded || 0) + 1);
    } catch (e) { showError(error, e); }
  }

  async function init() {
    const select = document.getElementById("measure");
    for (const m of await api("/api/measures")) select.append(el("option", { value: m.measure }, m.measure));
    const given = pageParams();
    fillForm(form, given);
    offset = Number(given.offset || 0);
    await load();
  }

  form.addEventListener("submit", (ev) => { ev.preventDefault(); offset = 0; load(); });
  document.getElementById("prev").addEventListener("click", () => { offset = Math.max(0, offset - PAGE); load(); });
  document.getElementById("next").addEventListener("click", () => { offset += PAGE; load(); });
  window.addEventListener("DOMContentLoaded", () => init().catch((e) => showError(error, e)));
})();
