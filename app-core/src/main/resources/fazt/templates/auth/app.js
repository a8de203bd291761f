const $ = (id) => document.getElementById(id);

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
  $("error").textContent = message || "";
  $("error").hidden = !message;
}

async function loadNotes() {
  const notes = await call("GET", "/api/notes");
  $("notes").replaceChildren(...notes.map((note) => {
    const li = document.createElement("li");
    const text = document.createElement("span");
    text.textContent = note.text;
    const remove = document.createElement("button");
    remove.textContent = "Delete";
    remove.className = "link";
    remove.onclick = () => call("DELETE", "/api/notes/" + note.id).then(loadNotes, (e) => show(e.message));
    li.append(text, remove);
    return li;
  }));
}

async function start() {
  const session = await (await fetch("/auth/session")).json();
  if (!session.authenticated) {
    $("sign-in").href = "/auth/login?app={{name}}&redirect=" + encodeURIComponent(location.href);
    $("signed-out").hidden = false;
    return;
  }
  $("who").textContent = session.user.name || session.user.email;
  $("signed-in").hidden = false;
  await loadNotes();
}

$("add").addEventListener("submit", async (e) => {
  e.preventDefault();
  const input = e.target.elements.text;
  try {
    await call("POST", "/api/notes", { text: input.value });
    input.value = "";
    show("");
    await loadNotes();
  } catch (err) {
    show(err.message);
  }
});

$("sign-out").addEventListener("click", async () => {
  await fetch("/auth/logout", { method: "POST" });
  location.reload();
});

start().catch((e) => show(e.message));
