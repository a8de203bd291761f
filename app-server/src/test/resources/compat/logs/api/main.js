// console.* and fazt.log.* go to the app's log.
console.log("console log line", { n: 1 });
console.warn("console warn line");
fazt.log.info("fazt info line");
fazt.log.error("fazt error line");
respond({ logged: 4 })
