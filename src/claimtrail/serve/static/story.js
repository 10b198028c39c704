// One story: its title, dates and counts, its views (timeline, claims, conflicts, sources) and its documents.
"use strict";
(() => {
  const { el, api, showError, storyViews } = CT;
  // Documents listed: every document of a story, up to the API's page size.
  const DOCUMENTS = 500;
  const NUMBER = new Intl.NumberFormat("en-US");

  async function init() {
    const story = decodeURIComponent(location.pathname.replace(/^\/stories\//, ""));
    const page = await api("/api/stories", { story, limit: 1 });
    if (!page.rows.length) throw new Error(`no story ${story} in the ledger; the Stories page lists them`);
    const s = page.rows[0];
    document.title = `${s.title || s.id} · claimtrail`;
    document.getElementById("title").textContent = s.title || s.id;
    const span = s.first_published ? `${s.first_published} – ${s.last_published}` : "undated";
    document.getElementById("meta").textContent =
      `${s.id} · ${span} · ${s.documents} document(s) · ${NUMBER.format(s.claims)} claim(s)`;
    document.getElementById("views").replaceChildren(...storyViews(story, location.pathname));
    document.getElementById("figures").replaceChildren(...s.top_facts.map((f) => el("li", {},
      el("a", { href: `/claims?story=${encodeURIComponent(story)}&measure=${encodeURIComponent(f.measure)}` },
         `${f.measure}${f.actor ? ", " + f.actor : ""}`),
      `: ${CT.figure(f)}`,
      el("span", { class: "muted" }, ` (${f.claims} claim(s); ${f.sources.join(", ") || "no source"})`))));
    const docs = await api("/api/documents", { story, limit: DOCUMENTS });
    document.getElementById("documents").tBodies[0].replaceChildren(...docs.rows.map((d) => {
      const href = `/documents/${encodeURIComponent(d.id)}`;
      return el("tr", { onclick: () => location.assign(href) }, el("td", {}, d.published || ""),
        el("td", {}, el("a", { href }, d.title || d.doc)), el("td", {}, d.outlet || ""), el("td", {}, d.claims_count));
    }));
  }

  window.addEventListener("DOMContentLoaded", () => init().catch((e) => showError(document.getElementById("error"), e)));
})();
