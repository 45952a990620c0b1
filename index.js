// n8n finds this package's node and credential through the "n8n" section of package.json;
// nothing is exported here.
module.exports = {};
