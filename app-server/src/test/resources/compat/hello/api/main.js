// The reference's first example: respond() with an object.
if (request.path === '/api/hello') {
  respond({ message: "Hello", time: Date.now() })
} else {
  respond(404, { error: "no route " + request.path })
}
