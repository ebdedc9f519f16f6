import React from 'react';
import { ScrollView, StyleSheet, Text } from 'react-native';

import { colors, font, space } from '../theme';

/** A scrolling page with a short explanation at the top. */
export function Screen({ intro, children }: { intro: string; children: React.ReactNode }) {
  return (
    <ScrollView contentContainerStyle={styles.content} keyboardShouldPersistTaps="handled">
      <Text style={styles.intro}>{intro}</Text>
      {children}
    </ScrollView>
  );
}

const styles = StyleSheet.create({
  content: { padding: space.l, paddingBottom: space.xl * 2 },
  intro: { fontSize: font.small, color: colors.muted, lineHeight: 19, marginBottom: space.m },
});
