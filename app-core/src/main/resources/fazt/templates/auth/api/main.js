// The API of {{name}}: each signed-in person keeps their own notes (fazt.storage.ds, one document
// per note with the owner's user id).
//   GET    /api/me           who is signed in
//   GET    /api/notes        your notes, newest first
//   POST   /api/notes        {text} -> 201 with the new note
//   DELETE /api/notes/:id    -> 204 (only your own notes)
// Nobody signed in: 401 with the sign-in link. Bad input: 400 {"error", "field"}.
const NOTES = "notes";
const db = fazt.storage.ds;
const user = fazt.auth.getUser();
const parts = request.path.replace(/^\/api\/?/, "").split("/").filter(Boolean);

function fail(status, error, extra) {
  return respond(status, Object.assign({ error }, extra || {}));
}

function route() {
  if (!user) return fail(401, "sign in first", { login: fazt.auth.getLoginURL("/") });
  if (parts[0] === "me" && parts.length === 1) return respond(user);
  if (parts[0] !== "notes" || parts.length > 2) return fail(404, "no such endpoint: " + request.path);
  const id = parts[1];
  if (!id) {
    if (request.method === "GET") return respond(db.find(NOTES, { owner: user.id }, { limit: 500 }));
    if (request.method === "POST") {
      const text = request.body && request.body.text;
      if (typeof text !== "string" || text.trim() === "") return fail(400, "text is required", { field: "text" });
      if (text.length > 2000) return fail(400, "text is longer than 2000 characters", { field: "text" });
      const newId = db.insert(NOTES, { owner: user.id, text: text.trim() });
      return respond(201, db.findOne(NOTES, newId));
    }
    return fail(405, "use GET or POST on /api/notes");
  }
  if (request.method !== "DELETE") return fail(405, "use DELETE on /api/notes/" + id);
  // the owner is part of the query, so nobody can delete another person's note
  if (db.delete(NOTES, { id, owner: user.id }) === 0) return fail(404, "you have no note " + id);
  return respond(204);
}

route();
