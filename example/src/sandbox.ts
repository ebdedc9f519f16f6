/**
 * Where the app sends its jobs: the local sandbox (`npx smileid-rs sandbox serve`, port 8787) and
 * its default development partner. The Android emulator reaches the host's 127.0.0.1 as
 * 10.0.2.2; the iOS simulator shares the host's network.
 */
import { Platform } from 'react-native';
import type { Configuration } from 'react-native-smileid-rs';

export const SANDBOX = {
  partnerId: '2343',
  authToken: 'sandbox-auth-token',
  sandboxUrl: Platform.select({
    android: 'http://10.0.2.2:8787/v1',
    default: 'http://127.0.0.1:8787/v1',
  }),
} satisfies Configuration;

/**
 * Where the sandbox POSTs each job's result: `npx smileid-rs callbacks listen` (port 8790) on the
 * same host as the sandbox (the sandbox makes the request, so the host's own address serves both
 * platforms).
 */
export const CALLBACK_URL = 'http://127.0.0.1:8790/';
