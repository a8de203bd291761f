package fazt.server.admin;

/** What an endpoint returns for a listing: the admin API answers {@code {"data": data, "meta": meta}}. */
record Paged(Object data, Object meta) {}
