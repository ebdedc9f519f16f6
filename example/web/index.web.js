// Web entry of the example app, for screenshots only: react-native-web renders the app's own
// screens, and the package is its shipped Jest mock (build.mjs aliases both).
import { AppRegistry, Image } from 'react-native';
import { mock } from 'react-native-smileid-rs';

import App from '../src/App';
import { name } from '../app.json';

// react-native-web has no Image.resolveAssetSource; the bundler hands images over as URLs.
Image.resolveAssetSource = source => ({
  uri: typeof source === 'string' ? source : source.default,
});
// screenshots.mjs steers the mock (planned failures, incomplete jobs) through this.
window.smileidMock = mock;

AppRegistry.registerComponent(name, () => App);
AppRegistry.runApplication(name, { rootTag: document.getElementById('root') });
