import React from 'react';
import { StyleSheet, Text, View } from 'react-native';
import type { ProgressEvent } from 'react-native-smileid-rs';

import { colors, font, space } from '../theme';
import { Card } from './Card';

const STEPS: { type: ProgressEvent['type']; label: string }[] = [
  { type: 'authenticating', label: 'Authenticating' },
  { type: 'preparing', label: 'Preparing the upload' },
  { type: 'uploading', label: 'Uploading images' },
  { type: 'polling', label: 'Waiting for the result' },
  { type: 'done', label: 'Done' },
];

/** The live progress of one job, from the package's progress events. */
export function ProgressSteps({ events }: { events: ProgressEvent[] }) {
  if (events.length === 0) return null;
  const last = events[events.length - 1];
  const reached = STEPS.findIndex(s => s.type === last.type);
  const upload = [...events].reverse().find(e => e.type === 'uploading');
  const percent = upload && upload.type === 'uploading' ? upload.percent : 0;
  return (
    <Card title="Progress" testID="progress">
      {STEPS.map((step, i) => {
        const state =
          i < reached || last.type === 'done' ? 'done' : i === reached ? 'current' : 'todo';
        return (
          <View key={step.type} style={styles.step}>
            <View style={[styles.dot, styles[state]]}>
              <Text style={styles.dotMark}>{state === 'done' ? '✓' : ''}</Text>
            </View>
            <Text style={[styles.label, state === 'todo' && styles.todoLabel]}>
              {step.label}
              {step.type === 'uploading' && percent > 0 ? `  ${percent}%` : ''}
            </Text>
          </View>
        );
      })}
      <View style={styles.track}>
        <View style={[styles.bar, { width: `${percent}%` }]} />
      </View>
    </Card>
  );
}

const styles = StyleSheet.create({
  step: { flexDirection: 'row', alignItems: 'center', gap: space.m },
  dot: { width: 20, height: 20, borderRadius: 10, alignItems: 'center', justifyContent: 'center' },
  dotMark: { color: colors.surface, fontSize: 12, fontWeight: '700' },
  done: { backgroundColor: colors.success },
  current: { backgroundColor: colors.primary },
  todo: { backgroundColor: colors.border },
  label: { fontSize: font.body, color: colors.text },
  todoLabel: { color: colors.muted },
  track: { height: 6, borderRadius: 3, backgroundColor: colors.border, marginTop: space.s },
  bar: { height: 6, borderRadius: 3, backgroundColor: colors.primary },
});
