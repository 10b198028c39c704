// One story's alerts: each new contradiction or update with both estimates, their sources, dates and quotes.
"use strict";
(() => {
  const { el, api, showError, storyViews } = CT;
  // Alerts listed: a story's whole history of alerts, up to the API's page size.
  const ALERTS = 200;

  function estimate(label, e) {
    const doc = e.document || {};
    const from = doc.id ? el("a", { href: `/documents/${encodeURIComponent(doc.id)}` }, doc.title || doc.doc) : "";
    return el("div", { class: "estimate" },
      el("strong", {}, `${label}: ${e.figure.text || e.figure.low}`),
      ` from ${e.source || "an unnamed source"}, ${e.stated_on || "undated"}`,
      doc.outlet ? ` (${doc.outlet})` : "", e.new ? el("span", { class: "muted" }, " · new") : "",
      el("blockquote", {}, e.quote || ""), from);
  }

  function delivery(d) {
    const when = d.state === "pending" && d.next_try_at ? `, next try ${d.next_try_at}` : "";
    return el("li", { class: "muted" }, `${d.webhook}: ${d.state} after ${d.attempts} tr(ies)${when}`);
  }

  async function init() {
    const story = decodeURIComponent(location.pathname.replace(/^\/stories\//, "").replace(/\/alerts$/, ""));
    const stories = await api("/api/stories", { story, limit: 1 });
    if (!stories.rows.length) throw new Error(`no story ${story} in the ledger; the Stories page lists them`);
    const title = stories.rows[0].title || story;
    document.title = `Alerts: ${title} · claimtrail`;
    document.getElementById("title").textContent = `Alerts: ${title}`;
    document.getElementById("feed").href = `/stories/${encodeURIComponent(story)}/alerts.atom`;
    document.getElementById("views").replaceChildren(...storyViews(story, location.pathname));
    const page = await api("/api/alerts", { story, limit: ALERTS });
    document.getElementById("empty").hidden = page.rows.length > 0;
    document.getElementById("alerts").replaceChildren(...page.rows.map((a) => el("li", { id: a.id },
      el("h2", {}, a.payload.title || a.kind),
      el("p", { class: "muted" }, `${a.id} · ${a.created_at} · ${a.payload.reason || ""}`),
      estimate("Earlier", a.payload.earlier), estimate("Later", a.payload.later),
      a.deliveries.length ? el("ul", {}, ...a.deliveries.map(delivery)) : "")));
  }

  window.addEventListener("DOMContentLoaded", () => init().catch((e) => showError(document.getElementById("error"), e)));
})();
