// Add articles: upload files, then follow their ingest until they are in the ledger.
"use strict";
(() => {
  const { el, showError } = CT;
  const form = document.getElementById("form");
  const input = document.getElementById("files");
  const drop = document.getElementById("drop");
  const error = document.getElementById("error");
  // How often the page asks for progress while a job runs.
  const POLL_MS = 400;

  async function send(files) {
    showError(error, null);
    if (!files.length) { showError(error, "choose one or more article files first"); return; }
    const body = new FormData();
    for (const f of files) body.append("files", f, f.name);
    const response = await fetch("/api/uploads", { method: "POST", body, credentials: "same-origin" });
    const job = await response.json().catch(() => ({ error: `upload failed (${response.status})` }));
    if (!response.ok) throw new Error(job.error || `upload failed (${response.status})`);
    document.getElementById("job").hidden = false;
    await follow(job.id);
  }

  async function follow(id) {
    const status = document.getElementById("status");
    const bar = document.getElementById("progress");
    for (;;) {
      const job = await CT.api(`/api/uploads/${encodeURIComponent(id)}`);
      bar.max = Math.max(job.total, 1);
      bar.value = job.done;
      status.textContent = `${job.state}: ${job.done} of ${job.total} document(s)`;
      if (job.state === "done" || job.state === "failed") {
        status.textContent = job.state === "failed" ? `failed: ${job.error}` :
          `done: ${job.added} added, ${job.skipped} already in the ledger, ${job.failures.length} failed`;
        document.getElementById("results").replaceChildren(
          ...job.files.map((f) => el("li", {}, f)),
          ...job.failures.map((f) => el("li", { class: "failed" }, `${f.doc}: ${f.error}`)),
          el("li", {}, el("a", { href: "/claims?sort=-stored" }, "see the newest claims →")));
        status.dataset.state = job.state;
        return job;
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }

  form.addEventListener("submit", (ev) => { ev.preventDefault(); send([...input.files]).catch((e) => showError(error, e)); });
  drop.addEventListener("dragover", (ev) => { ev.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (ev) => {
    ev.preventDefault(); drop.classList.remove("over");
    send([...ev.dataTransfer.files]).catch((e) => showError(error, e));
  });
})();
