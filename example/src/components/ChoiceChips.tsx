import React from 'react';
import { Pressable, StyleSheet, Text, View } from 'react-native';

import { colors, font, space } from '../theme';

export type Choice<K extends string> = { key: K; label: string };

type Props<K extends string> = {
  label: string;
  choices: Choice<K>[];
  selected: K | null;
  onSelect(key: K): void;
  /** Each chip's testID is `${testID}-${key}`. */
  testID: string;
};

/** A labelled picker: one chip per choice, the selected one filled. */
export function ChoiceChips<K extends string>(props: Props<K>) {
  const { label, choices, selected, onSelect, testID } = props;
  return (
    <View style={styles.field}>
      <Text style={styles.label}>{label}</Text>
      <View style={styles.chips} accessibilityRole="radiogroup">
        {choices.map(choice => {
          const on = choice.key === selected;
          return (
            <Pressable
              key={choice.key}
              onPress={() => onSelect(choice.key)}
              accessibilityRole="radio"
              accessibilityState={{ selected: on }}
              testID={`${testID}-${choice.key}`}
              style={[styles.chip, on && styles.selected]}
            >
              <Text style={[styles.text, on && styles.selectedText]}>{choice.label}</Text>
            </Pressable>
          );
        })}
      </View>
    </View>
  );
}

const styles = StyleSheet.create({
  field: { gap: space.xs },
  label: { fontSize: font.small, color: colors.muted, fontWeight: '500' },
  chips: { flexDirection: 'row', flexWrap: 'wrap', gap: space.xs },
  chip: {
    borderRadius: 999,
    borderWidth: 1,
    borderColor: colors.border,
    backgroundColor: colors.background,
    paddingHorizontal: space.m,
    paddingVertical: space.xs + 2,
  },
  selected: { backgroundColor: colors.primary, borderColor: colors.primary },
  text: { fontSize: font.small, color: colors.text },
  selectedText: { color: colors.surface, fontWeight: '600' },
});
