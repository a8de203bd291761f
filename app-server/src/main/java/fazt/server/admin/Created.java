package fazt.server.admin;

/** What an endpoint returns when it created something: the admin API answers a POST with it as 201. */
public record Created(Object value) {}
