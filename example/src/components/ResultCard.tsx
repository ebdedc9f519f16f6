import React, { useState } from 'react';
import { Pressable, ScrollView, StyleSheet, Text, View } from 'react-native';
import type { EnhancedKycResult, JobResult } from 'react-native-smileid-rs';

import { outcome } from '../outcome';
import { colors, font, radius, space } from '../theme';
import { Badge } from './Badge';
import { Card } from './Card';
import { KeyValue } from './KeyValue';

type Field = [label: string, value: string | undefined];

/** A tag job's typed fields (the ID ones on Biometric KYC and the document jobs only). */
function jobFields(result: JobResult): Field[] {
  return [
    ['ResultCode', result.ResultCode],
    ['ResultText', result.ResultText ?? result.resultMessage],
    ['ResultType', result.ResultType],
    ['SmileJobID', result.SmileJobID],
    ['ConfidenceValue', result.ConfidenceValue],
    ['Country', result.Country],
    ['IDType', result.IDType],
    ['IDNumber', result.IDNumber],
    ['FullName', result.FullName],
    ['DOB', result.DOB],
    ['ExpirationDate', result.ExpirationDate],
    ['job_id', result.jobId],
    ['user_id', result.userId],
    ['status code', result.code],
  ];
}

/** Enhanced KYC's typed fields: what the ID authority returned. */
function enhancedKycFields(result: EnhancedKycResult): Field[] {
  return [
    ['ResultCode', result.ResultCode],
    ['ResultText', result.ResultText],
    ['SmileJobID', result.SmileJobID],
    ['Country', result.Country],
    ['IDType', result.IDType],
    ['IDNumber', result.IDNumber],
    ['FullName', result.FullName],
    ['DOB', result.DOB],
    ['ExpirationDate', result.ExpirationDate],
    ['job_id', result.jobId],
    ['user_id', result.userId],
  ];
}

/** A job's typed result fields, with the whole answer's JSON one tap away. */
export function ResultCard({ result }: { result: JobResult | EnhancedKycResult }) {
  const [showJson, setShowJson] = useState(false);
  const verdict = outcome(result);
  const fields = 'verified' in result ? enhancedKycFields(result) : jobFields(result);
  return (
    <Card title="Result" testID="result">
      <Badge label={verdict.label} tone={verdict.tone} />
      <View>
        {fields.map(([label, value]) => (
          <KeyValue key={label} label={label} value={value} />
        ))}
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
