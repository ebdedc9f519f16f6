import React from 'react';
import { Pressable, StyleSheet, Text, View } from 'react-native';

import { colors, font, space } from '../theme';

type Props<T extends string> = {
  tabs: { key: T; label: string }[];
  current: T;
  onSelect(key: T): void;
};

/** The row of screen names at the bottom of the app. */
export function TabBar<T extends string>({ tabs, current, onSelect }: Props<T>) {
  return (
    <View style={styles.bar} accessibilityRole="tablist">
      {tabs.map(tab => {
        const selected = tab.key === current;
        return (
          <Pressable
            key={tab.key}
            style={styles.tab}
            onPress={() => onSelect(tab.key)}
            accessibilityRole="tab"
            accessibilityState={{ selected }}
            testID={`tab-${tab.key}`}
          >
            <View style={[styles.marker, selected && styles.markerSelected]} />
            <Text style={[styles.label, selected && styles.selected]}>{tab.label}</Text>
          </Pressable>
        );
      })}
    </View>
  );
}

const styles = StyleSheet.create({
  bar: {
    flexDirection: 'row',
    backgroundColor: colors.surface,
    borderTopWidth: StyleSheet.hairlineWidth,
    borderTopColor: colors.border,
    paddingBottom: space.s,
  },
  tab: { flex: 1, alignItems: 'center', gap: space.s, paddingHorizontal: 2 },
  marker: { height: 3, alignSelf: 'stretch', marginHorizontal: space.m, borderRadius: 2 },
  markerSelected: { backgroundColor: colors.primary },
  // Six tabs share a phone's width: two short lines at most.
  label: { fontSize: font.tab, color: colors.muted, fontWeight: '500', textAlign: 'center' },
  selected: { color: colors.primary, fontWeight: '700' },
});
