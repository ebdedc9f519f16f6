jest.mock('react-native-smileid-rs', () => require('react-native-smileid-rs/jest'));
