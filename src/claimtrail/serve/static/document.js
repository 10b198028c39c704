// A document: its original text with boilerplate greyed and every claim highlighted.
"use strict";
(() => {
  const { el, api, showError, figure } = CT;
  const text = document.getElementById("text");
  const panel = document.getElementById("panel");
  const error = document.getElementById("error");
  let byId = new Map();

  /** Pieces of the text between every block and claim boundary, each with its block kind and claim. */
  function pieces(doc) {
    const cuts = new Set([0, doc.text.length]);
    for (const b of doc.blocks) { cuts.add(b.start); cuts.add(b.end); }
    for (const c of doc.claims) { cuts.add(c.span[0]); cuts.add(c.span[1]); }
    const points = [...cuts].filter((p) => p >= 0 && p <= doc.text.length).sort((a, b) => a - b);
    const out = [];
    let bi = 0;
    for (let i = 0; i + 1 < points.length; i++) {
      const [start, end] = [points[i], points[i + 1]];
      while (bi < doc.blocks.length && doc.blocks[bi].end <= start) bi++;
      const block = doc.blocks[bi] && doc.blocks[bi].start <= start ? doc.blocks[bi] : null;
      const claim = doc.claims.find((c) => c.span[0] <= start && end <= c.span[1]) || null;
      out.push({ start, end, kind: block ? block.kind : "outside", claim });
    }
    return out;
  }

  function select(claimId, scroll) {
    const claim = byId.get(claimId);
    if (!claim) return;
    for (const m of text.querySelectorAll("mark.selected")) m.classList.remove("selected");
    const marks = text.querySelectorAll(`mark[data-claim="${claimId}"]`);
    for (const m of marks) m.classList.add("selected");
    panel.replaceChildren(el("h2", {}, figure(claim)), el("blockquote", {}, claim.quote), CT.claimFields(claim),
      claim.fact ? el("p", {}, el("a", { href: `/claims?measure=${encodeURIComponent(claim.measure)}` },
                                  "more claims of this measure →")) : null);
    if (scroll && marks.length) marks[0].scrollIntoView({ block: "center" });
    history.replaceState(null, "", `#claim-${claimId}`);
  }

  async function init() {
    const ref = decodeURIComponent(location.pathname.replace(/^\/documents\//, ""));
    const doc = await api(`/api/documents/${encodeURIComponent(ref)}`);
    document.title = `${doc.title || doc.doc} · claimtrail`;
    document.getElementById("title").textContent = doc.title || doc.doc;
    document.getElementById("meta").textContent = [doc.outlet, doc.published,
      doc.language ? `language: ${doc.language}` : null, doc.doc,
      `${doc.claims.length} claim(s)`, doc.copy_of ? "near-duplicate copy of another document" : null]
      .filter(Boolean).join(" · ");
    byId = new Map(doc.claims.map((c) => [c.id, c]));
    text.replaceChildren(...pieces(doc).map((p) => {
      const chunk = doc.text.slice(p.start, p.end);
      if (!p.claim) return el("span", { class: p.kind }, chunk);
      return el("mark", { class: p.kind, "data-claim": p.claim.id, tabindex: 0, title: "click for the claim",
                          onclick: () => select(p.claim.id, false) }, chunk);
    }));
    const wanted = /^#claim-(\d+)$/.exec(location.hash);
    if (wanted) select(Number(wanted[1]), true);
  }

  window.addEventListener("DOMContentLoaded", () => init().catch((e) => showError(error, e)));
})();
