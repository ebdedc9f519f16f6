import React from 'react';
import { StyleSheet, Text, View } from 'react-native';

import { colors, font, radius, space } from '../theme';

/** A titled white panel; screens are a column of these. */
export function Card({
  title,
  children,
  testID,
}: {
  title?: string;
  children: React.ReactNode;
  testID?: string;
}) {
  return (
    <View style={styles.card} testID={testID}>
      {title ? <Text style={styles.title}>{title}</Text> : null}
      {children}
    </View>
  );
}

const styles = StyleSheet.create({
  card: {
    backgroundColor: colors.surface,
    borderRadius: radius,
    borderWidth: StyleSheet.hairlineWidth,
    borderColor: colors.border,
    padding: space.l,
    marginBottom: space.m,
    gap: space.s,
  },
  title: { fontSize: font.heading, fontWeight: '600', color: colors.text, marginBottom: space.xs },
});
