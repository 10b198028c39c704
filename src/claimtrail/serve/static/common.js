// Shared helpers of claimtrail's pages. Every value from the ledger is put on the
// page with textContent or as an attribute value: article text is never markup.
"use strict";

const CT = (() => {
  const NAV = [["/", "Stories"], ["/timeline", "Timeline"], ["/claims", "Claims"], ["/conflicts", "Conflicts"],
               ["/sources", "Sources"], ["/upload", "Add articles"], ["/docs", "API"]];
  // A story's views: the ledger's pages with the story filter in their address.
  const STORY_VIEWS = [["/timeline", "Timeline"], ["/claims", "Claims"], ["/conflicts", "Conflicts"],
                       ["/sources", "Sources"]];

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
    const story = pageParams().story;
    const active = (href) => (href === "/" ? here === "/" || (here.startsWith("/stories/")) || Boolean(story)
                                           : !story && here.startsWith(href));
    const links = NAV.map(([href, label]) => el("a", { href, class: active(href) ? "active" : null }, label));
    document.body.prepend(el("header", { class: "top" },
      el("span", { class: "brand" }, "claimtrail"), el("nav", {}, links)));
    if (story) storyBar(story).catch(() => {});
  }

  /** Links to a story's overview and views, the current one marked. */
  function storyViews(story, here) {
    const q = "?story=" + encodeURIComponent(story);
    const views = [[`/stories/${encodeURIComponent(story)}`, "Overview"],
                   ...STORY_VIEWS.map(([href, label]) => [href + q, label]),
                   [`/stories/${encodeURIComponent(story)}/alerts`, "Alerts"]];
    return views.map(([href, label]) =>
      el("a", { href, class: href.split("?")[0] === here ? "active" : null }, label));
  }

  /** Above a page filtered to one story: the story's title and its other views. */
  async function storyBar(story) {
    const bar = el("nav", { class: "story-bar", id: "story-bar", "aria-label": "story" },
      el("span", { class: "muted" }, "Story: "), el("strong", { id: "story-title" }, story), " ",
      storyViews(story, location.pathname), el("a", { href: "/" }, "all stories"));
    document.querySelector("main").prepend(bar);
    const page = await api("/api/stories", { story, limit: 1 });
    if (page.rows.length) document.getElementById("story-title").textContent = page.rows[0].title || story;
  }

  /** Send a change (POST, DELETE) with a JSON body; same-origin only, as the server requires. */
  async function send(method, path, body) {
    const response = await fetch(new URL(path, location.origin), {
      method, credentials: "same-origin",
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = await response.json().catch(() => ({ error: `${response.status} ${response.statusText}` }));
    if (!response.ok) throw new Error(answer.error || `request failed (${response.status})`);
    return answer;
  }

  /** Put the address's parameters into a form's fields (checkboxes ticked when "true"). */
  function fillForm(form, params) {
    for (const [k, v] of Object.entries(params)) {
      const field = form.elements[k];
      if (!field) continue;
      if (field.type === "checkbox") field.checked = v === "true";
      else field.value = v;
    }
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
      ["outlet", claim.outlet], ["language", claim.language], ["document", claim.doc], ["fact", claim.fact], ["span", claim.span.join("–")],
    ];
    return el("dl", {}, rows.filter(([, v]) => v !== null && v !== undefined && v !== "")
      .map(([k, v]) => [el("dt", {}, k), el("dd", { "data-field": k }, String(v))]));
  }

  document.addEventListener("DOMContentLoaded", header);
  return { el, api, send, showError, figure, chain, pageParams, setPageParams, fillForm, evidenceHref, claimFields,
           storyViews };
})();
