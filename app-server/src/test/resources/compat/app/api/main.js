// fazt.app
respond({ name: fazt.app.name, idPrefix: fazt.app.id.substring(0, 4) })
