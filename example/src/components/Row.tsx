import React from 'react';
import { StyleSheet, View } from 'react-native';

import { space } from '../theme';

/** Lays its children side by side, wrapping on narrow screens. */
export function Row({ children }: { children: React.ReactNode }) {
  return <View style={styles.row}>{children}</View>;
}

const styles = StyleSheet.create({
  row: { flexDirection: 'row', flexWrap: 'wrap', gap: space.s },
});
