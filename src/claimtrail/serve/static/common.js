// Shared helpers of claimtrail's pages. Every value from the ledger is put on the
// page with textContent or as an attribute value: article text is never markup.
"use strict";

const CT = (() => {
  const NAV = [["/", "Timeline"], ["/claims", "Claims"], ["/conflicts", "Conflicts"],
               ["/sources", "Sources"], ["/upload", "Add articles"], ["/docs", "API"]];

  /** An element with attributes and children (strings become text nodes). */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "class") node.className = value;
      else if (name === "text") node.textContent = value;
      else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function header() {
    const here = location.pathname;
    const links = NAV.map(([href, label]) =>
      el("a", { href, class: (href === "/" ? here === "/" : here.startsWith(href)) ? "active" : null }, label));
    document.body.prepend(el("header", { class: "top" },
      el("span", { class: "brand" }, "claimtrail"), el("nav", {}, links)));
  }

  async function api(path, params) {
    const url = new URL(path, location.origin);
    for (const [k, v] of Object.entries(params || {})) {
      if (v !== "" && v !== null && v !== undefined) url.searchParams.set(k, v);
    }
    const response = await fetch(url, { credentials: "same-origin" });
    const body = await response.json().catch(() => ({ error: `${response.status} ${response.statusText}` }));
    if (!response.ok) throw new Error(body.error || `request failed (${response.status})`);
    return body;
  }

  function showError(target, err) {
    target.textContent = err ? String(err.message || err) : "";
  }

  // One formatter for every figure: toLocaleString builds a new one per call, which
  // costs more than the rest of drawing a 10,000-point chart.
  const NUMBER = new Intl.NumberFormat("en-US");

  /** "600", "about 12,000", "more than 600", "1,000–3,000". */
  function figure(row) {
    const n = (v) => (v === null || v === undefined ? "?" : NUMBER.format(v));
    const q = row.qualifier;
    const low = row.low !== undefined ? row.low : (row.value || {}).low;
    const high = row.high !== undefined ? row.high : (row.value || {}).high;
    if (q === "range") return `${n(low)}–${n(high)}`;
    if (q === "more_than") return `more than ${n(low)}`;
    if (q === "up_to" || q === "at_most") return `${q.replace("_", " ")} ${n(high)}`;
    if (q === "vague") return low !== null ? `${n(low)}+ (vague)` : "vague";
    const prefix = { approx: "about ", nearly: "nearly ", at_least: "at least " }[q] || "";
    return prefix + n(low !== null ? low : high);
  }

  /** "outlet → speaker → source", skipping what is missing. */
  function chain(claim) {
    return [claim.outlet, claim.stated_by, claim.source].filter(Boolean).join(" → ") || "(unattributed)";
  }

  /** Query parameters of the page's URL, and a way to write them back without reloading. */
  function pageParams() { return Object.fromEntries(new URL(location.href).searchParams); }
  function setPageParams(params) {
    const url = new URL(location.href);
    url.search = "";
    for (const [k, v] of Object.entries(params)) if (v !== "" && v !== null && v !== undefined) url.searchParams.set(k, v);
    history.replaceState(null, "", url);
  }

  function evidenceHref(claim) {
    return `/documents/${encodeURIComponent(claim.document_id)}#claim-${claim.id}`;
  }

  /** A definition list of a claim's fields, for side panels. */
  function claimFields(claim) {
    const when = claim.when ? `${claim.when.start} – ${claim.when.end} ("${claim.when.text}")` : "";
    const rows = [
      ["figure", figure(claim)], ["text", claim.text], ["measure", claim.measure], ["counted", claim.counted],
      ["actor", claim.actor], ["location", claim.location], ["when", when], ["stated by", claim.stated_by],
      ["source", claim.source], ["stated on", claim.stated_on], ["hedged", claim.hedged ? "yes" : "no"],
      ["outlet", claim.outlet], ["document", claim.doc], ["fact", claim.fact], ["span", claim.span.join("–")],
    ];
    return el("dl", {}, rows.filter(([, v]) => v !== null && v !== undefined && v !== "")
      .map(([k, v]) => [el("dt", {}, k), el("dd", { "data-field": k }, String(v))]));
  }

  document.addEventListener("DOMContentLoaded", header);
  return { el, api, showError, figure, chain, pageParams, setPageParams, evidenceHref, claimFields };
})();
