import React from 'react';
import { StyleSheet, Text, View } from 'react-native';
import type { SmileIdError } from 'react-native-smileid-rs';

import { colors, font, radius, space } from '../theme';

/** A SmileIdError as the package gives it: stable code, the wrong field, the message. */
export function ErrorBox({ error }: { error: SmileIdError }) {
  return (
    <View style={styles.box} testID="error" accessibilityRole="alert">
      <Text style={styles.code}>{error.code}</Text>
      {error.field ? <Text style={styles.detail}>field: {error.field}</Text> : null}
      {error.apiCode ? (
        <Text style={styles.detail}>
          Smile ID code {error.apiCode}
          {error.httpStatus ? ` (HTTP ${error.httpStatus})` : ''}
        </Text>
      ) : null}
      <Text style={styles.message}>{error.message}</Text>
    </View>
  );
}

const styles = StyleSheet.create({
  box: {
    backgroundColor: colors.dangerSoft,
    borderRadius: radius,
    borderLeftWidth: 4,
    borderLeftColor: colors.danger,
    padding: space.m,
    marginBottom: space.m,
    gap: space.xs,
  },
  code: { fontFamily: 'monospace', fontSize: font.body, fontWeight: '700', color: colors.danger },
  detail: { fontFamily: 'monospace', fontSize: font.small, color: colors.danger },
  message: { fontSize: font.small, color: colors.text },
});
