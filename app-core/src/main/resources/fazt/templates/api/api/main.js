// The API of {{name}}: a list of items kept in fazt.storage.ds (documents).
//   GET    /api/items        the items, newest first
//   POST   /api/items        {title, done?} -> 201 with the new item
//   GET    /api/items/:id    one item
//   PUT    /api/items/:id    {title?, done?} -> the item as stored
//   DELETE /api/items/:id    -> 204
// Bad input answers 400 {"error", "field"}; a missing item 404; another method 405.
const { checkItem } = require("./validate");

const ITEMS = "items";
const db = fazt.storage.ds;
const parts = request.path.replace(/^\/api\/?/, "").split("/").filter(Boolean);

function fail(status, error, field) {
  return respond(status, field ? { error, field } : { error });
}

function route() {
  if (parts[0] !== "items" || parts.length > 2) return fail(404, "no such endpoint: " + request.path);
  const id = parts[1];
  if (!id) {
    if (request.method === "GET") return respond(db.find(ITEMS, {}, { limit: 200 }));
    if (request.method === "POST") {
      const problem = checkItem(request.body, true);
      if (problem) return fail(400, problem.error, problem.field);
      const newId = db.insert(ITEMS, { title: request.body.title.trim(), done: request.body.done === true });
      fazt.log.info("added item " + newId);
      return respond(201, db.findOne(ITEMS, newId));
    }
    return fail(405, "use GET or POST on /api/items");
  }
  const item = db.findOne(ITEMS, id);
  if (!item) return fail(404, "no item " + id);
  if (request.method === "GET") return respond(item);
  if (request.method === "PUT") {
    const problem = checkItem(request.body, false);
    if (problem) return fail(400, problem.error, problem.field);
    const changes = {};
    if (request.body.title !== undefined) changes.title = request.body.title.trim();
    if (request.body.done !== undefined) changes.done = request.body.done;
    if (Object.keys(changes).length === 0) return fail(400, "send title or done to change", null);
    db.update(ITEMS, { id }, { $set: changes });
    return respond(db.findOne(ITEMS, id));
  }
  if (request.method === "DELETE") {
    db.delete(ITEMS, { id });
    return respond(204);
  }
  return fail(405, "use GET, PUT or DELETE on /api/items/" + id);
}

route();
