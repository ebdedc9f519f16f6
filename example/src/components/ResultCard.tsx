import React, { useState } from 'react';
import { Pressable, ScrollView, StyleSheet, Text, View } from 'react-native';
import type { JobResult } from 'react-native-smileid-rs';

import { outcome } from '../outcome';
import { colors, font, radius, space } from '../theme';
import { Badge } from './Badge';
import { Card } from './Card';
import { KeyValue } from './KeyValue';

/** A job's typed result fields, with the whole job_status JSON one tap away. */
export function ResultCard({ result }: { result: JobResult }) {
  const [showJson, setShowJson] = useState(false);
  const verdict = outcome(result);
  return (
    <Card title="Result" testID="result">
      <Badge label={verdict.label} tone={verdict.tone} />
      <View>
        <KeyValue label="ResultCode" value={result.ResultCode} />
        <KeyValue label="ResultText" value={result.ResultText ?? result.resultMessage} />
        <KeyValue label="ResultType" value={result.ResultType} />
        <KeyValue label="SmileJobID" value={result.SmileJobID} />
        <KeyValue label="ConfidenceValue" value={result.ConfidenceValue} />
        <KeyValue label="Country" value={result.Country} />
        <KeyValue label="IDType" value={result.IDType} />
        <KeyValue label="FullName" value={result.FullName} />
        <KeyValue label="DOB" value={result.DOB} />
        <KeyValue label="job_id" value={result.jobId} />
        <KeyValue label="user_id" value={result.userId} />
        <KeyValue label="status code" value={result.code} />
      </View>
      {result.Actions ? (
        <View>
          <Text style={styles.subheading}>Actions</Text>
          {Object.entries(result.Actions)
            .filter(([, value]) => value !== 'Not Applicable')
            .map(([action, value]) => (
              <KeyValue key={action} label={action.replace(/_/g, ' ')} value={value} />
            ))}
        </View>
      ) : null}
      <Pressable
        onPress={() => setShowJson(v => !v)}
        testID="toggle-json"
        accessibilityRole="button"
      >
        <Text style={styles.toggle}>{showJson ? 'Hide raw JSON' : 'Show raw JSON'}</Text>
      </Pressable>
      {showJson ? (
        <ScrollView horizontal style={styles.jsonBox}>
          <Text style={styles.json} testID="raw-json" selectable>
            {JSON.stringify(result.json, null, 2)}
          </Text>
        </ScrollView>
      ) : null}
    </Card>
  );
}

const styles = StyleSheet.create({
  subheading: {
    fontSize: font.small,
    fontWeight: '600',
    color: colors.text,
    marginVertical: space.xs,
  },
  toggle: {
    color: colors.primary,
    fontWeight: '600',
    fontSize: font.small,
    paddingVertical: space.xs,
  },
  jsonBox: { backgroundColor: colors.code, borderRadius: radius - 4 },
  json: { fontFamily: 'monospace', fontSize: font.mono, color: colors.surface, padding: space.m },
});
