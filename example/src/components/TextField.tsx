import React from 'react';
import { StyleSheet, Text, TextInput, View } from 'react-native';

import { colors, font, radius, space } from '../theme';

type Props = {
  label: string;
  value: string;
  onChangeText(text: string): void;
  testID?: string;
  keyboardType?: 'default' | 'number-pad';
  /** Shares a Row with other fields (at least 140 wide, growing to fill the line). */
  inRow?: boolean;
};

/** A labelled one-line input. */
export function TextField(props: Props) {
  const { label, value, onChangeText, testID, keyboardType = 'default', inRow } = props;
  return (
    <View style={[styles.field, inRow && styles.inRow]}>
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
  field: { gap: space.xs },
  inRow: { flexGrow: 1, flexBasis: 140 },
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
