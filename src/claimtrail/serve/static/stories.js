// The home page: the ledger's stories, the latest first, each a link to its own page.
"use strict";
(() => {
  const { el, api, showError, pageParams, setPageParams } = CT;
  // Stories per page: a screenful of rows.
  const PAGE = 50;
  let body, error;
  let offset = Number(pageParams().offset || 0);

  function topFigure(f) {
    return `${f.measure}${f.actor ? ", " + f.actor : ""}: ${CT.figure(f)} (${f.claims})`;
  }

  function dates(s) {
    if (!s.first_published) return "undated";
    return s.first_published === s.last_published ? s.first_published : `${s.first_published} – ${s.last_published}`;
  }

  async function load() {
    showError(error, null);
    setPageParams(offset ? { offset } : {});
    const page = await api("/api/stories", { limit: PAGE, offset });
    body.replaceChildren(...page.rows.map((s) => {
      const href = `/stories/${encodeURIComponent(s.id)}`;
      return el("tr", { "data-story": s.id, onclick: () => location.assign(href) },
        el("td", {}, el("a", { href }, s.title || s.id)), el("td", {}, dates(s)),
        el("td", {}, s.documents), el("td", {}, s.claims),
        el("td", {}, s.top_facts.map(topFigure).join("; ")));
    }));
    if (!page.rows.length && offset === 0) {
      body.replaceChildren(el("tr", {}, el("td", { colspan: 5, class: "muted" },
        "No stories yet: add articles (the Add articles page, or claimtrail ingest).")));
    }
    document.getElementById("prev").disabled = offset === 0;
    document.getElementById("next").disabled = !page.has_more;
    document.getElementById("range").textContent = page.rows.length ? `${offset + 1}–${offset + page.rows.length}` : "";
  }

  window.addEventListener("DOMContentLoaded", () => {
    body = document.getElementById("table").tBodies[0];
    error = document.getElementById("error");
    document.getElementById("prev").addEventListener("click", () => {
      offset = Math.max(0, offset - PAGE); load().catch((e) => showError(error, e));
    });
    document.getElementById("next").addEventListener("click", () => {
      offset += PAGE; load().catch((e) => showError(error, e));
    });
    load().catch((e) => showError(error, e));
  });
})();
