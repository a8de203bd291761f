// The value of the last expression is the response.
function handler(req) {
  var name = req.query.name || "world";
  return { greeting: "Hello, " + name, method: req.method };
}
handler(request)
