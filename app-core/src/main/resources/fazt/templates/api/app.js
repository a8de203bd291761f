const list = document.getElementById("items");
const error = document.getElementById("error");

async function call(method, path, body) {
  const res = await fetch(path, {
    method,
    headers: body ? { "Content-Type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = res.status === 204 ? null : await res.json();
  if (!res.ok) throw new Error(data && data.error ? data.error : res.statusText);
  return data;
}

function show(message) {
  error.textContent = message || "";
  error.hidden = !message;
}

async function load() {
  const items = await call("GET", "api/items");
  list.replaceChildren(...items.map((item) => {
    const li = document.createElement("li");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.checked = item.done;
    box.onchange = () => call("PUT", "api/items/" + item.id, { done: box.checked }).then(load, (e) => show(e.message));
    const title = document.createElement("span");
    title.textContent = item.title;
    const remove = document.createElement("button");
    remove.textContent = "Delete";
    remove.className = "quiet";
    remove.onclick = () => call("DELETE", "api/items/" + item.id).then(load, (e) => show(e.message));
    li.append(box, title, remove);
    return li;
  }));
}

document.getElementById("add").addEventListener("submit", async (e) => {
  e.preventDefault();
  const input = e.target.elements.title;
  try {
    await call("POST", "api/items", { title: input.value });
    input.value = "";
    show("");
    await load();
  } catch (err) {
    show(err.message);
  }
});

load().catch((e) => show(e.message));
