// Expo config plugin entry: `"plugins": ["react-native-smileid-rs"]` in app.json.
module.exports = require('./plugin');
