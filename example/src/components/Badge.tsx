import React from 'react';
import { StyleSheet, Text } from 'react-native';

import { colors, font, space } from '../theme';

export type Tone = 'success' | 'danger' | 'warning' | 'neutral';

const TONES: Record<Tone, { color: string; backgroundColor: string }> = {
  success: { color: colors.success, backgroundColor: colors.successSoft },
  danger: { color: colors.danger, backgroundColor: colors.dangerSoft },
  warning: { color: colors.warning, backgroundColor: colors.warningSoft },
  neutral: { color: colors.muted, backgroundColor: colors.background },
};

/** A short coloured status label. */
export function Badge({ label, tone }: { label: string; tone: Tone }) {
  return <Text style={[styles.badge, TONES[tone]]}>{label}</Text>;
}

const styles = StyleSheet.create({
  badge: {
    alignSelf: 'flex-start',
    overflow: 'hidden',
    borderRadius: 999,
    paddingHorizontal: space.s,
    paddingVertical: 2,
    fontSize: font.small,
    fontWeight: '600',
  },
});
