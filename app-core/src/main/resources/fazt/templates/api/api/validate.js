// Checks an item sent by a client; returns {error, field} for the first problem, or null.
exports.checkItem = function (body, creating) {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    return { error: "send a JSON object like {\"title\": \"Buy milk\"}", field: null };
  }
  if (creating || body.title !== undefined) {
    if (typeof body.title !== "string" || body.title.trim() === "") return { error: "title is required", field: "title" };
    if (body.title.length > 200) return { error: "title is longer than 200 characters", field: "title" };
  }
  if (body.done !== undefined && typeof body.done !== "boolean") return { error: "done must be true or false", field: "done" };
  return null;
};
