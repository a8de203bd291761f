// Echo of the request object: method, path, query, headers (lowercase), body, ip.
var h = request.headers;
respond({
  method: request.method,
  path: request.path,
  query: request.query,
  agent: h["x-test-agent"],
  type: typeof request.body,
  body: request.body,
  hasIp: typeof request.ip === "string" && request.ip.length > 0
})
