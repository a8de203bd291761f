// fazt.env: owner-set variables.
respond({
  greeting: fazt.env.get("GREETING"),
  fallback: fazt.env.get("MISSING", "default"),
  has: fazt.env.has("GREETING"),
  hasNot: fazt.env.has("MISSING")
})
