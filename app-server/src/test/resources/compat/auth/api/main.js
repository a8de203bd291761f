// fazt.auth without a signed-in user.
respond({
  user: fazt.auth.getUser(),
  loggedIn: fazt.auth.isLoggedIn(),
  owner: fazt.auth.isOwner(),
  admin: fazt.auth.isAdmin(),
  role: fazt.auth.hasRole("user"),
  login: fazt.auth.getLoginURL("/after"),
  logout: fazt.auth.getLogoutURL()
})
