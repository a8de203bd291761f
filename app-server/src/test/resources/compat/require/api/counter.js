var count = 0;
module.exports = { bump: function () { count++; module.exports.count = count; }, count: 0 };
