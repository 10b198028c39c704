// The story timeline: every estimate of one measure over statement date, drawn with plotly.js.
"use strict";
(() => {
  const { el, api, showError, figure, chain, pageParams, setPageParams } = CT;
  // Category colours (plotly's own default sequence): distinct for up to ten sources.
  const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
                   "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#ad494a"];
  const OTHER_COLOUR = "#a3a9b5";
  // Sources with a colour and legend entry of their own; the rest are drawn as
  // "other sources": more colours than this cannot be told apart.
  const MAX_SOURCES = PALETTE.length;
  // Estimates one chart asks for (the server's [serve] max_chart_rows).
  const CHART_ROWS = 20000;
  // Above this many points the chart draws with WebGL: SVG markers slow down past a few thousand.
  const WEBGL_POINTS = 2000;
  const SYMBOLS = { point: "circle", more_than: "triangle-up", up_to: "triangle-down", at_most: "triangle-down",
                    range: "diamond", vague: "star" };
  const form = document.getElementById("filters");
  const chart = document.getElementById("chart");
  const panel = document.getElementById("panel");
  const error = document.getElementById("error");
  const claims = new Map();
  let measure = null;

  /** Text for plotly's hover label: plotly reads a few HTML tags there, so the text is escaped. */
  function esc(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }
  function wrap(text, width) {
    const words = String(text).split(/\s+/);
    const lines = [];
    let line = "";
    for (const w of words) {
      if ((line + " " + w).length > width && line) { lines.push(line); line = w; } else line = line ? line + " " + w : w;
    }
    if (line) lines.push(line);
    return lines.slice(0, 6).map(esc).join("<br>") + (lines.length > 6 ? " …" : "");
  }

  function yOf(row) {
    if (row.qualifier === "range") return (row.low + row.high) / 2;
    if (row.qualifier === "up_to" || row.qualifier === "at_most") return row.high;
    return row.low !== null ? row.low : row.high;
  }

  function traces(rows, useGl) {
    const counts = new Map();
    for (const r of rows) counts.set(r.source || "(no source)", (counts.get(r.source || "(no source)") || 0) + 1);
    const named = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, MAX_SOURCES).map(([s]) => s);
    const colour = new Map(named.map((s, i) => [s, PALETTE[i]]));
    const top = Math.max(...rows.map((r) => (r.high !== null ? r.high : r.low) || 0)) * 1.15 || 1;
    const groups = new Map();
    for (const r of rows) {
      const name = colour.has(r.source || "(no source)") ? r.source || "(no source)" : "other sources";
      if (!groups.has(name)) groups.set(name, { x: [], y: [], symbol: [], text: [], ids: [], bx: [], by: [] });
      const g = groups.get(name);
      const y = yOf(r);
      g.x.push(r.stated_on); g.y.push(y); g.ids.push(r.claim_id);
      g.symbol.push((SYMBOLS[r.qualifier] || "circle") + (r.hedged ? "-open" : ""));
      g.text.push(`<b>${esc(figure(r))}</b> · ${esc(r.stated_on)}<br>${esc(r.source || "(no source)")}` +
                  ` · ${r.outlets} outlet(s)${r.hedged ? " · hedged" : ""}<br>${wrap(r.quote, 70)}`);
      if (r.qualifier === "range" || r.qualifier === "more_than" || r.qualifier === "up_to" || r.qualifier === "at_most"
          || (r.qualifier === "vague" && r.high === null)) {
        const low = r.low !== null ? r.low : 0;
        const high = r.high !== null ? r.high : top;
        g.bx.push(r.stated_on, r.stated_on, null); g.by.push(low, high, null);
      }
    }
    const out = [];
    const type = useGl ? "scattergl" : "scatter";
    for (const [name, g] of groups) {
      const c = colour.get(name) || OTHER_COLOUR;
      if (g.bx.length) {
        out.push({ type, mode: "lines", x: g.bx, y: g.by, line: { color: c, width: 2 }, opacity: 0.45,
                   hoverinfo: "skip", legendgroup: name, showlegend: false });
      }
      out.push({ type, mode: "markers", name, legendgroup: name, x: g.x, y: g.y, customdata: g.ids,
                 text: g.text, hoverinfo: "text",
                 marker: { color: c, symbol: g.symbol, size: 9, line: { color: c, width: 1.5 } } });
    }
    return out;
  }

  async function preview(claimId) {
    if (claimId === null || claimId === undefined) return null;
    if (!claims.has(claimId)) claims.set(claimId, api(`/api/claims/${claimId}`));
    const claim = await claims.get(claimId);
    panel.replaceChildren(
      el("h2", { class: "figure" }, figure(claim)),
      el("blockquote", { id: "preview-quote" }, claim.quote),
      el("p", {}, el("span", { class: "muted" }, "chain: "), el("span", { id: "preview-chain" }, chain(claim))),
      el("p", {}, el("span", { class: "muted" }, "outlet: "), claim.outlet || "(unknown)",
         el("span", { class: "muted" }, " · stated on "), claim.stated_on || "?"),
      el("p", {}, el("a", { href: CT.evidenceHref(claim), id: "preview-link" }, "open the evidence →")));
    return claim;
  }

  async function draw() {
    showError(error, null);
    const params = Object.fromEntries(new FormData(form));
    setPageParams({ measure, ...params });
    const page = await api("/api/timeline", { measure, actor: params.actor, source: params.source,
                                               since: params.since, until: params.until, limit: CHART_ROWS });
    const dated = page.rows.filter((r) => r.stated_on);
    const useGl = dated.length > WEBGL_POINTS;
    const layout = {
      margin: { l: 70, r: 20, t: 20, b: 50 }, hovermode: "closest", showlegend: true,
      legend: { orientation: "h", y: -0.15 },
      xaxis: { type: "date", title: { text: "statement date" } },
      yaxis: { type: params.scale === "log" ? "log" : "linear", title: { text: measure }, rangemode: "tozero" },
    };
    await Plotly.react(chart, traces(dated, useGl), layout, { displaylogo: false, responsive: true });
    const undated = page.rows.length - dated.length;
    document.getElementById("summary").textContent =
      `${dated.length.toLocaleString("en-US")} estimate(s) of “${measure}” drawn` +
      (undated ? `; ${undated} undated not shown` : "") + (page.has_more ? `; the first ${CHART_ROWS} only` : "");
    window.ctTimeline = { points: dated.length, drawnAt: performance.now(), webgl: useGl };
  }

  function bindChart() {
    chart.on("plotly_hover", (ev) => { preview(ev.points[0].customdata).catch((e) => showError(error, e)); });
    chart.on("plotly_click", async (ev) => {
      try {
        const claim = await preview(ev.points[0].customdata);
        if (claim) location.assign(CT.evidenceHref(claim));
      } catch (e) { showError(error, e); }
    });
  }

  async function init() {
    const given = pageParams();
    for (const [k, v] of Object.entries(given)) if (form.elements[k]) form.elements[k].value = v;
    const measures = await api("/api/measures");
    const tabs = document.getElementById("measures");
    measure = given.measure || (measures.find((m) => m.claims > 0) || measures[0]).measure;
    for (const m of measures) {
      tabs.append(el("button", { type: "button", role: "tab", "data-measure": m.measure,
        "aria-selected": String(m.measure === measure),
        onclick: (ev) => {
          measure = m.measure;
          for (const b of tabs.children) b.setAttribute("aria-selected", String(b === ev.currentTarget));
          draw().catch((e) => showError(error, e));
        } }, `${m.measure} (${m.claims})`));
    }
    await draw();
    bindChart();
  }

  form.addEventListener("submit", (ev) => { ev.preventDefault(); draw().catch((e) => showError(error, e)); });
  window.addEventListener("DOMContentLoaded", () => init().catch((e) => showError(error, e)));
})();
