/**
 * The example app of react-native-smileid-rs: SmartSelfie Enrollment, SmartSelfie Authentication,
 * Biometric KYC, Enhanced KYC and Document Verification against the local sandbox, and the jobs
 * of this run.
 */
import React, { useEffect, useState } from 'react';
import { Platform, StatusBar, StyleSheet, Text, View } from 'react-native';
import RnSmileId from 'react-native-smileid-rs';
import type { SmileIdError } from 'react-native-smileid-rs';

import { ErrorBox } from './components/ErrorBox';
import { TabBar } from './components/TabBar';
import { asSmileIdError } from './errors';
import { SANDBOX } from './sandbox';
import { AuthenticateScreen } from './screens/AuthenticateScreen';
import { BiometricKycScreen } from './screens/BiometricKycScreen';
import { DocumentVerificationScreen } from './screens/DocumentVerificationScreen';
import { EnhancedKycScreen } from './screens/EnhancedKycScreen';
import { EnrollScreen } from './screens/EnrollScreen';
import { JobsScreen } from './screens/JobsScreen';
import { SessionProvider } from './session';
import { colors, font, space } from './theme';

type Tab = 'enroll' | 'authenticate' | 'kyc' | 'ekyc' | 'document' | 'jobs';

const TABS: { key: Tab; label: string }[] = [
  { key: 'enroll', label: 'Enroll' },
  { key: 'authenticate', label: 'Auth' },
  { key: 'kyc', label: 'Biometric KYC' },
  { key: 'ekyc', label: 'Enhanced KYC' },
  { key: 'document', label: 'Document' },
  { key: 'jobs', label: 'Jobs' },
];

/** Room for the status bar (and the iPhone notch) above the header. */
const TOP_INSET = Platform.select({ android: StatusBar.currentHeight ?? 24, ios: 54, default: 0 });

export default function App() {
  const [tab, setTab] = useState<Tab>('enroll');
  const [configError, setConfigError] = useState<SmileIdError | null>(null);

  useEffect(() => {
    RnSmileId.configure(SANDBOX).catch(e => setConfigError(asSmileIdError(e)));
  }, []);

  // Every screen stays mounted, so switching tabs keeps a screen's capture and result.
  const screen = (key: Tab, content: React.ReactNode) => (
    <View style={[styles.screen, tab !== key && styles.hidden]} testID={`screen-${key}`}>
      {content}
    </View>
  );
  return (
    <SessionProvider>
      <View style={styles.app}>
        <StatusBar barStyle="light-content" />
        <View style={styles.header}>
          <Text style={styles.title}>Smile ID</Text>
          <Text style={styles.subtitle} testID="sandbox-url">
            Sandbox {SANDBOX.sandboxUrl} · partner {SANDBOX.partnerId}
          </Text>
        </View>
        {configError ? <ErrorBox error={configError} /> : null}
        {screen('enroll', <EnrollScreen />)}
        {screen('authenticate', <AuthenticateScreen />)}
        {screen('kyc', <BiometricKycScreen />)}
        {screen('ekyc', <EnhancedKycScreen />)}
        {screen('document', <DocumentVerificationScreen />)}
        {screen('jobs', <JobsScreen active={tab === 'jobs'} />)}
        <TabBar<Tab> tabs={TABS} current={tab} onSelect={setTab} />
      </View>
    </SessionProvider>
  );
}

const styles = StyleSheet.create({
  app: { flex: 1, backgroundColor: colors.background },
  header: {
    backgroundColor: colors.primary,
    paddingTop: TOP_INSET + space.m,
    paddingBottom: space.l,
    paddingHorizontal: space.l,
    gap: 2,
  },
  title: { color: colors.surface, fontSize: font.title, fontWeight: '700' },
  subtitle: { color: colors.primarySoft, fontSize: font.small },
  screen: { flex: 1 },
  hidden: { display: 'none' },
});
