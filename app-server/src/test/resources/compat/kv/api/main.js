// fazt.storage.kv: set/get/delete/list, with a TTL.
var kv = fazt.storage.kv;
var op = request.query.op;
if (op === "set") {
  kv.set("user:1", { name: "Ada" });
  kv.set("user:2", { name: "Linus" });
  kv.set("count", 42);
  kv.set("temp", "soon gone", 50);
  respond({ ok: true })
} else if (op === "get") {
  respond({ user: kv.get("user:1"), count: kv.get("count"), missing: kv.get("nope") === undefined, temp: kv.get("temp") === undefined ? null : kv.get("temp") })
} else if (op === "list") {
  var keys = [];
  var items = kv.list("user:");
  for (var i = 0; i < items.length; i++) keys.push(items[i].key);
  respond({ keys: keys, first: items[0].value })
} else if (op === "delete") {
  kv["delete"]("user:1");
  respond({ after: kv.get("user:1") === undefined })
}
