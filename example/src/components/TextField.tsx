import React from 'react';
import { StyleSheet, Text, TextInput, View } from 'react-native';

import { colors, font, radius, space } from '../theme';

type Props = {
  label: string;
  value: string;
  onChangeText(text: string): void;
  testID?: string;
  keyboardType?: 'default' | 'number-pad';
};

/** A labelled one-line input. */
export function TextField({ label, value, onChangeText, testID, keyboardType = 'default' }: Props) {
  return (
    <View style={styles.field}>
      <Text style={styles.label}>{label}</Text>
      <TextInput
        style={styles.input}
        value={value}
        onChangeText={onChangeText}
        testID={testID}
        autoCapitalize="none"
        autoCorrect={false}
        keyboardType={keyboardType}
      />
    </View>
  );
}

const styles = StyleSheet.create({
  field: { flexGrow: 1, flexBasis: 120, gap: space.xs },
  label: { fontSize: font.small, color: colors.muted, fontWeight: '500' },
  input: {
    borderWidth: 1,
    borderColor: colors.border,
    borderRadius: radius - 2,
    paddingHorizontal: space.m,
    paddingVertical: space.s,
    fontSize: font.body,
    color: colors.text,
    backgroundColor: colors.background,
  },
});
