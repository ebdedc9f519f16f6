import React from 'react';
import { StyleSheet, Text, View } from 'react-native';

import { colors, font, space } from '../theme';

/** One labelled value of a result; nothing when the value is absent. */
export function KeyValue({
  label,
  value,
}: {
  label: string;
  value?: string | number | boolean | null;
}) {
  if (value === undefined || value === null || value === '') return null;
  return (
    <View style={styles.row}>
      <Text style={styles.key}>{label}</Text>
      <Text style={styles.value} selectable>
        {String(value)}
      </Text>
    </View>
  );
}

const styles = StyleSheet.create({
  row: { flexDirection: 'row', gap: space.m, paddingVertical: 2 },
  key: { width: 128, fontSize: font.small, color: colors.muted },
  value: { flex: 1, fontSize: font.small, color: colors.text, fontWeight: '500' },
});
