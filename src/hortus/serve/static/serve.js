// hortus serve: makes the pages smoother; every page reads and acts without it.
// - A newer garden (told by /events) replaces the page's header and <main> in place: no
//   reload, the scroll position and what you are typing stay.
// - Forms marked data-hortus are sent without leaving the page; the answer is shown above.
"use strict";

(function () {
  const meta = document.querySelector('meta[name="hortus-version"]');
  let version = meta ? Number(meta.content) : 0;
  let pending = false;
  let busy = false;

  function typing() {
    const active = document.activeElement;
    return active && active.closest("main") && /^(INPUT|TEXTAREA)$/.test(active.tagName)
      && active.value !== active.defaultValue;
  }

  async function refresh() {
    if (busy) { pending = true; return; }
    if (typing()) { pending = true; return; }  // after the field loses focus
    busy = true;
    pending = false;
    try {
      if (location.pathname === "/" && await patchRows()) { return; }
      const answer = await fetch(location.pathname + location.search.replace(/([?&])said=[^&]*&?/, "$1"),
                                 { credentials: "same-origin", cache: "no-store" });
      if (answer.ok) {
        const fresh = new DOMParser().parseFromString(await answer.text(), "text/html");
        for (const selector of ["header", "#contents", "main"]) {
          const old = document.querySelector(selector);
          const now = fresh.querySelector(selector);
          if (old && now) { patch(old, now); }
        }
        const freshMeta = fresh.querySelector('meta[name="hortus-version"]');
        if (freshMeta) { version = Math.max(version, Number(freshMeta.content)); }
        document.title = fresh.title;
        document.documentElement.dataset.version = String(version);
      }
    } catch (error) {
      pending = true;  // the server is restarting or gone: the next event tries again
    } finally {
      busy = false;
      if (pending && !typing()) { refresh(); }
    }
  }

  // The garden page: ask only for the rows that changed since the version shown.
  async function patchRows() {
    try {
      const answer = await fetch("/changes?from=" + version,
                                 { credentials: "same-origin", cache: "no-store" });
      const change = answer.ok ? await answer.json() : { reload: true };
      if (change.reload) { return false; }
      const main = document.querySelector("main");
      for (const [id, edit] of Object.entries(change.sections)) {
        const section = document.getElementById(id);
        if (edit.remove) {
          if (section) { section.remove(); }
          continue;
        }
        if (edit.after !== undefined) {  // a section that was not there
          const before = edit.after === null ? null : document.getElementById(edit.after);
          if (edit.after !== null && !before) { return false; }
          main.insertBefore(parse(edit.html), before ? before.nextSibling : main.firstChild);
          continue;
        }
        if (!section) { return false; }
        if (edit.html !== undefined) {
          section.replaceWith(parse(edit.html));
          continue;
        }
        const list = section.querySelector("ul, ol");
        if (!list) { return false; }
        const rows = Array.from(list.children);
        for (const [start, end, fresh] of edit.rows.slice().reverse()) {
          for (let i = start; i < end; i++) { rows[i].remove(); }
          const next = start > 0 ? rows[start - 1].nextSibling : list.firstChild;
          list.insertBefore(parse(fresh.join("")), next);
        }
      }
      const header = document.querySelector("header");
      if (header) { header.innerHTML = change.header; }
      const contents = document.getElementById("contents");
      if (contents && change.contents) { contents.replaceWith(parse(change.contents)); }
      document.title = new DOMParser().parseFromString(
        "<title>" + change.title + "</title>", "text/html").title;
      version = Math.max(version, change.version);
      document.documentElement.dataset.version = String(version);
      return true;
    } catch (error) {
      return false;  // the whole page, then
    }
  }

  function parse(html) {
    const template = document.createElement("template");
    template.innerHTML = html;
    return template.content;
  }

  // Only what changed is replaced: a save usually changes a few rows of a few sections, and
  // the browser then lays out those rows alone, not a page of thousands.
  function patch(old, now) {
    if (old.isEqualNode(now)) { return; }
    const olds = old.children;
    const nows = now.children;
    const sameShape = olds.length === nows.length && olds.length > 0
      && old.tagName === now.tagName && sameAttributes(old, now)
      && Array.from(olds).every((child, i) => child.tagName === nows[i].tagName);
    if (!sameShape || /^(LI|P|H1|H2|FORM|SPAN|A)$/.test(old.tagName)) {
      old.replaceWith(document.adoptNode(now));
      return;
    }
    for (let i = olds.length - 1; i >= 0; i--) { patch(olds[i], nows[i]); }
  }

  function sameAttributes(a, b) {
    if (a.attributes.length !== b.attributes.length) { return false; }
    return Array.from(a.attributes).every((attr) => b.getAttribute(attr.name) === attr.value);
  }

  function listen() {
    const source = new EventSource("/events?v=" + version);
    source.addEventListener("garden", (event) => {
      if (Number(event.data) > version) { refresh(); }
    });
  }

  function say(message, refused) {
    const box = document.getElementById("said");
    if (!box) { return; }
    const line = document.createElement("p");
    line.textContent = message;
    if (refused) { line.className = "refused"; }
    box.replaceChildren(line);
  }

  document.addEventListener("submit", async (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-hortus")) { return; }
    event.preventDefault();
    const data = new FormData(form);
    if (event.submitter && event.submitter.name) {
      data.append(event.submitter.name, event.submitter.value);
    }
    const buttons = form.querySelectorAll("button");
    buttons.forEach((b) => { b.disabled = true; });
    try {
      const answer = await fetch(form.action, {
        method: "POST",
        body: new URLSearchParams(data),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      const said = await answer.json();
      say(said.message, said.refused);
      if (!said.refused && form.closest("details")) {
        form.reset();
        const once = form.querySelector('input[name="once"]');
        if (once) { once.value = crypto.randomUUID(); }
      }
    } catch (error) {
      say(String(error), true);
    } finally {
      buttons.forEach((b) => { b.disabled = false; });
    }
  });

  document.addEventListener("focusout", () => {
    if (pending) { setTimeout(() => { if (pending) { refresh(); } }, 0); }
  });

  listen();
})();
