// require() of api/ modules, with and without .js, cached per request.
var math = require('./lib/math');
var again = require('./lib/math.js');
var counter = require('./counter');
counter.bump();
respond({ sum: math.add(2, 3), same: math === again, count: require('./counter').count })
