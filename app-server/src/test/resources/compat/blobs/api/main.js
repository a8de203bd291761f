// fazt.storage.s3: put/get/list/delete.
var s3 = fazt.storage.s3;
var op = request.query.op;
if (op === "put") {
  s3.put("notes/hello.txt", "hello blob", "text/plain");
  s3.put("notes/bytes.bin", new Uint8Array([1, 2, 3, 255]));
  respond({ ok: true })
} else if (op === "get") {
  var b = s3.get("notes/hello.txt");
  var bin = s3.get("notes/bytes.bin");
  respond({ data: b.data, mime: b.mime, size: b.size, hashLength: b.hash.length, missing: s3.get("nope"), bytes: bin.data })
} else if (op === "list") {
  respond(s3.list("notes/").map(function (x) { return x.path + ":" + x.size; }))
} else if (op === "delete") {
  s3["delete"]("notes/hello.txt");
  respond({ gone: s3.get("notes/hello.txt") === null })
}
