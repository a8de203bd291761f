// fazt.private: server-only files of the app.
respond({
  text: fazt["private"].read("notes.txt"),
  config: fazt["private"].readJSON("config.json"),
  missing: fazt["private"].read("nope.txt") === undefined,
  missingJSON: fazt["private"].readJSON("nope.json"),
  exists: fazt["private"].exists("config.json"),
  list: fazt["private"].list()
})
