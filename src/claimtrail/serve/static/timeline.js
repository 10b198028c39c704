// The story timeline: every estimate of one measure over statement date, drawn with BokehJS.
"use strict";
(() => {
  const { el, api, showError, figure, chain, pageParams, setPageParams } = CT;
  // Category colours (the Category10 sequence, then two more): distinct for a dozen sources.
  const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
                   "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#ad494a"];
  const OTHER_COLOUR = "#a3a9b5";
  // Sources with a colour and legend entry of their own; the rest are drawn as
  // "other sources": more colours than this cannot be told apart.
  const MAX_SOURCES = PALETTE.length;
  // Estimates one chart asks for (the server's [serve] max_chart_rows).
  const CHART_ROWS = 20000;
  // Above this many points the chart draws with WebGL: canvas markers slow down past a few thousand.
  const WEBGL_POINTS = 2000;
  const SYMBOLS = { point: "circle", more_than: "triangle", up_to: "inverted_triangle", at_most: "inverted_triangle",
                    range: "diamond", vague: "star" };
  // The fields the chart draws: the quotes, most of a timeline's bytes, come per
  // estimate on hover instead.
  const CHART_FIELDS = "stated_on,qualifier,low,high,source,hedged,outlets,claim_id";
  const FILTERS = ["actor", "source", "since", "until", "story"];
  let form, chart, panel, error;
  const claims = new Map();
  let measure = null;
  let view = null;
  let shown = null;

  function fetchTimeline(wanted, params) {
    const query = { measure: wanted, limit: CHART_ROWS, fields: CHART_FIELDS };
    for (const k of FILTERS) query[k] = params[k];
    return CT.api("/api/timeline/series", query);
  }

  // This script runs in the page's head, before BokehJS has loaded: the data is
  // requested now, so fetching and parsing the chart library overlap.
  const given = pageParams();
  const early = {
    measures: api("/api/measures"),
    timeline: given.measure ? fetchTimeline(given.measure, given) : null,
  };
  early.measures.catch(() => {});
  if (early.timeline) early.timeline.catch(() => {});

  function yOf(row) {
    if (row.qualifier === "range") return (row.low + row.high) / 2;
    if (row.qualifier === "up_to" || row.qualifier === "at_most") return row.high;
    return row.low !== null ? row.low : row.high;
  }

  /** The estimates as Bokeh column data: one point (and maybe a bar) each, coloured by source. */
  function columns(rows) {
    const counts = new Map();
    for (const r of rows) counts.set(r.source || "(no source)", (counts.get(r.source || "(no source)") || 0) + 1);
    const named = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, MAX_SOURCES).map(([s]) => s);
    const colours = new Map(named.map((s, i) => [s, PALETTE[i]]));
    const top = Math.max(...rows.map((r) => (r.high !== null ? r.high : r.low) || 0)) * 1.15 || 1;
    const points = { x: [], y: [], marker: [], colour: [], fill_alpha: [], label: [], date: [], source: [],
                     outlets: [], hedged: [], claim_id: [] };
    const bars = { x0: [], y0: [], x1: [], y1: [], colour: [] };
    let others = false;
    for (const r of rows) {
      const source = r.source || "(no source)";
      const colour = colours.get(source) || OTHER_COLOUR;
      others = others || !colours.has(source);
      const x = Date.parse(r.stated_on);
      points.x.push(x); points.y.push(yOf(r)); points.marker.push(SYMBOLS[r.qualifier] || "circle");
      points.colour.push(colour); points.fill_alpha.push(r.hedged ? 0 : 0.9); points.label.push(figure(r));
      points.date.push(r.stated_on); points.source.push(source); points.outlets.push(r.outlets);
      points.hedged.push(r.hedged ? "yes" : "no"); points.claim_id.push(r.claim_id);
      if (r.qualifier === "range" || r.qualifier === "more_than" || r.qualifier === "up_to" || r.qualifier === "at_most"
          || (r.qualifier === "vague" && r.high === null)) {
        bars.x0.push(x); bars.x1.push(x); bars.colour.push(colour);
        bars.y0.push(r.low !== null ? r.low : 0); bars.y1.push(r.high !== null ? r.high : top);
      }
    }
    const legend = [...colours].map(([name, colour]) => [name, colour]);
    if (others) legend.push(["other sources", OTHER_COLOUR]);
    return { points, bars, legend };
  }

  /** A Bokeh figure of the estimates (one renderer for all points); hover previews one, a tap opens its evidence. */
  function chartOf(rows, params, useGl) {
    const fig = Bokeh.Plotting.figure({
      x_axis_type: "datetime", y_axis_type: params.scale === "log" ? "log" : "linear",
      x_axis_label: "statement date", y_axis_label: measure, width: Math.max(chart.clientWidth, 400), height: 540,
      tools: "pan,wheel_zoom,box_zoom,reset,save", output_backend: useGl ? "webgl" : "canvas",
    });
    const { points, bars, legend } = columns(rows);
    if (bars.x0.length) {
      fig.segment({ field: "x0" }, { field: "y0" }, { field: "x1" }, { field: "y1" },
                  { source: new Bokeh.ColumnDataSource({ data: bars }), line_color: { field: "colour" },
                    line_alpha: 0.45, line_width: 2 });
    }
    const source = new Bokeh.ColumnDataSource({ data: points });
    const renderer = fig.scatter({ field: "x" }, { field: "y" }, {
      source, marker: { field: "marker" }, size: 10, line_color: { field: "colour" }, line_width: 1.5,
      fill_color: { field: "colour" }, fill_alpha: { field: "fill_alpha" } });
    // The hover tool emits "inspect" on the source, then sets the indices under the cursor.
    source.inspect.connect(() => setTimeout(() => {
      const [i] = source.inspected.indices;
      if (i !== undefined) preview(source.data.claim_id[i]).catch((e) => showError(error, e));
    }));
    source.selected.change.connect(() => {
      const [i] = source.selected.indices;
      if (i !== undefined) openEvidence(source.data.claim_id[i]);
    });
    // Tooltip values are shown as text (no "{safe}" formatter): article strings never become markup.
    fig.add_tools(new Bokeh.HoverTool({ renderers: [renderer], tooltips: [["figure", "@label"],
      ["stated on", "@date"], ["source", "@source"], ["outlets", "@outlets"], ["hedged", "@hedged"]] }));
    fig.add_tools(new Bokeh.TapTool({ renderers: [renderer] }));
    const swatches = legend.map(([name, colour]) => el("span", { class: "swatch" },
      el("i", { style: `background:${colour}` }), name));
    return { fig, renderer, legend: swatches };
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

  async function draw(prefetched) {
    showError(error, null);
    const params = Object.fromEntries(new FormData(form));
    setPageParams({ measure, ...params });
    const started = performance.now();
    const page = await (prefetched || fetchTimeline(measure, params));
    const fetched = performance.now();
    const names = Object.keys(page.columns);
    page.rows = page.columns[names[0]].map((_, i) => Object.fromEntries(names.map((n) => [n, page.columns[n][i]])));
    const dated = page.rows.filter((r) => r.stated_on);
    const useGl = dated.length > WEBGL_POINTS;
    const { fig, renderer, legend } = chartOf(dated, params, useGl);
    document.getElementById("sources").replaceChildren(...legend);
    const built = performance.now();
    chart.replaceChildren();
    view = await Bokeh.Plotting.show(fig, chart);
    shown = { fig, renderer };
    const undated = page.rows.length - dated.length;
    document.getElementById("summary").textContent =
      `${dated.length.toLocaleString("en-US")} estimate(s) of “${measure}” drawn` +
      (undated ? `; ${undated} undated not shown` : "") + (page.has_more ? `; the first ${CHART_ROWS} only` : "");
    // For the browser tests and bench/serve.py: when the chart was drawn, in ms since navigation start.
    const drawnAt = performance.now();
    window.ctTimeline = { points: dated.length, drawnAt, webgl: useGl, sources: legend.length, pointAt,
                          steps: { requested: started, fetched, built, drawn: drawnAt } };
  }

  async function openEvidence(claimId) {
    try {
      const claim = await preview(claimId);
      if (claim) location.assign(CT.evidenceHref(claim));
    } catch (e) { showError(error, e); }
  }

  /** Where estimate ``i`` is drawn, in page pixels (for the browser tests). */
  function pointAt(i) {
    const views = Array.isArray(view) ? view : [view];
    const plot = views[0];
    const data = shown.renderer.data_source.data;
    const box = plot.canvas_view.el.getBoundingClientRect();
    return { x: box.left + plot.frame.x_scale.compute(data.x[i]), y: box.top + plot.frame.y_scale.compute(data.y[i]),
             claim_id: data.claim_id[i] };
  }

  async function init() {
    for (const [k, v] of Object.entries(given)) if (form.elements[k]) form.elements[k].value = v;
    const measures = await early.measures;
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
    await draw(early.timeline);
  }

  window.addEventListener("DOMContentLoaded", () => {
    form = document.getElementById("filters");
    chart = document.getElementById("chart");
    panel = document.getElementById("panel");
    error = document.getElementById("error");
    form.addEventListener("submit", (ev) => { ev.preventDefault(); draw().catch((e) => showError(error, e)); });
    init().catch((e) => showError(error, e));
  });
})();
