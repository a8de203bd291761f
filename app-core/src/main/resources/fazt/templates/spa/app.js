// A small client-side router: links marked data-link change the page without a reload, and the
// server answers every extensionless path with index.html ("spa": true in manifest.json), so a
// reload or a shared link to /about lands on the right view.
const routes = [
  { path: /^\/$/, view: () => `
      <h1>{{name}}</h1>
      <p>A single-page app. Views live in <code>app.js</code>; add a route to add a page.</p>` },
  { path: /^\/about$/, view: () => `
      <h1>About</h1>
      <p>Reload this page: the server sends <code>index.html</code> and the router shows this view again.</p>` },
  { path: /^\/items\/([\w-]+)$/, view: (id) => `
      <h1>Item ${escapeHtml(id)}</h1>
      <p>Route parameters come from the path: <code>/items/:id</code>.</p>` },
];

function escapeHtml(s) {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

function render() {
  const path = location.pathname;
  const view = document.getElementById("view");
  const route = routes.find((r) => r.path.test(path));
  view.innerHTML = route ? route.view(...path.match(route.path).slice(1))
    : `<h1>Not found</h1><p>No view for <code>${escapeHtml(path)}</code>.</p>`;
  for (const a of document.querySelectorAll("nav a")) {
    a.toggleAttribute("aria-current", a.getAttribute("href") === path);
    if (a.hasAttribute("aria-current")) a.setAttribute("aria-current", "page");
  }
}

document.addEventListener("click", (e) => {
  const link = e.target.closest("a[data-link]");
  if (!link || e.metaKey || e.ctrlKey || e.shiftKey) return;
  e.preventDefault();
  history.pushState(null, "", link.getAttribute("href"));
  render();
});
window.addEventListener("popstate", render);
render();
