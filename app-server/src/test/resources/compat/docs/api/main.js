// fazt.storage.ds: insert/find/findOne/update/delete/count with the query operators.
var ds = fazt.storage.ds;
var op = request.query.op;
if (op === "seed") {
  ds.insert("todos", { id: "t1", title: "write", done: false, prio: 1, tags: ["a"] });
  ds.insert("todos", { id: "t2", title: "test", done: true, prio: 3, tags: ["b"] });
  var id = ds.insert("todos", { title: "ship", done: false, prio: 2, owner: { name: "ada" } });
  respond({ generated: typeof id === "string" && id.length > 0 })
} else if (op === "query") {
  respond({
    open: ds.find("todos", { done: false }, { sort: "prio", order: "asc" }).map(function (d) { return d.title; }),
    high: ds.count("todos", { prio: { $gte: 2 } }),
    either: ds.count("todos", { $or: [{ title: "write" }, { title: "test" }] }),
    nested: ds.findOne("todos", { "owner.name": "ada" }).title,
    byId: ds.findOne("todos", "t1").title,
    inList: ds.count("todos", { prio: { $in: [1, 3] } }),
    hasOwner: ds.count("todos", { owner: { $exists: true } })
  })
} else if (op === "update") {
  var n = ds.update("todos", { id: "t1" }, { $set: { done: true }, $inc: { prio: 10 } });
  var t1 = ds.findOne("todos", "t1");
  respond({ matched: n, done: t1.done, prio: t1.prio, hasStamps: t1._createdAt > 0 && t1._updatedAt >= t1._createdAt })
} else if (op === "delete") {
  respond({ deleted: ds["delete"]("todos", { done: true }), left: ds.count("todos") })
}
