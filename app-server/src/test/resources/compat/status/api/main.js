// respond(status), respond(status, body), respond(status, body, headers), first call wins.
var q = request.query;
if (q.mode === "created") {
  respond(201, { created: true })
} else if (q.mode === "empty") {
  respond(204)
} else if (q.mode === "html") {
  respond(200, "<p>hi</p>", { "Content-Type": "text/html; charset=utf-8", "X-Custom": "yes" })
} else if (q.mode === "text") {
  respond("plain text")
} else {
  respond(418, { first: true });
  respond(200, { second: true })
}
